"""Sentences with character offsets into the original text (no Textual, no Rich).

One compiled regex finds the few places where a sentence may end (a run of full stops, question or
exclamation marks or ellipses with any closing quotes or brackets after it, and line breaks); a
small decision table, keyed by the word before the full stop and the kind of text after it, says
whether each place really ends a sentence. Nothing in the regex can backtrack, and every scan moves
forward, so time is linear in the text: a 10 MB text without a full stop is cut into pieces of at
most ``MAX_SENTENCE`` characters instead of becoming one sentence the screen cannot show.

Offsets index the original string: white space (``str.isspace``, which includes U+00A0 and the
``\\r`` of CRLF) between sentences lies outside every span, and every other character is inside
exactly one span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]``, with surrounding white space left outside the span."""

    index: int
    start: int
    end: int


# A sentence without any terminator is cut at this length, at a space if one is within
# ``CUT_WINDOW`` characters before it, so no view ever has to lay out a megabyte-long sentence.
MAX_SENTENCE = 2000
CUT_WINDOW = 200

# How a full stop after a known abbreviation behaves, by what comes next (see ``_BREAKS``).
TITLE = "title"  # Mr., Gov., Sen.: always followed by a name, never the end of a sentence.
BEFORE_NUMBER = "before_number"  # Sept., No.: a number after it continues the sentence.
AMBIGUOUS = "ambiguous"  # U.S., Inc., a.m., initials: ends only before a typical sentence opener.
PLAIN = "plain"  # an ordinary word.


def _words(listing: str) -> list[str]:
    """A word table written as white-space separated words, so it reads as data."""
    return listing.split()


# Keys are lowercase, without the final full stop; inner full stops stay ("u.s", "a.m").
ABBREVIATIONS: dict[str, str] = {
    **dict.fromkeys(
        _words("mr mrs ms messrs mmes dr prof gov sen rep reps sens gen lt col maj capt cmdr adm sgt cpl pvt")
        + _words("rev fr hon pres supt det insp atty amb mt ft vs v e.g i.e cf viz approx ca"),
        TITLE,
    ),
    **dict.fromkeys(
        _words("jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vols art arts fig figs")
        + _words("p pp ch chap sec para op nr"),
        BEFORE_NUMBER,
    ),
    **dict.fromkeys(
        _words("inc corp co cos ltd llc plc bros jr sr st ave blvd rd dept univ assn est etc al")
        + _words("cie cia a.m p.m u.s u.k u.n e.u d.c n.y l.a ph.d m.d b.a m.a")
        # US states as AP style abbreviates them, common in datelines ("NEWARK, N.J. _").
        + _words("ala ariz ark calif colo conn del fla ga ill ind kan kans ky md mass mich minn miss mo")
        + _words("mont neb nev okla ore pa tenn tex va vt wash wis wyo"),
        AMBIGUOUS,
    ),
}

# Capitalised words that usually open a sentence: after an ambiguous abbreviation ("U.S.",
# "Inc.", "a.m.", an initial) only these make the full stop a sentence end ("the U.S. The ..."
# ends, "the U.S. Senate" and "John F. Kennedy" do not).
SENTENCE_OPENERS = frozenset(
    _words(
        """
    A An The This That These Those There Here It Its He She His Her Him They Them Their We Our Us
    I You Your My But And Or So Yet Nor For In On At By From With Without After Before When While
    If As Although Though Because Since Until Unless However Meanwhile Still Also Then Now Today
    Yesterday Tomorrow Earlier Later Last Next Some Many Most Much More Few All Both Each Every Such
    No Not None One Two Three Four Five Six Seven Eight Nine Ten What Why How Who Whom Whose Where
    Which Officials Analysts Experts Critics Police Authorities Under Over During Despite Among
    Other Others Another Instead Indeed Even Only Just Thus Therefore Nevertheless Nonetheless
    According Asked Speaking Is Are Was Were Do Does Did Has Have Had Will Would Can Could Should
    Shall May Might Must Let Mr Mrs Ms Dr Recently Currently Separately Previously Ultimately
    """
    )
)

# What follows a candidate end, after any opening quotes or brackets.
LOWER, DIGIT, OPENER, UPPER, JOINER, DASH, OTHER = "lower", "digit", "opener", "upper", "joiner", "dash", "other"

