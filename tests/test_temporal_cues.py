"""The tense-cue index answers every window exactly as a scan of that window would."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.temporal import engine
from tui.temporal.cues import CueIndex, whitespace_reach


@pytest.mark.parametrize(("pattern", "reach"), [
    (r"a\s+b", 1), (r"a b c", 2), (r"a\s{2}b\s*c", 2), (r"a(?=\s\w+\s)", 2), (r"(?<!to\s)meet", 0),
    (r"a.b", 1), (r"[^x]", 1), (r"(?:a\s)+", None), (r"[a-z\s]+", None), (r"\S+\s\S+", None), (r"x$", None),
])
def test_whitespace_reach(pattern: str, reach: int | None) -> None:
    assert whitespace_reach(re.compile(pattern)) == reach


def test_the_tense_regex_has_a_bounded_reach() -> None:
    # Otherwise every window is scanned on its own: still right, but slow on long clauses.
    assert engine.ruleset().tense_reach is not None


# Cue words, words a window may cut into a cue ("expected" -> "expect", "reportedly" ->
# "reported"), multi-word cues and the white space and punctuation between them.
WORDS = ["had been scheduled", "had", "been", "will", "as early as", "expected", "reportedly",
         "is expected to", "plans to", "said", "the reduced", "unspecified", "to meet", "begin",
         "it'll", "HAD BEEN", "Ed", "1998", ".", ","]
SEPARATORS = [" ", " ", "", "  ", "\n", "\t "]


@st.composite
def text_and_windows(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    words = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60))
    text = "".join(w + s for w, s in words)
    windows = []
    for _ in range(draw(st.integers(1, 12))):
        lo = draw(st.integers(0, len(text)))
        windows.append((lo, draw(st.integers(lo, min(len(text), lo + 150)))))
    if draw(st.booleans()):
        windows.sort()  # the tagger asks mostly in text order
    return text, windows


@settings(max_examples=300, deadline=None)
@given(text_and_windows())
def test_windows_match_a_scan_of_each_window(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, windows = case
    regex = engine.ruleset().tense_regex
    index = CueIndex(text, regex, whitespace_reach(regex), lambda m: m.lastgroup)
    for lo, hi in windows:
        assert index.window(lo, hi) == [(m.start(), m.end(), m.lastgroup) for m in regex.finditer(text, lo, hi)]
