"""Days of the Hebrew, Chinese, Islamic and Hindu calendars, and of the sun's year, in Gregorian
terms, for the holidays they keep.

The Hebrew calendar is arithmetic: its years begin on a day fixed by the mean new moon and four
postponement rules (Reingold and Dershowitz, *Calendrical Calculations*, ch. 8), so every holiday
is exact. The Chinese new year begins on the day (in China's time, UTC+8) of the second new moon
after the December solstice; new moons come from Meeus, *Astronomical Algorithms*, ch. 49 (a few
minutes off at most). An Islamic month begins as Saudi Arabia's Umm al-Qura calendar has it, and
Diwali on the last evening before the first new moon after the sun enters sidereal Libra.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

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


@lru_cache(maxsize=256)
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
_NEW_MOON_ZERO = 2451550.09766  # the first new moon of 2000 (k = 0), as a Julian Ephemeris Day


def new_moon(k: int) -> float:
    """The moment of new moon number ``k`` (0: 6 January 2000) as a Julian Ephemeris Day."""
    t = k / 1236.85
    jde = _NEW_MOON_ZERO + _SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.000000150 * t ** 3 + 0.00000000073 * t ** 4
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


_CHINA_UTC_OFFSET = 8
_DECEMBER_SOLSTICE = 270


@lru_cache(maxsize=256)
def lunar_new_year(year: int) -> dt.date:
    """The first day of the Chinese year that begins in Gregorian ``year``. The eleventh month
    holds the December solstice, and the year begins two new moons after that month begins (a
    leap month between them, as in 2033, is not modelled)."""
    solstice = _sun_reaches(year - 1, _DECEMBER_SOLSTICE)
    k = math.floor((solstice - _NEW_MOON_ZERO) / _SYNODIC_MONTH) - 1
    days = [_local_time(new_moon(n), _CHINA_UTC_OFFSET)[0] for n in range(k, k + 5)]
    solstice_day = _local_time(solstice, _CHINA_UTC_OFFSET)[0]
    eleventh = max(i for i, day in enumerate(days) if day <= solstice_day)
    return days[eleventh + 2]


def _new_moon_near(jde: float) -> float:
    """The new moon nearest the moment ``jde``."""
    return new_moon(round((jde - _NEW_MOON_ZERO) / _SYNODIC_MONTH))


def _local_time(jde: float, utc_offset_hours: float) -> tuple[dt.date, float]:
    """The day and the hour of the moment ``jde`` where clocks are ``utc_offset_hours`` ahead of
    UTC. (Terrestrial time runs about a minute ahead of UTC in these years: too little to matter.)"""
    days = jde - _JD_OF_ORDINAL_ZERO + utc_offset_hours / 24
    return dt.date.fromordinal(math.floor(days)), days % 1 * 24


_ISLAMIC_EPOCH = 227015  # 1 Muharram AH 1: 16 July 622 (Julian)
# A month of the Islamic calendar begins the day after the new moon when the moon was new
# before sunset at Mecca (about 18:00 there, UTC+3), the day after that otherwise: the rule of
# Saudi Arabia's Umm al-Qura calendar, whose dates most news reports give.
_MECCA_UTC_OFFSET, _MECCA_SUNSET_HOUR = 3, 18


@lru_cache(maxsize=256)
def islamic_month_start(year: int, month: int) -> dt.date:
    """The first day of ``month`` of Islamic ``year``: the arithmetic calendar finds the new moon,
    the sunset rule the day."""
    reckoned = _ISLAMIC_EPOCH - 1 + (year - 1) * 354 + (3 + 11 * year) // 30 + 29 * (month - 1) + month // 2 + 1
    day, hour = _local_time(_new_moon_near(reckoned - 1 + _JD_OF_ORDINAL_ZERO), _MECCA_UTC_OFFSET)
    return day + dt.timedelta(days=1 if hour < _MECCA_SUNSET_HOUR else 2)


def islamic_day_in(gregorian_year: int, month: int, day: int) -> dt.date:
    """Day ``day`` of ``month`` of the Islamic calendar in ``gregorian_year``; the first of the two
    when the month falls twice in it (an Islamic year is eleven days shorter)."""
    first = (gregorian_year - 622) * 33 // 32
    for year in range(first, first + 3):
        found = islamic_month_start(year, month) + dt.timedelta(days=day - 1)
        if found.year == gregorian_year:
            return found
    raise ValueError(f"no {day} of Islamic month {month} in {gregorian_year}")


def _sun_longitude(jde: float) -> float:
    """The sun's apparent tropical longitude in degrees (Meeus, ch. 25, low accuracy: 0.01 degree)."""
    t = (jde - 2451545.0) / 36525
    mean_anomaly = math.radians(357.52911 + 35999.05029 * t)
    centre = ((1.914602 - 0.004817 * t) * math.sin(mean_anomaly) + 0.019993 * math.sin(2 * mean_anomaly)
              + 0.000289 * math.sin(3 * mean_anomaly))
    return (280.46646 + 36000.76983 * t + centre) % 360


def _sun_reaches(year: int, longitude: float, ayanamsa: float = 0) -> float:
    """The moment of ``year`` the sun reaches ``longitude`` (degrees from the March equinox, or
    from the start of sidereal Aries when ``ayanamsa`` is how far that has drifted from it), as a
    Julian Ephemeris Day."""
    target = (longitude + ayanamsa) % 360
    jde = dt.date(year, 1, 1).toordinal() + _JD_OF_ORDINAL_ZERO + (target - 280) % 360 / 0.9856
    for _ in range(3):
        jde += ((target - _sun_longitude(jde) + 180) % 360 - 180) / 0.9856
    return jde


def solar_day(year: int, longitude: float) -> dt.date:
    """The day (UTC) of ``year`` the sun reaches ``longitude``: 90 is the June solstice, 270 the
    December one, 0 and 180 the equinoxes."""
    return _local_time(_sun_reaches(year, longitude), 0)[0]


def _lahiri_ayanamsa(year: int) -> float:
    """How far the start of sidereal Aries lies behind the equinox in the Lahiri reckoning of
    India's calendars (degrees)."""
    return 23.853 + (year - 2000) * 0.013969


# Diwali (its Lakshmi Puja) is kept on the evening the moon is last seen old: the day in India
# (UTC+5:30) of the last evening (18:00) before the first new moon after the sun enters
# sidereal Libra (about 17 October).
_INDIA_UTC_OFFSET, _INDIA_EVENING_HOUR = 5.5, 18
_LIBRA = 180
_CAPRICORN = 270


@lru_cache(maxsize=256)
def makar_sankranti(year: int) -> dt.date:
    """The day of Makar Sankranti in ``year``: the day in India the sun enters sidereal Capricorn,
    or the next one when it does so after the evening (as in 2019 and 2023)."""
    day, hour = _local_time(_sun_reaches(year, _CAPRICORN, _lahiri_ayanamsa(year)), _INDIA_UTC_OFFSET)
    return day + dt.timedelta(days=1) if hour >= _INDIA_EVENING_HOUR else day


@lru_cache(maxsize=256)
def diwali(year: int) -> dt.date:
    """The day of Diwali in ``year``."""
    libra = _sun_reaches(year, _LIBRA, _lahiri_ayanamsa(year))
    k = math.floor((libra - _NEW_MOON_ZERO) / _SYNODIC_MONTH) - 1  # a new moon before it
    while (moon := new_moon(k)) <= libra:
        k += 1
    day, hour = _local_time(moon, _INDIA_UTC_OFFSET)
    return day if hour >= _INDIA_EVENING_HOUR else day - dt.timedelta(days=1)
