"""Value functions named by the rules' value templates.

A rule's ``value`` is either a literal template (``P1W``, ``XXXX-WXX-{weekday}``) formatted with
the rule's normalized groups, or a call ``name(arg, ...)`` of a function registered here with
:func:`value_function`. Arguments are literals or ``{group}`` references; ``{group|default}``
gives a default when the group did not match. A function returns the TIMEX3 value, or None to
reject the match (an impossible date, say). The value functions of times of day are in
:mod:`tui.temporal.clocks`, those of seasons, quarters and halves in :mod:`tui.temporal.periods`;
the tense of a clause, which many of them read, is told by :mod:`tui.temporal.tense`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.temporal import calendar as cal
from tui.temporal.regex_facts import case_free, case_free_scan
from tui.temporal.tense import section_tense, verb_governs

if TYPE_CHECKING:
    from tui.temporal.engine import Context, Rule, RuleSet

ValueFunction = Callable[..., "str | None"]
FUNCTIONS: dict[str, ValueFunction] = {}

# The underspecified value of one period of each unit when the publication date is unknown.
UNKNOWN = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX",
           "H": "XXXX-HX", "S": "XXXX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}


def value_function(fn: ValueFunction) -> ValueFunction:
    """Register ``fn`` under its name for use in rule value templates."""
    FUNCTIONS[fn.__name__] = fn
    return fn


# ---------------------------------------------------------------------------------------------
# Group normalizers for fragments (the word lists normalize through their own tables).

def parse_number(s: str, rules: RuleSet) -> float | str | None:
    """A number written in digits ("70", "2 1/2", "1,000") or words ("twenty four", "a"), with
    an optional "and a half"."""
    key = " ".join(s.lower().replace("-", " ").split())
    if key.endswith(" and a half"):
        n = parse_number(key[:-len(" and a half")], rules)
        return n + 0.5 if isinstance(n, float | int) else None
    words = rules.lists["number_word"]
    vague = rules.lists["vague_quantity"].lookup(key)
    if vague is not None:
        return vague
    whole = words.lookup(key)
    if whole is None:
        whole = rules.lists["quantity_phrase"].lookup(key)
    if whole is not None:
        return whole
    m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?: (\d)/(\d))?", key)
    if m:
        n = float(m.group(1).replace(",", ""))
        if m.group(2):
            n += int(m.group(2)) / int(m.group(3))
        return n
    total = current = 0.0
    for tok in key.split():
        v = words.values.get(tok)
        if not isinstance(v, (int, float)):
            return None
        if v == 100:
            current = max(current, 1) * 100
        elif v == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += v
    return total + current


def _year_words(s: str, rules: RuleSet) -> int | None:
    """A year said in words: "nineteen ninety-six", "two thousand"."""
    toks = s.lower().replace("-", " ").split()
    if len(toks) >= 2 and toks[1] not in ("hundred", "thousand"):
        head = parse_number(toks[0], rules)
        tail = parse_number(" ".join(toks[1:]), rules)
        if isinstance(head, float | int) and isinstance(tail, float | int):
            return int(head * 100 + tail)
    n = parse_number(s, rules)
    return int(n) if isinstance(n, float | int) else None


def normalize_fragment(base: str, s: str, rules: RuleSet) -> object:
    """Normalize a fragment group by its name (numbers, days, years); others keep their text."""
    if base == "number":
        return parse_number(s, rules)
    if base in ("day", "day_ordinal", "year", "hour", "minute", "yy", "decade_digits"):
        digits = re.sub(r"\D", "", s)
        return int(digits) if digits else None
    if base == "year_words":
        return _year_words(s, rules)
    if base == "century_ordinal":
        digits = re.sub(r"\D", "", s)
        return int(digits) if digits else rules.lists["ordinal"].lookup(s)
    return s


# ---------------------------------------------------------------------------------------------
# Template evaluation.

_CALL = re.compile(r"(\w+)\((.*)\)$")
_ARG = re.compile(r"\{(\w+)(?:\|(.*))?\}$")

# A compiled value template: (groups, context) -> value or None.
Template = Callable[[dict, "Context"], "str | None"]


def _argument(a: str) -> Callable[[dict], object]:
    """An argument: ``{group}``, ``{group|default}`` (the default is itself an argument), an
    integer, None, or a bare word."""
    a = a.strip()
    m = _ARG.match(a)
    if m:
        name = m.group(1)
        default = _argument(m.group(2)) if m.group(2) is not None else None

        def group(groups: dict) -> object:
            v = groups.get(name)
            return default(groups) if v is None and default is not None else v
        return group
    literal: object = int(a) if re.fullmatch(r"-?\d+", a) else None if a == "None" else a
    return lambda groups: literal


def compile_value(template: str) -> Template:
    """Compile a rule's value template; an unknown function name is an error at load time."""
    m = _CALL.match(template)
    if m is None:
        return lambda groups, ctx: template.format_map(groups)
    if m.group(1) not in FUNCTIONS:
        raise ValueError(f"unknown value function {m.group(1)!r}")
    fn = FUNCTIONS[m.group(1)]
    args = [_argument(a) for a in m.group(2).split(",")] if m.group(2).strip() else []
    return lambda groups, ctx: fn(ctx, *(a(groups) for a in args))


_TIME_OF_DAY = re.compile(r"[0-9X]T[0-9MAEN]")  # "...-20T21:50", "...TNI"; not "PRESENT_REF"


def evaluate(rule: Rule, groups: dict, ctx: Context) -> tuple[str, str, str | None] | None:
    """The (value, type, mod) of a match, or None when the rule's value function rejects it."""
    try:
        value = rule.compute(groups, ctx)
    except (KeyError, ValueError, OverflowError, TypeError):
        return None  # an impossible date, a number out of range, a missing group
    if not value:
        return None
    mod = rule.mod.format_map(groups) if rule.mod else None
    if mod is None:
        for name in rule.modifier_groups:
            if isinstance(mod := groups.get(name), str):
                break
        else:
            mod = None
    # A value with a time of day is a TIME whichever rule gave it ("20 minutes later" than 9:30 p.m.).
    return value, "TIME" if rule.type == "DATE" and _TIME_OF_DAY.search(value) else rule.type, mod


def is_specific(value: str) -> bool:
    """True for a resolved calendar value a later narrative phrase can lean on."""
    return bool(value) and value[0].isdigit() and "X" not in value and len(value) >= 7


def is_day(value: str) -> bool:
    """True for a specific value of a day or a time of day ("2011-01-03", "2011-01-03TNI")."""
    return len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[8:10].isdigit()


# ---------------------------------------------------------------------------------------------
# Value functions.

def publication_date(ctx: Context) -> dt.date | None:
    if ctx.dct is not None:
        ctx.anchor = "dct"
    return ctx.dct


@value_function
def date(ctx: Context, year: int, month: int, day: int | None = None) -> str | None:
    """An absolute date: year, month and optional day, validated."""
    if day is None:
        return f"{int(year):04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    return dt.date(int(year), int(month), int(day)).isoformat()


@value_function
def year(ctx: Context, y: int) -> str | None:
    """A four-digit year, or a two-digit one with an apostrophe ("'98")."""
    y = int(y)
    if y < 100:
        y += 1900 if y > 30 else 2000
    return f"{y:04d}"


@value_function
def year_pair(ctx: Context, y: int, yy: str) -> str | None:
    """"2017-18": the first of two years in a row; nothing for a span of more ("1990-95")."""
    return year(ctx, y) if (int(y) + 1) % 100 == int(yy) else None


@value_function
def decade(ctx: Context, y: int) -> str | None:
    """A decade from a year in it ("the 1990s" 199, "the '80s" 198, "the nineties" 199), or a
    century from its first year ("the late 1800s" 18). A
    decade named without its century is the last one begun by the publication date ("the
    sixties" in 2023 are the 1960s, "the twenties" the 2020s); without a date, the 1900s'."""
    y = int(y)
    if y < 100:
        decade_year = y * 10 if y < 10 else y // 10 * 10  # "the nineties" gives 9, "the '80s" 80
        now = ctx.dct.year if ctx.dct else 1999
        y = now // 100 * 100 + decade_year
        if y > now:
            y -= 100
    if y % 100 == 0 and y < 2000:
        return f"{y // 100:02d}"  # "the 1800s" are the century, where "the 2000s" are a decade
    return f"{y // 10:03d}"


@value_function
def century(ctx: Context, n: int) -> str | None:
    """An ordinal century: "the 20th century" is 19."""
    return f"{int(n) - 1:02d}" if 1 <= int(n) <= 99 else None


@value_function
def relative(ctx: Context, unit: str, n: int) -> str | None:
    """The period of ``unit`` ``n`` units from the publication date's ("last month")."""
    if int(n) == 0 and _names_no_period(ctx):
        return None
    d = publication_date(ctx)
    if d is None:
        return UNKNOWN[unit]
    return cal.relative(d, unit, int(n))


def _names_no_period(ctx: Context) -> bool:
    """Whether "the year" or "the month" is no period but the round of any ("the busiest day of
    the year") or part of a name ("Player of the Year", "the Year of the Snake")."""
    return bool(_SUPERLATIVE_OF.search(ctx.text, max(0, ctx.start - SUPERLATIVE_REACH), ctx.start)
                or _TITLE_OF.search(ctx.text, max(0, ctx.start - 3), ctx.end)
                or _NAMED_YEAR.match(ctx.text, ctx.end - len("Year")))


SUPERLATIVE_REACH = 48
# The busiest time of any year: a day or stretch of the yearly round ("the busiest travel day of
# the year"), not a thing of this one ("the largest listing of the year").
_SUPERLATIVE_OF = re.compile(r"\b(?:the|its|their|his|her|our) (?:[a-z'’]+ )?[a-z]+est(?: [a-z]+)? "
                             r"(?:days?|nights?|weeks?|weekends?|fortnight|months?|point|time) of $")
_TITLE_OF = re.compile(r"(?-i:of the (?:Year|Month))$")
# "The Year of the Snake" is a name (of a Chinese year), not this year.
_NAMED_YEAR = re.compile(r"(?-i:Year of the [A-Z])")


@value_function
def year_ahead(ctx: Context, which: str) -> str | None:
    """"The new year", "the coming year": the year ahead, or the one under way when told in its
    first months ("opened the new year with a bus tour", on Jan. 4; "the limit is unchanged for
    the coming year", in April)."""
    d = publication_date(ctx)
    if d is None:
        return UNKNOWN["Y"]
    return f"{d.year + (d.month > _MONTHS_BEGUN[which.lower()]):04d}"


# For how many months of a year "the new year" or "the coming year" is the one under way.
_MONTHS_BEGUN = {"new": 2, "coming": 6}


@value_function
def full_year(ctx: Context) -> str | None:
    """"The full year": in a past clause told in a year's first quarter, the year just ended,
    whose results are being reported ("Sales for the full year were flat", in January); else
    the publication year."""
    d = publication_date(ctx)
    if d is None:
        return UNKNOWN["Y"]
    return f"{d.year - (d.month <= 3 and ctx.tense() == 'past'):04d}"


@value_function
def same_day(ctx: Context, unit: str, n: int) -> str | None:
    """The publication date's day ``n`` units away ("this day last year")."""
    d = publication_date(ctx)
    if d is None:
        return UNKNOWN["D"]
    return cal.shift_period(cal.period_of(d, "D"), unit, int(n))


