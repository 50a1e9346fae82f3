"""Days of the Hebrew and Chinese calendars in Gregorian terms, for the holidays they keep.

The Hebrew calendar is arithmetic: its years begin on a day fixed by the mean new moon and four
postponement rules (Reingold and Dershowitz, *Calendrical Calculations*, ch. 8), so every holiday
is exact. The Chinese new year begins on the day (in China's time, UTC+8) of the second new moon
after the December solstice; new moons come from Meeus, *Astronomical Algorithms*, ch. 49 (a few
minutes off at most).
"""

from __future__ import annotations

import datetime as dt
import math

# Day numbers are proleptic Gregorian ordinals (date.toordinal(): 1 January of year 1 is 1).
_HEBREW_EPOCH = dt.date(1, 1, 1).toordinal() - 1373428  # 1 Tishrei AM 1: 7 October 3761 BCE (Julian)
# Hebrew months, from Nisan (1) to Adar II (13, leap years only); the year begins with Tishrei (7).
TISHREI, MARHESHVAN, KISLEV, ADAR, ADAR_II = 7, 8, 9, 12, 13
# A Hebrew year of this calendar begins in the autumn of Gregorian year (its number - this).
HEBREW_YEAR_OFFSET = 3761


def hebrew_leap_year(year: int) -> bool:
    """Seven years in nineteen have a thirteenth month (Adar II)."""
    return (7 * year + 1) % 19 < 7


def _elapsed_days(year: int) -> int:
    """Days from the epoch to the mean new moon of Tishrei of ``year``, postponed a day when it
    would fall on a Sunday, Wednesday or Friday."""
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    day = 29 * months + parts // 25920
    return day + 1 if (3 * (day + 1)) % 7 < 3 else day


def _year_length_correction(year: int) -> int:
    """Days the new year is put off so that no year has a forbidden length."""
    before, this, after = (_elapsed_days(y) for y in (year - 1, year, year + 1))
    if after - this == 356:
        return 2
    return 1 if this - before == 382 else 0


def hebrew_new_year(year: int) -> int:
    """The day number of 1 Tishrei (Rosh Hashanah) of Hebrew ``year``."""
    return _HEBREW_EPOCH + _elapsed_days(year) + _year_length_correction(year)


def _month_length(year: int, month: int) -> int:
    days_in_year = hebrew_new_year(year + 1) - hebrew_new_year(year)
    if month == MARHESHVAN:
        return 30 if days_in_year % 10 == 5 else 29  # long in a "complete" year (355 or 385 days)
    if month == KISLEV:
        return 29 if days_in_year % 10 == 3 else 30  # short in a "deficient" one (353 or 383)
    if month == ADAR:
        return 30 if hebrew_leap_year(year) else 29  # Adar I of a leap year has 30
    return 30 if month % 2 == 1 and month != ADAR_II else 29


