"""Tense cues of a text found once, not once per expression.

The tense of an expression is read from the cue words (``tense_regex`` matches) in a window
around it, and windows of neighbouring expressions overlap: text without full stops puts every
character in five windows or more. :class:`CueIndex` keeps the matches already found and answers
a window from them, scanning only what no earlier window covered plus a few words at the window
end. It returns exactly what ``regex.finditer(text, lo, hi)`` would:

- a scan started at ``lo`` meets the kept matches as long as no kept match straddles ``lo``
  (then both try the same positions in the same order); otherwise the index starts afresh at ``lo``;
- ``hi`` cuts the text for the window's scan ("expected" cut to "expect" no longer matches, a
  word cut short ends at a word boundary), which can change a match only where a match attempt
  reaches ``hi``. An attempt crosses at most ``regex_facts.whitespace_reach`` runs of white space
  (statically bounded by the pattern), so attempts starting before the last that many + 1 runs
  of the window are unaffected; the rest, a few words, is scanned with the window's own ``hi``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

# (start, end, tag): the tag is what ``tag(match)`` read of the match.
Cue = tuple[int, int, object]


class CueIndex:
    """The matches of ``regex`` in ``text`` by window, as ``finditer(text, lo, hi)`` finds them,
    tagged by ``tag(match)``; :meth:`kind` classifies a match the first time it is asked (the
    caller looks at one or two of a window's matches)."""

    def __init__(self, text: str, regex: re.Pattern, reach: int | None, tag: Callable[[re.Match], object],
                 classify: Callable[[int, int, object], str | None]) -> None:
        self.text = text
        self.regex = regex
        self.reach = reach
        self.tag = tag
        self.classify = classify
        self.kinds: dict[Cue, str | None] = {}
        # Matches of one scan started at ``self.begin``, complete for attempts before ``self.scanned``.
        self.begin = self.scanned = -1
        self.starts: list[int] = []
        self.cues: list[Cue] = []
        # The text up to the end of the word after the (reach + 1)th run of white space.
        self._words_ahead = re.compile(rf"(?:\S*\s+){{{reach + 1}}}\S*") if reach is not None else None

    def window(self, lo: int, hi: int) -> list[Cue]:
        """What ``[(m.start(), m.end(), tag(m)) for m in regex.finditer(text, lo, hi)]`` gives."""
        if self.reach is None:
            return self._scan(lo, hi)
        cut = self._unaffected_before(lo, hi)
        if cut <= lo:
            return self._scan(lo, hi)
        if not self.begin <= lo <= self.scanned or self._straddles(lo):
            self.begin = self.scanned = lo
            self.starts.clear()
            self.cues.clear()
        tail = self._extend(cut, hi) if self.scanned < cut else None
        first = bisect_left(self.starts, lo)
        last = bisect_left(self.starts, cut, first)
        out = self.cues[first:last]
        if tail is not None:
            return out + tail
        resume = max(cut, out[-1][1]) if out else cut
        return out + self._scan(resume, hi) if resume < hi else out

    def window_before(self, lo: int, pos: int, hi: int) -> list[Cue]:
        """What ``window(lo, hi)`` gives of the cues that start before ``pos``, scanning only a few
        words past ``pos`` when that is enough: no attempt before ``pos`` reaches further."""
        if self.reach is not None and lo <= pos:
            ahead = self._words_ahead.match(self.text, pos, hi)
            if ahead is not None and self._unaffected_before(lo, ahead.end()) >= pos:
                hi = ahead.end()
        cues = self.window(lo, hi)
        return cues[:bisect_left(cues, (pos,))]

    def kind(self, cue: Cue) -> str | None:
        """What ``classify(start, end, tag)`` makes of a cue, asked once per cue."""
        if cue not in self.kinds:
            self.kinds[cue] = self.classify(*cue)
        return self.kinds[cue]

    def _scan(self, lo: int, hi: int) -> list[Cue]:
        return [(m.start(), m.end(), self.tag(m)) for m in self.regex.finditer(self.text, lo, hi)]

    def _straddles(self, lo: int) -> bool:
        i = bisect_left(self.starts, lo)
        return i > 0 and self.cues[i - 1][1] > lo

    def _extend(self, cut: int, hi: int) -> list[Cue]:
        """Scan on from ``self.scanned``; attempts before ``cut`` do not see where ``hi`` cuts.
        The matches from ``cut`` on are the window's own: returned, not kept."""
        end = self.cues[-1][1] if self.cues else self.scanned
        tail: list[Cue] = []
        for m in self.regex.finditer(self.text, self.scanned, hi):
            cue = (m.start(), m.end(), self.tag(m))
            if tail or m.start() >= cut:
                tail.append(cue)
                continue
            self.starts.append(m.start())
            self.cues.append(cue)
            end = m.end()
        self.scanned = max(cut, end)
        return tail

    def _unaffected_before(self, lo: int, hi: int) -> int:
        """A position before which no match attempt reaches ``hi``: just after the (reach + 1)th
        run of white space counted back from ``hi`` (``lo`` when there are not that many, or
        when the last one counted begins the window)."""
        window = self.text[lo:hi]
        body = window.rstrip()
        runs = self.reach + 1 - (len(body) < len(window))  # a run ending the window counts
        if runs <= 0:
            return hi
        # rsplit counts the runs between words and keeps the rest as it is.
        parts = body.rsplit(None, runs)
        if len(parts) <= runs:
            return lo
        rest = body[len(parts[0]):]
        return lo + len(body) - len(rest.lstrip())
