"""Sentences with character offsets into the original text (no Textual, no Rich)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]``, with surrounding white space left outside the span."""

    index: int
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, in order, covering every non-space character exactly once."""
    raise NotImplementedError  # being written: see the brief in the text/corpus work
