"""Value functions of the parts of a year: seasons ("this summer" 1998-SU, by the hemisphere of the
story's country), quarters and halves ("the third quarter", "the first half", "the quarter ended
Sept. 30"), fiscal periods, sports seasons ("last season"), and months and seasons placed in the
year a story is told in. Registered with the other value functions when the engine imports this
module."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.temporal import calendar as cal
from tui.temporal.resolve import (
    after_deadline_word,
    is_day,
    last_told,
    publication_date,
    relative,
    story_country,
    story_period,
    value_function,
    whole,
    year,
    year_told_in_sentence,
    yearless,
)

if TYPE_CHECKING:
    from tui.temporal.engine import Context, RuleSet


@value_function
def season_ago(ctx: Context, s: str, n: float | str) -> str | None:
    """"Two winters ago": the season ``n`` years before the publication year's."""
    years = whole(n)
    return season(ctx, s, year_n=-years) if years is not None else None


@value_function
def season(ctx: Context, s: str, n: int | None = None, y: int | None = None,
           year_n: int | None = None) -> str | None:
    """A season: of year ``y``, or of the year ``year_n`` years from the publication date's ("the
    spring of next year"), else ``n`` seasons-years from the publication date's, else the one
    the tense points to."""
    if y is not None:
        return f"{int(y):04d}-{s}"
    d = publication_date(ctx)
    if d is None:
        return f"XXXX-{s}"
    if year_n is not None:
        return f"{d.year + int(year_n):04d}-{s}"
    start = _season_start(ctx, s)
    if n is None and (told := year_told_in_sentence(ctx, d)) is not None:
        return f"{told:04d}-{s}"  # "Last year the bill ran out of time in the spring"
    if n is None:
        tense = "future" if _deadline_ahead(ctx) else ctx.tense()
        if tense == "past" and start > d.month:  # not begun yet this year: the one before
            return f"{d.year - 1:04d}-{s}"
        if tense == "future" and start + 3 <= d.month:  # over this year: the next one
            return f"{d.year + 1:04d}-{s}"
        if tense is None and start + 2 > 12 and d.month < start - 6:
            # A winter told without a tense early in the year is the one just gone or under way.
            return f"{d.year - 1:04d}-{s}"
        return f"{d.year:04d}-{s}"
    n = int(n)
    if n < 0:
        # The last one over by the publication date's month ("last winter" in January is the
        # one before the winter that began in December).
        yr = (d.year * 12 + d.month - 1 - (start - 1) - 3) // 12
        return f"{yr + n + 1:04d}-{s}"
    if n > 0:
        yr = d.year if start > d.month else d.year + 1
        return f"{yr + n - 1:04d}-{s}"
    return f"{d.year:04d}-{s}"


def _season_start(ctx: Context, s: str) -> int:
    """The month season ``s`` begins in, in the hemisphere of the country the story is told in."""
    country = story_country(ctx.text, ctx.rules)
    southern = country is not None and ctx.rules.lists["southern_hemisphere"].lookup(country) is not None
    return (cal.SOUTHERN_SEASON_MONTH if southern else cal.SEASON_MONTH)[s]


@value_function
def narrative_season(ctx: Context, s: str, n: int) -> str | None:
    """Season ``s`` after (``n`` 1), before (-1) or in the year of (0) the date told last ("in
    2008 ... the following spring" is 2009's); without one, counted from the publication date."""
    year = _year_by_told(ctx, _season_start(ctx, s), 3, int(n))
    return season(ctx, s, int(n) or None) if year is None else f"{year:04d}-{s}"


@value_function
def narrative_month(ctx: Context, month: int, n: int) -> str | None:
    """Month ``month`` after (``n`` 1), before (-1) or in the year of (0) the date told last ("in
    2003 ... the following January" is 2004's); without one, placed as a year-less month is."""
    year = _year_by_told(ctx, int(month), 1, int(n))
    return yearless(ctx, month) if year is None else f"{year:04d}-{int(month):02d}"