@value_function
def same_day_in(ctx: Context, y: int) -> str | None:
    """The publication date's day in year ``y`` ("on this day in 1969"); none for Feb. 29 in a
    common year."""
    d = publication_date(ctx)
    if d is None:
        return f"{int(y):04d}-XX-XX"
    try:
        return d.replace(year=int(y)).isoformat()
    except ValueError:
        return None


def last_told(ctx: Context) -> tuple[str | None, int]:
    """The date told last and where it ends: the last specific one, or a year or other period
    said since ("in 2009")."""
    if ctx.mentioned is not None and ctx.mentioned_end > ctx.reference_end:
        return ctx.mentioned, ctx.mentioned_end
    return ctx.reference, ctx.reference_end


@value_function
def story_period(ctx: Context, unit: str) -> str | None:
    """The ``unit`` (month, year) of a story set in an earlier year, told just before ("the quake
    struck on Jan. 12, 2010 ... by the end of the month"), or in last year when that year was
    named ("the last session of 1989, up 29 percent for the year"; a day of it is no frame: "the
    blizzard of Dec. 26 ... a review by the end of the month"); else the publication date's. A
    clause that looks ahead is in the publication year ("began last year and will be completed
    by the end of the year")."""
    if _names_no_period(ctx):
        return None
    (ref, end), d = last_told(ctx), ctx.dct
    if ref is not None and d is not None and ctx.start - end <= NEAR_REFERENCE and ctx.tense() != "future":
        p = cal.parse_value(ref)
        if (p is not None and cal.coarser(p.gran, unit) == unit
                and (p.day.year < d.year - 1 or (p.day.year == d.year - 1 and p.gran == "Y"))):
            ctx.anchor = ref
            return cal.period_of(p.day, unit).value()
    return relative(ctx, unit, 0)


@value_function
def month_of_told_year(ctx: Context, month: int, day: int | None = None) -> str | None:
    """A month, or a day of it, in the year of the date just told ("November of that year",
    "18 April that year"), else the publication date's."""
    told = last_told(ctx)[0]
    p = cal.parse_value(told) if told is not None else None
    if p is None:
        return month_in(ctx, month, 0, day)
    ctx.anchor = told
    return date(ctx, p.day.year, month, day) if day is not None else f"{p.day.year:04d}-{int(month):02d}"


@value_function
def narrative(ctx: Context, unit: str, n: int | str, gran: str | None = None,
              mentioned: bool = False) -> str | None:
    """``n`` units from the last date mentioned, else from the publication date. The result keeps
    the mentioned date's granularity ("a year earlier" than a quarter is a quarter) unless
    ``gran`` is "unit" ("the following year" is a year). A year mentioned since is the anchor
    for a shift by years: with ``gran`` "unit" any ("last year ... the year before"), with
    ``mentioned`` one said outright ("founded in 1998 ... three years later"; but "a year ago ...
    a year earlier" name one year). "The year-ago period" in results compares with the reported
    quarter, never with a year the story mentioned."""
    n = int(n)
    ref = ctx.reference
    eligible = gran == "unit" or (mentioned and (ctx.mentioned_outright or _this_year_in_sentence(ctx)))
    if eligible and ctx.mentioned is not None and ctx.mentioned_end > ctx.reference_end:
        m = cal.parse_value(ctx.mentioned)
        if m is not None and cal.coarser(m.gran, unit) == unit:
            ref = ctx.mentioned
    p = cal.parse_value(ref) if ref is not None else None
    if p is None:
        return relative(ctx, unit, n)
    if (unit in ("D", "W") and cal.coarser(p.gran, unit) != unit and ctx.day_reference is not None
            and ctx.dct is not None and p.gran != "S" and cal.period_of(ctx.dct, p.gran).value() == p.value()):
        # A month or year that holds the publication date ("by the end of the month") frames no
        # story: "three days later" counts from the last day the story gave.
        ref = ctx.day_reference
        p = cal.parse_value(ref)
    ctx.anchor = ref
    if unit in ("D", "W") and cal.coarser(p.gran, unit) != unit:
        # "That same day", "three days later" after "in October": some day of that October,
        # not one counted from its first.
        if unit == "W":
            return f"{p.day.year:04d}-WXX"
        return f"{p.day.year:04d}-{p.day.month:02d}-XX" if p.gran == "M" else f"{p.day.year:04d}-XX-XX"
    # A story told forward moves on ("two days later ... that night ... the following week"): a
    # date counted ahead becomes the one the next lean on, where "a year earlier" said twice
    # compares with the same period both times.
    ctx.placed = n > 0
    if gran is not None:
        return cal.shift_period(cal.period_of(p.day, unit if gran == "unit" else gran), unit, n)
    return cal.shift_period(p, unit, n)


def _this_year_in_sentence(ctx: Context) -> bool:
    """Whether the date mentioned last is the publication year, named in the expression's
    sentence ("in the first nine months of the year, up 6.2 percent from a year earlier"): the
    year it compares with, where "a year ago ... a year earlier" both name one year."""
    return (ctx.mentioned is not None and ctx.dct is not None and ctx.mentioned == f"{ctx.dct.year:04d}"
            and ctx.mentioned_end > ctx.sentence_bounds(ctx.start)[0])


@value_function
def the_next(ctx: Context, unit: str) -> str | None:
    """"The next year": the one after the date told last, in a clause told in the past; else the
    one after the publication date's."""
    if ctx.mentioned is not None and ctx.tense() == "past":
        return narrative(ctx, unit, 1, "unit")
    return relative(ctx, unit, 1)


