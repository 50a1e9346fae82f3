"""Facts about a compiled regex read from its parse tree, which the engine uses to skip work
without changing a result. Every answer errs on the safe side: when in doubt, "unbounded" or
"any character".
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

try:  # the parser of the standard ``re`` module
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_UNBOUNDED = float("inf")
# Unicode has no white space above U+3000 (ideographic space).
_WHITESPACE = [chr(c) for c in range(0x3001) if chr(c).isspace()]
_SPACE_CATEGORIES = {_sre.CATEGORY_SPACE, _sre.CATEGORY_UNI_SPACE}
_SAFE_CATEGORIES = {_sre.CATEGORY_WORD, _sre.CATEGORY_UNI_WORD, _sre.CATEGORY_DIGIT,
                    _sre.CATEGORY_UNI_DIGIT, _sre.CATEGORY_LOC_WORD}
_SAFE_ANCHORS = {_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING, _sre.AT_BEGINNING_LINE,
                 _sre.AT_BOUNDARY, _sre.AT_NON_BOUNDARY, _sre.AT_UNI_BOUNDARY,
                 _sre.AT_UNI_NON_BOUNDARY, _sre.AT_LOC_BOUNDARY, _sre.AT_LOC_NON_BOUNDARY}


def _atom_space(op: object, av: object) -> tuple[bool, bool]:
    """(may match white space, matches only white space) for a one-character atom."""
    if op is _sre.LITERAL:
        return chr(av).isspace(), chr(av).isspace()
    if op is _sre.IN:
        may, only = False, True
        for iop, iav in av:
            if iop is _sre.LITERAL:
                may, only = may or chr(iav).isspace(), only and chr(iav).isspace()
            elif iop is _sre.RANGE:
                may = may or any(iav[0] <= ord(w) <= iav[1] for w in _WHITESPACE)
                only = False
            elif iop is _sre.CATEGORY and iav in _SPACE_CATEGORIES:
                may = True
            elif iop is _sre.CATEGORY and iav in _SAFE_CATEGORIES:
                only = False
            else:  # a negation, a negated category, a case-folding range: assume the worst
                return True, False
        return may, only
    return True, False  # ANY, NOT_LITERAL, ...


def _reach(items: list, groups: dict[int, float]) -> float:
    """The most runs of white space a match of ``items`` can cross (inf when unbounded);
    ``groups`` gathers the reach of each numbered group, for back references to it."""
    total = 0.0
    for op, av in items:
        if op in (_sre.LITERAL, _sre.IN, _sre.ANY, _sre.NOT_LITERAL):
            total += _atom_space(op, av)[0]
        elif op is _sre.BRANCH:
            total += max((_reach(list(b), groups) for b in av[1]), default=0)
        elif op is _sre.SUBPATTERN:
            inner = _reach(list(av[-1]), groups)
            if av[0] is not None:
                groups[av[0]] = max(inner, groups.get(av[0], 0))
            total += inner
        elif op is _sre.GROUPREF and av in groups:  # matches what the group matched
            total += groups[av]
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            total += _reach(list(av), groups)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            _, high, body = av
            inner = _reach(list(body), groups)
            if inner and len(body) == 1 and body[0][0] in (_sre.LITERAL, _sre.IN) \
                    and _atom_space(*body[0])[1]:
                total += 1  # "\s+" consumes one run of white space, however long
            elif inner:
                total += _UNBOUNDED if high == _sre.MAXREPEAT else high * inner
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            direction, body = av
            inner = _reach(list(body), groups)  # its groups are known after it, whichever way it looks
            if direction == 1:  # a lookahead reads on from where it stands
                total += inner
        elif op is _sre.AT and av in _SAFE_ANCHORS:
            continue
        else:  # "$" reads past a final newline; a reference to a group not seen yet: assume the worst
            return _UNBOUNDED
    return total


def whitespace_reach(regex: re.Pattern) -> int | None:
    """The most runs of white space one match attempt of ``regex`` can cross or look at, or
    None when that is not bounded (or cannot be told)."""
    try:
        reach = _reach(list(_sre_parse.parse(regex.pattern, regex.flags)), {})
    except Exception:  # a private parser: any surprise means "not bounded"
        return None
    return None if reach == _UNBOUNDED else int(reach)




# Prefixes of matches are told in lower-cased ASCII characters, and NON_ASCII standing for every
# other character (case folding reaches beyond ASCII: "K" matches the Kelvin sign).
NON_ASCII = "\x80"
ANY_START = frozenset(map(chr, range(0x81)))
_ASCII = [chr(c) for c in range(0x80)]
_DIGITS = frozenset("0123456789")
_SPACES = frozenset(c for c in _ASCII if c.isspace())
_WORD = frozenset(c.lower() for c in _ASCII if c.isalnum() or c == "_")
_CATEGORY_CHARS = {_sre.CATEGORY_DIGIT: _DIGITS, _sre.CATEGORY_UNI_DIGIT: _DIGITS,
                   _sre.CATEGORY_SPACE: _SPACES, _sre.CATEGORY_UNI_SPACE: _SPACES,
                   _sre.CATEGORY_WORD: _WORD, _sre.CATEGORY_UNI_WORD: _WORD}


def _folded(code: int) -> frozenset[str]:
    c = chr(code)
    return frozenset((c.lower(), NON_ASCII)) if c < NON_ASCII else ANY_START


@cache
def _range_starts(low: int, high: int) -> frozenset[str]:
    return frozenset(c.lower() for c in _ASCII if any(low <= ord(f) <= high for f in (c, c.lower(), c.upper())))


def _atom_starts(op: object, av: object) -> frozenset[str]:
    """The lower-cased ASCII characters one atom may match, whatever the case flags say."""
    if op is _sre.LITERAL:
        return _folded(av)
    if op is _sre.IN:
        out = {NON_ASCII}
        for iop, iav in av:
            if iop is _sre.LITERAL:
                out |= _folded(iav)
            elif iop is _sre.RANGE:
                out |= _range_starts(*iav)
            elif iop is _sre.CATEGORY and iav in _CATEGORY_CHARS:
                out |= _CATEGORY_CHARS[iav]
            else:  # a negation, a negated category: any character
                return ANY_START
        return frozenset(out)
    return ANY_START


class _Unknown(Exception):
    """A construct whose prefixes are not worth telling (too many, a back reference)."""


_MAX_PREFIXES = 20_000


Atoms = Callable[[object, object], frozenset[str]]


def _prefixes(items: list, k: int, atoms: Atoms = _atom_starts) -> set[str]:
    """The first ``k`` characters of every match of ``items`` (lower-cased ASCII, NON_ASCII for
    the rest, or as ``atoms`` tells one atom's characters); a shorter string is a whole match."""
    return _continue({""}, items, k, atoms)


def _continue(heads: set[str], items: list, k: int, atoms: Atoms = _atom_starts) -> set[str]:
    """``heads`` continued by every match of ``items``, up to ``k`` characters."""
    full = {h for h in heads if len(h) == k}
    heads = heads - full  # shorter than k so far: the next items continue them
    for op, av in items:
        if not heads:
            break
        if op in (_sre.LITERAL, _sre.IN, _sre.ANY, _sre.NOT_LITERAL):
            chars = atoms(op, av)
            tails: Callable[[int], set[str]] = lambda room, chars=chars: chars  # noqa: E731
        elif op is _sre.BRANCH:
            tails = lambda room, av=av: set().union(*(_prefixes(list(b), room, atoms) for b in av[1]))  # noqa: E731
        elif op is _sre.SUBPATTERN:
            tails = lambda room, av=av: _prefixes(list(av[-1]), room, atoms)  # noqa: E731
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            tails = lambda room, av=av: _repeat_prefixes(*av, room, atoms)  # noqa: E731
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue  # look-arounds and anchors consume nothing (and only narrow the match)
        else:
            raise _Unknown
        grown: set[str] = set()
        for room in {k - len(h) for h in heads}:
            ends = tails(room)
            for h in heads:
                if len(h) == k - room:
                    for t in ends:
                        (full if len(t) == room else grown).add(h + t)
        heads = grown
        if len(full) + len(heads) > _MAX_PREFIXES:
            raise _Unknown
    return full | heads


def _repeat_prefixes(low: int, high: int, body: list, k: int, atoms: Atoms = _atom_starts) -> set[str]:
    """The prefixes of ``low`` to ``high`` matches of ``body`` in a row."""
    done = {""} if low == 0 else set()
    reps, count = {""}, 0
    while count < high:
        reps = _continue(reps, list(body), k, atoms)
        count += 1
        if count >= low:
            if reps <= done:
                break
            done |= reps
    return done


def first_pairs(regex: re.Pattern) -> frozenset[str] | None:
    """The first two characters a match of ``regex`` may begin with, lower-cased, NON_ASCII
    standing for any other character; a single character when the match may end after it
    (then anything may follow). None when a match may be empty or that cannot be told."""
    prefixes = _first_prefixes(regex)
    return None if prefixes is None else _pairs(prefixes)


def _first_prefixes(regex: re.Pattern) -> set[str] | None:
    """What :func:`first_pairs` gives before a one-character prefix is paired with every next
    character (a few characters instead of a hundred pairs)."""
    try:
        prefixes = _prefixes(list(_sre_parse.parse(regex.pattern, regex.flags)), 2)
    except Exception:  # _Unknown, or a surprise from a private parser: "anything"
        return None
    return None if "" in prefixes else prefixes


# A match that begins with "the" and white space (the commonest place a rule may begin) is told
# apart by the two characters after them.
THE = "the "


def _ascii_atom(op: object, av: object) -> frozenset[str]:
    """What :func:`_atom_starts` tells, in an ASCII text, with any white space told as a space."""
    chars = _atom_starts(op, av) - {NON_ASCII}
    return frozenset(" " if c.isspace() else c for c in chars)


def _ascii_digit_atom(op: object, av: object) -> frozenset[str]:
    """What :func:`_ascii_atom` tells, with every digit told as "0": a number has one prefix of a
    length, not ten to that power."""
    return frozenset("0" if c in _DIGITS else c for c in _ascii_atom(op, av))


def pairs_after_the(regex: re.Pattern) -> frozenset[str] | None:
    """In an ASCII text, the two characters after "the" and one white space character at the
    start of a match of ``regex`` (white space told as a space); None when that cannot be told
    or a match may end before them (then anything may follow)."""
    try:
        prefixes = _prefixes(list(_sre_parse.parse(regex.pattern, regex.flags)), len(THE) + 2, _ascii_digit_atom)
    except Exception:  # _Unknown, or a surprise from a private parser
        return None
    pairs = set()
    for p in prefixes:
        if len(p) < len(THE) + 2 and THE.startswith(p[:len(THE)]):
            return None
        if p.startswith(THE):
            first, second = (_DIGITS if c == "0" else (c,) for c in p[len(THE):])
            pairs.update(a + b for a in first for b in second)
    return frozenset(pairs)


# A match's first word is told apart by its first WORD_KEY characters (see word_key).
WORD_KEY = 5
_END_MARK = "#"  # what stands for any character but a lower-case ASCII letter in a word key


def word_key(word: str) -> str:
    """What a word of lower-case ASCII letters at the start of a match is known by: the word and
    an end mark, or its first WORD_KEY letters when it is that long."""
    return word[:WORD_KEY] if len(word) >= WORD_KEY else word + _END_MARK


def _letter_atom(op: object, av: object) -> frozenset[str]:
    """What :func:`_atom_starts` tells in a text without a character that folds to an ASCII
    letter (:func:`folds_to_ascii`), where a letter matches only itself in either case; every
    character but a lower-case letter told as the end mark."""
    chars = {chr(av).lower() if av < 0x80 else NON_ASCII} if op is _sre.LITERAL else _atom_starts(op, av)
    return frozenset(c if "a" <= c <= "z" else _END_MARK for c in chars)


def first_word_keys(regex: re.Pattern) -> frozenset[str] | None:
    """The keys (:func:`word_key`) of the words a match of ``regex`` may begin with in a text
    without a character that folds to an ASCII letter; the end mark alone for a match beginning
    with any other character. None when a match may be empty or that cannot be told."""
    try:
        prefixes = _prefixes(list(_sre_parse.parse(regex.pattern, regex.flags)), WORD_KEY, _letter_atom)
    except Exception:  # _Unknown, or a surprise from a private parser
        return None
    if "" in prefixes:
        return None
    return frozenset(p[:p.index(_END_MARK) + 1] if _END_MARK in p else word_key(p) for p in prefixes)


def _pairs(prefixes: Iterable[str]) -> frozenset[str]:
    prefixes = set(prefixes)
    return frozenset(prefixes | {p + c for p in prefixes if len(p) == 1 for c in ANY_START})


# The characters beyond ASCII that a case-insensitive regex takes for an ASCII letter (dotted
# and dotless i, long s, the Kelvin sign); tests check the list against all of Unicode.
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def ascii_lower(text: str) -> str:
    """``text`` with A-Z lower-cased and nothing else changed (so offsets stay)."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


def folds_to_ascii(text: str) -> bool:
    """True when ``text`` has a character a case-insensitive regex may take for an ASCII letter."""
    return not text.isascii() and any(c in text for c in FOLDS_TO_ASCII)


def _uncased(code: int) -> bool:
    c = chr(code)
    return c.lower() == c == c.upper() and c.casefold() == c


def _ascii_not_upper(code: int) -> bool:
    return code < 0x80 and not chr(code).isupper()


def _misses_upper(low: int, high: int) -> bool:
    """True when the range ``low``-``high`` holds no upper-case ASCII letter."""
    return not (low <= ord("Z") and high >= ord("A"))


def _free_code(code: int) -> bool:
    """A literal that matches alike with or without IGNORECASE on ASCII-lower-cased text."""
    return _ascii_not_upper(code) or _uncased(code)


def _ascii_only(items: list) -> bool:
    """True when ``items`` match nothing but ASCII characters that are not upper-case letters."""
    for op, av in items:
        if op is _sre.LITERAL:
            ok = _ascii_not_upper(av)
        elif op is _sre.IN:
            ok = all((iop is _sre.LITERAL and _ascii_not_upper(iav))
                     or (iop is _sre.RANGE and iav[1] < 0x80 and _misses_upper(*iav))
                     for iop, iav in av)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            ok = _ascii_only(list(av[2]))
        else:
            ok = False
        if not ok:
            return False
    return True


def _case_free(items: list, ascii_groups: set[int]) -> bool:
    """True when ``items`` match the same with or without IGNORECASE on ASCII-lower-cased text:
    no upper-case ASCII letters, no cased letters beyond ASCII, no flags switched inside, and
    back references only to groups of ASCII characters (``ascii_groups`` gathers those; the
    text compared with such a group then holds the same letters in the same case)."""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            ok = _free_code(av)
        elif op is _sre.IN:
            ok = all(
                iop is _sre.NEGATE or iop is _sre.CATEGORY
                or (iop is _sre.LITERAL and _free_code(iav))
                or (iop is _sre.RANGE and _misses_upper(*iav)
                    and (iav[1] < 0x80 or (iav[1] - iav[0] < 5000
                                           and all(_uncased(c) for c in range(max(iav[0], 0x80), iav[1] + 1)))))
                for iop, iav in av)
        elif op is _sre.BRANCH:
            ok = all(_case_free(list(b), ascii_groups) for b in av[1])
        elif op is _sre.SUBPATTERN:
            ok = not av[1] and not av[2] and _case_free(list(av[-1]), ascii_groups)
            if ok and av[0] is not None and _ascii_only(list(av[-1])):
                ascii_groups.add(av[0])
        elif op is _sre.GROUPREF:
            ok = av in ascii_groups
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            ok = _case_free(list(av[2]), ascii_groups)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            ok = _case_free(list(av[1]), ascii_groups)
        else:
            ok = op in (_sre.AT, _sre.ANY)
        if not ok:
            return False
    return True


def case_free(regex: re.Pattern) -> re.Pattern | None:
    """``regex`` without IGNORECASE, to run on :func:`ascii_lower` of a text for which
    :func:`folds_to_ascii` is False: same matches at the same offsets, found several times
    faster. None when ``regex`` does not ignore case or that cannot be shown."""
    if not regex.flags & re.IGNORECASE:
        return None
    try:
        ok = _case_free(list(_sre_parse.parse(regex.pattern, regex.flags)), set())
        fast = re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)
    except Exception:  # a private parser: any surprise means "cannot be shown"
        return None
    return fast if ok and not fast.flags & re.IGNORECASE else None


def can_be_empty(regex: re.Pattern) -> bool:
    """True when ``regex`` may match the empty string (or that cannot be told)."""
    try:
        return _sre_parse.parse(regex.pattern, regex.flags).getwidth()[0] == 0
    except Exception:  # a private parser: any surprise means "maybe"
        return True


@dataclass(frozen=True)
class Told:
    """What telling a rule's regex finds: :func:`first_pairs` and whether :func:`case_free`
    gives a regex. Told once, they are kept in a table (see :func:`told_table`) so that a fresh
    process need not parse every regex again."""

    first_pairs: frozenset[str] | None
    case_free: bool
    after_the: frozenset[str] | None = None  # what pairs_after_the tells
    word_keys: frozenset[str] | None = None  # what first_word_keys tells


def tell(regex: re.Pattern) -> Told:
    return Told(first_pairs(regex), case_free(regex) is not None, pairs_after_the(regex), first_word_keys(regex))


def told_key(source: str) -> str:
    """The key of a regex's source in a told table."""
    return hashlib.blake2b(source.encode(), digest_size=12).hexdigest()


def _python() -> str:
    # The parser's trees and the Unicode case tables are those of one Python version.
    return "{}.{}".format(*sys.version_info[:2])


def told_table(regexes: Iterable[re.Pattern]) -> str:
    """A told table of ``regexes``, as JSON text for this Python version. Its entries are keyed
    by source alone: whoever reads it compiles each source with the same flags."""
    entries = {}
    for regex in regexes:
        prefixes, after, words = _first_prefixes(regex), pairs_after_the(regex), first_word_keys(regex)
        entries[told_key(regex.pattern)] = {"first": None if prefixes is None else sorted(prefixes),
                                    "case_free": case_free(regex) is not None,
                                    "after_the": None if after is None else sorted(after),
                                    "words": None if words is None else sorted(words)}
    lines = ",\n".join(f"  {json.dumps(key)}: {json.dumps(entries[key])}" for key in sorted(entries))
    return f'{{"python": {json.dumps(_python())}, "told": {{\n{lines}\n}}}}\n'


def read_told_table(text: str) -> Mapping[str, Told]:
    """The entries of a told table written by :func:`told_table`; none when it was written for
    another Python version or cannot be read (then the rules are told as the engine goes)."""
    try:
        data = json.loads(text)
        if data.get("python") != _python():
            return {}
        return {key: Told(None if e["first"] is None else _pairs(e["first"]), bool(e["case_free"]),
                          None if e["after_the"] is None else frozenset(e["after_the"]),
                          None if e["words"] is None else frozenset(e["words"]))
                for key, e in data["told"].items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}

def case_free_scan(regex: re.Pattern, lowered: re.Pattern | None, text: str) -> tuple[re.Pattern, str]:
    """What to search ``text`` with, and in: ``lowered`` (regex_facts.case_free of ``regex``) in
    the lower-cased copy when that gives the same matches (several times faster than ignoring
    case), else ``regex`` in ``text``. Offsets are the same in both."""
    if lowered is not None and not folds_to_ascii(text):
        return lowered, ascii_lower(text)
    return regex, text