def hebrew_to_date(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of ``day`` ``month`` of Hebrew ``year``."""
    last = ADAR_II if hebrew_leap_year(year) else ADAR
    # Nisan to Elul come after the months from Tishrei to the last of the year.
    before = range(TISHREI, month) if month >= TISHREI else [*range(TISHREI, last + 1), *range(1, month)]
    return dt.date.fromordinal(hebrew_new_year(year) + sum(_month_length(year, m) for m in before) + day - 1)


def hebrew_day_in(gregorian_year: int, month: int, day: int) -> dt.date:
    """The day ``day`` ``month`` of the Hebrew calendar that falls in ``gregorian_year``. Adar
    means Adar II in a leap year, where the holidays of Adar (Purim) are kept."""
    for year in (gregorian_year + HEBREW_YEAR_OFFSET - 1, gregorian_year + HEBREW_YEAR_OFFSET):
        kept = ADAR_II if month == ADAR and hebrew_leap_year(year) else month
        found = hebrew_to_date(year, kept, day)
        if found.year == gregorian_year:
            return found
    raise ValueError(f"no {day} of Hebrew month {month} in {gregorian_year}")


# Meeus, table 49.A: the periodic terms of a true new moon, as (coefficient, power of E,
# multiples of M, M', F, Omega).
_NEW_MOON_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0), (0.17241, 1, 1, 0, 0, 0), (0.01608, 0, 0, 2, 0, 0),
    (0.01039, 0, 0, 0, 2, 0), (0.00739, 1, -1, 1, 0, 0), (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0), (-0.00111, 0, 0, 1, -2, 0), (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0), (-0.00042, 0, 0, 3, 0, 0), (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0), (-0.00024, 1, -1, 2, 0, 0), (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0), (0.00004, 0, 0, 2, -2, 0), (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0), (0.00003, 0, 0, 2, 2, 0), (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0), (-0.00002, 0, -1, 1, -2, 0), (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)
# Meeus, after table 49.A: planetary arguments (degrees at k = 0, per lunation, per T squared)
# and their coefficients.
_PLANETARY_TERMS = (
    (299.77, 0.107408, -0.009173, 0.000325), (251.88, 0.016321, 0, 0.000165), (251.83, 26.651886, 0, 0.000164),
    (349.42, 36.412478, 0, 0.000126), (84.66, 18.206239, 0, 0.000110), (141.74, 53.303771, 0, 0.000062),
    (207.14, 2.453732, 0, 0.000060), (154.84, 7.306860, 0, 0.000056), (34.52, 27.261239, 0, 0.000047),
    (207.19, 0.121824, 0, 0.000042), (291.34, 1.844379, 0, 0.000040), (161.72, 24.198154, 0, 0.000037),
    (239.56, 25.513099, 0, 0.000035), (331.55, 3.592518, 0, 0.000023),
)
_JD_OF_ORDINAL_ZERO = 1721424.5  # the Julian day at which day number 0 begins (midnight UT)
_SYNODIC_MONTH = 29.530588861


def new_moon(k: int) -> float:
    """The moment of new moon number ``k`` (0: 6 January 2000) as a Julian Ephemeris Day."""
    t = k / 1236.85
    jde = 2451550.09766 + _SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.000000150 * t ** 3 + 0.00000000073 * t ** 4
    e = 1 - 0.002516 * t - 0.0000074 * t ** 2
    args = (math.radians(2.5534 + 29.10535670 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3),
            math.radians(201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3
                         - 0.000000058 * t ** 4),
            math.radians(160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3
                         + 0.000000011 * t ** 4),
            math.radians(124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3))
    for coefficient, e_power, *multiples in _NEW_MOON_TERMS:
        jde += coefficient * e ** e_power * math.sin(sum(n * a for n, a in zip(multiples, args, strict=True)))
    for start, per_lunation, per_t_squared, coefficient in _PLANETARY_TERMS:
        jde += coefficient * math.sin(math.radians(start + per_lunation * k + per_t_squared * t ** 2))
    return jde


_CHINA_UTC_OFFSET = 8 / 24


def _day_in_china(jde: float) -> dt.date:
    # Terrestrial time runs about a minute ahead of UTC in these years: too little to matter here.
    return dt.date.fromordinal(math.floor(jde - _JD_OF_ORDINAL_ZERO + _CHINA_UTC_OFFSET))


def december_solstice(year: int) -> float:
    """The December solstice of ``year`` as a Julian Ephemeris Day (Meeus, table 27.B, the mean
    solstice: within an hour of the true one)."""
    y = (year - 2000) / 1000
    return 2451900.05952 + 365242.74049 * y - 0.06223 * y ** 2 - 0.00823 * y ** 3 + 0.00032 * y ** 4


def lunar_new_year(year: int) -> dt.date:
    """The first day of the Chinese year that begins in Gregorian ``year``. The eleventh month
    holds the December solstice, and the year begins two new moons after that month begins (a
    leap month between them, as in 2033, is not modelled)."""
    solstice = december_solstice(year - 1)
    k = math.floor((solstice - 2451550.09766) / _SYNODIC_MONTH) - 1
    days = [_day_in_china(new_moon(n)) for n in range(k, k + 5)]
    eleventh = max(i for i, day in enumerate(days) if day <= _day_in_china(solstice))
    return days[eleventh + 2]
