from datetime import date

import pytest

from tui.temporal.model import Timex
from tui.text import Sentence
from tui.timeline import Group, Span, build_timeline, merge_timelines, now_position, parse_value

PUBLISHED = date(2018, 9, 6)


@pytest.mark.parametrize(("value", "first", "last", "precision"), [
    ("2018-09-05", date(2018, 9, 5), date(2018, 9, 5), "day"),
    ("2018-09", date(2018, 9, 1), date(2018, 9, 30), "month"),
    ("2018", date(2018, 1, 1), date(2018, 12, 31), "year"),
    ("2018-W36", date(2018, 9, 3), date(2018, 9, 9), "week"),
    ("2018-W36-WE", date(2018, 9, 8), date(2018, 9, 9), "weekend"),
    ("2018-Q3", date(2018, 7, 1), date(2018, 9, 30), "quarter"),
    ("2018-H1", date(2018, 1, 1), date(2018, 6, 30), "half"),
    ("2018-SU", date(2018, 6, 1), date(2018, 8, 31), "season"),
    ("2018-WI", date(2018, 12, 1), date(2019, 2, 28), "season"),
    ("199", date(1990, 1, 1), date(1999, 12, 31), "decade"),
    ("19", date(1900, 1, 1), date(1999, 12, 31), "century"),
    ("2018-09-07TNI", date(2018, 9, 7), date(2018, 9, 7), "time"),
    ("2018-09-07T17:00", date(2018, 9, 7), date(2018, 9, 7), "time"),
    ("2018-09-18/2018-09-20", date(2018, 9, 18), date(2018, 9, 20), "interval"),
])
def test_values_become_spans_at_their_own_precision(value, first, last, precision):
    assert parse_value(value) == Span(first, last, precision)


@pytest.mark.parametrize("value", ["XXXX-WXX-3", "2018-02-30", "PRESENT_REF", "P3M", "2018-09-20/2018-09-18", "",
                                   "9999-W52", "9999-W52-WE"])
def test_values_that_cannot_be_placed(value):
    assert parse_value(value) is None


def _timex(start, text, value, type_="DATE", mod=None):
    return Timex(start=start, end=start + len(text), text=text, type=type_, value=value, mod=mod)


def test_timeline_orders_groups_and_marks_now():
    sentences = [Sentence(0, 0, 50), Sentence(1, 51, 120), Sentence(2, 121, 200)]
    timexes = [
        _timex(5, "Wednesday", "2018-09-05"),
        _timex(20, "this year", "2018"),
        _timex(60, "Sept. 18 to 20", "2018-09-18/2018-09-20"),
        _timex(80, "last month", "2018-08"),
        _timex(100, "now", "PRESENT_REF"),
        _timex(125, "70 years", "P70Y", "DURATION"),
        _timex(140, "the past three months", "P3M", "DURATION"),
        _timex(170, "every week", "P1W", "SET"),
        _timex(185, "Friday", "XXXX-WXX-5"),
        _timex(192, "late 1998", "1998", mod="END"),
    ]
    timeline = build_timeline(timexes, sentences, PUBLISHED)
    assert [e.timex.text for e in timeline.dated] == [
        "late 1998", "this year", "the past three months", "last month", "Wednesday", "Sept. 18 to 20"]
    labels = {e.timex.text: e.label for e in timeline.dated}
    assert labels["Sept. 18 to 20"] == "2018-09-18 → 2018-09-20"
    assert labels["late 1998"] == "late 1998"
    assert labels["the past three months"] == "2018-06-08 → 2018-09-06"
    assert [e.timex.text for e in timeline.others[Group.VAGUE]] == ["now"]
    assert timeline.others[Group.VAGUE][0].label == "now"
    assert [e.timex.text for e in timeline.others[Group.DURATION]] == ["70 years"]
    assert [e.timex.text for e in timeline.others[Group.SET]] == ["every week"]
    assert [e.timex.text for e in timeline.others[Group.UNRESOLVED]] == ["Friday"]
    assert [e.sentence for e in timeline.dated] == [2, 0, 2, 1, 0, 1]
    # "now" falls after Wednesday 5 September and before the 18th.
    assert now_position(timeline) == 5


def test_quarters_anchor_as_the_other_units_do():
    sentences = [Sentence(0, 0, 80)]
    timexes = [_timex(10, "the past two quarters", "P2Q", "DURATION"),
               _timex(40, "the next three quarters", "P3Q", "DURATION")]
    timeline = build_timeline(timexes, sentences, date(1989, 10, 31))
    assert [e.label for e in timeline.dated] == ["1989-05-02 → 1989-10-31", "1989-10-31 → 1990-07-31"]


def test_a_duration_reaching_past_the_calendar_is_listed_not_placed():
    sentences = [Sentence(0, 0, 80)]
    timexes = [_timex(23, "the past 3000 years", "P3000Y", "DURATION"),
               _timex(50, "the next 9000 years", "P9000Y", "DURATION")]
    timeline = build_timeline(timexes, sentences, date(2000, 1, 1))
    assert list(timeline.dated) == []
    assert [e.timex.text for e in timeline.others[Group.DURATION]] == ["the past 3000 years", "the next 9000 years"]


def test_merged_timeline_groups_the_same_day_across_articles():
    sentences = [Sentence(0, 0, 100)]
    first = build_timeline([_timex(0, "Wednesday", "2018-09-05"), _timex(20, "June", "2018-06")], sentences, PUBLISHED)
    second = build_timeline([_timex(3, "Sept. 5", "2018-09-05")], sentences, PUBLISHED)
    merged = merge_timelines([("a", first), ("b", second)])
    assert [[(m.article_id, m.entry.timex.text) for m in group] for group in merged] == [
        [("a", "June")], [("a", "Wednesday"), ("b", "Sept. 5")]]
