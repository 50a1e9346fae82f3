"""What a well-formed TIMEX3 value is (TimeML 1.2.1 guidelines, sec. 2.2.1; ISO 8601 with TimeML's
extensions), as a table of forms so a new form is one more line. No Textual, no Rich."""

from __future__ import annotations

import re


def _digits_then_x(n: int) -> str:
    """n characters: digits, then X placeholders for the unknown trailing ones ("199X", "XXXX")."""
    return "(?:" + "|".join(rf"\d{{{n - k}}}X{{{k}}}" for k in range(n + 1)) + ")"


_YEAR = _digits_then_x(4)
_MONTH = "(?:0[1-9]|1[0-2]|XX)"
_DAY = "(?:0[1-9]|[12]\\d|3[01]|XX)"
_WEEK = "W(?:0[1-9]|[1-4]\\d|5[0-3]|XX)"
_CLOCK = r"(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?"
_PART_OF_DAY = "(?:MO|MI|AF|EV|NI|DT)"
_NUMBER = r"(?:\d+(?:\.\d+)?|X)"

DATE_FORMS: dict[str, str] = {
    "year": _YEAR,
    "decade": _digits_then_x(3),
    "century": _digits_then_x(2),
    "month": f"{_YEAR}-{_MONTH}",
    "day": f"{_YEAR}-{_MONTH}-{_DAY}",
    "week": f"{_YEAR}-{_WEEK}",
    "weekday": f"{_YEAR}-{_WEEK}-[1-7]",
    "weekend": f"{_YEAR}-{_WEEK}-WE",
    # Not in TimeML: the working days of a week ("on weekdays"), as news annotators write it after WE.
    "weekdays": f"{_YEAR}-{_WEEK}-WD",
    "quarter": f"{_YEAR}-Q[1-4X]",
    "half": f"{_YEAR}-H[12X]",
    "season": f"{_YEAR}-(?:SP|SU|FA|WI)",
}
# A time of a day, of a weekday, or of every working or weekend day ("weekday mornings").
TIME_FORM = (f"(?:{DATE_FORMS['day']}|{DATE_FORMS['weekday']}|{DATE_FORMS['weekdays']}|{DATE_FORMS['weekend']})"
             f"T(?:{_CLOCK}|{_PART_OF_DAY})")
POINT = "(?:" + "|".join([TIME_FORM, *DATE_FORMS.values()]) + ")"
VALUE_FORMS: dict[str, str] = {
    "point": POINT,
    "reference": "(?:PRESENT_REF|PAST_REF|FUTURE_REF)",
    # a decade, century, millennium, quarter (Q, or QE) or weekend alone, or ISO's Y M W D then T H M S
    "duration": (
        rf"P(?:{_NUMBER}(?:DE|CE|ML|QE|Q|WE)"
        rf"|(?=[\dX])(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
        rf"(?:T(?=[\dX])(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?"
        rf"|T(?=[\dX])(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)"
    ),
    "interval": f"{POINT}/{POINT}",
}
VALUE = re.compile("|".join(f"(?:{form})" for form in VALUE_FORMS.values()))
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
TYPES = frozenset(TIMEX_TYPES)
MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
                  "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"})


def is_timex3_value(value: str) -> bool:
    """True when ``value`` has one of the TIMEX3 value forms."""
    return VALUE.fullmatch(value) is not None
