"""Value functions of times of day: clock times ("5:30 p.m.", "0930 hrs", "half past seven"), and
the day each is on. A clock time said without its day takes the day its clause names, the entry
of a timeline or diary it stamps, the day told just before, or the publication date; an hour said
without a.m. or p.m. takes the half of the day its context tells. Registered with the other value
functions (``resolve.value_function``) when the engine imports this module."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.temporal.resolve import (
    BLANK_LINE,
    HEADING,
    NEAR_REFERENCE,
    RECURRENCE,
    WEEKDAY_STEMS,
    ahead_day,
    conditional,
    day_of,
    day_relative,
    holiday,
    last_match,
    narrative_part,
    reference_day,
    to_hhmm,
    value_function,
    weekday,
)

if TYPE_CHECKING:
    from tui.temporal.engine import Context


@value_function
def clock(ctx: Context, hour: int, minute: int | None, ampm: str | None, base: str | None = None) -> str | None:
    """A clock time on ``base`` (a day value; the publication date when absent)."""
    if ampm is None and _afternoon_or_evening(ctx, int(hour)):
        ampm = "pm"
    hhmm = to_hhmm(hour, minute, ampm)
    if hhmm is None:
        return None
    if base is None:
        if ctx.day_after is not None:
            base, ctx.anchor = ctx.day_after
            return f"{base}T{hhmm}"
        if _in_schedule(ctx):
            return f"XXXX-XX-XXT{hhmm}"
        if ((_STAMP.match(ctx.text, ctx.end) and _LINE_START.search(ctx.text, max(0, ctx.start - 8), ctx.start))
                or _NEXT_BULLETIN.search(ctx.text, max(0, ctx.start - NEXT_BULLETIN_REACH), ctx.start)):
            # "\n\n1.40 pm: IMD forecast: ...": a live blog's entry is stamped with the hour it
            # was written on the day it appeared, whatever day the last entry spoke of, unless a
            # day heads the entries ("Friday, May 12\n6:40 p.m. Staff detect ..."); and a
            # broadcast's next bulletin is on the day it goes out.
            day = _heading_day(ctx) or _last_entry_day(ctx) or _timetable_day(ctx, hhmm)
            if day is None or (ctx.dct is not None and day == ctx.dct.isoformat()):
                # Anchored to the publication date, an entry of its day becomes the reference the
                # prose after it leans on ("11:40 a.m.\nThe FAA says ... until at least 1 p.m.").
                day = day_relative(ctx, 0)
            return f"{_stamp_day(ctx, day, hhmm)}T{hhmm}"
        base = reference_day(ctx)
        if base is not None and _told_the_story_day(ctx, base) and ctx.tense() == "past":
            # "lost access on Tuesday ..., the company said yesterday. The trouble began at 9:15":
            # the day it was said is not the day it happened.
            base = ctx.news_day
        if base is not None and (_small_hours_after_night(ctx, hhmm) or _span_past_midnight(ctx, base, hhmm)):
            base = (dt.date.fromisoformat(base) + dt.timedelta(days=1)).isoformat()
        if ctx.dct is not None and ctx.tense() == "future":
            # "will open on Dec. 16, officials said Tuesday. The first train will leave at 5:40 a.m."
            # A conditional on a day told is its future, not ours: "On 8 May 1945 Churchill said
            # hostilities would end at midnight".
            if base is None or (base <= ctx.dct.isoformat() and not conditional(ctx) and not _clause_day(ctx)):
                base = ahead_day(ctx)
        else:
            if (base is not None and ctx.dct is not None and base > ctx.dct.isoformat() and ctx.tense() == "past"
                    and not _THAT_DAY_AFTER.match(ctx.text, ctx.end)):
                base = None  # "could hit Florida by Tuesday. At 5 a.m. EDT, the storm was ..."
            if base is None and ctx.tense() == "past":
                # "Salas won yesterday ... the race started at 2 p.m.": the day the story is about.
                # Without one, "came into effect at midnight" is the midnight the day began with.
                if ctx.news_day is not None and ctx.news_day < ctx.dct.isoformat():
                    base = ctx.news_day
                elif (story_day := _story_year_day(ctx)) is not None:
                    base = story_day
                elif hhmm == "24:00":
                    base = day_relative(ctx, -1)
            elif hhmm == "24:00" and base == day_relative(ctx, 0) and ctx.tense() == "past":
                # The publication day has not ended: its past midnight is the one it began with.
                base = day_relative(ctx, -1)
        base = base or day_relative(ctx, 0)
    return f"{base}T{hhmm}"


def _story_year_day(ctx: Context) -> str | None:
    """In a story set in another year than the publication's, the last day it told in that year
    ("One hundred years ago today ... landing in France in March 1916 ... At 7.30am the whistles
    blew"), for a past clock time with no day near."""
    ref, day = ctx.reference, ctx.day_reference
    if ref is None or day is None or ctx.dct is None:
        return None
    return day[:10] if ref[:4] == day[:4] != f"{ctx.dct.year:04d}" else None


def _heading_day(ctx: Context) -> str | None:
    """The day told on a line of its own above the expression ("Saturday, May 13" heading a
    timeline's entries), or ending the line that brings them in ("the victim's movements on
    Saturday night:"), if the last day told was."""
    day = reference_day(ctx)
    if day is None:
        return None
    end = ctx.reference_end
    line_end = ctx.text.find("\n", end, ctx.start)
    if line_end < 0:
        return None
    rest = ctx.text[end:line_end].strip()
    if rest == ":":
        return day
    # (A line's start is looked for only as far back as it can count, here and in _last_entry_day.)
    line_start = ctx.text.rfind("\n", max(0, end - HEADING - 1), end) + 1
    return day if not rest and end - line_start <= HEADING else None


def _last_entry_day(ctx: Context) -> str | None:
    """The day of the entry before, when the last clock time told stamped one (it opened its line):
    the entries of a timeline under a day told once go on on its day ("movements on Saturday
    night:\n• 10.30pm — ...\n• Shortly after midnight — ...\n• 1.40am — ...")."""
    told = ctx.clock
    if told is None or not told[:4].isdigit():
        return None
    line_start = ctx.text.rfind("\n", max(0, ctx.clock_end - ENTRY_STAMP_REACH - 1), ctx.clock_end) + 1
    if ctx.clock_end - line_start > ENTRY_STAMP_REACH:
        return None
    ctx.anchor = told[:10]
    return told[:10]


# How far into its line a clock time may end and still stamp the entry ("• Shortly after midnight").
ENTRY_STAMP_REACH = 24


def _timetable_day(ctx: Context, hhmm: str) -> str | None:
    """The day other than the publication day that the text told last, for the first of entries
    stamped at the head of their lines when the next one is later in the day: they are a
    timetable of that day ("How to watch Friday's blood moon ... on Friday night ...\n19:14 –
    The penumbral phase begins.\n20:24 – ...") or the timeline of one gone ("offline for most of
    Wednesday ... restoration timeline:\n8.30am: ...\n11.45am: ..."), not a live blog, which
    runs backwards from the hour it was written ("5:15 p.m. ... by 6 a.m. Friday.\n\n3:40 p.m.")."""
    day = ctx.day_reference
    if day is None or ctx.dct is None or day[:10] == ctx.dct.isoformat():
        return None
    following = _NEXT_STAMP.search(ctx.text, ctx.end, ctx.end + NEXT_STAMP_REACH)
    if following is None:
        return None
    ampm = following["ampm"] and following["ampm"][0].lower() + "m"
    later = to_hhmm(int(following["hour"]), int(following["minute"] or 0), ampm)
    if later is None or later <= hhmm:
        return None
    # Placed on the day told, the entry is the reference its prose leans on ("19:14 – ... The
    # Moon, which rises at about 17:40, ...").
    ctx.anchor, ctx.placed = day[:10], True
    return day[:10]


# The next line stamped with a clock time ("\n20:24 – ", "\n9am: ", "\n• 11.05am ").
_NEXT_STAMP = re.compile(r"\n[^\S\n]*(?:[•*·▪–—-][^\S\n]*)?(?P<hour>[0-9]{1,2})(?:[:.](?P<minute>[0-5][0-9]))?"
                         r"[^\S\n]*(?P<ampm>[ap]\.?m\b\.?)?(?=[^\S\n]*(?:[:–—-]|\([A-Z])|[^\S\n]+[A-Z])", re.IGNORECASE)


NEXT_STAMP_REACH = 400


def _stamp_day(ctx: Context, day: str, hhmm: str) -> str:
    """The day of an entry stamped ``hhmm`` in a blog of ``day``: past midnight after an entry of
    the evening ("10:58 p.m. ... 12:26 a.m. All 212 polls are in"), the next day, as are the
    small hours that follow; a blog that runs backwards ("17:42 ... 17:15") stays on its day."""
    told = ctx.clock
    if told is None or hhmm >= SMALL_HOURS_END or told[:10] < day:
        return day
    if told[:10] == day and told[11:16] >= EVENING:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    return told[:10] if told[:10] > day and told[11:16] <= hhmm else day


SMALL_HOURS_END, EVENING = "06", "18"


@value_function
def dotted_stamp(ctx: Context, hour: int, minute: int) -> str | None:
    """"14.38 The flypast ...": a paragraph's stamp, where another paragraph opens with one."""
    if _dotted_stamps(ctx.text) < 2:
        return None
    return clock(ctx, hour, minute, None)


@lru_cache(maxsize=4)
def _dotted_stamps(text: str) -> int:
    return len(_DOTTED_STAMP.findall(text))


_DOTTED_STAMP = re.compile(r"\n\n(?:[01]?[0-9]|2[0-3])\.[0-5][0-9] [A-Z]")


# A clock time that opens a line (after a bullet, if any) and is followed by a colon, a dash or a
# capital (or a bracketed day: "00:19 (Saturday) – ") stamps an entry.
_STAMP = re.compile(r":\s|\s[-–—]\s|\s+\(?[A-Z]")


_LINE_START = re.compile(r"(?:\n|(?<![\s\S]))[ \t]*(?:[•*·▪–—-][ \t]+)?\Z")


_NEXT_BULLETIN = re.compile(r"\bnext (?:news|bulletin|update|newscast|advisory)(?: bulletin)? (?:is|will be|comes)"
                            r"(?: (?:issued|broadcast|released))? at $", re.IGNORECASE)


NEXT_BULLETIN_REACH = len("next news bulletin will be broadcast at ")


# "... advised motorists to avoid the street between 5 and 9 p.m. that day": the day told holds.
_THAT_DAY_AFTER = re.compile(r"(?:\s+(?:and|to|until)\s+[0-9:.]+\s*(?:[ap]\.?m\.?)?)?\s+(?:on\s+)?"
                             r"(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)\b", re.IGNORECASE)


def _told_the_story_day(ctx: Context, base: str) -> bool:
    """Whether the day told just before (``base``) is the day something was said, after the day
    the story is about ("went dark Tuesday ..., the company said Wednesday")."""
    return (ctx.news_day is not None and ctx.news_day < base
            and _REPORTED_ON.search(ctx.text, max(0, ctx.reference_end - _REPORTED_ON_REACH),
                                    ctx.reference_end) is not None)


def _clause_day(ctx: Context) -> bool:
    """Whether the publication day is told before a clock time, in its paragraph, since the last
    day ahead and not as the day something was said: "Monday and Tuesday ... The debate
    continues today and ends with votes at 10pm", "due to leave the EU on 29 March.\n\n09:15
    Welcome to today's live coverage. MPs will vote at 7pm" (not "will open on Dec. 16,
    officials said today. The first train will leave at 5:40 a.m.")."""
    return (ctx.dct is not None and ctx.reference == ctx.dct.isoformat() and ctx.reference_end > ctx.ahead_day_end
            and ctx.start - ctx.reference_end <= PARAGRAPH_REACH
            and BLANK_LINE.search(ctx.text, ctx.reference_end, ctx.start) is None
            and _REPORTED_ON.search(ctx.text, max(0, ctx.reference_end - _REPORTED_ON_REACH),
                                    ctx.reference_end) is None)


_REPORTED_ON_REACH = 40


# The farthest a day told is looked for in the paragraph of a clock time (a long paragraph's).
PARAGRAPH_REACH = 2000


_REPORTED_ON = re.compile(r"\b(?:said|told\s+\w+|announced|confirmed)\s+(?:on\s+)?(?:[\w.]+\s+){0,2}[\w.]+$",
                          re.IGNORECASE)


# What may stand between a time of day and the day its clause goes on to name: another time
# ("4 p.m. and midnight on Saturday"), and a word that is no conjunction ("the 3 p.m. sailings on
# Friday", "a noon kick-off on Sunday", "8.10pm local time on Saturday").
DAY_AFTER_TIME = re.compile(
    r"(?:\s+(?:and|or|to|until|till)\s+(?:[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:[ap]\.?m\.?)?|noon|midnight))?"
    r"(?:\s+local\s+time|\s+(?!(?:and|or|but|then|to|until|till|is|was|will|would)\b)[a-z]+(?:-[a-z]+)?)?,?\s+on\s+")


def _afternoon_or_evening(ctx: Context, hour: int) -> bool:
    """Whether an hour said without a.m. or p.m. is after noon. Just after a p.m. hour, and no
    earlier than it, it is in the evening too ("polls closed at 9 p.m., but lines stretched past
    9:30", "tonight at 7:30"); before an evening hour, the small hours ("hit at 11 p.m. and by
    1:30 it was over"). Otherwise an hour from one to five is the afternoon's, as a reader takes it
    ("come back at four", "the one o'clock news", "kids lined up at 3:15"), unless its sentence
    speaks of the morning or the small hours ("woke around five"). Never an hour on the 24-hour
    clock ("03:00", "0400 GMT")."""
    if not 1 <= hour < 12 or _TWENTY_FOUR_HOUR.search(ctx.text, ctx.start, ctx.end):
        return False
    told = last_match(_EVENING, ctx.text, max(0, ctx.start - _EVENING_REACH), ctx.start)
    if told is not None:
        told_hour = int(told.group("hour")) % 12 + 12 if told.group("hour") else _EVENING_START
        if hour + 12 >= told_hour or told_hour >= _EVENING_START:
            return hour + 12 >= told_hour
    if hour > _AFTERNOON_HOURS_TO:
        return False
    lo, hi = ctx.sentence_bounds(ctx.start)
    return _MORNING_TOLD.search(ctx.text, lo, max(hi, ctx.end)) is None


_AFTERNOON_HOURS_TO = 5


_TWENTY_FOUR_HOUR = re.compile(r"(?<![0-9])0[0-9][:.h]?[0-5][0-9]|[0-9]{4}|[0-9]h[0-5][0-9]")


_MORNING_TOLD = re.compile(r"[0-9]\s?a\.?m\b|\b(?:morning|dawn|daybreak|sunrise|overnight|night|early hours"
                           r"|small hours|wee hours|woke|wake|waking|breakfast)", re.IGNORECASE)


_EVENING_REACH = 120


_EVENING_START = 18


_EVENING = re.compile(r"\b(?:(?P<hour>[0-9]{1,2})(?:[:.][0-9]{2})?\s*p\.?m\b|tonight\b|(?:this|good)\s+evening\b)",
                      re.IGNORECASE)


def _in_schedule(ctx: Context) -> bool:
    """"Served nightly at about 9 p.m.", "open daily from 1 to 7 p.m.", "call on weekdays
    between 8:30 a.m. and 4:30 p.m.", "open Tuesday through Sunday, 10 a.m. to 5 p.m.": a clock
    time in a clause that tells a recurrence is the hour of every day it names, not of one day.
    After the time only a few words are read ("8 a.m. to 5 p.m. weekdays"): a sentence may end
    there unseen ("taken at 11:40 p.m. Council ...")."""
    lo, hi = ctx.sentence_bounds(ctx.start)
    # A day said beside the time wins: "continues on Thursday nights, with Singin' in the Rain
    # tonight at 7:30".
    return (RECURRENCE.search(ctx.text, max(lo, ctx.start - 200), min(hi, ctx.end + _RECURRENCE_AFTER)) is not None
            and _DAY_JUST_BEFORE.search(ctx.text, max(0, ctx.start - _DAY_JUST_BEFORE_REACH), ctx.start) is None)


_RECURRENCE_AFTER = 24


# A day said just before the time ("tonight at 7:30", "Sunday at 8:30 p.m.") names its day.
_DAY_JUST_BEFORE = re.compile(rf"\b(?:tonight|today|tomorrow|yesterday|(?<!every\s)(?<!each\s)(?:{WEEKDAY_STEMS})day)"
                              r"\s+at\s+$", re.IGNORECASE)
_DAY_JUST_BEFORE_REACH = len("wednesday at ")


def _small_hours_after_night(ctx: Context, hhmm: str) -> bool:
    """"Late into Monday night ... closed at 12:01 a.m.": the small hours after a night told."""
    return hhmm < "06" and ctx.reference is not None and ctx.reference.endswith(("TEV", "TNI"))


def _span_past_midnight(ctx: Context, base: str, hhmm: str) -> bool:
    """"Began at 2100 GMT Sunday and continued until 0600 GMT", "broke out at 11:30 p.m. and was
    out by 2 a.m.": a span told from a clock time ends at an earlier hour only on the next day."""
    told = ctx.clock
    return (told is not None and told[:10] == base and told[11:16] > hhmm
            and ctx.start - ctx.clock_end < NEAR_REFERENCE
            and _SPAN_END.search(ctx.text, max(0, ctx.start - 16), ctx.start) is not None)


_SPAN_END = re.compile(r"\b(?:until|till|to|through|by)\s+(?:about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)


@value_function
def clock_day(ctx: Context, hour: int, minute: int | None, ampm: str | None, n: int) -> str | None:
    """"9 p.m. tonight", "2:30 p.m. yesterday": a clock time ``n`` days from the publication date."""
    return clock(ctx, hour, minute, ampm, day_relative(ctx, int(n)))


@value_function
def clock_day_part(ctx: Context, hour: int, minute: int | None, ampm: str | None, n: int | str,
                   pod: str) -> str | None:
    """"6:30 this morning", "8 tonight": a clock time in a part of the day ``n`` days from the
    publication date, or ("that") of the last day the story gave ("11:40 that night"); without
    a.m. or p.m., the part says which (a night's small hours are the next morning's)."""
    small_hours = ampm is None and pod == "NI" and int(hour) < 6
    if ampm is None:
        ampm = "am" if pod == "MO" or small_hours else "pm"
    if n == "that":
        if _THAT_OPENS.search(ctx.text, ctx.start, ctx.end):
            return None  # "at about 9 p.m. That night ...": a sentence ends before it
        told = narrative_part(ctx, pod)
        if told is None:
            return None
        day = (dt.date.fromisoformat(told[:10]) + dt.timedelta(days=small_hours)).isoformat()
        return clock(ctx, hour, minute, ampm, day)
    return clock(ctx, hour, minute, ampm, day_relative(ctx, int(n) + small_hours))


_THAT_OPENS = re.compile(r"\bThat\b")


@value_function
def clock_in_part(ctx: Context, hour: int, pod: str) -> str | None:
    """"4 in the morning", "8 in the evening": the part of day says a.m. or p.m."""
    return clock(ctx, hour, None, "am" if pod == "MO" else "pm")


@value_function
def spoken_clock(ctx: Context, hour: int, past: int | None, to: int | None, pod: str | None) -> str | None:
    """A clock time in words: ``past`` minutes after ``hour`` or ``to`` minutes before it, in the
    part of the day ``pod`` when one is said ("ten past nine in the evening")."""
    hour, minute = int(hour), int(past or 0)
    if to is not None:
        hour, minute = hour - 1 or 12, 60 - int(to)
    ampm = None if pod is None else "am" if pod == "MO" or (pod == "NI" and hour < 6) else "pm"
    return clock(ctx, hour, minute, ampm)


@value_function
def clock_weekday(ctx: Context, hour: int, minute: int | None, ampm: str | None, wd: int | None,
                  when: str | None = None) -> str | None:
    """"10 p.m. Wednesday", "5 p.m. next Friday", "2100 GMT Sunday"; a clock time alone without
    the weekday. A weekday read after the expression ("9am on Friday week") is told in full by
    its own rule (see Context.day_after)."""
    if wd is None or ctx.day_after is not None:
        return clock(ctx, hour, minute, ampm)
    return clock(ctx, hour, minute, ampm, weekday(ctx, wd, when))


@value_function
def clock_range_start(ctx: Context, hour: int, minute: int | None, hour2: int, ampm: str,
                      wd: int | None = None, when: str | None = None) -> str | None:
    """The bare first time of "8 to 10 a.m.", "between 5 and 6 p.m. Monday": in the half of the
    day of the second ("11 to 1 p.m." begins before noon), on its day."""
    if ampm == "pm" and int(hour) < 12 and int(hour) > int(hour2) % 12:
        ampm = "am"
    return clock_weekday(ctx, hour, minute, ampm, wd, when)


@value_function
def clock_word(ctx: Context, hhmm: str, base: str | None = None) -> str | None:
    """"noon", "midnight" on ``base``."""
    h, m = hhmm.split(":")
    return clock(ctx, int(h), int(m), None, base)


@value_function
def clock_word_day(ctx: Context, hhmm: str, n: int) -> str | None:
    """"Midnight tonight", "noon tomorrow": on the day ``n`` days from the publication date."""
    return clock_word(ctx, hhmm, day_relative(ctx, int(n)))


@value_function
def clock_word_weekday(ctx: Context, hhmm: str, wd: int, when: str | None = None) -> str | None:
    """"noon Thursday", "noon next Thursday"."""
    return clock_word(ctx, hhmm, weekday(ctx, wd, when))


@value_function
def clock_date(ctx: Context, hour: int, minute: int | None, ampm: str | None, month: int, day: int,
               y: int | None = None, wd: int | None = None) -> str | None:
    """"5 p.m. EST Nov. 9", "9:32 a.m. on July 16, 1969", "5pm on Friday 12 July"."""
    return clock(ctx, hour, minute, ampm, day_of(ctx, month, day, y, wd))


@value_function
def clock_word_date(ctx: Context, hhmm: str, month: int, day: int, y: int | None = None,
                    wd: int | None = None) -> str | None:
    """"Midnight Feb. 6", "noon Thursday, June 30", "noon on Friday, Feb. 1"."""
    h, m = hhmm.split(":")
    return clock(ctx, int(h), int(m), None, day_of(ctx, month, day, y, wd))


@value_function
def clock_holiday(ctx: Context, hour: int, minute: int | None, ampm: str | None, spec: str) -> str | None:
    """"3pm on Boxing Day": a clock time on the holiday, placed as the holiday alone is."""
    return clock(ctx, hour, minute, ampm, holiday(ctx, spec))