def _year_by_told(ctx: Context, month: int, months: int, n: int) -> int | None:
    """The year of the ``months`` from ``month`` that come after (``n`` 1) or end before (-1) the
    date told last, or of its year (0); None without a date told (or only a decade or century)."""
    told = last_told(ctx)[0]
    p = cal.parse_value(told) if told is not None else None
    if p is None or p.gran in ("DE", "CE"):
        return None
    ctx.anchor = told
    first, after = cal.period_bounds(p)
    if n > 0:
        return after.year if dt.date(after.year, month, 1) >= after else after.year + 1
    if n < 0:
        return first.year if cal.add_months(dt.date(first.year, month, 1), months) <= first else first.year - 1
    return first.year


@value_function
def quarter(ctx: Context, q: int, y: int | None = None, n: int | None = None) -> str | None:
    """Quarter ``q`` of year ``y``; without a year, of the publication year (or the one before
    for a quarter that has not begun when the clause is in the past tense, the one after for a
    quarter over that a deadline names)."""
    if y is not None:
        return f"{int(y):04d}-Q{int(q)}"
    d = publication_date(ctx)
    if d is None:
        return f"XXXX-Q{int(q)}"
    yr = d.year + (int(n) if n is not None else 0)
    if n is None and (told := year_told_in_sentence(ctx, d)) is not None:
        yr = told  # "Last year sales fell in the third quarter"
    elif n is None:
        current = (d.month - 1) // 3 + 1
        if int(q) > current and (ctx.tense() == "past" or _quarter_figures(ctx.rules).match(ctx.text, ctx.end)):
            yr -= 1
        elif int(q) < current and _deadline_ahead(ctx):
            yr += 1  # "cut output by the end of the first quarter", told in December
    return f"{yr:04d}-Q{int(q)}"


@lru_cache(maxsize=4)
def _quarter_figures(rules: RuleSet) -> re.Pattern:
    """The words after a quarter that name its figures (words.yaml, quarter_figures)."""
    return re.compile(rf"[\s-]+(?:\w+\s+){{0,2}}?(?:{rules.lists['quarter_figures'].regex()})\b", re.IGNORECASE)


def _deadline_ahead(ctx: Context) -> bool:
    """Whether a period without a year follows "by", "before" or "until" in a clause not in the
    past: then it is the next one ("no help from the consumer before the spring", "running daily
    until the spring"); in the past ("did not resume until the autumn") the tense holds."""
    return after_deadline_word(ctx) and ctx.tense() != "past"


@value_function
def period_abbreviation(ctx: Context, code: str, y: int | None = None) -> str | None:
    """"Q3", "H1 2019": a quarter or half, placed as "the third quarter" is."""
    n = int(code[1])
    return quarter(ctx, n, y) if code[0] == "Q" else half(ctx, n, y)


@value_function
def quarter_ending(ctx: Context, month: int, day: int) -> str | None:
    """The quarter of the three months ending on a year-less day ("the quarter ended July 31"):
    the calendar quarter of the middle month, in the year the day is placed in."""
    end = yearless(ctx, month, day)
    if end is None or end.startswith("X"):
        return "XXXX-QX"
    return _quarter_closed_by(dt.date.fromisoformat(end))


def _quarter_closed_by(end: dt.date) -> str:
    middle = cal.add_months(end, -1)
    return f"{middle.year:04d}-Q{(middle.month - 1) // 3 + 1}"


# A day closing the three months reported ("the quarter ended Sept. 30", "the three months
# ending Nov. 28", "the three months to June 30"), said just before it.
_CLOSES_QUARTER = re.compile(r"(?:quarter|three\s+months),?\s+"
                             r"(?:(?:which\s+|that\s+)?end(?:ed|ing|s)\s+(?:on\s+)?|to\s+)$", re.IGNORECASE)


def reported_period(text: str, start: int, value: str) -> str:
    """The period a date told at ``start`` stands for when later phrases lean on it: a day closing
    a reported quarter stands for that quarter ("the quarter ended Sept. 30 ... up from $4
    million a year earlier" compares quarters); any other date for itself."""
    if not is_day(value):
        return value
    closes = text.find("end", max(0, start - 16), start) >= 0 or text.find(" to ", max(0, start - 4), start) >= 0
    if closes and _CLOSES_QUARTER.search(text, max(0, start - 40), start):
        return _quarter_closed_by(dt.date.fromisoformat(value[:10]))
    return value


