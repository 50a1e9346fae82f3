"""Properties of the tagger and the sentence splitter on any text: they never fail, and what they
return is always well formed (spans in bounds, in order, not overlapping; TIMEX3 values)."""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.temporal import Timex, engine, extract
from tui.temporal.regex_facts import read_told_table, told_table
from tui.temporal.values import MODS, TYPES, is_timex3_value
from tui.text import Sentence, split_sentences

well_formed = is_timex3_value


GOOD_VALUES = ["1998", "199", "19", "199X", "19XX", "XXXX", "1998-08", "1998-XX", "1998-08-07", "XXXX-XX-XX",
               "1998-W32", "1998-W32-WE", "XXXX-WXX-3", "1998-Q3", "1998-QX", "1998-H1", "1998-SU", "1998-WI",
               "1998-08-07TNI", "1998-08-07TMO", "1998-08-07T17:00", "1998-08-07T17", "1998-08-07T17:00:30",
               "1998-08-07T17:00-05:00", "XXXX-WXX-3TNI", "XXXX-WXX-WDTMO", "XXXX-WXX-WETNI", "PRESENT_REF",
               "PAST_REF", "FUTURE_REF", "P2Y",
               "PT3H", "P1DE", "PXY", "PXDE", "P1CE", "P1ML", "P1QE", "P1Q", "P1Y6M", "P1DT12H", "PT1H30M", "PTXH",
               "P1.5Y", "P70Y", "2018-09-18/2018-09-20", "2018-09/2018-10"]
BAD_VALUES = ["", "9", "19988", "1998-13", "1998-00", "1998-08-32", "1998-W54", "1998-W7", "1998-Q5",
              "1998-H3", "1998-AU", "1998-08-07T25:00", "1998-08-07T17:60", "1998-08-07TXX", "1998-08TNI",
              "P", "PT", "P2", "P2Y3", "PY", "P1M2Y", "P2YT", "present_ref", "NOW", "2018-09-18/",
              "/2018", "P1Y/P2Y", "1998-08-07 ", "X998", "1998-8-7", "1998-W32-WDTXX"]


@pytest.mark.parametrize("value", GOOD_VALUES)
def test_validator_accepts_timex3_values(value: str) -> None:
    assert well_formed(value)


@pytest.mark.parametrize("value", BAD_VALUES)
def test_validator_rejects_malformed_values(value: str) -> None:
    assert not well_formed(value)


