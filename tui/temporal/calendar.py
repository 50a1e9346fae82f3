"""Calendar arithmetic on TIMEX3 values: periods at a granularity, shifting and formatting.

A :class:`Period` is a calendar period (a day, ISO week, month, quarter, ...) named by its
granularity and its first day. Shifting keeps the granularity, so "a year earlier" than
``1989-Q3`` is ``1988-Q3``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from tui.temporal import lunisolar

# Granularities from fine to coarse; the index orders them.
GRANULARITIES = ("D", "WE", "W", "M", "S", "Q", "H", "Y", "DE", "CE")
_RANK = {g: i for i, g in enumerate(GRANULARITIES)}

# Season start months (northern hemisphere, meteorological), TIMEX3 season codes.
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# ... and in the southern hemisphere, six months on; a season is labelled by the year it begins
# in either way ("this summer" told in Sydney in October 2013 is 2013-SU, December to February).
SOUTHERN_SEASON_MONTH = {"SP": 9, "SU": 12, "FA": 3, "WI": 6}


def coarser(a: str, b: str) -> str:
    """The coarser of two granularities."""
    return a if _RANK[a] >= _RANK[b] else b


@dataclass(frozen=True)
class Period:
    """A calendar period: granularity ``gran`` and the date it starts (or contains, for weeks)."""

    gran: str
    day: dt.date
    season: str | None = None

    def value(self) -> str:
        """The TIMEX3 value of this period."""
        d, g = self.day, self.gran
        if g == "D":
            return d.isoformat()
        if g in ("W", "WE"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if g == "WE" else "")
        if g == "M":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "Q":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "H":
            return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
        if g == "S":
            return f"{d.year:04d}-{self.season}"
        if g == "Y":
            return f"{d.year:04d}"
        if g == "DE":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"  # CE


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` months, the day clipped to the end of the month."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    if not 1 <= y <= 9999:
        raise OverflowError(y)
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


# Size of one unit in (days, months): weeks and days move by days, the rest by months.
_UNIT_STEP = {"D": (1, 0), "W": (7, 0), "WE": (7, 0), "M": (0, 1), "Q": (0, 3), "H": (0, 6),
              "S": (0, 12), "Y": (0, 12), "DE": (0, 120), "CE": (0, 1200)}


def shift_date(d: dt.date, unit: str, n: int) -> dt.date:
    """``d`` moved by ``n`` of ``unit``."""
    days, months = _UNIT_STEP[unit]
    return d + dt.timedelta(days=days * n) if days else add_months(d, months * n)


def period_of(d: dt.date, gran: str, season: str | None = None) -> Period:
    """The period of granularity ``gran`` that contains ``d``, normalized to its first day."""
    if gran in ("D", "W", "WE"):
        return Period(gran, d)
    if gran == "M":
        return Period(gran, d.replace(day=1))
    if gran == "Q":
        return Period(gran, dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1))
    if gran == "H":
        return Period(gran, dt.date(d.year, (d.month - 1) // 6 * 6 + 1, 1))
    if gran == "S":
        return Period(gran, dt.date(d.year, 1, 1), season)
    if gran == "DE":
        return Period(gran, dt.date(max(1, d.year // 10 * 10), 1, 1))
    if gran == "CE":
        return Period(gran, dt.date(max(1, d.year // 100 * 100), 1, 1))
    return Period("Y", dt.date(d.year, 1, 1))


def period_bounds(p: Period) -> tuple[dt.date, dt.date]:
    """The first day of ``p`` and the day after its last."""
    if p.gran == "S":
        first = dt.date(p.day.year, SEASON_MONTH[p.season or "SP"], 1)
        return first, add_months(first, 3)
    if p.gran == "WE":  # Saturday and Sunday of the week
        first = p.day + dt.timedelta(days=5 - p.day.weekday())
        return first, first + dt.timedelta(days=2)
    first = period_of(p.day, p.gran).day
    return first, shift_date(first, p.gran, 1)


def weekday_beside(d: dt.date, wd: int, step: int) -> dt.date:
    """The first weekday ``wd`` (ISO, Monday 1) after ``d`` (``step`` 1) or before it (-1)."""
    return d + dt.timedelta(days=step * ((wd - d.isoweekday()) * step % 7 or 7))


def easter(year: int) -> dt.date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * ell) // 433
    month = (h + ell - 7 * m + 90) // 25
    return dt.date(year, month, (h + ell - 7 * m + 33 * month + 19) % 32)


_HOLIDAY = re.compile(r"(?:(?P<named>easter|lunar|diwali|sankranti)|sun:(?P<longitude>\d+)"
                      r"|(?P<calendar>hebrew|islamic):(?P<month>\d+)-(?P<day>\d+)"
                      r"|(?P<fixed>\d\d-\d\d(?:<\d)?|\d\d-\d-\d))(?P<offset>[+-]\d+)?(?:/M)?")
# Holidays named by the day they fall on in a year, and days of other calendars in a year.
_NAMED_HOLIDAYS = {"easter": easter, "lunar": lunisolar.lunar_new_year, "diwali": lunisolar.diwali,
                   "sankranti": lunisolar.makar_sankranti}
_CALENDARS = {"hebrew": lunisolar.hebrew_day_in, "islamic": lunisolar.islamic_day_in}


def holiday_date(spec: str, year: int) -> dt.date:
    """The day of a holiday in ``year``. ``spec`` is "MM-DD" (a fixed date), "MM-W-N" (the N-th
    weekday W of month MM; N = 5 is the last), "MM-DD<W" (the weekday W on or before MM-DD),
    "easter", "lunar" (the Chinese new year), "diwali", "sankranti", "sun:L" (the day the sun reaches
    longitude L: "sun:90" is the June solstice), or "hebrew:M-D" or "islamic:M-D" (day D of
    month M of that calendar: the Hebrew calendar's Nisan is 1 and Tishrei 7), with an optional
    day offset: "easter-2" is Good Friday, "11-1-1+1" the Tuesday after the first Monday of
    November. A festival of a week or more ends in "/M": it is dated by the month it begins in
    (see :func:`festival`); this gives its first day."""
    m = _HOLIDAY.fullmatch(spec)
    if m is None:
        raise ValueError(f"bad holiday spec {spec!r}")
    if m["named"]:
        day = _NAMED_HOLIDAYS[m["named"]](year)
    elif m["longitude"]:
        day = lunisolar.solar_day(year, int(m["longitude"]))
    elif m["calendar"]:
        day = _CALENDARS[m["calendar"]](year, int(m["month"]), int(m["day"]))
    else:
        day = _fixed_holiday(m["fixed"], year)
    return day + dt.timedelta(days=int(m["offset"] or 0))


def _fixed_holiday(spec: str, year: int) -> dt.date:
    spec, _, on_or_before = spec.partition("<")
    parts = [int(x) for x in spec.split("-")]
    if len(parts) == 2:
        day = dt.date(year, parts[0], parts[1])
        return day - dt.timedelta(days=(day.isoweekday() - int(on_or_before)) % 7) if on_or_before else day
    month, wd, nth = parts
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
    return day - dt.timedelta(days=7) if day.month != month else day  # no fifth one: the last is the fourth


def festival(spec: str) -> bool:
    """Whether the holiday of ``spec`` lasts a week or more ("Passover", "Hanukkah"), so that its
    name dates the month it begins in, not its first day."""
    return spec.endswith("/M")


def relative(dct: dt.date, unit: str, n: int) -> str | None:
    """The period of ``unit`` that is ``n`` units from the one containing ``dct`` ("last month")."""
    try:
        return period_of(shift_date(dct, unit, n), unit).value()
    except (OverflowError, ValueError):
        return None


_VALUE_FORMS = (
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?$"), "D"),
    (re.compile(r"(\d{4})-W(\d\d)-WE$"), "WE"),
    (re.compile(r"(\d{4})-W(\d\d)$"), "W"),
    (re.compile(r"(\d{4})-(\d\d)$"), "M"),
    (re.compile(r"(\d{4})-Q([1-4])$"), "Q"),
    (re.compile(r"(\d{4})-H([12])$"), "H"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)$"), "S"),
    (re.compile(r"(\d{4})$"), "Y"),
    (re.compile(r"(\d{3})$"), "DE"),
    (re.compile(r"(\d{2})$"), "CE"),
)


def parse_value(value: str) -> Period | None:
    """The period a resolved TIMEX3 date value names, or None for anything else."""
    for rx, gran in _VALUE_FORMS:
        m = rx.match(value)
        if not m:
            continue
        try:
            y = int(m.group(1))
            if gran == "D":
                return Period("D", dt.date(y, int(m.group(2)), int(m.group(3))))
            if gran in ("W", "WE"):
                return Period(gran, dt.date.fromisocalendar(y, int(m.group(2)), 1))
            if gran == "M":
                return Period("M", dt.date(y, int(m.group(2)), 1))
            if gran == "Q":
                return Period("Q", dt.date(y, (int(m.group(2)) - 1) * 3 + 1, 1))
            if gran == "H":
                return Period("H", dt.date(y, (int(m.group(2)) - 1) * 6 + 1, 1))
            if gran == "S":
                return Period("S", dt.date(y, 1, 1), m.group(2))
            if gran == "Y":
                return Period("Y", dt.date(y, 1, 1))
            if gran == "DE":
                return Period("DE", dt.date(max(1, y * 10), 1, 1))
            return Period("CE", dt.date(max(1, y * 100), 1, 1))
        except ValueError:
            return None
    return None


def shift_period(p: Period, unit: str, n: int) -> str | None:
    """``p`` moved by ``n`` units. ``p`` keeps its granularity when it is as fine as the unit or
    finer ("a year earlier" than a quarter is a quarter); a coarser one takes the unit's."""
    gran = p.gran if _RANK[p.gran] <= _RANK[unit] or p.gran == "S" else unit
    if p.gran == "S" and unit in ("Y", "DE", "CE"):
        try:
            return Period("S", shift_date(p.day, unit, n), p.season).value()
        except (OverflowError, ValueError):
            return None
    try:
        months = _UNIT_STEP[unit][1]
        if p.gran in ("W", "WE") and months and months % 12 == 0:
            # "A year earlier" than a week is the week of the same number, not 52 weeks back.
            year, week, _ = p.day.isocalendar()
            year += months // 12 * n
            week = min(week, dt.date(year, 12, 28).isocalendar()[1])
            return period_of(dt.date.fromisocalendar(year, week, 6 if p.gran == "WE" else 1), p.gran).value()
        return period_of(shift_date(p.day, unit, n), "Y" if gran == "S" else gran).value()
    except (OverflowError, ValueError):
        return None


# Units a compound duration may join, largest first, as ISO 8601 writes them (weeks as days).
_COMPOUND_UNITS = {"Y": ("Y", 1), "M": ("M", 1), "W": ("D", 7), "D": ("D", 1), "H": ("TH", 1),
                   "MIN": ("TM", 1), "S": ("TS", 1)}
_COMPOUND_ORDER = ("Y", "M", "D", "TH", "TM", "TS")


def compound_duration(parts: list[tuple[int, str]]) -> str | None:
    """"Three hours and 37 minutes" as one duration (PT3H37M): whole numbers of distinct units,
    largest first; None for anything else ("a day, seven days" is no sum; "two weeks and a day"
    joins as P15D)."""
    totals: dict[str, int] = {}
    last, units = -1, set()
    for n, unit in parts:
        if unit not in _COMPOUND_UNITS or unit in units or not float(n).is_integer():
            return None
        slot, factor = _COMPOUND_UNITS[unit]
        rank = _COMPOUND_ORDER.index(slot)
        if rank < last or (rank == last and unit != "D"):
            return None
        last = rank
        units.add(unit)
        totals[slot] = totals.get(slot, 0) + int(n) * factor
    date = "".join(f"{totals[s]}{s}" for s in _COMPOUND_ORDER[:3] if s in totals)
    time = "".join(f"{totals[s]}{s[1]}" for s in _COMPOUND_ORDER[3:] if s in totals)
    return "P" + date + (f"T{time}" if time else "")


# Years in a decade and a century, which a fraction of one is counted in.
_YEARS_IN = {"DE": 10, "CE": 100}


def duration(n: float | str, unit: str) -> str:
    """TIMEX3 duration: ``n`` (a number or "X") of ``unit``; time units take the "T"."""
    if unit == "Q" and n != "X" and not float(n).is_integer():  # part of a quarter: in months
        return f"P{round(float(n) * 3)}M"
    if unit == "FN":  # fortnights as weeks
        return f"P{'X' if n == 'X' else round(float(n) * 2)}W"
    time_unit = {"H": "H", "MIN": "M", "S": "S"}.get(unit)
    if n == "X":
        return f"PTX{time_unit}" if time_unit else f"PX{unit}"
    if isinstance(n, float) and not n.is_integer():
        if unit in _YEARS_IN:  # "half a century" is P50Y, "a decade and a half" P15Y
            return f"P{round(n * _YEARS_IN[unit])}Y"
        whole = int(n)
        # Halves go down one unit: "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M.
        sub = {"Y": ("M", 12), "M": ("D", 30), "D": ("T", 24), "H": ("M", 60), "MIN": ("S", 60),
               "W": ("D", 7)}.get(unit)
        if sub:
            frac = round((n - whole) * sub[1])
            if sub[0] == "T":
                return f"P{whole}DT{frac}H" if whole else f"PT{frac}H"
            if time_unit:
                return f"PT{whole}{time_unit}{frac}{sub[0]}" if whole else f"PT{frac}{sub[0]}"
            return f"P{whole}{unit}{frac}{sub[0]}" if whole else f"P{frac}{sub[0]}"
    n = int(n)
    return f"PT{n}{time_unit}" if time_unit else f"P{n}{unit}"
