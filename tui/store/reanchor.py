"""Find where an annotation belongs in a text that may have been edited since it was made.

The order follows hypothes.is: the stored offsets if the text there is unchanged (exact); else the
stored text found elsewhere, the stored prefix and suffix choosing among copies (moved); else the
most similar sentence above a threshold (fuzzy, to be reviewed); else nothing (orphaned).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from tui.text import Sentence

EXACT, MOVED, FUZZY, ORPHANED = "exact", "moved", "fuzzy", "orphaned"
CONTEXT = 32  # characters of prefix and suffix stored with each annotation
FUZZY_THRESHOLD = 0.75  # difflib ratio a sentence needs to take an annotation whose text changed
# Word overlap (Dice) below which a sentence cannot reach the threshold in practice: it spares the
# quadratic SequenceMatcher on sentences that merely share letters.
_WORD_PREFILTER = 0.4
_WORD = re.compile(r"\w+")


class Anchor(NamedTuple):
    status: str
    start: int
    end: int
    sentence: int | None


def _words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _WORD.findall(text))


def _common_head(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _common_tail(a: str, b: str) -> int:
    return _common_head(a[::-1], b[::-1])


class Anchorer:
    """Re-anchors annotations in one text split into ``sentences`` (which must be in order)."""

    def __init__(self, text: str, sentences: Sequence[Sentence], threshold: float = FUZZY_THRESHOLD) -> None:
        self.text = text
        self.sentences = list(sentences)
        self.threshold = threshold
        self._starts = [s.start for s in self.sentences]
        self._words: list[frozenset[str]] | None = None

    def context(self, start: int, end: int) -> tuple[str, str]:
        """The prefix and suffix stored with an annotation of ``text[start:end]``."""
        return self.text[max(0, start - CONTEXT):start], self.text[end:end + CONTEXT]

    def sentence_at(self, start: int, end: int) -> int | None:
        """The index of the sentence overlapping ``[start, end)`` the most (the one holding
        ``start`` for an empty span), or None outside every sentence."""
        i = bisect.bisect_right(self._starts, start) - 1
        best, best_overlap = None, 0
        for j in range(max(i, 0), len(self.sentences)):
            s = self.sentences[j]
            if s.start >= max(end, start + 1):
                break
            overlap = min(end, s.end) - max(start, s.start)
            if overlap > best_overlap or (best is None and s.start <= start < s.end):
                best, best_overlap = j, max(overlap, 0)
        return self.sentences[best].index if best is not None else None

    def locate(self, start: int, end: int, exact: str, prefix: str = "", suffix: str = "") -> Anchor:
        text = self.text
        if 0 <= start <= end <= len(text) and text[start:end] == exact:
            return Anchor(EXACT, start, end, self.sentence_at(start, end))
        if exact:
            found = self._best_copy(start, exact, prefix, suffix)
            if found is not None:
                return Anchor(MOVED, found, found + len(exact), self.sentence_at(found, found + len(exact)))
            sentence = self._most_similar(start, exact)
            if sentence is not None:
                return Anchor(FUZZY, sentence.start, sentence.end, sentence.index)
        return Anchor(ORPHANED, start, end, None)

    def _best_copy(self, start: int, exact: str, prefix: str, suffix: str) -> int | None:
        best: tuple[int, int] | None = None  # (-context score, distance) — smaller is better
        found = None
        at = self.text.find(exact)
        while at != -1:
            score = (_common_tail(prefix, self.text[max(0, at - len(prefix)):at])
                     + _common_head(suffix, self.text[at + len(exact):at + len(exact) + len(suffix)]))
            key = (-score, abs(at - start))
            if best is None or key < best:
                best, found = key, at
            at = self.text.find(exact, at + 1)
        return found

    def _most_similar(self, start: int, exact: str) -> Sentence | None:
        if self._words is None:
            self._words = [_words(self.text[s.start:s.end]) for s in self.sentences]
        wanted = _words(exact)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(exact)
        best, best_ratio = None, self.threshold
        # Nearest first, so among equally similar sentences the one closest to the old place wins.
        order = sorted(range(len(self.sentences)), key=lambda j: abs(self.sentences[j].start - start))
        for j in order:
            words = self._words[j]
            if wanted and 2 * len(wanted & words) < _WORD_PREFILTER * (len(wanted) + len(words)):
                continue
            s = self.sentences[j]
            matcher.set_seq1(self.text[s.start:s.end])
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio or (ratio == best_ratio and best is None):
                best, best_ratio = s, ratio
        return best