@value_function
def ago(ctx: Context, n: float | str, unit: str, sign: int, half: str | None = None,
        big: str | None = None) -> str | None:
    """``n`` units before (sign -1) or after (+1) the publication date: "two years ago"; a
    fraction counts in the next finer unit ("a year and a half ago" is a month). Beyond the
    four-digit years ("76 million years ago") is only the past or the future."""
    if n == "X" or n is None or big or _off_the_calendar(ctx, float(n) * _YEARS_IN_UNIT.get(unit, 0) * int(sign)):
        return "PAST_REF" if int(sign) < 0 else "FUTURE_REF"
    n = float(n) + (0.5 if half else 0)
    if unit == "FN":  # "a fortnight ago" is two weeks ago
        unit, n = "W", n * 2
    if unit in _TIME_UNITS:  # "three hours ago": the day it was, whole days back
        return relative(ctx, "D", int(n * _TIME_UNITS[unit] // 86400) * int(sign))
    if not n.is_integer():
        finer, per = _FINER.get(unit, (None, 0))
        if finer is None or not (n * per).is_integer():
            return None
        return relative(ctx, finer, int(n * per) * int(sign))
    if unit in ("DE", "CE"):  # "a decade ago" names a year, not a decade
        return relative(ctx, "Y", int(n) * int(sign) * (10 if unit == "DE" else 100))
    if unit == "Y" and _near_quarter(ctx):
        # Results compared with "a year ago" name the same quarter of the year before.
        return narrative(ctx, unit, int(n) * int(sign))
    return relative(ctx, unit, int(n) * int(sign))


_YEARS_IN_UNIT = {"Y": 1, "DE": 10, "CE": 100, "ML": 1000}


def _off_the_calendar(ctx: Context, years: float) -> bool:
    """Whether ``years`` from the publication date fall outside the four-digit years."""
    d = publication_date(ctx)
    return d is not None and not 1 <= d.year + years <= 9999


@value_function
def ago_this(ctx: Context, n: float | str, unit: str, period: str) -> str | None:
    """"Fifty years ago this week": the ``period`` holding the publication date ``n`` units back."""
    d = publication_date(ctx)
    if (n == "X" or n is None or not float(n).is_integer() or period not in ("D", "W", "M", "Y")
            or unit not in ("D", "W", "M", "Q", "Y", "DE", "CE")):
        return None
    if d is None:
        return UNKNOWN[period]
    try:
        return cal.period_of(cal.shift_date(d, unit, -int(float(n))), period).value()
    except (OverflowError, ValueError):
        return None


# Seconds in a unit of clock time.
_TIME_UNITS = {"H": 3600, "MIN": 60, "S": 1}
# The unit a fraction of a unit is counted in, and how many make one.
_FINER = {"Y": ("M", 12), "DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3)}


def _near_quarter(ctx: Context) -> bool:
    return (ctx.reference is not None and ctx.reference[4:6] == "-Q"
            and ctx.start - ctx.reference_end < NEAR_REFERENCE)


# How close (in characters) the last mentioned date must be for a phrase to lean on it.
NEAR_REFERENCE = 400


@value_function
def offset(ctx: Context, n: float | str, unit: str, sign: int) -> str | None:
    """``n`` units before or after the last mentioned date ("three days earlier"); a vague number
    is left to the duration rule ("a few days later" is a duration with a signal), and so are
    minutes and hours but after a clock time (see _clock_offset)."""
    if n == "X" or n is None or unit in ("H", "MIN", "S"):
        return _clock_offset(ctx, n, unit, sign)
    n = float(n)
    if unit in ("DE", "CE"):  # "a decade earlier" than a year is a year, as "a decade ago" is
        unit, n = "Y", n * (10 if unit == "DE" else 100)  # "half a century later": 50 years
    elif unit == "FN":  # "a fortnight later" is two weeks later
        unit, n = "W", n * 2
    if not n.is_integer():
        return None
    # "A year earlier" than a quarter is that quarter a year back; "two years later" than a day
    # or a season names a year, and "a month later" than a day a month, as every news writer
    # has them.
    gran = "unit" if unit == "M" or (n >= 2 and unit == "Y") else None
    return narrative(ctx, unit, int(n) * int(sign), gran, mentioned=True)


_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):\d\d$")
_CLOCK_UNITS = {"H": 60, "MIN": 1}


def is_clock(value: str) -> bool:
    """True for a clock time on a known day ("2003-02-19T21:30")."""
    return _CLOCK_VALUE.match(value) is not None


def _clock_offset(ctx: Context, n: float | str, unit: str, sign: int) -> str | None:
    """``n`` minutes or hours after (or before) the clock time just told ("at about 9:30 p.m.
    ... surrendered 20 minutes later"); nothing without one, and the words are a duration."""
    ref = ctx.clock
    if n in ("X", None) or unit not in _CLOCK_UNITS or ref is None or ctx.start - ctx.clock_end >= NEAR_REFERENCE:
        return None
    at = dt.datetime.fromisoformat(ref) + dt.timedelta(minutes=float(n) * _CLOCK_UNITS[unit] * int(sign))
    ctx.anchor, ctx.placed = ref, True
    return at.strftime("%Y-%m-%dT%H:%M")


@value_function
def same_period_year_before(ctx: Context, noun: str) -> str | None:
    """"The same quarter a year earlier": the period last reported (or the publication date's), a
    year back, at the noun's granularity; "the same period" keeps the reported one's, a quarter
    when a day was reported ("the quarter ended Sept. 30 ... the same period last year")."""
    gran = _PERIOD_NOUNS[noun.lower()]
    reported = cal.parse_value(ctx.reference) if ctx.reference is not None else None
    if reported is not None and gran is not None and cal.coarser(reported.gran, gran) != gran:
        # A coarser period names none of the noun's ("the same week last year" after "until the
        # end of December"): the one of the last day told, else of the publication date.
        day = cal.parse_value(ctx.day_reference) if ctx.day_reference is not None else None
        if day is not None:
            ctx.anchor = ctx.day_reference
            return cal.shift_period(cal.period_of(day.day, gran), "Y", -1)
        reported = None
    if reported is None:
        d = publication_date(ctx)
        if d is None or gran is None:
            return relative(ctx, "Y", -1)
        ctx.anchor = "dct"
        return cal.shift_period(cal.period_of(d, gran), "Y", -1)
    if gran is None and is_day(ctx.reference):
        gran = "Q"
    return narrative(ctx, "Y", -1, gran, mentioned=True)


@value_function
def same_period_in(ctx: Context, noun: str, y: int) -> str | None:
    """"The same period of 2000": the period :func:`same_period_year_before` finds, in year ``y``."""
    back = same_period_year_before(ctx, noun)
    return f"{int(y):04d}{back[4:]}" if back is not None and back[:4].isdigit() else f"{int(y):04d}"


_PERIOD_NOUNS = {"period": None, "quarter": "Q", "month": "M", "week": "W", "half": "H"}


# The most units a duration counts: "the past 110,000 years" is one; a number beyond is rather an
# amount or a code.
MAX_DURATION_COUNT = 10_000_000


@value_function
def duration(ctx: Context, n: float | str | None, unit: str, half: str | None = None) -> str | None:
    """A TIMEX3 duration of ``n`` units (and a ``half`` more: "six-and-a-half-year"); X when the
    number is vague or absent."""
    if n is None:
        n = "X"
    if half is not None and isinstance(n, float | int):
        n += 0.5
    if n != "X" and (float(n) <= 0 or float(n) > MAX_DURATION_COUNT):
        return None
    return cal.duration(n, unit)


@value_function
def duration_sum(ctx: Context, n: float | str | None, unit: str, n2: float | str | None, unit2: str,
                 n3: float | str | None = None, unit3: str | None = None) -> str | None:
    """"Three hours and 37 minutes", "2 hours 8 minutes 31 seconds": one duration of the parts."""
    parts = [(int(x) if isinstance(x, str) and x.isdigit() else x, u)  # digit groups ("2 hours 8 minutes")
             for x, u in [(n, unit), (n2, unit2)] + ([(n3, unit3)] if unit3 is not None else [])]
    if any(not isinstance(x, float | int) or x <= 0 for x, _ in parts):
        return None
    return cal.compound_duration(parts)


@value_function
def race_time(ctx: Context, hours: str, minutes: str, seconds: str) -> str | None:
    """A race time in digits ("2:11:42"): the hours, minutes and seconds that are not nought."""
    parts = "".join(f"{int(n)}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if int(n))
    return f"PT{parts}" if parts else None


@value_function
def duration_and_half(ctx: Context, n: float | str | None, unit: str) -> str | None:
    """"An hour and a half": the number plus one half of the unit."""
    if not isinstance(n, float | int):
        return None
    return duration(ctx, n + 0.5, unit)


@value_function
def weekday_of_week(ctx: Context, wd: int, when: str) -> str | None:
    """Weekday ``wd`` of the week before (``when`` "last"), of this one or of the one after."""
    d = publication_date(ctx)
    if d is None:
        return f"XXXX-WXX-{int(wd)}"
    ctx.anchor = "dct"
    weeks = {"last": -1, "this": 0, "next": 1}[when]
    return (d + dt.timedelta(days=int(wd) - d.isoweekday(), weeks=weeks)).isoformat()


@value_function
def weekday(ctx: Context, wd: int, when: str | None = None) -> str | None:
    """The weekday nearest the publication date on the side the tense points to: "said
    Wednesday" is the last one (or today), "will meet Friday" the next (or today). ``when`` may
    fix the side: "last", "next", "this", "past", "future", or "owner" for a possessive."""
    d = publication_date(ctx)
    if d is None:
        return f"XXXX-WXX-{int(wd)}"
    if when is None and (heading := _weekday_heading(ctx, int(wd))) is not None:
        return heading
    diff = int(wd) - d.isoweekday()
    if diff == 0 and when not in ("last", "next"):
        return d.isoformat()  # the publication day, whichever way the clause looks (no need to read it)
    if when == "owner":
        # "Wednesday's ruling" is mostly one already reported: only a firm future cue ("will",
        # not a conditional "would") puts it ahead.
        firm = ctx.tense() == "future" and not conditional(ctx)
        when = "future" if firm else "past"
    tense = "future" if when == "this" else when or _tense_before_condition(ctx) or section_tense(ctx)
    if tense is None and _DEADLINE.search(ctx.text, max(0, ctx.start - len("until at least ")), ctx.start):
        tense = "future"  # a clause with no tense cue is in the present: "remains in effect until Wednesday"
    elif tense == "past" and _deadline_set(ctx):
        tense = "future"
    if tense is None and _in_present(ctx):
        # A weekday in a present-tense sentence is a day of a schedule: "Rival Carrow reports its
        # results Thursday", "the standings close Sunday", "Sunday is Father's Day".
        tense = "future"
    if tense == "future":
        return (d + dt.timedelta(days=diff % 7)).isoformat()
    if tense == "next":
        # "Next Friday" said on a Thursday is not tomorrow but the Friday after (as all three
        # news writers who met it have it).
        return (d + dt.timedelta(days=8 if diff % 7 == 1 else diff % 7 or 7)).isoformat()
    if tense == "last":
        return (d - dt.timedelta(days=(-diff) % 7 or 7)).isoformat()
    return (d - dt.timedelta(days=(-diff) % 7)).isoformat()


def _weekday_heading(ctx: Context, wd: int) -> str | None:
    """A weekday alone on its line heads a timeline's entries: the day the text told last if it
    is that weekday, else the first such weekday after it ("split open early Tuesday ...
    timeline:\n\nTUESDAY\n4:52 a.m. - ...\n9 p.m. - ...\n\nWEDNESDAY\n1:40 a.m. - ..."). None
    without a day told, or for a weekday in a line of prose."""
    day = ctx.day_reference
    if day is None or not day[:4].isdigit():
        return None
    # (Looked for within a heading's length, so a text without line breaks is not read end to end.)
    line_start = ctx.text.rfind("\n", max(0, ctx.start - HEADING), ctx.start) + 1
    line_end = ctx.text.find("\n", ctx.end, ctx.end + HEADING)
    if (line_end < 0 or (line_start == 0 and ctx.start > HEADING) or ctx.text[line_start:ctx.start].strip()
            or ctx.text[ctx.end:line_end].strip(" \t:")):
        return None
    told = dt.date.fromisoformat(day[:10])
    ctx.anchor, ctx.placed = day[:10], True
    return (told + dt.timedelta(days=(wd - told.isoweekday()) % 7)).isoformat()


# ("Until at least Monday": the bound is the same.)
_DEADLINE = re.compile(r"\b(?:until|till)\s(?:at\sleast\s)?$", re.IGNORECASE)


def _in_present(ctx: Context) -> bool:
    """Whether the sentence around the expression, which has no tense cue, holds no word that
    could put it in the past ("The quake hit at 4:31 a.m. on Monday", "three days after the
    banks cut rates on Wednesday")."""
    lo, hi = ctx.sentence_bounds(ctx.start)
    return ctx.rules.past_without_cue.search(ctx.text, lo, max(hi, ctx.end)) is None


_DEADLINE_AHEAD = re.compile(r"\b(?:until|till|through|by)\s(?:at\sleast\s)?$", re.IGNORECASE)


def _deadline_set(ctx: Context) -> bool:
    """Whether the expression ends a span that a past verb put in force ("has issued a wind chill
    warning through noon Tuesday", "gave him until 5 p.m. Friday", "ordered visitors off the island
    by 6 a.m. Friday"), where a verb of what went on until then ("did not let up until Sunday
    night") keeps it behind."""
    cue = ctx.tense_cue()
    return (cue is not None and cue[2] <= ctx.start
            and _DEADLINE_AHEAD.search(ctx.text, max(0, ctx.start - len("through at least ")), ctx.start) is not None
            and ctx.rules.lists["deadline_verb"].lookup(ctx.text[cue[1]:cue[2]].split()[-1]) is not None)


_CONDITIONAL = frozenset({"would", "could", "might"})


def conditional(ctx: Context) -> bool:
    """True when the clause looks ahead only by a conditional ("would end", "could fall")."""
    cue = ctx.tense_cue()
    return cue is not None and ctx.text[cue[1]:cue[2]].lower() in _CONDITIONAL


@value_function
def schedule_weekday(ctx: Context, wd: int) -> str | None:
    """A day of a span of weekdays in a sentence that tells a schedule (a recurrence, or hours
    from one to another): every such day. None elsewhere, where the span is of dates, and in a
    sentence that names its week ("last week, temperatures topped 33C every day from Wednesday to
    Saturday")."""
    lo, hi = ctx.sentence_bounds(ctx.start)
    if RECURRENCE.search(ctx.text, lo, hi) is None and _HOURS_SPAN.search(ctx.text, lo, hi) is None:
        return None
    if _THAT_WEEK.search(ctx.text, lo, hi):
        return None
    return f"XXXX-WXX-{int(wd)}"


_THAT_WEEK = re.compile(r"\b(?:last|this|next|that)\s+week\b(?!['’]s)", re.IGNORECASE)
_HOURS_SPAN = re.compile(r"\b[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.?m\.?|p\.?m\.?)\s*(?:to|until|till|-|–)\s*"
                         r"[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.?m\.?|p\.?m\.?)", re.IGNORECASE)


@value_function
def bracketed_weekday(ctx: Context, wd: int) -> str | None:
    """"June 11 (Sunday)": the date told just before the bracket; a weekday alone after anything
    else ("at noon (Saturday)")."""
    told = ctx.day_reference
    if (told is not None and len(told) == len("2000-01-01") and ctx.reference == told
            and ctx.start - ctx.reference_end <= len(" (")):
        ctx.anchor = told
        return told
    return weekday(ctx, wd)


@value_function
def weekday_after(ctx: Context, wd: int) -> str | None:
    """The end of a span from a day named just before it ("Tuesday to Sunday", "today through
    Friday"): the first such weekday after that day; a weekday alone otherwise."""
    ref = ctx.day_reference
    if (ref is not None and ref == ctx.reference and ctx.start - ctx.reference_end <= _JOINED
            and ctx.text[ctx.reference_end - 3:ctx.reference_end].lower() == "day"):
        ctx.anchor = ref[:10]
        return cal.weekday_beside(dt.date.fromisoformat(ref[:10]), int(wd), 1).isoformat()
    return weekday(ctx, wd)


# The most characters between two joined days: " through ".
_JOINED = 10


@value_function
def weekday_shifted(ctx: Context, wd: int, when: str, shift: int) -> str | None:
    """"The day before last Tuesday": a weekday placed by ``when``, moved by ``shift`` days."""
    day = weekday(ctx, wd, when)
    if day is None or day.startswith("X"):
        return day
    return (dt.date.fromisoformat(day) + dt.timedelta(days=int(shift))).isoformat()


def after_deadline_word(ctx: Context) -> bool:
    """Whether the expression follows "by", "before", "until" or "till": a deadline."""
    return _DEADLINE_WORD.search(ctx.text, max(0, ctx.start - len("before ") - 1), ctx.start) is not None


_DEADLINE_WORD = re.compile(r"\b(?:by|before|until|till)\s+$", re.IGNORECASE)


@value_function
def weekend(ctx: Context, holiday: str | None = None) -> str | None:
    """"The weekend": the one before the publication date in a past-tense clause (but the one
    ahead of a Friday's), else the next (the current one when published on a weekend). "The
    holiday weekend" (``holiday``: "long", "bank holiday" ...) is the one by the day told just
    before ("Thanksgiving ... spent the holiday weekend"): after a Wednesday to a Sunday, before
    a Monday or Tuesday."""
    day = _day_near(ctx, ctx.reference, ctx.reference_end) if holiday is not None else None
    if day is not None:
        d = dt.date.fromisoformat(day)
        return cal.period_of(d - dt.timedelta(days=7 if d.isoweekday() <= 2 else 0), "WE").value()
    d = publication_date(ctx)
    if d is None:
        return UNKNOWN["WE"]
    wd = d.isoweekday()
    ahead_of_friday = wd == 5 and _AHEAD_OF.search(ctx.text, max(0, ctx.start - 10), ctx.start)
    deadline = after_deadline_word(ctx) and not _HAD_AFTER.match(ctx.text, ctx.end, ctx.end + HAD_AFTER_REACH)
    if wd < 6 and ctx.tense() == "past" and not ahead_of_friday and not deadline:
        d -= dt.timedelta(days=7)
    return cal.period_of(d, "WE").value()


# "Thin trading on Friday ahead of the weekend": told on a Friday, the one to come.
_AHEAD_OF = re.compile(r"\b(?:ahead\s+of|before)\s+$", re.IGNORECASE)
# A deadline of the weekend is the one to come, however the clause that set it is told
# ("warned that the furnaces could be damaged if not staffed by the weekend"), but not one a
# story tells from further on ("by the weekend the strike had spread").
_HAD_AFTER = re.compile(r"[^.;\n]*?\bhad\b")
HAD_AFTER_REACH = 40


@value_function
def month_nth_day(ctx: Context, nth: int | None, last: str | None, month: int, y: int | None = None) -> str | None:
    """"The third day of June", "the last day of February": the ``nth`` (or the last) day of the
    month, in year ``y`` or placed as a month without a year is."""
    value = f"{int(y):04d}-{int(month):02d}" if y is not None else yearless(ctx, month)
    if value is None or not value[:4].isdigit():
        return None if value is None else f"{value}-XX"
    first = dt.date(int(value[:4]), int(month), 1)
    day = cal.add_months(first, 1) - dt.timedelta(days=1) if last else first + dt.timedelta(days=int(nth) - 1)
    return day.isoformat() if day.month == first.month else None


@value_function
def week_ending(ctx: Context, month: int | None = None, day: int | None = None, wd: int | None = None) -> str | None:
    """"The week ending Feb. 19", "the week ended Friday": the ISO week of that day."""
    value = yearless(ctx, month, day) if month is not None else weekday(ctx, wd)
    if value is None or not is_day(value):
        return None if value is None else UNKNOWN["W"]
    return cal.period_of(dt.date.fromisoformat(value[:10]), "W").value()


@value_function
def yearless(ctx: Context, month: int, day: int | None = None, when: str | None = None,
             wd: int | None = None) -> str | None:
    """A month (and day) without a year. "last"/"next"/"this"/"ahead" fix the year; otherwise the clause's
    tense picks the occurrence on its side of the publication date if that one is plausibly
    close (eight months for a day, seven for a month; eleven ahead of a future cue or behind a
    governing past verb), else the nearest occurrence wins: "payable Dec. 7" in a past-tense
    report from October is still this December. A story told in another year ("on July 16,
    1969 ... on July 24") keeps its days to that year, and a weekday given with the day ("Sunday,
    July 20") picks the year it falls on."""
    month = int(month)
    if day is not None:
        dt.date(2000, month, int(day))  # validates the day (2000 is a leap year)
    d = publication_date(ctx)
    tail = f"{month:02d}" + (f"-{int(day):02d}" if day is not None else "")
    if d is None:
        return f"XXXX-{tail}"
    story = _story_day(ctx, day is not None) if when is None else None
    if story is not None:
        ctx.anchor, ctx.placed, ctx.storied = story[0], True, True
        d = story[1]
    if wd is not None and day is not None and when is None:
        fits = [y for y in (d.year, d.year - 1, d.year + 1) if _falls_on(y, month, int(day), int(wd))]
        if len(fits) == 1:
            return f"{fits[0]:04d}-{tail}"
        if not fits:
            # Not a day of these years: of the last one before them it falls on ("In 2020, the
            # race was not called until Saturday, Nov. 7", written in 2024).
            back = next((y for y in range(d.year - 2, d.year - WEEKDAY_YEARS_BACK, -1)
                         if _falls_on(y, month, int(day), int(wd))), None)
            if back is not None:
                return f"{back:04d}-{tail}"
    if story is not None:
        if not is_day(story[0]):
            return f"{d.year:04d}-{tail}"
        return f"{min((d.year - 1, d.year, d.year + 1), key=lambda y: abs(_months_apart(d, y, month))):04d}-{tail}"
    told_year = (year_told_in_sentence(ctx, d) or _year_of_when_clause(ctx) or _year_fronted(ctx)
                 if when is None else None)
    if told_year is not None:
        return f"{told_year:04d}-{tail}"
    if when is None and _habitual(ctx):
        return f"XXXX-{tail}"
    this = (month, int(day) if day is not None else 0)
    now = (d.month, d.day if day is not None else 0)
    # The month just before or after the publication month would have been "last month" or
    # "next month": "last February" said in March is the February a year before.
    adjacent = day is None and abs(month - d.month) == 1
    if when == "last":
        return f"{d.year if this < now and not adjacent else d.year - 1:04d}-{tail}"
    if when == "next":
        return f"{d.year if this > now and not adjacent else d.year + 1:04d}-{tail}"
    if when == "this":
        return f"{d.year:04d}-{tail}"
    if when == "ahead":  # this one or the next: a month of delivery
        return f"{d.year if this >= now else d.year + 1:04d}-{tail}"

    def distance(y: int) -> int:  # signed, in days (or months for a bare month)
        if day is None:
            return (y - d.year) * 12 + month - d.month
        try:
            return (dt.date(y, month, int(day)) - d).days
        except ValueError:  # Feb. 29 in a common year
            return 10**6
    apart = {y: distance(y) for y in (d.year - 1, d.year, d.year + 1)}

    def year_for(tense: str | None, governed: bool) -> int:
        limit = YEARLESS_LIMIT_DAYS if day is not None else YEARLESS_LIMIT_MONTHS
        if tense == "future" or (tense == "past" and governed):
            limit = YEARLESS_GOVERNED_DAYS if day is not None else YEARLESS_GOVERNED_MONTHS
        if tense in ("past", "future"):
            sign = -1 if tense == "past" else 1
            side = [y for y, n in apart.items() if n * sign >= 0 and abs(n) <= limit]
            if side:
                return min(side, key=lambda y: abs(apart[y]))
        # Nearest; on a tie (six months either way) the past.
        return min(apart, key=lambda y: (abs(apart[y]), y))
    # The clause's tense is read only when it can change the year (reading it is the dear part).
    told = {year_for(tense, governed) for tense, governed in _TENSE_CASES}
    if len(told) > 1:
        tense = _tense_before_condition(ctx)
        told = {year_for(tense, tense == "past" and verb_governs(ctx))}
    return f"{told.pop():04d}-{tail}"


# Every way the tense may place a year-less date: (tense, whether a past verb governs it).
_TENSE_CASES = (("past", False), ("past", True), ("future", False), (None, False))


def _tense_before_condition(ctx: Context) -> str | None:
    """The clause's tense, but ahead for a date a condition follows ("threatened a walkout in
    mid-June if no deal is reached", "to strike on Friday if talks fail")."""
    tense = ctx.tense()
    return "future" if tense == "past" and _CONDITION_AFTER.match(ctx.text, ctx.end) else tense


_CONDITION_AFTER = re.compile(r",? (?:if|unless) ", re.IGNORECASE)


def _last_in_sentence(ctx: Context, regex: re.Pattern, *words: str) -> re.Match | None:
    """The last match of ``regex`` in the sentence before the expression. The sentence window is
    asked for only when one of ``words`` is there (for most dates none is)."""
    reach = max(0, ctx.start - SENTENCE_REACH)
    if all(ctx.text.find(word, reach, ctx.start) < 0 for word in words):
        return None
    told = last_match(regex, ctx.text, reach, ctx.start)
    return told if told is not None and told.start() >= ctx.sentence_bounds(ctx.start)[0] else None


def last_match(regex: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    """The last match of ``regex`` in ``text[lo:hi]``."""
    return next(reversed(list(regex.finditer(text, lo, hi))), None)


def year_told_in_sentence(ctx: Context, d: dt.date) -> int | None:
    """The year "last year", "this year", "next year" or "two years ago" names earlier in the
    clause ("Last year the peak came on March 29", "Twelve months ago the sale was cancelled after
    an outbreak in early August"), unless a year is told after it, another clause opens between
    ("up 10 per cent on last year, and its appeal runs until the end of November") or the tense
    points the other way."""
    told = _last_in_sentence(ctx, _RELATIVE_YEAR, "year", "Year") or _years_ago_opening(ctx)
    if told is None or _YEAR_OR_CLAUSE.search(ctx.text, told.end(), ctx.start):
        return None
    if told.re is _RELATIVE_YEAR:
        offset = _RELATIVE_YEAR_OFFSET[told.group(1).lower()]
    else:
        offset = -int(parse_number(told.group(1) or "one", ctx.rules) or 0)
    if offset and ctx.tense() == ("future" if offset < 0 else "past"):
        return None
    ctx.anchor = "dct"
    return d.year + offset


def _year_of_when_clause(ctx: Context) -> int | None:
    """The year a "when" clause the expression is in hangs from: "the worst season since 1994,
    when blazes burned in early January", "the 1994-95 season, when they lost in early November"."""
    told = _last_in_sentence(ctx, _WHEN_CLAUSE, ", when")
    if told is None or _YEAR_OR_CLAUSE_END.search(ctx.text, told.end(), ctx.start):
        return None
    ctx.anchor = "dct"
    return int(told.group(1))


def _year_fronted(ctx: Context) -> int | None:
    """The year a sentence opens with ("In 2018, parts of the east went 40 days without rain, and a
    hosepipe ban lasted from early July"), sets off in commas ("The last strike, in 2018, lasted
    14 days in February and March") or opens a clause with ("..., and in 1996 the clocks go back on
    the twenty-seventh of October"), when no other year is told before the expression."""
    reach = max(0, ctx.start - SENTENCE_REACH)
    if ctx.text.find("In ", reach, ctx.start) < 0 and not _clause_in(ctx.text, reach, ctx.start):
        return None
    lo = ctx.sentence_bounds(ctx.start)[0]
    told = _FRONTED_YEAR.match(ctx.text, lo, ctx.start) or last_match(_CLAUSE_YEAR, ctx.text, lo, ctx.start)
    if told is None or _ANY_YEAR.search(ctx.text, told.end(), ctx.start):
        return None
    ctx.anchor = "dct"
    return int(told.group(1))


_FRONTED_YEAR = re.compile(r"\s*[\"“]?In ((?:1[5-9]|20)[0-9]{2}),")


def _clause_in(text: str, start: int, end: int) -> bool:
    """Whether "in" opens a clause or a phrase set off between ``start`` and ``end`` (a quick
    look before the regex)."""
    return any(text.find(opening, start, end) >= 0 for opening in (", in ", "; in ", ": in ", " and in ", " but in "))


# A year set off in commas or opening a clause ("The last strike, in 2018, lasted ...", "..., and
# in 1996 the clocks go back on the twenty-seventh of October"); not "in 1996 dollars".
_CLAUSE_YEAR = re.compile(r"[,;:] (?:and |but )?in ((?:1[5-9]|20)[0-9]{2}),? (?!\w+ (?:dollars|prices|terms)\b)")
_WHEN_CLAUSE = re.compile(r"\b((?:1[5-9]|20)[0-9]{2})(?:[-/][0-9]{2,4})?(?: [a-z]+)?, when\b")
# A year told since, or the end of the clause (a full stop the sentence window may not end at:
# "fell ill. Officials"; a clause joined by ", and").
_YEAR_OR_CLAUSE_END = re.compile(r"\b(?:1[5-9]|20)[0-9]{2}\b|;|\.\s+[A-Z]|,\s+(?:and|but)\s")
# How far back a sentence window reaches (see local_sentence_bounds).
SENTENCE_REACH = 300


def _habitual(ctx: Context) -> bool:
    """Whether the clause tells what happens every year, just before the expression ("flu activity
    typically peaks between December and February", "the harvest, which normally starts in late
    July"), in a sentence with no year of its own; not past a comma ("the rains, which usually
    begin in mid-March, were now expected around April 20")."""
    cue = last_match(_HABITUAL, ctx.text, max(0, ctx.start - HABITUAL_REACH), ctx.start)
    if cue is None or _CLAUSE_BREAK.search(ctx.text, cue.end(), ctx.start) is not None:
        return False
    lo, hi = ctx.sentence_bounds(ctx.start)
    return cue.start() >= lo and _ANY_YEAR.search(ctx.text, lo, max(hi, ctx.end)) is None


HABITUAL_REACH = 80
_HABITUAL = re.compile(r"\b(?:usually|normally|typically|always|traditionally|generally|customarily|used to"
                       r"|every year|each year|a typical year|on average|average date)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|though|so)\b")
_ANY_YEAR = re.compile(r"\b(?:1[5-9]|20)[0-9]{2}\b|\b(?:this|last|next) year\b", re.IGNORECASE)
_RELATIVE_YEAR = re.compile(r"\b(last|this|next) year\b(?!['’]s)", re.IGNORECASE)
_RELATIVE_YEAR_OFFSET = {"last": -1, "this": 0, "next": 1}
# "Two years ago" sets a clause in its year only opening the sentence: "up from 40 lakh a year ago"
# is a comparison.
_YEARS_AGO = re.compile(r"\s*[\"“]?(?:(an?|one|two|three|four|five|six|seven|eight|nine|ten|[1-9][0-9]?) years?"
                        r"|twelve months) ago\b", re.IGNORECASE)
# (An "and" inside a word, "foot-and-mouth", joins no clause.)
_YEAR_OR_CLAUSE = re.compile(r"\b(?:1[5-9]|20)[0-9]{2}\b|(?<!-)\b(?:and|but)\b(?!-)|;", re.IGNORECASE)


def _years_ago_opening(ctx: Context) -> re.Match | None:
    """"Two years ago" or "Twelve months ago" opening the sentence of the expression."""
    if ctx.text.find("ago", max(0, ctx.start - SENTENCE_REACH), ctx.start) < 0:
        return None
    return _YEARS_AGO.match(ctx.text, ctx.sentence_bounds(ctx.start)[0], ctx.start)


def _falls_on(y: int, month: int, day: int, wd: int) -> bool:
    try:
        return dt.date(y, month, day).isoweekday() == wd
    except ValueError:
        return False


def _months_apart(d: dt.date, y: int, month: int) -> int:
    return (y - d.year) * 12 + month - d.month


def _story_day(ctx: Context, for_day: bool) -> tuple[str, dt.date] | None:
    """Where a story set in an earlier year is: the last day or season told outright with its
    year ("July 16, 1969", "the summer of 1981"), or placed from one, when it is near and before
    the year before publication; the date told, and its first day. A year alone ("since
    2010") or a month ("in March 2010") is too often said in passing to set a story in it, and so
    is a day for a month alone ("the Dec. 21, 1988, bombing ... agreed in April") unless that day
    was itself put in a story ("in the spring of 2004 ... on June 1 ... in August"). A year-less
    day after a day goes to the nearest year (a story told from Dec. 30 goes on to Jan. 2);
    after a season, to its year ("in the spring of 2004 ... on Nov. 19"), as after a month the
    story put there ("in the spring of 2004 ... in August ... on Friday, Sept. 3")."""
    ref, d = ctx.reference, ctx.dct
    if (ref is None or d is None or not ctx.reference_outright
            or ctx.start - ctx.reference_end > NEAR_REFERENCE or int(ref[:4]) >= d.year - 1):
        return None
    if ctx.mentioned is not None and ctx.mentioned_end > ctx.reference_end and ctx.mentioned[:4] != ref[:4]:
        return None  # another year told since: "in the spring of 1977 ... This year the survey began on Jan. 12"
    p = cal.parse_value(ref)
    day_frames = is_day(ref) and (for_day or ctx.reference_in_story or _day_sets_the_story(ctx))
    if p is None or not (day_frames or (p.gran == "M" and ctx.reference_in_story)
                         or (p.gran == "S" and p.day.year <= d.year - STORY_YEARS_BACK)):
        return None
    cue = ctx.tense_cue()
    if (cue is not None and cue[0] == "future" and cue[1] > ctx.reference_end) or (cue is None and _in_present(ctx)):
        # The story is over: "opened on July 26, 1936 ... It will reopen April 9"; "dates to
        # Christmas Day 1900. The count runs from Dec. 14 to Jan. 5".
        return None
    return ref, p.day


def _day_sets_the_story(ctx: Context) -> bool:
    """Whether the day told last sets a story for a month alone after it: told in the same
    paragraph ("launched on March 9, 2003 ... and by May it had 30,000 users"), and not as the
    date of a thing named ("charged in the Dec. 21, 1988, bombing ... agreed in April")."""
    return (BLANK_LINE.search(ctx.text, ctx.reference_end, ctx.start) is None
            and _DATE_OF_A_THING.search(ctx.text, max(0, ctx.reference_end - _DATE_OF_A_THING_REACH),
                                        ctx.reference_end) is None)


# A blank line: the end of a paragraph, or of a listing (the engine joins no expression across one).
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_DATE_OF_A_THING = re.compile(r"\bthe\s+(?:\S+\s+\d{1,2}|\d{1,2}\s+\S+),?\s+\d{4}$", re.IGNORECASE)
_DATE_OF_A_THING_REACH = len("the September 21, 1988")


# How far back a day given with its weekday is looked for when it is no day of the publication
# year or the ones beside it (a day of the month falls on each weekday within eleven years).
WEEKDAY_YEARS_BACK = 13


# How many years back a season must be to set a story in its year: a few years back, it is mostly
# said in passing ("adopted in the fall of 2001 ... argued Jan. 12").
STORY_YEARS_BACK = 10


# How far the tense may push a year-less date from the publication date.
YEARLESS_LIMIT_DAYS = 240
YEARLESS_LIMIT_MONTHS = 7
# ... and how far when a past-tense verb governs it directly, or the clause looks ahead ("will
# fly a mission in December" said in March is this December: a future cue rarely points back).
YEARLESS_GOVERNED_DAYS = 330
YEARLESS_GOVERNED_MONTHS = 11


@value_function
def day_of(ctx: Context, month: int, day: int, y: int | None = None, wd: int | None = None) -> str | None:
    """A day of a month, in year ``y`` or placed as a year-less date is."""
    return date(ctx, y, month, day) if y is not None else yearless(ctx, month, day, None, wd)


@value_function
def weekend_of(ctx: Context, month: int, day: int, y: int | None = None) -> str | None:
    """"The weekend of 8 January": the weekend of the week the day, placed as a day is, falls in."""
    told = cal.parse_value(day_of(ctx, month, day, y) or "")
    if told is None or told.gran != "D":
        return None
    year, week, _ = told.day.isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


@value_function
def other_day(ctx: Context, month: int, told: int, day: int, y: int | None = None) -> str | None:
    """The day said without its month beside one said with it ("Sept. 16 and 17", "10 and 11
    February 1915"): in the year that one is placed in."""
    placed = day_of(ctx, month, told, y)
    if placed is None or not placed[:4].isdigit():
        return f"XXXX-{int(month):02d}-{int(day):02d}"
    return date(ctx, int(placed[:4]), month, day)


@value_function
def span_start(ctx: Context, month: int, day: int, month2: int, day2: int, y: int) -> str | None:
    """The first date of a span whose year is told after the second ("March 1 and July 30, 1995"):
    that year, or the one before when the span crosses the new year."""
    return date(ctx, int(y) - ((int(month), int(day)) > (int(month2), int(day2))), month, day)


@value_function
def years_on(ctx: Context, n: float) -> str | None:
    """"Ten years on": the year that many years after the year the story told outright last, if
    that is no later than the publication date's; else the publication year, the anniversary the
    story is told on."""
    if ctx.dct is None or not float(n).is_integer():
        return None
    ref, later = ctx.mentioned, int(n)
    if ref is not None and ref[:4].isdigit() and ctx.mentioned_outright and int(ref[:4]) + later <= ctx.dct.year:
        ctx.anchor, ctx.placed = ref, True
        return f"{int(ref[:4]) + later:04d}"
    ctx.anchor = "dct"
    return f"{ctx.dct.year:04d}"


@value_function
def day_alone_part(ctx: Context, day: int, pod: str) -> str | None:
    """"The night of the 15th": that part of the day of the month said alone (see day_alone)."""
    return _with_part(day_alone(ctx, day), pod)


@value_function
def day_alone(ctx: Context, day: int) -> str | None:
    """A day of the month said alone ("on the 14th"): in the month of the date just mentioned,
    else in the month the clause's tense points to from the publication date (the last 14th
    for a past clause, the next one ahead), else the nearest 14th."""
    day = int(day)
    ref = ctx.reference
    if ref is not None and ctx.start - ctx.reference_end < NEAR_REFERENCE:
        p = cal.parse_value(ref)
        x = _day_in_month(p.day.year, p.day.month, day) if p is not None and p.gran in ("D", "M") else None
        # Not a day gone by in a clause that looks ahead: "began production in October 2011. Its
        # board will meet again on the 28th".
        if x is not None and not (ctx.dct is not None and x < ctx.dct and ctx.tense() == "future"):
            ctx.anchor = ref
            return x.isoformat()
    d = publication_date(ctx)
    if d is None:
        return f"XXXX-XX-{day:02d}"
    months = (cal.add_months(d.replace(day=1), k) for k in (-1, 0, 1))
    days = [x for x in (_day_in_month(m.year, m.month, day) for m in months) if x is not None]
    tense = ctx.tense()
    if tense == "past":
        days = [x for x in days if x <= d] or days
        return max(days).isoformat()
    if tense == "future":
        days = [x for x in days if x >= d] or days
        return min(days).isoformat()
    return min(days, key=lambda x: (abs((x - d).days), x)).isoformat()


@value_function
def weekday_day_alone(ctx: Context, wd: int, day: int) -> str | None:
    """A weekday with a day of the month and no month ("Tuesday the 30th"): of the days of that
    number whose weekday it is, within two months of the start of the date, week, month or
    season just mentioned (else of the publication date), the nearest. None when no such day is
    that near: the weekday stands alone."""
    day, wd = int(day), int(wd)
    ref = ctx.reference
    near = cal.parse_value(ref) if ref is not None and ctx.start - ctx.reference_end < NEAR_REFERENCE else None
    if near is not None and near.gran not in ("Y", "DE", "CE"):
        # The middle of a month told without its day, so that its own days come first.
        center, ctx.anchor = near.day if near.gran == "D" else near.day.replace(day=15), ref
    elif (center := publication_date(ctx)) is None:
        return f"XXXX-XX-{day:02d}"
    months = (cal.add_months(center.replace(day=1), k) for k in range(-2, 3))
    days = [x for x in (_day_in_month(m.year, m.month, day) for m in months) if x is not None and x.isoweekday() == wd]
    return min(days, key=lambda x: (abs((x - center).days), x)).isoformat() if days else None


def _day_in_month(y: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(y, month, day)
    except ValueError:  # the 31st of a shorter month
        return None


@value_function
def month_reported(ctx: Context, month: int) -> str | None:
    """A month whose figures are told: the last one up to the publication date's month."""
    d = publication_date(ctx)
    if d is None:
        return f"XXXX-{int(month):02d}"
    return f"{d.year if int(month) <= d.month else d.year - 1:04d}-{int(month):02d}"


@value_function
def month_in(ctx: Context, month: int, year_offset: int, day: int | None = None) -> str | None:
    """A month (or a day of it) in the year ``year_offset`` from the publication date's ("June
    last year", "3 May last year")."""
    d = publication_date(ctx)
    y = d.year + int(year_offset) if d is not None else None
    if day is not None:
        return date(ctx, y, month, day) if y is not None else f"XXXX-{int(month):02d}-{int(day):02d}"
    return f"{y:04d}-{int(month):02d}" if y is not None else f"XXXX-{int(month):02d}"


@value_function
def day_of_month_offset(ctx: Context, day: int, n: int) -> str | None:
    """Day ``day`` of the month ``n`` months from the publication date's ("the 4th of this month")."""
    month = relative(ctx, "M", n)
    if month is None or not month[:4].isdigit():
        return f"XXXX-XX-{int(day):02d}"
    return date(ctx, int(month[:4]), int(month[5:7]), day)


@value_function
def day_relative(ctx: Context, n: int, shift: int | None = None) -> str | None:
    """Today, yesterday, tomorrow: ``n`` days from the publication date, moved by ``shift``
    more ("the day before yesterday"); in a diary's entry, from the entry's date ("Monday 14
    April, Base Camp. Arrived mid-afternoon. Puja ceremony tomorrow")."""
    entry = _entry_day(ctx)
    if entry is not None:
        ctx.anchor = entry
        return (dt.date.fromisoformat(entry) + dt.timedelta(days=int(n) + int(shift or 0))).isoformat()
    return relative(ctx, "D", int(n) + int(shift or 0))


@value_function
def day_word(ctx: Context, n: int, premod: str | None = None) -> str | None:
    """"Today", "yesterday", "tomorrow" said alone: the day ``n`` days from publication (see
    day_relative), or the present in general for a "today" set against years back."""
    if int(n) == 0 and premod is None and _today_against_then(ctx):
        return "PRESENT_REF"
    return day_relative(ctx, n)


def _today_against_then(ctx: Context) -> bool:
    """Whether "today" sets the present against a time years back told just before ("the
    sacrifices of 1947, a nod to the Five-Year Plan. Today the vocabulary is of targets", "from a
    peak of 400 in the late 1970s to about 120 today"): the present in general, as TimeBank
    writes it, not the publication day. Not a day said today ("said today"), one paired with
    another ("today and tomorrow"), nor a day of years back (an anniversary)."""
    told, d = ctx.mentioned, ctx.dct
    # A decade or a century ("197", "18") counts by its last year.
    if (told is None or d is None or ctx.start - ctx.mentioned_end > TODAY_AGAINST_REACH or is_day(told)
            or not told[:3].isdigit() or int(told[:4].ljust(4, "9")) > d.year - 2):
        return False
    # Said in a quote, it is set against a time the quote told, not the narration's ("... in 1968,
    # when troops swept through Prague. ``It is symbolic that here we today accept ...''").
    between = ctx.text[ctx.mentioned_end:ctx.start]
    return (_SAID_JUST_BEFORE.search(ctx.text, max(0, ctx.start - 20), ctx.start) is None
            and _DAY_IN_PHRASE.match(ctx.text, ctx.end) is None and len(_QUOTE_MARK.findall(between)) % 2 == 0)


# How far back the time "today" is set against may be told (a sentence or two).
TODAY_AGAINST_REACH = 240
_SAID_JUST_BEFORE = re.compile(r"\b(?:said|says|announced|reported|told \w+|confirmed)\s+$", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"``|''|[\"“”]")
# "Today's service", "today and tomorrow": a day among days.
_DAY_IN_PHRASE = re.compile(r"['’]s\b|\s+(?:and|or)\s+(?:tomorrow|yesterday|tonight)\b", re.IGNORECASE)


def _entry_day(ctx: Context) -> str | None:
    """The date that opens the line or the paragraph of the expression, as a diary's or log's
    entry is dated ("10 January: Found it at 7.15 this morning", "Tue, Oct 29 - Berlin\nA travel
    day yesterday"), when it is the day told last."""
    day = ctx.day_reference
    if day is None or not day[:4].isdigit() or ctx.reference_end > ctx.start:
        return None
    reach = max(0, ctx.start - ENTRY_REACH)
    line_break = ctx.text.rfind("\n", reach, ctx.start)
    line_start = line_break + 1 if line_break >= 0 or reach == 0 else None  # (none within reach)
    # A heading's paragraph: the date opens it, and the expression is in it.
    paragraph = (BLANK_LINE.search(ctx.text, max(reach, ctx.reference_end - HEADING - 2), ctx.reference_end)
                 if reach <= ctx.reference_end and BLANK_LINE.search(ctx.text, ctx.reference_end, ctx.start) is None
                 else None)
    for opening in (line_start, paragraph.end() if paragraph else None):
        if (opening is not None and opening < ctx.reference_end <= opening + HEADING
                and _ENTRY_DATE_OPENS.match(ctx.text, opening)
                and _ENTRY_DATE_END.match(ctx.text, ctx.reference_end)):
            return day[:10]
    return None


# How far back the start of an entry's line is looked for; the date that opens it (a weekday, a
# day and a month, either way round), and what follows it (a full stop or colon, at most a place
# before one, or a place on the heading's own line).
ENTRY_REACH = 600
_ENTRY_DATE_OPENS = re.compile(r"[^\S\n]*(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
                               r"(?:[0-9]{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+[0-9]{1,2}\b)")
_ENTRY_DATE_END = re.compile(r"[^\S\n]*(?:[:.]\s|,[^\n]{0,40}?[.:]\s|(?:[-–—][^\n]{0,40})?\n)")


@value_function
def part_of_day(ctx: Context, n: int | None, pod: str) -> str | None:
    """A part of the day ``n`` days from the publication date ("last night"): MO, AF, EV, NI."""
    return _with_part(day_relative(ctx, int(n or 0)), pod)


@value_function
def overnight(ctx: Context) -> str | None:
    """The night before the day just mentioned, when the sentence gave that day or it is one of
    the last few days before publication ("shares fell Friday ... on overnight losses in New
    York"); else the night before publication. In a clause that looks ahead, the night of the
    day ahead just mentioned ("vote tomorrow ... will be counted overnight"), else tonight."""
    if ctx.tense() == "future":
        return _with_part(ahead_day(ctx), "NI") or part_of_day(ctx, 0, "NI")
    day = reference_day(ctx)
    if day is not None and ctx.reference_end < ctx.sentence_bounds(ctx.start)[0] and not (
            ctx.dct is not None and 0 <= (ctx.dct - dt.date.fromisoformat(day)).days <= _RECENT_DAYS):
        day = None  # a day told of earlier, further back ("arrived last Sunday. Rain fell overnight")
    if day is None:
        return part_of_day(ctx, -1, "NI")
    if ctx.reference is not None and ctx.reference.endswith("TNI"):
        return ctx.reference  # "did not let up until Sunday night ... Plows worked overnight"
    if (ctx.dct is not None and day < ctx.dct.isoformat()
            and not _LOOKS_BACK.search(ctx.text, max(ctx.sentence_bounds(ctx.start)[0], ctx.start - LOOKS_BACK_REACH),
                                       ctx.start)):
        return _with_part(day, "NI")
    return _with_part((dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat(), "NI")


# How many days before publication a day may be for "overnight" to lean on it from another sentence.
_RECENT_DAYS = 3
# A story told of a day before publication goes on into that day's night ("fell past 10,000 on
# Thursday before recovering slightly overnight", "said late Monday ... Heavy rain overnight slowed
# rescue work"), unless the clause looks back from the day: a past perfect ("blamed an update that
# had been applied overnight"), "after" ("opened lower after the Dow tumbled overnight"), or
# "overnight" before its noun ("depressed by overnight losses in New York").
_LOOKS_BACK = re.compile(r"\b(?:had|after)\b[^.;,\n]*$|\b(?:by|after|from|on|in|of|with)\s+$", re.IGNORECASE)
LOOKS_BACK_REACH = 120


def _with_part(day: str | None, pod: str) -> str | None:
    return f"{day}T{pod}" if day else None


@value_function
def narrative_part(ctx: Context, pod: str) -> str | None:
    """"That night": the part of the last day the story gave; nothing without one."""
    if ctx.day_reference is None:
        return None
    ctx.anchor = ctx.day_reference
    return _with_part(ctx.day_reference[:10], pod)


@value_function
def day_part(ctx: Context, pod: str) -> str | None:
    """"In the morning": the part of the day just mentioned, else of the publication day in a
    past clause; nothing otherwise (a habit, or a morning ahead of an unknown day). A night past
    on the publication day is the one before it: the night of that day is still to come."""
    if ctx.day_after is not None:
        day, ctx.anchor = ctx.day_after
        return _with_part(day, pod)
    day = reference_day(ctx)
    if ctx.tense() == "past" and (day is None or (ctx.dct is not None and day == ctx.dct.isoformat())):
        return part_of_day(ctx, -1 if pod == "NI" else 0, pod)
    if day is None and ctx.tense() == "future":
        day = ahead_day(ctx)  # an itinerary's: "at 12.30pm. In the afternoon she will visit ..."
    return _with_part(day, pod)


@value_function
def date_part(ctx: Context, pod: str, month: int | None, day: int | None, y: int | None,
              wd: int | None) -> str | None:
    """"The evening of Dec. 29", "the night of Friday": that part of the day."""
    if month is None:
        return weekday_part(ctx, wd, pod) if wd is not None else None
    return _with_part(day_of(ctx, month, day, y, wd), pod)


@value_function
def next_day_part(ctx: Context, pod: str, ahead: str | None) -> str | None:
    """"The next morning", "the previous evening": that part of the day after (or before) the
    one just told."""
    day = narrative(ctx, "D", 1 if ahead else -1)
    return _with_part(day, pod) if day is not None and is_day(day) else None


@value_function
def weekday_part(ctx: Context, wd: int, pod: str, when: str | None = None) -> str | None:
    """"Wednesday night", "next Monday evening": the weekday (resolved by tense, or ``when``)
    with the part of day."""
    return _with_part(weekday(ctx, wd, when), pod)


# The longest line that can be a day heading ("Wednesday, September 30, 2009", with a colon).
HEADING = 40


WEEKDAY_STEMS = "mon|tues|wednes|thurs|fri|satur|sun"


RECURRENCE = re.compile(rf"\b(?:daily|nightly|hourly|weekdays|weekends|(?:{WEEKDAY_STEMS})days"
                         rf"|(?:{WEEKDAY_STEMS})day\s+(?:mornings|afternoons|evenings|nights)"
                         rf"|(?:every|each)\s+(?:(?:other|second)\s+)?(?:day|night|morning|afternoon|evening|weekday|weekend"
                         rf"|week|month|(?:{WEEKDAY_STEMS})day)"
                         rf"|open\s+(?:from\s+)?(?:{WEEKDAY_STEMS})day\s+(?:to|through)\s+(?:{WEEKDAY_STEMS})day"
                         rf"|both\s+(?:days|nights|evenings)|(?:on\s+)?alternate\s+days"
                         rf"|(?:five|six|seven|[1-7])\s+days\s+a\s+week|(?:once|twice|three\s+times)\s+a\s+(?:day|week)"
                         rf"|most\s+(?:days|evenings|nights|mornings)|weeknights|every\s+hour"
                         rf"|(?:opening|visiting|trading|business|office|normal|regular|usual)\s+hours)\b",
                         re.IGNORECASE)


def to_hhmm(hour: int, minute: int | None, ampm: str | None) -> str | None:
    """"HH:MM" on the 24-hour clock, None for an impossible time."""
    h, mi = int(hour), int(minute or 0)
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if not (0 <= h <= 24 and 0 <= mi < 60):
        return None
    return f"{h:02d}:{mi:02d}"


def ahead_day(ctx: Context) -> str | None:
    """The last day mentioned after the publication date, for a clock time in a clause that
    looks ahead ("opens on July 17 ... said today. Events will run from 10 a.m.")."""
    return _day_near(ctx, ctx.ahead_day, ctx.ahead_day_end)


def reference_day(ctx: Context) -> str | None:
    """The day mentioned just before, for a clock time said without one ("Friday ... 10 p.m.")."""
    return _day_near(ctx, ctx.reference, ctx.reference_end)


def _day_near(ctx: Context, value: str | None, end: int) -> str | None:
    """The day of ``value`` (told up to ``end``) as the anchor, when it names a day told shortly before."""
    if value is not None and is_day(value) and ctx.start - end < NEAR_REFERENCE:
        ctx.anchor = value[:10]
        return value[:10]
    return None


def whole(n: float | str) -> int | None:
    """A counted number as an int; None for an uncounted one ("several") or a fraction."""
    return None if n == "X" or not float(n).is_integer() else int(float(n))


@value_function
def century_turn(ctx: Context) -> str | None:
    """"The turn of the century": the year a century turned nearest the date told last within a
    paragraph or two ("In 1898 he sailed ... at the turn of the century": 1900), else nearest the
    publication date (2000)."""
    told, end = last_told(ctx)
    p = cal.parse_value(told) if told is not None and ctx.start - end <= NEAR_REFERENCE else None
    if p is not None and p.gran not in ("DE", "CE"):
        ctx.anchor, year = told, p.day.year
    else:
        d = publication_date(ctx)
        if d is None:
            return None
        year = d.year
    return f"{(year + 50) // 100 * 100:04d}"


@value_function
def year_of(ctx: Context, y: int, n: int) -> str | None:
    """Year ``y`` moved by ``n`` years."""
    return f"{int(y) + int(n):04d}"


@value_function
def month_of_year(ctx: Context, month: int, y: int | None = None) -> str | None:
    """Month ``month`` of year ``y`` (``y`` may be two digits), or placed as a year-less month is."""
    if y is None:
        return yearless(ctx, month)
    y = int(y)
    if y < 100:
        y += 1900 if y > 30 else 2000
    return date(ctx, y, month)


@value_function
def numeric_date(ctx: Context, a: int, b: int, y: int, order: str | None = None) -> str | None:
    """"08/09/98" in US order (month first), unless the first number cannot be a month or the text
    writes its dates day first ("9 August", "25/12/2010"), as British, Indian, African and
    Australian papers do. With ``order`` "fixed" the numbers are given month first whatever
    the text ("01.02.2013" is day first in the dotted form itself)."""
    a, b, y = int(a), int(b), int(y)
    if y < 100:
        y += 1900 if y > 30 else 2000
    elif y < NUMERIC_DATE_SINCE:
        return None  # a code in the shape of a date: "Regd. Office: 6-3-1090, Raj Bhavan Road"
    day_first = a > 12 or (order is None and b <= 12 and _writes_day_first(ctx))
    month, day = (b, a) if day_first else (a, b)
    return dt.date(y, month, day).isoformat()


@value_function
def weekday_figures(ctx: Context, wd: int, a: int, b: int) -> str | None:
    """"Thu 23/9", "Tues 11/4": a day and month in figures after their weekday, which tells the
    order of the figures and the year: of the readings that fall on it near the publication date,
    the one in the order the text writes, else the nearest; none further than half a year."""
    d = publication_date(ctx)
    if d is None:
        return None
    a, b, wd = int(a), int(b), int(wd)
    day_first = a > 12 or (b <= 12 and _writes_day_first(ctx))
    readings = []
    for month, day, own_order in ((b, a, day_first), (a, b, not day_first)):
        for y in (d.year - 1, d.year, d.year + 1):
            try:
                reading = dt.date(y, month, day)
            except ValueError:
                continue
            if reading.isoweekday() == wd and abs((reading - d).days) <= WEEKDAY_FIGURES_REACH:
                readings.append((not own_order, abs((reading - d).days), reading))
    return min(readings)[2].isoformat() if readings else None


# How many days from the publication date a weekday's figures may name (a season's fixtures).
WEEKDAY_FIGURES_REACH = 200


# The first year a date all in numbers ("6-3-1090") is taken for: news writes older ones in words.
NUMERIC_DATE_SINCE = 1700


def _writes_day_first(ctx: Context) -> bool:
    """Whether the text's numbers put the day first ("25/12/2010"), else whether it is told in a
    country that writes them so (an Indian story, whose words may still say "October 25"), else
    whether it writes more dates day first ("9 August") than month first ("August 9"); read once
    per text."""
    if ctx.day_first is None:
        day_month, month_day, numeric = _date_order_regexes(ctx.rules)
        first = second = 0
        for m in numeric.finditer(ctx.text):
            first += int(m.group(1)) > 12
            second += int(m.group(2)) > 12
        if first != second:
            ctx.day_first = first > second
        elif ctx.rules.lists["day_first_country"].lookup(story_country(ctx.text, ctx.rules) or "US") is not None:
            ctx.day_first = True
        else:
            ctx.day_first = len(day_month.findall(ctx.text)) > len(month_day.findall(ctx.text))
    return ctx.day_first


@lru_cache(maxsize=4)
def _date_order_regexes(rules: RuleSet) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The date forms counted by _writes_day_first, built once per rule set."""
    month = rules.lists["month"].regex()
    return (re.compile(rf"(?<![\w.])[0-3]?[0-9](?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month})(?!\w)", re.IGNORECASE),
            re.compile(rf"(?<![\w.])(?:{month})\s+[0-3]?[0-9](?:st|nd|rd|th)?(?![\w.]|,[0-9])", re.IGNORECASE),
            re.compile(r"(?<![\w/.-])([0-3]?[0-9])/([0-3]?[0-9])/[0-9]{2,4}(?![\w/])"))


@lru_cache(maxsize=4)
def story_country(text: str, rules: RuleSet) -> str | None:
    """The country other than the United States whose words a story names most, if more often
    than it names the United States (words.yaml, country_word)."""
    words = rules.lists["country_word"]
    regex, scanned = case_free_scan(*_country_regexes(rules), text)
    found = Counter(words.lookup(text[m.start():m.end()]) for m in regex.finditer(scanned))
    ranked = found.most_common(2)
    if not ranked or ranked[0][0] == "US" or found["US"] >= ranked[0][1] or (
            len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return str(ranked[0][0])


@lru_cache(maxsize=4)
def _kept_elsewhere(rules: RuleSet) -> frozenset[str]:
    """The holiday specs some country keeps on another day."""
    return frozenset(key.split()[1] for key in rules.lists["holiday_abroad"].values)


@lru_cache(maxsize=4)
def _country_regexes(rules: RuleSet) -> tuple[re.Pattern, re.Pattern | None]:
    regex = re.compile(rf"(?<![\w.])(?:{rules.lists['country_word'].regex()})(?!\w)", re.IGNORECASE)
    return regex, case_free(regex)


@value_function
def holiday(ctx: Context, spec: str, y: int | None = None, when: str | None = None,
            year_offset: int | None = None) -> str | None:
    """A holiday (``spec`` as :func:`calendar.holiday_date` reads it): in year ``y``, or
    ``year_offset`` years from the publication year ("Labor Day last year"), else placed as a
    year-less date is ("last Christmas" with ``when``)."""
    if y is None and year_offset is not None and ctx.dct is not None:
        y, ctx.anchor = ctx.dct.year + int(year_offset), "dct"
    if y is None and when is None and (told := _APPOSITIVE_YEAR.match(ctx.text, ctx.end)):
        y = int(told.group(1) or told.group(2))  # "Easter Monday, April 9, 1917"
    elif y is None and when is None and not cal.festival(spec) and (named := _appositive_day(ctx)) is not None:
        return named
    day = _holiday_day(ctx, spec, y, when)
    if not isinstance(day, dt.date):
        return day
    return day.isoformat()[:7] if cal.festival(spec) else day.isoformat()


def _appositive_day(ctx: Context) -> str | None:
    """The day told with its weekday just after a holiday's name, in apposition ("Labour Day,
    on Monday 4 October", "Victoria Day, Monday, May 20"): where the holiday falls differs by
    state or country, and the text says which. Without a weekday the date may be another
    day's ("shortly before Christmas, on 21 December")."""
    told = _APPOSITIVE_DAY.match(ctx.text, ctx.end)
    if told is None:
        return None
    wd = ctx.rules.lists["weekday"].lookup(told.group(1))
    month = ctx.rules.lists["month"].lookup(told.group(2) or told.group(5))
    day = int(told.group(3) or told.group(4))
    if not isinstance(wd, int) or not isinstance(month, int) or _day_in_month(2000, month, day) is None:
        return None
    return yearless(ctx, month, day, wd=wd)


_APPOSITIVE_DAY = re.compile(r",? (?:on )?([A-Z][a-z]+),? (?:([A-Z][a-z]+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?"
                             r"|([0-9]{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+))\b")


# A date with its year just after a holiday's name, in apposition.
_APPOSITIVE_YEAR = re.compile(r",? (?:[A-Z][a-z]+\.? [0-9]{1,2}(?:st|nd|rd|th)?,? ([0-9]{4})"
                              r"|[0-9]{1,2} [A-Z][a-z]+,? ([0-9]{4}))\b")


@value_function
def holiday_part(ctx: Context, spec: str, part: str, when: str | None = None) -> str | None:
    """"Christmas morning": a part of the holiday's day, placed as the holiday alone is; none of
    a festival of days."""
    day = holiday(ctx, spec, None, when)
    return f"{day}T{part}" if day is not None and is_day(day) else None


@value_function
def month_years_ago(ctx: Context, month: int, n: float | str) -> str | None:
    """"March four years ago": the month in the year ``n`` years before the publication year
    (none for an uncounted "several years ago")."""
    dct, years = publication_date(ctx), whole(n)
    if dct is None or years is None:
        return None
    return date(ctx, dct.year - years, month)


@value_function
def holiday_week(ctx: Context, spec: str, y: int | None = None, when: str | None = None,
                 weekend: str | None = None) -> str | None:
    """"Easter week", "Thanksgiving week": the ISO week of the holiday; "the Memorial Day
    weekend": the weekend of its week, or the one just before a Monday holiday."""
    day = _holiday_day(ctx, spec, y, when)
    if not isinstance(day, dt.date):
        return UNKNOWN["WE" if weekend else "W"]
    if weekend:
        return cal.period_of(day - dt.timedelta(days=1 if day.isoweekday() == 1 else 0), "WE").value()
    return cal.period_of(day, "W").value()


@value_function
def beside_holiday(ctx: Context, spec: str, direction: int, y: int | None = None, day_unit: str | None = None,
                   wd: int | None = None, weekend: str | None = None) -> str | None:
    """The day, weekday, week or weekend just after (``direction`` 1) or before (-1) a holiday
    placed as the holiday alone is."""
    day = _holiday_day(ctx, spec, y, None)
    if not isinstance(day, dt.date):
        return UNKNOWN["D" if day_unit or wd is not None else "WE" if weekend else "W"]
    step = int(direction)
    if day_unit:
        return (day + dt.timedelta(days=step)).isoformat()
    if wd is not None:
        return cal.weekday_beside(day, int(wd), step).isoformat()
    if weekend:
        saturday = day + dt.timedelta(days=6 - day.isoweekday())  # of its own weekend, if a Sunday
        if step < 0 or saturday <= day:
            saturday += dt.timedelta(days=7 * step)
        return cal.period_of(saturday, "WE").value()
    return cal.period_of(day + dt.timedelta(days=7 * step), "W").value()


def _holiday_day(ctx: Context, spec: str, y: int | None, when: str | None) -> dt.date | str | None:
    if spec in _kept_elsewhere(ctx.rules):
        country = story_country(ctx.text, ctx.rules)
        if country is not None:
            spec = ctx.rules.lists["holiday_abroad"].lookup(f"{country} {spec}") or spec
    if y is not None:
        return cal.holiday_date(spec, int(y))
    d = ctx.dct
    near = cal.holiday_date(spec, d.year if d else 2000)
    value = yearless(ctx, near.month, near.day, when)
    if value is None or value.startswith("X"):
        return value
    return cal.holiday_date(spec, int(value[:4]))


@value_function
def nth_in_this_month(ctx: Context, nth: int, wd: int) -> str | None:
    """"The last Sunday of the month": that day of the publication month; none in a clause that
    tells a habit ("meets on the third Thursday of the month" is a set: see monthly_habit)."""
    d = publication_date(ctx)
    if d is None or _tells_habit(ctx):
        return None
    day = nth_in_month(ctx, nth, d.month, d.year, wd)
    if day is not None and day > d.isoformat() and ctx.tense() == "past":
        before = cal.add_months(d, -1)  # not come yet this month: the month before's
        day = nth_in_month(ctx, nth, before.month, before.year, wd)
    return day


@value_function
def monthly_habit(ctx: Context) -> str | None:
    """A day of every month, in a clause that tells a habit ("meets on the third Thursday of the
    month"); none otherwise."""
    return "P1M" if _tells_habit(ctx) else None


def _tells_habit(ctx: Context) -> bool:
    """Whether the clause is in the simple present ("the union meets on ..."), not in a future
    ("will be held on ...") or a past."""
    cue = ctx.tense_cue()
    if cue is None:
        return _in_present(ctx)
    word = ctx.text[cue[1]:cue[2]].lower()
    return cue[0] == "future" and word.isalpha() and word.endswith("s") and word not in ("is", "has")


@value_function
def nth_in_month(ctx: Context, nth: int, month: int, y: int | None = None, wd: int | None = None,
                 weekend: str | None = None) -> str | None:
    """The ``nth`` (5: the last) weekday ``wd`` of a month; without a weekday, its ``nth`` week
    (the ISO week of its nth Thursday) or weekend (that of its nth Saturday). In year ``y``, else
    placed as a holiday is ("the first Monday in October")."""
    period = None if wd is not None else "WE" if weekend else "W"
    wd = wd if wd is not None else 6 if weekend else 4
    day = _holiday_day(ctx, f"{int(month):02d}-{int(wd)}-{int(nth)}", y, None)
    if not isinstance(day, dt.date):
        return day if period is None else UNKNOWN[period]
    return day.isoformat() if period is None else cal.period_of(day, period).value()


@value_function
def date_range(ctx: Context, month: int, d1: int, d2: int, y: int | None = None,
               month2: int | None = None) -> str | None:
    """"Sept. 18 to 20", "Oct. 31-Nov. 1", "Dec. 30-Jan. 2, 2024": one interval value; a year
    given at the end is the last day's."""
    month2 = int(month2 or month)
    wraps = (month2, int(d2)) < (int(month), int(d1))  # into the next year
    if (month2, int(d2)) == (int(month), int(d1)) or (wraps and month2 == int(month)):
        return None
    if y is not None:
        first = date(ctx, int(y) - wraps, month, d1)
        last = date(ctx, y, month2, d2)
    else:
        first = yearless(ctx, month, d1)
        if first is None or "X" in first[:4]:
            return None if first is None else f"{first}/XXXX-{month2:02d}-{int(d2):02d}"
        last = date(ctx, int(first[:4]) + wraps, month2, d2)
    return f"{first}/{last}" if first and last else None


@value_function
def week_of(ctx: Context, month: int, day: int, y: int | None = None) -> str | None:
    """"The week of March 6" (of a year, if given): the ISO week of that day; of a Sunday, the
    week it begins (as calendars that start the week on Sunday have it), not the one it ends."""
    d = yearless(ctx, month, day) if y is None else date(ctx, y, month, day)
    if d is None or d.startswith("X"):
        return "XXXX-WXX"
    day_of = dt.date.fromisoformat(d)
    if day_of.isoweekday() == 7:
        day_of += dt.timedelta(days=1)
    return cal.period_of(day_of, "W").value()


@value_function
def narrative_weekday(ctx: Context, wd: int, n: int) -> str | None:
    """"The previous Friday", "the following Monday": relative to the last mentioned day."""
    p = cal.parse_value(ctx.reference) if ctx.reference is not None else None
    if p is None or p.gran != "D":
        return weekday(ctx, wd, "last" if int(n) < 0 else "next")
    ctx.anchor = ctx.reference
    return cal.weekday_beside(p.day, int(wd), -1 if int(n) < 0 else 1).isoformat()


@value_function
def that_weekday(ctx: Context, wd: int, pod: str | None = None) -> str | None:
    """"On that Saturday", "8:41 a.m. that Tuesday", "by the Friday": the day the story told last,
    if it is that weekday, else the nearest such weekday to it; a weekday alone without a day
    told. With ``pod``, that part of it ("on the Saturday night")."""
    p = cal.parse_value(ctx.reference) if ctx.reference is not None else None
    if p is None or p.gran != "D":
        day = weekday(ctx, wd)
    else:
        ctx.anchor = ctx.reference
        shift = (int(wd) - p.day.isoweekday()) % 7
        day = (p.day + dt.timedelta(days=shift if shift <= 3 else shift - 7)).isoformat()
    return day if pod is None else _with_part(day, pod)


@value_function
def weekday_apposition(ctx: Context, wd: int) -> str | None:
    """A weekday set beside the day just told, naming its weekday ("May 23, the Saturday of
    Memorial Day weekend", "April 15 falls on a Sunday"): that day. None for any other weekday
    (then it is a weekday alone)."""
    day = ctx.reference
    if day is None or not is_day(day) or not _APPOSITION.fullmatch(ctx.text, ctx.reference_end, ctx.start):
        return None
    if dt.date.fromisoformat(day[:10]).isoweekday() != int(wd):
        return None
    ctx.anchor = day
    return day[:10]


_APPOSITION = re.compile(r",? (?:(?:falls|fell) on )?")


@value_function
def weekly(ctx: Context, wd: int, pod: str | None = None, hour: int | None = None, minute: int | None = None,
           ampm: str | None = None) -> str | None:
    """A weekday every week ("Sundays", "Tuesday nights"), at a clock time if given ("every
    Monday at 10 a.m.")."""
    if hour is not None:
        hhmm = to_hhmm(hour, minute, ampm)
        return f"XXXX-WXX-{int(wd)}T{hhmm}" if hhmm else None
    return f"XXXX-WXX-{int(wd)}" + (f"T{pod}" if pod else "")


@value_function
def rate(ctx: Context, unit: str) -> str | None:
    """The period of a rate: "a year" P1Y, "a quarter" P1Q, "an hour" PT1H, "a fortnight" P2W."""
    return {"hour": "PT1H", "fortnight": "P2W"}.get(unit, f"P1{unit}")


@value_function
def monthly_day(ctx: Context, day: str | int) -> str | None:
    """"The first of each month": that day of every month."""
    n = 1 if str(day).lower() == "first" else int(re.sub(r"[^0-9]", "", str(day)))
    return f"XXXX-XX-{n:02d}" if 1 <= n <= 31 else None


@value_function
def every_holiday(ctx: Context, spec: str) -> str | None:
    """"Every Fourth of July": the holiday's day of every year, or its month for one that moves."""
    if re.fullmatch(r"[0-9]{2}-[0-9]{2}", spec):
        return f"XXXX-{spec}"
    day = cal.holiday_date(spec, ctx.dct.year if ctx.dct is not None else 2000)
    return f"XXXX-{day.month:02d}-XX"


@value_function
def every_nth(ctx: Context, n: int, unit: str) -> str | None:
    """"Every fifth day", "every other week", "alternate days": a set of every ``n``-th ``unit``."""
    return f"P{int(n)}{unit}"


@value_function
def daily_part(ctx: Context, pod: str) -> str | None:
    """A part of every day ("every morning")."""
    return f"XXXX-XX-XXT{pod}"


@value_function
def literal(ctx: Context, v: str) -> str | None:
    """A fixed value (PRESENT_REF, P1Y, ...)."""
    return v
