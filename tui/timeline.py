"""Place time expressions on a time line, per article and across articles (no Textual, no Rich).

A TIMEX3 value becomes a :class:`Span`, the days it may cover, at its own precision: ``2018-09`` is
September 2018, never an invented day. Entries sort by earliest possible start, then narrower
precision first, then position in the text. Expressions that cannot be placed (unresolved,
vague, unanchored durations, sets) go to their own groups.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from tui.temporal.model import Timex
from tui.text import Sentence


class Group(str, Enum):
    DATED = "dated"
    UNRESOLVED = "unresolved"
    VAGUE = "vague"
    DURATION = "duration"
    SET = "set"


GROUP_TITLES = {
    Group.DATED: "Timeline",
    Group.UNRESOLVED: "Unresolved: set the publication date to place these",
    Group.VAGUE: "Vague",
    Group.DURATION: "Durations",
    Group.SET: "Repeating",
}

# Precision ranks: a narrower span sorts before a wider one starting on the same day.
PRECISION_RANK = {"time": 0, "day": 1, "interval": 2, "weekend": 3, "week": 4, "month": 5, "season": 6,
                  "quarter": 7, "half": 8, "year": 9, "decade": 10, "century": 11}

MOD_LABELS = {
    "START": "early {}", "MID": "mid {}", "END": "late {}", "APPROX": "about {}",
    "BEFORE": "before {}", "AFTER": "after {}", "ON_OR_BEFORE": "on or before {}",
    "ON_OR_AFTER": "on or after {}", "LESS_THAN": "less than {}", "MORE_THAN": "more than {}",
    "EQUAL_OR_LESS": "at most {}", "EQUAL_OR_MORE": "at least {}",
}

VAGUE_LABELS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}

# First and last month of each season, quarter and half (winter runs into the next year).
PART_MONTHS = {
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14),
    "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12),
    "H1": (1, 6), "H2": (7, 12),
}
PART_PRECISION = {"S": "season", "F": "season", "W": "season", "Q": "quarter", "H": "half"}

# Words that anchor a duration to the publication date: "the past three months" ends there,
# "the next two weeks" starts there.
DURATION_BACKWARD = frozenset({"past", "last", "previous", "preceding", "recent"})
DURATION_FORWARD = frozenset({"next", "coming", "following", "upcoming"})

_DATE_VALUE = re.compile(
    r"(?P<year>\d{2,4})"
    r"(?:-(?:W(?P<week>\d{2})(?P<weekend>-WE)?|(?P<part>SP|SU|FA|WI|Q[1-4]|H[12])|(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2}))?))?"
    r"(?:T(?P<time>[\d:]+|MO|AF|EV|NI|DT))?$"
)
_DURATION = re.compile(r"P(?:T)?(?P<number>\d+(?:\.\d+)?)(?P<unit>Y|M|W|D|H|S|DE|CE|ML|QE|Q)$")
_DURATION_DAYS = {"Y": 365, "M": 30, "W": 7, "D": 1, "DE": 3650, "CE": 36500, "ML": 365000, "QE": 91, "Q": 91}


@dataclass(frozen=True, slots=True)
class Span:
    """The days a value covers, inclusive, and how precise it is."""

    first: date
    last: date
    precision: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One timeline row: a time expression, where it is, and where it falls in time."""

    timex: Timex
    sentence: int
    group: Group
    span: Span | None
    label: str

    @property
    def sort_key(self) -> tuple:
        if self.span is None:
            return (date.max, 99, self.timex.start)
        return (self.span.first, PRECISION_RANK.get(self.span.precision, 50), self.timex.start)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Entries of one article: ``dated`` in time order, the other groups in text order."""

    dated: tuple[Entry, ...]
    others: dict[Group, tuple[Entry, ...]]
    published: date | None

    def all_entries(self) -> list[Entry]:
        out = list(self.dated)
        for group in (Group.UNRESOLVED, Group.VAGUE, Group.DURATION, Group.SET):
            out.extend(self.others.get(group, ()))
        return out


def parse_value(value: str) -> Span | None:
    """The span of a TIMEX3 date or interval value, or None when it cannot be placed."""
    if "/" in value:
        first, _, last = value.partition("/")
        start, end = parse_value(first), parse_value(last)
        if start is None or end is None or end.last < start.first:
            return None
        return Span(start.first, end.last, "interval")
    match = _DATE_VALUE.match(value)
    if not match:
        return None
    digits = match["year"]
    try:
        if len(digits) == 2:
            century = int(digits) * 100
            return Span(date(max(century, 1), 1, 1), date(century + 99, 12, 31), "century")
        if len(digits) == 3:
            decade = int(digits) * 10
            return Span(date(max(decade, 1), 1, 1), date(decade + 9, 12, 31), "decade")
        year = int(digits)
        if match["week"]:
            monday = date.fromisocalendar(year, int(match["week"]), 1)
            if match["weekend"]:
                return Span(monday + timedelta(days=5), monday + timedelta(days=6), "weekend")
            return Span(monday, monday + timedelta(days=6), "week")
        if match["part"]:
            first_month, last_month = PART_MONTHS[match["part"]]
            last_year = year + (last_month - 1) // 12
            last_month = (last_month - 1) % 12 + 1
            last_day = calendar.monthrange(last_year, last_month)[1]
            return Span(date(year, first_month, 1), date(last_year, last_month, last_day),
                        PART_PRECISION[match["part"][0]])
        if match["day"]:
            day = date(year, int(match["month"]), int(match["day"]))
            return Span(day, day, "time" if match["time"] else "day")
        if match["month"]:
            month = int(match["month"])
            return Span(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")
        return Span(date(year, 1, 1), date(year, 12, 31), "year")
    except (ValueError, OverflowError):  # no such day, or past the calendar's end ("9999-W52")
        return None


def anchored_duration(timex: Timex, published: date | None) -> Span | None:
    """The interval a duration such as "the past three months" covers, when its words anchor it."""
    if published is None:
        return None
    match = _DURATION.match(timex.value)
    if not match or timex.value.startswith("PT"):
        return None
    words = set(re.findall(r"[a-z]+", timex.text.lower()))
    days = round(float(match["number"]) * _DURATION_DAYS[match["unit"]])
    try:
        if words & DURATION_BACKWARD:
            return Span(published - timedelta(days=days), published, "interval")
        if words & DURATION_FORWARD:
            return Span(published, published + timedelta(days=days), "interval")
    except OverflowError:  # "the past 3000 years" reaches before the calendar's first day
        return None
    return None


def value_label(value: str, span: Span | None) -> str:
    """The value as a reader sees it: ISO at its own precision, intervals as a range."""
    if value in VAGUE_LABELS:
        return VAGUE_LABELS[value]
    if span is not None and span.precision == "interval":
        if "/" in value:
            first, _, last = value.partition("/")
            return f"{first} → {last}"
        return f"{span.first.isoformat()} → {span.last.isoformat()}"
    return value


def classify(timex: Timex, published: date | None) -> tuple[Group, Span | None]:
    """Which group an expression belongs to and, for dated ones, its span."""
    if timex.type == "SET":
        return Group.SET, None
    if timex.type == "DURATION":
        span = anchored_duration(timex, published)
        return (Group.DATED, span) if span else (Group.DURATION, None)
    if timex.value in VAGUE_LABELS:
        return Group.VAGUE, None
    if "X" in timex.value.split("T")[0]:
        return Group.UNRESOLVED, None
    span = parse_value(timex.value)
    return (Group.DATED, span) if span else (Group.VAGUE, None)


def sentence_of(offset: int, sentences: Sequence[Sentence], starts: Sequence[int] | None = None) -> int:
    """Index of the sentence holding ``offset`` (the nearest before it if it falls between two)."""
    keys = starts if starts is not None else [s.start for s in sentences]
    return max(bisect.bisect_right(keys, offset) - 1, 0)


def make_entry(timex: Timex, sentence: int, published: date | None) -> Entry:
    group, span = classify(timex, published)
    label = value_label(timex.value, span)
    if group is Group.UNRESOLVED:
        label = "?"
    if timex.mod in MOD_LABELS and group is not Group.UNRESOLVED:
        label = MOD_LABELS[timex.mod].format(label)
    return Entry(timex=timex, sentence=sentence, group=group, span=span, label=label)


def build_timeline(timexes: Iterable[Timex], sentences: Sequence[Sentence], published: date | None) -> Timeline:
    """The timeline of one article."""
    starts = [s.start for s in sentences]
    dated: list[Entry] = []
    others: dict[Group, list[Entry]] = {}
    for timex in timexes:
        entry = make_entry(timex, sentence_of(timex.start, sentences, starts), published)
        if entry.group is Group.DATED:
            dated.append(entry)
        else:
            others.setdefault(entry.group, []).append(entry)
    dated.sort(key=lambda e: e.sort_key)
    return Timeline(dated=tuple(dated), others={g: tuple(v) for g, v in others.items()}, published=published)


def now_position(timeline: Timeline) -> int:
    """Where the publication date ("now") falls among the dated entries."""
    if timeline.published is None:
        return -1
    for position, entry in enumerate(timeline.dated):
        if entry.span is not None and entry.span.first > timeline.published:
            return position
    return len(timeline.dated)


@dataclass(frozen=True, slots=True)
class MergedEntry:
    """An entry of the timeline across articles, linked back to its article."""

    article_id: str
    entry: Entry


def merge_timelines(timelines: Iterable[tuple[str, Timeline]]) -> list[list[MergedEntry]]:
    """One line across articles: dated entries in time order, those on the same span grouped."""
    rows = [MergedEntry(article_id, entry) for article_id, timeline in timelines for entry in timeline.dated]
    rows.sort(key=lambda m: (m.entry.sort_key[0], m.entry.sort_key[1], m.article_id, m.entry.timex.start))
    groups: list[list[MergedEntry]] = []
    for row in rows:
        if groups and groups[-1][0].entry.span == row.entry.span:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups
