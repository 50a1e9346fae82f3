"""Where an article's publication date comes from: pure functions, no file access.

Relative phrases ("yesterday", "last month") resolve against the publication date, so it is taken
from the most reliable place that has one, in this order: the article's own metadata (Markdown
front matter, a JSONL ``date``), a ``metadata.yaml`` beside the articles (read by ``tui.corpus``),
a dateline at the top of the text, a date in the file name, else unknown. The user can override
any of these (``tui.pubdates``).
"""

from __future__ import annotations

import re
from datetime import date, datetime

# Labels for ``Article.published_from``; the app shows them beside the date.
FROM_FRONT_MATTER = "front matter"
FROM_JSONL = "jsonl"
FROM_METADATA = "metadata"
FROM_DATELINE = "dateline"
FROM_FILE_NAME = "file name"
FROM_USER = "set by you"
UNKNOWN = "unknown"

# Month names and the abbreviations news styles use, lowercase, without the full stop.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Only a dateline near the top counts: a date deeper in the text is about an event, not the paper.
DATELINE_WINDOW = 300
# A line this short that holds a date is a date line ("date 2019-09-17 Reuters, SEOUL").
DATE_LINE_MAX = 100
# A wire dateline: the place before the date is this short, and the dash comes this soon after it.
PLACE_MAX = 60
DASH_WITHIN = 30
DATELINE_DASHES = "-‐–—_"
YEARS = range(1900, 2100)

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Each alternative is a fixed sequence of bounded tokens, so matching cannot backtrack badly.
_DATE = re.compile(
    r"(?<!\d)(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?!\d)"
    rf"|\b(?P<md_m>{_MONTH})\.?\s{{1,3}}(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    r"(?:,?\s{1,3}(?P<md_y>\d{4})(?!\d))?"
    rf"|(?<!\d)(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s{{1,3}}(?P<dm_m>{_MONTH})\b\.?,?\s{{1,3}}"
    r"(?P<dm_y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_ISO_ONLY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?\s*", re.IGNORECASE)
# In file names: 2019-09-17, 2019_09_17, 2019.09.17 or eight digits (APW19980807.0261).
_FILE_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-_.]?)(?P<m>\d\d)(?P=sep)(?P<d>\d\d)(?!\d)")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_HEX_RUN = re.compile(r"[0-9a-f]{12,}")
# Characters a place name in a dateline may hold besides letters ("ST. LOUIS", "WINSTON-SALEM").
_PLACE_PUNCTUATION = dict.fromkeys(map(ord, " .-'’"))


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the numbers are not a real calendar day in a plausible year."""
    if year not in YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_value(value: object) -> date | None:
    """A date from metadata: a YAML date or datetime, or a string in a common news form."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    iso = _ISO_ONLY.fullmatch(value)
    if iso:
        return make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    match = _DATE.search(value)
    if match is None or value[: match.start()].strip() or value[match.end() :].strip(" .,"):
        return None
    return _match_date(match, None)


def date_from_dateline(text: str, year_hint: int | None = None) -> date | None:
    """The publication date in a dateline at the top of ``text``, if there is one.

    Two shapes count: a short line that is mostly a date (`` date 2019-09-17 Reuters, SEOUL``,
    ``September 17, 2019``), and a wire dateline, a place in capitals before the date and a dash
    after it (``SEOUL, Sept. 17 (Reuters) -``). A date without a year takes ``year_hint``; without
    a hint it is not enough on its own.
    """
    head = text[:DATELINE_WINDOW]
    for match in _DATE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        line_end = head.find("\n", match.end())
        line = head[line_start : len(head) if line_end < 0 else line_end]
        before = head[line_start : match.start()].strip()
        after = head[match.end() : len(head) if line_end < 0 else line_end]
        if is_date_line(line) or _is_wire_dateline(before, after):
            found = _match_date(match, year_hint)
            if found is not None:
                return found
    return None


def is_date_line(line: str) -> bool:
    """A short line with no sentence ending: the shape of a dateline."""
    stripped = line.strip()
    return len(stripped) <= DATE_LINE_MAX and not stripped.endswith((".", "!", "?", ":"))


def _is_wire_dateline(before: str, after: str) -> bool:
    """``before`` is "PLACE," (the first word in capitals) and a dash follows soon ``after``."""
    if not before.endswith(",") or len(before) > PLACE_MAX:
        return False
    place = before.split(",", 1)[0]
    if not (place.isupper() and place.translate(_PLACE_PUNCTUATION).isalpha()):
        return False
    return any(dash in after[:DASH_WITHIN] for dash in DATELINE_DASHES)


def _match_date(match: re.Match[str], year_hint: int | None) -> date | None:
    groups = match.groupdict()
    if groups["iy"]:
        return make_date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    if groups["md_m"]:
        year = int(groups["md_y"]) if groups["md_y"] else year_hint
        if year is None:
            return None
        return make_date(year, MONTHS[groups["md_m"].lower()], int(groups["md_d"]))
    return make_date(int(groups["dm_y"]), MONTHS[groups["dm_m"].lower()], int(groups["dm_d"]))


def date_from_file_name(name: str) -> date | None:
    """A date written in a file name: ``APW19980807.0261``, ``2019-09-17-title.txt``, ``20190917``.

    Digits inside a long hexadecimal run (``000_202bb2fb0fd93a1b``) are a hash, not a date.
    """
    hashes = [m.span() for m in _HEX_RUN.finditer(name.lower())]
    for match in _FILE_DATE.finditer(name):
        if any(start <= match.start() and match.end() <= end for start, end in hashes):
            continue
        found = make_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        if found is not None:
            return found
    return None


def year_from_file_name(name: str) -> int | None:
    """A year written in a file name (``reuters-2019-korea.txt``), to complete a year-less dateline."""
    found = date_from_file_name(name)
    if found is not None:
        return found.year
    hashes = [m.span() for m in _HEX_RUN.finditer(name.lower())]
    for match in _FILE_YEAR.finditer(name):
        if not any(start <= match.start() and match.end() <= end for start, end in hashes):
            return int(match.group(1))
    return None


def detect_published(
    *,
    own: date | None,
    own_from: str,
    metadata: date | None,
    text: str,
    file_name: str,
) -> tuple[date | None, str]:
    """The publication date and where it came from, by the first source that has one.

    ``own`` is the article's own date (front matter or JSONL, labelled ``own_from``), ``metadata``
    the date a ``metadata.yaml`` beside it gives.
    """
    if own is not None:
        return own, own_from
    if metadata is not None:
        return metadata, FROM_METADATA
    hint = year_from_file_name(file_name)
    dateline = date_from_dateline(text, hint)
    if dateline is not None:
        return dateline, FROM_DATELINE
    from_name = date_from_file_name(file_name)
    if from_name is not None:
        return from_name, FROM_FILE_NAME
    return None, UNKNOWN