# Does a full stop after a word of this class end the sentence, given what follows?
_BREAKS: dict[str, dict[str, bool]] = {
    PLAIN: {LOWER: False, DIGIT: True, OPENER: True, UPPER: True, JOINER: False, DASH: True, OTHER: True},
    TITLE: {LOWER: False, DIGIT: False, OPENER: False, UPPER: False, JOINER: False, DASH: False, OTHER: False},
    BEFORE_NUMBER: {LOWER: False, DIGIT: False, OPENER: True, UPPER: True, JOINER: False, DASH: False, OTHER: True},
    # "NEWARK, N.J. _ A new task force": a dash after an abbreviation is a dateline's.
    AMBIGUOUS: {LOWER: False, DIGIT: False, OPENER: True, UPPER: False, JOINER: False, DASH: False, OTHER: True},
}

# A single line break ends a sentence (a title line, a dateline line) unless the next line starts
# in lower case, or this line ends with a character that cannot end a sentence.
_CONTINUES_LINE = frozenset(",;-–/&")

_TERMINATORS = ".!?\u2026"  # full stop, question and exclamation marks, ellipsis
_CJK_TERMINATORS = "\u3002\uff01\uff1f"  # 。！？ end a sentence with no space after them
_CLOSERS = "\"'\u2019\u201d\u00bb)\\]}"  # closing quotes and brackets after the full stop
_OPENERS = "\"'`\u2018\u201c\u00ab([{"  # opening quotes and brackets before the next word
# Punctuation that can only continue the sentence: "the summit.,” he said", and the next dot of
# a spaced ellipsis ("dreams . . . and").
_JOINERS = ",;:.\u2026"
_DASHES = "-_\u2010\u2013\u2014"
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits on


def _surely_plain() -> str:
    """Look-behinds, one of which holds at a full stop only when the word before it is of the
    PLAIN class (see _word_class): a digit or a closing mark before it, more letters than the
    longest abbreviation, or a word of two letters or more, alone after a space or an opening
    mark, that is not in ABBREVIATIONS. Anything else is left to _word_class."""
    longest = max(map(len, ABBREVIATIONS))
    edge = f"[\\s{_OPENERS}]"
    branches = ["(?<=[0-9)%\"'\\]\u2019\u201d]\\.)", f"(?<=[a-z]{{{longest + 1}}}\\.)"]
    for n in range(2, longest + 1):
        # One look-behind per length: a look-behind has a fixed width.
        known = sorted(w for w in ABBREVIATIONS if len(w) == n and w.isalpha())
        branches.append(f"(?<={edge}[A-Za-z][a-z]{{{n - 1}}}\\.)"
                        + (f"(?<!{edge}(?i:{'|'.join(known)})\\.)" if known else ""))
    return "|".join(branches)


