"""The tense-cue index answers every window exactly as a scan of that window would."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.temporal import engine
from tui.temporal.cues import CueIndex
from tui.temporal.regex_facts import ANY_START, NON_ASCII, first_chars, whitespace_reach


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


@pytest.mark.parametrize(("pattern", "first"), [
    (r"(?<![\w.])(?:May|june)(?!\w)", "jm"), (r"(?i)[a-c]x", "abc"), (r"[0-9]+|the", "0123456789t"),
    (r"(?:a|b)?c", "abc"), (r"(?-i:K)", "k"), (r"\d", "0123456789"),
])
def test_first_chars(pattern: str, first: str) -> None:
    assert first_chars(re.compile(pattern)) == frozenset(first + NON_ASCII)


@pytest.mark.parametrize("pattern", [r"x*", r"\w", r"[^a]", r"a|(?:)"])
def test_first_chars_unknown(pattern: str) -> None:
    assert first_chars(re.compile(pattern)) == ANY_START


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["May", "march", "ſept.", "\u212aalends", "1998", "'98", "the", "last",
                                  "Monday", "é", " ", ", ", "-"]), max_size=8).map("".join))
def test_no_rule_matches_where_its_first_chars_forbid(text: str) -> None:
    rules = engine.ruleset()
    lowered = engine.ascii_lower(text)
    for p, c in enumerate(lowered):
        for rule in rules.rules:
            if (c if c < NON_ASCII else NON_ASCII) not in rule.first:
                assert rule.regex.match(text, p) is None
