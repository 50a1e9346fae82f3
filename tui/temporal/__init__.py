"""Find and normalize time expressions (TIMEX3) in English news text.

The public interface is :func:`extract`; it never imports Textual or Rich. The rules are data in
``rules/*.yaml``; :mod:`tui.temporal.engine` applies them and :mod:`tui.temporal.resolve` holds
the value functions they name.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.temporal import engine
from tui.temporal.model import Timex

if TYPE_CHECKING:
    from tui.text import Sentence

__all__ = ["Timex", "extract"]

_CACHE: OrderedDict[tuple[int, int, str, dt.date | None], tuple[Timex, ...]] = OrderedDict()
_CACHE_SIZE = 128
_CACHE_LOCK = threading.Lock()  # extraction runs in worker threads


def extract(text: str, dct: dt.date | None = None, *,
            sentences: Sequence[Sentence] | None = None) -> list[Timex]:
    """The time expressions of ``text``, sorted by start and non-overlapping.

    Relative expressions resolve against ``dct`` (the publication date); without it they get
    underspecified values containing "X". ``sentences`` is accepted from callers that have split
    the text, but the tense of a clause is read in a local window around each expression, so the
    result is the same with or without them (and one cache entry serves both). Results are cached
    per (text, dct), so extracting the same article again costs nothing.
    """
    key = (hash(text), len(text), text[:64], dct)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return list(hit)
    del sentences  # see the docstring: results must not depend on them
    result = tuple(engine.run(engine.ruleset(), text, dct, engine.local_sentence_bounds(text)))
    with _CACHE_LOCK:
        _CACHE[key] = result
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return list(result)