@value_function
def period_in_year(ctx: Context, y: int, kind: str) -> str | None:
    """"The 1988 quarter", "the 1989 period": in results, the period being compared (the quarter
    last mentioned, else the one just reported) in year ``y``; "the 1988 year" is the year."""
    ref = ctx.reference
    if ref is not None and ref[4:6] == "-Q" and kind.lower() in ("quarter", "period"):
        ctx.anchor = ref  # a comparison, not a new reference for "a year earlier"
        return f"{int(y):04d}{ref[4:7]}"
    if kind.lower() == "quarter":
        return f"{int(y):04d}{last_reported(ctx, 'Q')[4:]}" if ctx.dct else f"{int(y):04d}-QX"
    return year(ctx, y)


@value_function
def half(ctx: Context, h: int, y: int | None = None, n: int | None = None, told: str | None = None) -> str | None:
    """Half ``h`` of year ``y`` (or of the publication year moved by ``n``; without either, the
    last one begun when the clause is in the past tense). "Of the year" (``told``) is of the
    year a story is set in, as "the year" is (see story_period)."""
    if y is not None:
        return f"{int(y):04d}-H{int(h)}"
    d = publication_date(ctx)
    if d is None:
        return f"XXXX-H{int(h)}"
    yr = d.year + int(n or 0)
    if told is not None:
        yr = int(story_period(ctx, "Y")[:4])
    if n is None and int(h) == 2 and d.month <= 6 and ctx.tense() == "past":
        yr -= 1  # not begun yet this year: the one before, as for quarters
    return f"{yr:04d}-H{int(h)}"


@value_function
def quarter_of_half_end(ctx: Context, h: int, y: int | None = None, n: int | None = None) -> str | None:
    """"The first three months of 1993" is its first quarter, "the last three months" its fourth."""
    return quarter(ctx, 1 if int(h) == 1 else 4, y, n)


@value_function
def last_reported(ctx: Context, unit: str, latest: str | None = None) -> str | None:
    """"The quarter", "the latest period": results are reported after a period ends, so the
    period just ended; "the quarter" may look ahead with its clause ("expects a loss for the
    quarter"), "the latest" never does."""
    return relative(ctx, unit, 0 if latest is None and ctx.tense() == "future" else -1)


@value_function
def sports_season(ctx: Context, n: int) -> str | None:
    """The season of sport ``n`` seasons from the one under way (or just ended): named by the
    year it begins. One that runs across the new year (football, basketball, cricket) is the
    last year's until August; one within a year (baseball, tennis, golf, motor racing) is this
    year's from January. Nothing outside a story about sport ("so far this season" of flu)."""
    kind = _sport_kind(ctx.text, ctx.rules)
    if kind is None:
        return None
    d = publication_date(ctx)
    if d is None:
        return "XXXX"
    ctx.anchor = "dct"
    begun = d.year if kind == "calendar" or d.month >= CROSS_YEAR_SEASON_BEGINS else d.year - 1
    return f"{begun + int(n):04d}"


# The month from which a season across the new year (football, basketball) is the one begun.
CROSS_YEAR_SEASON_BEGINS = 8


@lru_cache(maxsize=4)
def _sport_kind(text: str, rules: RuleSet) -> str | None:
    """"calendar" for a story about a sport played within a calendar year, "across" for any
    other sport, None for a story about no sport."""
    sport, calendar = _sport_regexes(rules)
    if calendar.search(text):
        return "calendar"
    return "across" if sport.search(text) else None


@lru_cache(maxsize=4)
def _sport_regexes(rules: RuleSet) -> tuple[re.Pattern, re.Pattern]:
    return tuple(re.compile(rf"(?<![\w-])(?:{rules.lists[name].regex()})(?![\w-])", re.IGNORECASE)
                 for name in ("sport_word", "calendar_year_sport"))
