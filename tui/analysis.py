"""One article analysed: its sentences, time expressions and timeline (no Textual, no Rich)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from threading import Lock

from tui.corpus import Article
from tui.temporal import Timex, extract
from tui.text import Sentence, split_sentences
from tui.timeline import Timeline, build_timeline

_CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class Analysis:
    sentences: tuple[Sentence, ...]
    timexes: tuple[Timex, ...]
    timeline: Timeline
    published: date | None


_cache: OrderedDict[tuple[str, date | None], Analysis] = OrderedDict()
_lock = Lock()


def analyze(article: Article, corrections: Callable[[list[Timex]], list[Timex]] | None = None) -> Analysis:
    """Split, tag and place one article; the result is cached per text and publication date.

    ``corrections`` (an annotator's fixes to the tagger) apply on top of the cached tagger output.
    """
    key = (article.sha256, article.published)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
    if cached is None:
        sentences = tuple(split_sentences(article.text))
        timexes = tuple(extract(article.text, article.published, sentences=sentences))
        cached = Analysis(sentences, timexes, build_timeline(timexes, sentences, article.published),
                          article.published)
        with _lock:
            _cache[key] = cached
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    if corrections is None:
        return cached
    timexes = tuple(corrections(list(cached.timexes)))
    return Analysis(cached.sentences, timexes, build_timeline(timexes, cached.sentences, cached.published),
                    cached.published)