# One character class first lets the search skip to the candidates (a branch or a group first
# would make it try every character, twice as slow); a look-behind then says which one it found.
# A full stop, question or exclamation mark must have white space or the end after it ("3.5",
# "U.S.-led" end nothing). The first branch takes a lone full stop that surely ends a sentence,
# the commonest case, so no code has to judge it: the word before it is PLAIN and a capital or
# a digit opens what follows (see _BREAKS).
_CANDIDATE = re.compile(
    f"[{_TERMINATORS}{_CJK_TERMINATORS}{_LINE_BREAKS}]"
    f"(?:(?:{_surely_plain()})(?P<sure>[{_CLOSERS}]*)(?=\\s+[{_OPENERS}]{{0,4}}[A-Z0-9])"
    f"|(?<=[{_TERMINATORS}])(?P<term>[{_TERMINATORS}]*[{_CLOSERS}]*)(?=\\s|\\Z)"
    f"|(?<=[{_CJK_TERMINATORS}])(?P<cjk>[{_CJK_TERMINATORS}]*[{_CLOSERS}]*)"
    # A blank line, the commonest line break, always ends a sentence (see _line_break): a second
    # line break in the white space after the first (CR LF is one line break).
    f"|(?<=[{_LINE_BREAKS}])(?:(?<=\\r)\\n|(?<=\\r)(?!\\n)|(?<!\\r))(?P<blank>[^\\S{_LINE_BREAKS}]*[{_LINE_BREAKS}]\\s*)"
    f"|(?<=[{_LINE_BREAKS}])(?P<nl>\\s*))"
)
_NONSPACE = re.compile(r"\S")
_LINE_BREAK = re.compile(f"\r\n|[{_LINE_BREAKS}]")
_WORD = re.compile(r"[^\W\d_]{1,20}")
_TOKEN_BACK = 32  # how far back to look for the word before a full stop


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, in order, covering every non-space character exactly once."""
    spans: list[tuple[int, int]] = []
    start = 0
    held = -1  # end of the last full stop judged not to end a sentence ("Gov." before a name)
    for match in _CANDIDATE.finditer(text):
        kind = match.lastgroup
        if kind == "blank":
            cut = match.start()
        elif kind == "nl":
            cut = _line_break(text, match.start(), match.end(), held)
        elif kind == "term":
            cut = match.end()
            if not _ends_sentence(text, match.start(), match.group(), cut):
                held = cut
                continue
        else:  # "sure" or "cjk"
            cut = match.end()
        if cut is not None:
            _add_span(text, start, cut, spans)
            start = cut
    _add_span(text, start, len(text), spans)
    return [Sentence(i, a, b) for i, (a, b) in enumerate(spans)]


def _line_break(text: str, pos: int, gap_end: int, held: int) -> int | None:
    """Decide a line break at ``pos`` whose white space runs to ``gap_end``: the cut, or None.

    ``held`` is where the last full stop that did not end a sentence ends: a single line break
    right after it does not end the sentence either ("Gov.\\nJones" in hard-wrapped text).
    """
    if gap_end == len(text) or text[pos] == "\u2029":
        return pos
    first = _LINE_BREAK.match(text, pos)
    if first is not None and _LINE_BREAK.search(text, first.end(), gap_end) is not None:
        return pos  # a blank line always ends a sentence
    prev = pos - 1
    while prev >= 0 and text[prev].isspace():
        prev -= 1
    if text[gap_end].islower() or prev + 1 == held or (prev >= 0 and text[prev] in _CONTINUES_LINE):
        return None
    return pos


def _ends_sentence(text: str, term_start: int, term: str, cut: int) -> bool:
    """Does the terminator ``term`` at ``term_start`` (followed by white space) end a sentence?"""
    after = _AFTER_STOP.match(text, cut)
    pos = after.end()
    if pos == len(text):
        if not after.group(1):
            return True  # nothing but white space follows
        following = OTHER
    else:
        following = _char_kind(text, pos)
    word_class = _word_class(text, term_start) if term == "." else PLAIN
    return _BREAKS[word_class][following]


def _char_kind(text: str, pos: int) -> str:
    """Classify the character at ``pos``; a capital by the word it begins."""
    char = text[pos]
    kind = _ASCII_KINDS[ord(char)] if char < "\x80" else _kind_of(char)
    if kind is UPPER:
        word = _WORD.match(text, pos)
        return OPENER if word is not None and word.group() in SENTENCE_OPENERS else UPPER
    return kind


def _kind_of(char: str) -> str:
    if char.islower():
        return LOWER
    if char.isdigit():
        return DIGIT
    if char in _JOINERS:
        return JOINER
    if char in _DASHES:
        return DASH
    return UPPER if char.isupper() or char.istitle() else OTHER


_ASCII_KINDS = [_kind_of(chr(code)) for code in range(0x80)]
# White space, then at most four opening quotes or brackets (group 1: those marks).
_AFTER_STOP = re.compile(f"\\s*([{_OPENERS}]{{0,4}})")


def _word_class(text: str, dot: int) -> str:
    """The abbreviation class of the word that ends at the full stop at ``dot``."""
    limit = max(0, dot - _TOKEN_BACK)
    token = text[max(limit, text.rfind(" ", limit, dot) + 1):dot]
    if not token.isalpha():  # it may hold other white space or an opener: walk back to them
        begin = dot
        while begin > limit and not text[begin - 1].isspace() and text[begin - 1] not in _OPENERS:
            begin -= 1
        token = text[begin:dot]
    if not token:
        return PLAIN
    if len(token) == 1 and token.isupper():
        return AMBIGUOUS  # an initial ("John F. Kennedy", "Daniel P. Davison"), not "p." for page
    known = ABBREVIATIONS.get(token.lower())
    if known is not None:
        return known
    parts = token.split(".")
    if len(parts) > 1 and all(0 < len(part) <= 3 and part.isalpha() for part in parts):
        return AMBIGUOUS  # a dotted acronym not in the table: "U.S.A."
    return PLAIN


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[start:end]`` without its outer white space, cut to ``MAX_SENTENCE`` pieces."""
    while True:
        first = _NONSPACE.search(text, start, end)
        if first is None:
            return
        start = first.start()
        if text[end - 1].isspace():
            end = start + len(text[start:end].rstrip())
        if end - start <= MAX_SENTENCE:
            spans.append((start, end))
            return
        cut = _cut_point(text, start)
        spans.append((start, start + len(text[start:cut].rstrip())))
        start = cut


def _cut_point(text: str, start: int) -> int:
    """Where to cut an over-long sentence: at a space near ``MAX_SENTENCE``, else exactly there."""
    limit = start + MAX_SENTENCE
    space = text.rfind(" ", limit - CUT_WINDOW, limit)
    if space > start:
        return space
    for pos in range(limit - 1, limit - CUT_WINDOW, -1):
        if text[pos].isspace():
            return pos
    return limit
