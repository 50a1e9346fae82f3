"""Find and normalize time expressions (TIMEX3) in English news text.

The public interface is :func:`extract`; it never imports Textual or Rich.
"""

from __future__ import annotations

from tui.temporal.model import Timex

__all__ = ["Timex", "extract"]


def extract(text, dct=None, *, sentences=None):  # replaced by the engine
    raise NotImplementedError