def test_validator_accepts_every_seed_gold_value() -> None:
    path = Path(__file__).parent / "data" / "seeds.timex.jsonl"
    values = [t["value"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
              for t in json.loads(line)["timexes"]]
    assert len(values) == 40
    assert [v for v in values if not well_formed(v)] == []


# --- text to try --------------------------------------------------------------------------------

NEWS_FRAGMENTS = [
    "Sept. 18 to 20", "Sept. 18-20", "Aug. 9", "9 August 1998", "08/09/98", "1998-08-09", "June 30",
    "in June", "1953", "the 1990s", "the mid-1980s", "fiscal 1998", "today", "tomorrow", "yesterday",
    "last week", "next month", "two years ago", "three days earlier", "the previous day", "a year earlier",
    "this weekend", "recent months", "this summer", "the third quarter", "the first half", "in the past",
    "in the future", "now", "currently", "5 p.m. Tuesday", "tonight", "this morning", "10:30 a.m. EST",
    "twenty four hours", "a decade", "several years", "the past three months", "every week", "annually",
    "each Monday", "twice a year", "early 1998", "mid-June", "late last year", "about two years",
    "nearly two years", "more than a decade", "70 years", "decades", "within weeks", "said Wednesday",
    "will meet Friday", "earlier this year", "later this month", "earlier in the week", "June last year",
    "the end of the year", "the next day", "a week later", "Mr. Smith", "U.S.", "the 19th century",
    "week 32", "Q3", "H1", "2019-09-17", "12", "2000", "99", "0", "31", "$4.5 million", "3.5%",
    "on the 14th", "09:00 BST", "the weekend", "the next morning", "Saturday", "(1900 GMT) on Thursday",
]
SEPARATORS = [" ", "", ", ", ". ", "\n", "\n\n", "\r\n", "\u00a0", "-", "/", " to ", "\"", "'s ", "…"]
fragment_text = st.lists(
    st.one_of(st.sampled_from(NEWS_FRAGMENTS), st.sampled_from(SEPARATORS), st.text(max_size=6)),
    max_size=30,
).map("".join)
# Around the publication dates news has; extreme ones have a test of their own.
news_dates = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the tagger ---------------------------------------------------------------------------------


def check_timexes(text: str, timexes: list[Timex]) -> None:
    previous_end = 0
    for t in timexes:
        assert isinstance(t, Timex)
        assert 0 <= t.start < t.end <= len(text), t
        assert t.start >= previous_end, f"{t} overlaps or precedes the timex before it"
        previous_end = t.end
        assert text[t.start:t.end] == t.text, t
        assert t.type in TYPES, t
        assert well_formed(t.value), t
        assert t.mod is None or t.mod in MODS, t
        assert t.anchor is None or isinstance(t.anchor, str), t


@PROPERTY
@given(st.text(), st.none() | st.dates())
def test_extract_on_arbitrary_text(text: str, dct: date | None) -> None:
    check_timexes(text, extract(text, dct))


def test_extract_on_every_bundled_news_article() -> None:
    # Real prose reaches combinations random fragments rarely do (a clock time after "the weekend"
    # once took the weekend for its day: 2024-W29-WT09:00).
    path = Path(__file__).parent / "data" / "news.timex.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        check_timexes(doc["text"], extract(doc["text"], date.fromisoformat(doc["dct"])))


def test_a_clock_time_after_a_weekend_takes_the_publication_day() -> None:
    text = "Crowds gathered over the weekend. Gates open at 09:00 BST."
    clock = extract(text, date(2024, 7, 19))[-1]
    assert (clock.text, clock.value) == ("09:00 BST", "2024-07-19T09:00")


@PROPERTY
@given(fragment_text, news_dates)
def test_extract_on_news_like_text(text: str, dct: date | None) -> None:
    check_timexes(text, extract(text, dct))


@PROPERTY
@given(fragment_text, st.dates())
@example("Polls closed at 8 p.m. on Monday, and the count ran past 3000 years.", date(1, 1, 2))
@example("It will last for the next 9000 years, from Dec. 31.", date(9999, 12, 30))
def test_extract_with_extreme_publication_dates(text: str, dct: date) -> None:
    check_timexes(text, extract(text, dct))


@functools.cache
def rule_sets() -> tuple[engine.RuleSet, engine.RuleSet, engine.RuleSet]:
    """Three fresh rule sets: one untold, one told (first pairs, regexes run on lower-cased text)
    as after FIRST_PAIRS_AFTER characters, one told from the start by a told table."""
    words, rules = engine._load_yaml("words.yaml"), engine._load_yaml("rules.yaml")
    untold, told = engine.RuleSet(words, rules), engine.RuleSet(words, rules)
    told.trigger_plans(engine.FIRST_PAIRS_AFTER)
    table = read_told_table(told_table(r.regex for r in untold.rules))
    return untold, told, engine.RuleSet(words, rules, table)


@PROPERTY
@given(st.one_of(st.text(), fragment_text, fragment_text.map(str.upper)), news_dates)
def test_the_fast_paths_of_a_told_rule_set_find_the_same(text: str, dct: date | None) -> None:
    untold, told, from_table = rule_sets()
    bounds = engine.local_sentence_bounds(text)
    found = engine.run(untold, text, dct, bounds)
    assert engine.run(told, text, dct, bounds) == found
    assert engine.run(from_table, text, dct, bounds) == found


@PROPERTY
@given(fragment_text, news_dates)
def test_extract_is_the_same_with_sentences_given_and_when_repeated(text: str, dct: date | None) -> None:
    first = extract(text, dct)
    assert extract(text, dct, sentences=split_sentences(text)) == first
    assert extract(text, dct) == first


# --- the sentence splitter ----------------------------------------------------------------------


def check_sentences(text: str, sentences: list[Sentence]) -> None:
    previous_end = 0
    for i, s in enumerate(sentences):
        assert isinstance(s, Sentence)
        assert s.index == i
        assert previous_end <= s.start < s.end <= len(text), s
        assert text[previous_end:s.start].isspace() or s.start == previous_end, s
        assert not text[s.start].isspace() and not text[s.end - 1].isspace(), s
        previous_end = s.end
    assert text[previous_end:].isspace() or previous_end == len(text)


SPLITTER_ALPHABET = " .!?…\"'”’)(\n\r\t\u00a0\u2028aAmM1.-—;:"


@PROPERTY
@given(st.text())
def test_split_arbitrary_text(text: str) -> None:
    check_sentences(text, split_sentences(text))


@PROPERTY
@given(fragment_text)
def test_split_news_like_text(text: str) -> None:
    check_sentences(text, split_sentences(text))


@PROPERTY
@given(st.text(alphabet=SPLITTER_ALPHABET, max_size=80))
def test_split_punctuation_and_space_soup(text: str) -> None:
    check_sentences(text, split_sentences(text))


def test_split_blank_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\r\n\u00a0\t") == []
