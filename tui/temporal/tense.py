"""The tense of the clause around a time expression: the cue word (a past verb, a future
auxiliary, a scheduled-event verb; ``rules/words.yaml``) that governs it, and whether that verb
governs a date far from the publication date. Resolution reads it to place weekdays, year-less
dates and clock times before or after the publication date."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from tui.temporal.cues import CueIndex
from tui.temporal.regex_facts import case_free_scan

if TYPE_CHECKING:
    from tui.temporal.engine import Context, RuleSet


def clause_tense(ctx: Context) -> tuple[str, int, int] | None:
    """The tense cue governing the expression: ("past" or "future", cue start, cue end) for the
    cue word nearest the expression in its clause, else None."""
    lo, hi = ctx.sentence_bounds(ctx.start)
    lo, hi = max(lo, ctx.start - 200), min(max(hi, ctx.end), ctx.end + 200)
    if ctx.cue_index is None:
        ctx.cue_index = _cue_index(ctx.rules, ctx.text)
    index, kind = ctx.cue_index, ctx.cue_index.kind
    # The cue nearest the expression: the last one ending before it, else the first one after.
    # A cue before the expression governs it more often than one after it: any cue before
    # wins over every cue after (so the rest of the clause is only read when there is none) ...
    cues = index.window_before(lo, ctx.start, hi)
    i = bisect_right(cues, ctx.start, key=itemgetter(1))  # the matches do not overlap: ends ascend
    before = next((cue for cue in reversed(cues[:i]) if kind(cue) is not None), None)
    # ... unless a clause opens between the two ("warned that May could bring storms", "... reopened,
    # and on Saturday NASA will"): the clause's own verb tells its time, not the verb before it.
    if before is None or _CLAUSE_OPENING.search(ctx.text, before[1], ctx.start):
        cues = index.window(lo, hi)
        after = next((cue for cue in cues[i:] if not ctx.start <= cue[0] < ctx.end and kind(cue) is not None),
                     None)
        if after is not None and (_RELATIVE.search(ctx.text, ctx.end, after[0]) or _attribution(ctx, after)):
            after = None
        before = after or before
    return (kind(before), before[0], before[1]) if before else None


def section_tense(ctx: Context) -> str | None:
    """"past" or "future" as the heading of a listing's section tells it ("RESULTS\nPremier Division,
    Sunday: ...", "FIXTURES\nTuesday: Pirates v Wits"), when the last heading line before the
    expression is one of ``section_tense`` in words.yaml; else None."""
    if ctx.headings is None:
        ctx.headings = _headings(ctx.rules, ctx.text)
    ends, tenses = ctx.headings
    i = bisect_right(ends, ctx.start)
    return tenses[i - 1] if i and ends[i - 1] >= ctx.start - SECTION_REACH else None


def _headings(rules: RuleSet, text: str) -> tuple[list[int], list[str | None]]:
    """Where each heading line of ``text`` ends, and the tense it tells (None for most); none at
    all in a text where no line opens with a section word (most texts: one quick search)."""
    first, after_break, section_first, section_after_break = _heading_line(rules)
    if section_first.match(text) is None and section_after_break.search(text) is None:
        return [], []
    words = rules.lists["section_tense"]
    ends, tenses = [], []
    opening = first.match(text)
    for m in ([opening] if opening else []) + list(after_break.finditer(text)):
        ends.append(m.end())
        tenses.append(words.lookup(m.group("caps") or m.group("word")))
    return ends, tenses


@lru_cache(maxsize=4)
def _heading_line(rules: RuleSet) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """A heading line at the text's start, and one after a line break (the search skips to the
    breaks): a short line in capitals ("RESULTS", "FIXTURES - ROUND 3", "LOTTO"), or a section word
    alone on its line in any case ("Results"); then, the same two ways, a line that opens with a
    section word, which any section heading is."""
    words = rules.lists["section_tense"].regex()
    line = (r"[ \t]*(?:(?P<caps>(?:[A-Z0-9'’&]+[ \t]?){1,4}?)(?:[ \t]*[-–:][^\n]{0,30})?"
            rf"|(?i:(?P<word>{words})))[ \t]*(?=\n|\Z)")
    section = rf"[ \t]*(?i:{words})[^\n]{{0,40}}(?=\n|\Z)"
    return re.compile(line), re.compile("\n" + line), re.compile(section), re.compile("\n" + section)


SECTION_REACH = 1500


_CLAUSE_OPENING = re.compile(r"\bthat\b|[,;] (?:and|but) ", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:which|who|whose|whom)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"[\"\u201d]\s*(?:[\w.'\u2019-]+\s+){0,5}$")


def _attribution(ctx: Context, cue: tuple[int, int]) -> bool:
    """Whether the cue after the expression, past a closing quote, only says who said it ("... over
    the weekend," said a trader): the tense of the telling, not of what is told."""
    return (ctx.rules.lists["reporting_verb"].lookup(ctx.text[cue[0]:cue[1]]) is not None
            and _ATTRIBUTION.search(ctx.text, ctx.end, cue[0]) is not None)


def _cue_index(rules: RuleSet, text: str) -> CueIndex:
    """The tense cues of ``text``."""
    regex, scanned = case_free_scan(rules.tense_regex, rules.tense_regex_lower, text)
    return CueIndex(scanned, regex, rules.tense_reach, attrgetter("lastgroup"),
                    lambda start, end, group: _cue_kind(rules, text, start, end, group))


_NEXT_TO = re.compile(r"next\s+to\b", re.IGNORECASE)
# How far back (in characters) the words that make a past cue no tense are looked for ("should
# release " before "updated").
NOT_PAST_REACH = 32


def _cue_kind(rules: RuleSet, text: str, start: int, end: int, group: str) -> str | None:
    """"past" or "future" for a match of the tense regex (``group``: the alternative it took),
    None when it is no tense cue."""
    future = rules.tense_future.lookup(text[start:end]) if group == "word" else None
    if group in ("future", "future_ending") or future is not None:
        # "next to" is a place, not a time.
        if _NEXT_TO.match(text, start) or (future == STARTING_CUE and _past_just_before(rules, text, start)):
            return None
        # A modal's perfect looks back: "the rains, which should have fallen between March and May".
        return "past" if _MODAL_PERFECT.match(text, start) else "future"
    if (rules.not_past.lookup(text[start:end]) is not None or _SAT_BEFORE_DATE.match(text, start)
            or rules.not_past_after.search(text, max(0, start - NOT_PAST_REACH), start)):
        return None
    return "past"


_MODAL_PERFECT = re.compile(r"(?:(?:w|c|sh)ould|might|must|may)(?:n['’]t|\s+not)?\s+have\s+"
                            r"(?:(?!to\b)[a-z]+(?:ed|en|n|t|d)|come|gone|done|become|run|begun|hit|put|set|cut|let)\b",
                            re.IGNORECASE)


# "Sat" before a day of the month is a weekday ("Sat 31 Jan: Hartlepool (h), 3pm"), not a verb.
# (An exact-case entry in not_past would cost the tense regex its case-free form.)
_SAT_BEFORE_DATE = re.compile(r"Sat\.?\s+[0-3]?[0-9]\b")


# A future cue word of this value ("starting", "effective") gives way to a past verb just before it.
STARTING_CUE = 2
STARTING_REACH = 30


def _past_just_before(rules: RuleSet, text: str, start: int) -> bool:
    """Whether a past cue ends in the few words before ``start`` ("burned through Malibu starting")."""
    regex = rules.tense_regex
    return any(_cue_kind(rules, text, m.start(), m.end(), m.lastgroup) == "past"
               for m in regex.finditer(text, max(0, start - STARTING_REACH), start))


def verb_governs(ctx: Context) -> bool:
    """True when the tense cue is a verb just before the expression with nothing but a short
    complement between ("stepped down as chairman in March", "the year ended Jan. 31"): then
    its tense holds even for a date far from the publication date; so does the verb after a
    date fronted in its sentence ("In March, he stepped down"). Other cues after the expression
    are weaker, and a clause boundary, an infinitive ("agreed to buy it in February"), another
    verb ("said it is calling for ... Dec. 7"), a deadline ("extended through January") or a
    target ("postponed to Nov. 5") between the two breaks the link."""
    cue = ctx.tense_cue()
    if cue is None:
        return False
    if cue[1] >= ctx.end:
        # A date fronted at the start of a sentence ("In January, the firm hired ...") is
        # governed by the verb of the clause that follows.
        return (_FRONTED.search(ctx.text, max(0, ctx.start - 12), ctx.start) is not None
                and ctx.text.startswith(",", ctx.end) and cue[1] - ctx.end <= FRONTED_REACH)
    between = _LIST_COMMA.sub("", ctx.text[cue[2]:ctx.start])
    return len(between) <= GOVERNING_REACH and _UNGOVERNED.search(between) is None


# How far (in characters) before an expression a verb still governs it, and how far after a
# fronted one.
GOVERNING_REACH = 60
FRONTED_REACH = 120
_FRONTED = re.compile(r"(?:^|[.!?\n]\s*|[\"“]\s*)(?:In|Since|Back in|By|Until)\s+$")
# A comma in a list of nouns ("as chairman, president and chief executive in March") is no
# clause boundary.
_LIST_COMMA = re.compile(r",(?= [a-z]+(?: [a-z]+)? (?:and|or) )")
_UNGOVERNED = re.compile(r"[,;]|\bto\s+(?!the\b|an?\b|\d)[a-z]+|\b(?:is|are|am|has|have|will|would"
                         r"|until|till|through|by)\b|\b(?:to|for|into)\s*$", re.IGNORECASE)
