"""The engine that applies the rule data in ``rules/*.yaml`` to a text.

Speed comes from never running the rules over the whole text: one pass finds trigger words
(month and weekday names, calendar units, ...; one trie regex over a lower-cased copy) and digit
shapes (years, clock times), and only the rules keyed by a trigger are tried, anchored at the
few word starts just before it that some rule can begin with. Windows are bounded, so the cost
is linear in the text whatever it contains.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from operator import attrgetter

import yaml

from tui.temporal import clocks, cues, periods, resolve, tense
from tui.temporal.model import Timex
from tui.temporal.regex_cache import RegexCache, default_folder
from tui.temporal.regex_facts import (
    NON_ASCII,
    THE,
    Told,
    ascii_lower,
    can_be_empty,
    case_free,
    folds_to_ascii,
    read_told_table,
    tell,
    told_key,
    whitespace_reach,
    word_key,
)
from tui.text import ABBREVIATIONS

# How far a rule may reach left and right of its trigger, in characters.
WINDOW_BACK = 48
WINDOW_FORWARD = 48

# How far back the words before a phrase's trigger word are looked for (see trigger_leads).
LEAD_REACH = 40

# A digit trigger begins with one of these, not after the other.
_DIGIT_FIRST = "[0-9'’]"
_DIGIT_AFTER = r"[\w.,$]"
_MISSING = object()
_MEMO_SIZE = 4096
_GROUP_REF = re.compile(r"\{([a-z_]+?)(\d*)\}")
_ESCAPE_OR_NAME = re.compile(r"\\[A-Za-z]|\(\?P<\w+>")


def _pattern_text(pattern: str) -> str:
    """A rule pattern without its list references, escapes, group names and lookaround groups:
    what is left are the literal words a match may contain."""
    pattern = _ESCAPE_OR_NAME.sub(" ", _GROUP_REF.sub(" ", pattern))
    out, depth, i = [], 0, 0
    while i < len(pattern):
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i) or (depth and pattern[i] == "("):
            depth += 1
        elif depth and pattern[i] == ")":
            depth -= 1
        elif not depth:
            out.append(pattern[i])
        i += 1
    return "".join(out)
_LETTERS = re.compile(r"[A-Za-z]+")


def _rules_file(name: str) -> str:
    return resources.files("tui.temporal.rules").joinpath(name).read_text("utf-8")


def _load_yaml(name: str) -> dict:
    text = _rules_file(name)
    # libyaml's safe loader where present: same result, a fraction of the start-up time.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def normalize_key(s: str) -> str:
    """The form under which a matched word is looked up in a table: lower case, single spaces."""
    return " ".join(s.lower().replace("\u00a0", " ").replace("’", "'").split())


def trie_regex(forms: list[str]) -> str:
    """One regex matching any of ``forms``, factored as a trie so the regex engine does not try
    every alternative at every position; a space in a form matches any run of white space and
    an apostrophe a typographic one too ("won’t", as ``normalize_key`` reads it). Longer forms
    win: an optional tail is greedy."""
    root: dict = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [_TRIE_CHARACTER.get(ch, re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body
    return build(root) if root else "(?!)"


_TRIE_CHARACTER = {" ": r"\s+", "'": "['’]"}


@dataclass
class WordList:
    """A named word list with its normalization table (see ``rules/words.yaml``)."""

    name: str
    values: dict[str, object]
    exact: dict[str, object] = field(default_factory=dict)
    # Looked-up forms: the same few recur in every text ("last", "years").
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    # The regex, built once: a list is expanded in every rule that names it.
    _regex: str | None = field(default=None, repr=False, compare=False)

    def regex(self) -> str:
        """A regex matching any form (longest first); spaces match any white space."""
        if self._regex is None:
            parts = [trie_regex(list(self.values))]
            if self.exact:
                parts.append(f"(?-i:{trie_regex(list(self.exact))})")
            self._regex = "(?:" + "|".join(parts) + ")"
        return self._regex

    def lookup(self, s: str) -> object:
        """The normalized value of a matched form (None if it is not in the list)."""
        value = self._memo.get(s, _MISSING)
        if value is _MISSING:
            value = self.exact[s] if s in self.exact else self.values.get(normalize_key(s))
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[s] = value
        return value


@dataclass
class Rule:
    """One extraction rule: a pattern over word lists, a TIMEX3 type, a value template."""

    id: str
    triggers: tuple[str, ...]
    pattern: str
    type: str
    value: str
    mod: str | None
    source: str  # the regex, which ignores case (see ``regex``)
    examples: list
    priority: int
    emit: bool
    requires: tuple[str, ...]  # one of these strings must occur near the trigger (if any)
    compute: resolve.Template
    # Each named group: (name, index, base name, its word list or None for a fragment).
    groups: tuple[tuple[str, int, str, WordList | None], ...] = ()
    order: int = 0  # its place in rules.yaml: of two equal matches, the earlier rule wins

    @cached_property
    def modifier_groups(self) -> tuple[str, ...]:
        """The groups that may give the expression its modifier ("premod", "postmod2"), in order."""
        return tuple(name for name, *_ in self.groups if name.startswith(("premod", "postmod")))

    # Compiled when first asked for: a told rule that is case free runs ``lowered`` on every
    # text without a character that folds to ASCII, so ``regex`` is seldom needed.
    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.source, re.IGNORECASE)

    @cached_property
    def lowered(self) -> re.Pattern:
        """``regex`` without IGNORECASE, to run on the ASCII-lower-cased text (see case_free)."""
        return re.compile(self.source)


# What find_candidates reads of a rule: (rule, match, whether it runs on the lower-cased copy of
# the text, required strings, whether the expression is an "extent" group).
Plan = tuple[Rule, Callable[..., "re.Match | None"], bool, tuple[str, ...], bool]


@dataclass(slots=True)
class TriggerPlans:
    """The rules of one trigger class by the first two characters (lower-cased, NON_ASCII for
    any other) of a place a match may begin: ``by_pair`` has the rules, in rule order, that may
    begin with a pair. ``starts`` finds the places before a trigger where one may begin.
    ``by_word`` narrows a pair's rules by the whole word there: those that may begin with it."""

    by_pair: PlansByPair
    by_word: PlansByWord
    starts: re.Pattern  # where a match may begin (see _start_regex)
    # Where an ASCII text has "the" and white space, the rules by the two characters after them
    # (regex_facts.pairs_after_the), and those that may have any there.
    after_the: dict[str, list[Plan]]
    after_the_any: list[Plan]

# Characters of text after which the rules' first pairs are worth telling (see trigger_plans).
FIRST_PAIRS_AFTER = 1_000_000
# What telling the shipped rules found, written by ``python -m tui.temporal.tell_rules``.
TOLD_FILE = "told.json"


class RuleSet:
    """Word lists, fragments, triggers and rules loaded from the YAML files, compiled."""

    def __init__(self, words: dict, rules: dict, told: Mapping[str, Told] | None = None,
                 regexes: RegexCache | None = None) -> None:
        """``told``: a told table (see regex_facts.told_table); with an entry for every rule,
        the set is told from the start. ``regexes``: where its regexes are compiled (a cache
        kept between runs), else ``re.compile``."""
        self._compile = regexes.compile if regexes is not None else re.compile
        self.lists = {
            name: WordList(name, {normalize_key(str(k)): v for k, v in (spec.get("values") or {}).items()},
                           {str(k): v for k, v in (spec.get("exact") or {}).items()})
            for name, spec in words.items()
        }
        self.fragments: dict[str, str] = dict(rules.get("fragments") or {})
        self._plans: dict[bool, dict[str, TriggerPlans]] = {}  # by whether the text folds to ASCII
        self._told = False
        self._first_pairs: dict[str, frozenset[str] | None] = {}  # told with the plans, by rule id
        self._after_the: dict[str, frozenset[str] | None] = {}  # likewise
        self._word_keys: dict[str, frozenset[str] | None] = {}  # likewise
        self._case_free: set[str] = set()  # ids of the rules told case free
        self._told_table = told or {}
        self._told_rules: dict[str, Told] = {}  # the rules found in the told table, by id
        self._volume = 0  # characters of text seen (see trigger_plans)
        self._compile_triggers(rules["triggers"])
        tense = rules["tense"]
        self.tense_future = self.lists[tense["future_words"]]
        past_words = self.lists[tense["past_words"]]
        self.not_past = self.lists[tense["not_past"]]
        # The not-past words are in the trie too, so that a phrase of them ("followed by") is read whole.
        cue_words = WordList("tense_words", {**self.not_past.values, **past_words.values, **self.tense_future.values},
                             {**self.not_past.exact, **past_words.exact, **self.tense_future.exact})
        # A word is read once for its ending (a look-ahead and a back-reference make an atomic
        # group): trying every shorter stem for "ed" took a quarter of the search.
        self.tense_regex = self._compile(
            rf"(?<!\w)(?:(?P<word>{cue_words.regex()})|(?P<future>{self.expand(tense['future'], groups=False)})"
            rf"|(?=(?P<stem>[a-z]+))(?P=stem)(?:(?P<future_ending>{tense['future_ending']})"
            rf"|(?P<past_ending>{tense['past_ending']})))(?!\w)", re.IGNORECASE)
        self.tense_reach = whitespace_reach(self.tense_regex)
        self.tense_regex_lower = case_free(self.tense_regex)
        self.not_past_after = self._compile(rf"(?:(?<![\w.])(?:{tense['not_past_after']})\s+"
                                         rf"|(?<![\w.])(?:{tense['not_past_after_verb_of']})\s+(?-i:[a-z]+)\s+"
                                         rf"|(?<![\w-])(?!(?:{tense['verb_prefixes']})-)[a-z]+-)$", re.IGNORECASE)
        self.rules: list[Rule] = []
        self.by_trigger: dict[str, list[Rule]] = {}
        ids: set[str] = set()
        for spec in rules["rules"]:
            if spec["id"] in ids:
                raise ValueError(f"rule {spec['id']}: the id is used twice")
            ids.add(spec["id"])
            rule = self._compile_rule(spec)
            rule.order = len(self.rules)
            self.rules.append(rule)
            for t in rule.triggers:
                if t not in rules["triggers"]:
                    raise ValueError(f"rule {rule.id}: unknown trigger {t!r}")
                self.by_trigger.setdefault(t, []).append(rule)
        if self.rules and len(self._told_rules) == len(self.rules):
            self._tell(self._told_rules)

    @cached_property
    def past_without_cue(self) -> re.Pattern:
        """Any word of the ``past_without_cue`` list: a past tense that looks like a present one
        ("hit", "set") or a word that sets a clause in the past ("after", "yesterday")."""
        return self._compile(rf"(?<!\w)(?:{self.lists['past_without_cue'].regex()})(?!\w)", re.IGNORECASE)

    @cached_property
    def vocabulary(self) -> dict[str, frozenset[str]]:
        """Per rule id, every word a match of the rule can contain: those of its pattern and of
        the word lists and fragments it uses. A match can only begin with one of them. Words that
        only look around ("(?!in|for)"), escapes (\\b) and group names do not count."""
        named: dict[str, frozenset[str]] = {}  # the words of each list and fragment, read once
        return {r.id: self._pattern_words(r.pattern, named) for r in self.rules}

    def _pattern_words(self, pattern: str, named: dict[str, frozenset[str]]) -> frozenset[str]:
        words = {w.lower() for w in _LETTERS.findall(_pattern_text(pattern))}
        for m in _GROUP_REF.finditer(pattern):
            name = m.group(1)
            if name not in named:
                if name in self.fragments:
                    named[name] = self._pattern_words(self.fragments[name], named)
                elif name in self.lists:
                    wl = self.lists[name]
                    named[name] = frozenset(w.lower() for form in (*wl.values, *wl.exact)
                                            for w in _LETTERS.findall(form))
                else:
                    named[name] = frozenset()
            words |= named[name]
        return frozenset(words)

    def expand(self, pattern: str, *, groups: bool = True) -> str:
        """Replace ``{list}`` references by named groups, " ?" by ``\\s*`` and other spaces by ``\\s+``."""
        def sub(m: re.Match) -> str:
            base, suffix = m.group(1), m.group(2)
            if base in self.fragments:
                body = "(?:" + self.expand(self.fragments[base], groups=False) + ")"
            elif base in self.lists:
                body = self.lists[base].regex()
            else:
                raise ValueError(f"unknown word list or fragment {base!r} in {pattern!r}")
            return f"(?P<{base}{suffix}>{body})" if groups else body
        return _GROUP_REF.sub(sub, pattern).replace(" ?", r"\s*").replace(" ", r"\s+")

    def _compile_triggers(self, triggers: dict[str, dict]) -> None:
        """Word triggers become a word -> classes table (one for exact-case forms); digit
        triggers one regex with a group per class."""
        self.trigger_words: dict[str, list[str]] = {}
        self.trigger_exact: dict[str, list[str]] = {}
        # The words before a trigger word in the phrases it stands for, per (word, class), when
        # it triggers that class only in phrases: "friday" is a holiday only after "good" or
        # "black", so a plain Friday starts no holiday rules. None: it triggers the class alone.
        leads: dict[tuple[str, str], set[str] | None] = {}
        # ... and the words after it: "father" is a holiday only before "'s day".
        tails: dict[tuple[str, str], set[str] | None] = {}
        alts = []
        for name, spec in triggers.items():
            if "pattern" in spec:
                alts.append(f"(?P<{name}>{self.expand(spec['pattern'], groups=False)})")
                continue
            words = [str(w) for w in spec.get("words") or ()]
            exact = []
            for list_name in spec.get("lists") or ():
                wl = self.lists[list_name]
                words += wl.values
                exact += wl.exact
            for table, forms, fold in ((self.trigger_words, words, True), (self.trigger_exact, exact, False)):
                for form in forms:
                    # The longest word of a phrase stands for it ("past" in "the past").
                    w = max(reversed(_LETTERS.findall(form) or [""]), key=len)
                    key = w.lower() if fold else w
                    if not key:
                        continue
                    if name not in table.setdefault(key, []):
                        table[key].append(name)
                    lead, tail = form[:form.find(w)].rstrip(), form[form.find(w) + len(w):]
                    for found, part in ((leads, lead), (tails, tail.lower() if fold else tail)):
                        known = found.setdefault((key, name), set())
                        if known is not None:
                            found[(key, name)] = known | {part} if part else None
        self.trigger_leads = {word_class: self._compile(
            "(?:" + trie_regex(sorted(found)) + r")\s*\Z", 0 if word_class[0] in self.trigger_exact else re.IGNORECASE)
            for word_class, found in leads.items() if found is not None}
        self.trigger_tails = {word_class: self._compile(trie_regex(sorted(found)))
                              for word_class, found in tails.items() if found is not None}
        # Per word, each class with the regexes it needs around the word (None: none), for one
        # look-up a word.
        self._word_classes, self._exact_classes = (
            {word: tuple((name, self.trigger_leads.get((word, name)), self.trigger_tails.get((word, name)))
                         for name in names) for word, names in table.items()}
            for table in (self.trigger_words, self.trigger_exact))
        self.digit_trigger_regex = self._compile(
            rf"(?<!{_DIGIT_AFTER})(?={_DIGIT_FIRST})(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)
        # Where a digit trigger may begin, found by a search that skips to digits (a regex
        # beginning with a look-behind tries every position); None if a match could be empty.
        self.digit_starts = (None if can_be_empty(self.digit_trigger_regex)
                             else self._compile(rf"{_DIGIT_FIRST}(?<!{_DIGIT_AFTER}[\s\S])"))

        # Searched in an ASCII-lower-cased copy of the text (same length, so same offsets). A
        # word trigger is a whole letter run: the search takes the character before it along,
        # which lets it skip letters (a regex beginning with a look-behind tries every position).
        # The copy has no upper-case ASCII letter, and one range is quicker to test than two.
        # An exact-case form is found by its lower-cased word, then checked in the text itself.
        self.trigger_exact_words = frozenset(form.lower() for form in self.trigger_exact)
        words = trie_regex(sorted({*self.trigger_words, *self.trigger_exact_words})) + r"(?![a-z])"
        self.word_trigger_regex = self._compile(r"[^a-z]" + words)
        self.first_word_trigger_regex = self._compile(words)  # the text's first word has nothing before

    def trigger_plans(self, size: int, folds: bool = False) -> dict[str, TriggerPlans]:
        """Per trigger class, its rules by where they may begin, for a text of ``size``
        characters (``folds``: one with a character that a case-insensitive regex takes for an
        ASCII letter, see :func:`folds_to_ascii`). Telling the first pairs of every rule, and
        which rules match alike without ignoring case on the lower-cased copy of a text (a third
        quicker), costs more than loading the rules and saves about a tenth of the time of each
        text. A set loaded with a told table (the shipped rules, on the Python that wrote it)
        is told from the start; any other tells once it has seen ``FIRST_PAIRS_AFTER``
        characters, not for a few articles, and until then tries every rule at every place."""
        self._volume += size
        if not self._told and self._volume >= FIRST_PAIRS_AFTER:
            self._tell({r.id: tell(r.regex) for r in self.rules})
        if folds not in self._plans:
            lowered = {} if folds else {r.id: r.lowered for r in self.rules if r.id in self._case_free}
            # The first words of a match are told for a text where no character folds to a letter.
            self._plans[folds] = {trigger: _plans_by_pair(rules, self._first_pairs, lowered, self.vocabulary,
                                                          self._after_the, {} if folds else self._word_keys,
                                                          self._compile)
                                  for trigger, rules in self.by_trigger.items()}
        return self._plans[folds]

    def _tell(self, told: dict[str, Told]) -> None:
        self._told = True
        self._plans.clear()
        self._first_pairs = {rid: t.first_pairs for rid, t in told.items()}
        self._after_the = {rid: t.after_the for rid, t in told.items()}
        self._word_keys = {rid: t.word_keys for rid, t in told.items()}
        self._case_free = {rid for rid, t in told.items() if t.case_free}

    def triggers(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, class) of every trigger in ``text``: words by one regex over a
        lower-cased copy, digit shapes by another."""
        return self._triggers(text, ascii_lower(text))

    def _triggers(self, text: str, lowered: str) -> Iterator[tuple[int, int, str]]:
        table, exact_words, exact = self._word_classes, self.trigger_exact_words, self._exact_classes
        first = self.first_word_trigger_regex.match(lowered)
        found = ((w.start() + 1, w.end()) for w in self.word_trigger_regex.finditer(lowered))
        # A word triggers by its lower-cased form, and by its exact form if that is one; a
        # phrase's word only with the phrase's other words around it (none before the first word).
        for start, end in itertools.chain([(0, first.end())] if first else (), found):
            word = lowered[start:end]
            for name, lead, tail in table.get(word, ()):
                if ((lead is None or (start and lead.search(lowered, max(0, start - LEAD_REACH), start)))
                        and (tail is None or tail.match(lowered, end))):
                    yield start, end, name
            if word in exact_words:
                form = text[start:end]
                for name, lead, tail in exact.get(form, ()):
                    if ((lead is None or lead.search(text, max(0, start - LEAD_REACH), start))
                            and (tail is None or tail.match(text, end))):
                        yield start, end, name
        if self.digit_starts is None:
            for m in self.digit_trigger_regex.finditer(text):
                yield m.start(), m.end(), m.lastgroup
            return
        # What finditer would give: every position where a match may begin is tried in turn,
        # from the end of the last match on.
        match, end = self.digit_trigger_regex.match, 0
        for start in self.digit_starts.finditer(text):
            if start.start() >= end and (m := match(text, start.start())) is not None:
                end = m.end()
                yield m.start(), end, m.lastgroup

    def _compile_rule(self, spec: dict) -> Rule:
        rid = spec["id"]
        try:
            source = r"(?<![\w.])(?:" + self.expand(spec["pattern"]) + r")(?!\w)"
            told = self._told_table.get(told_key(source))
            # Only the regex that will run is compiled now (both have the same groups).
            regex = self._compile(source, 0 if told is not None and told.case_free else re.IGNORECASE)
        except (re.error, ValueError) as e:
            raise ValueError(f"rule {rid}: bad pattern: {e}") from e
        if told is not None:
            self._told_rules[rid] = told
        triggers = spec["trigger"]
        groups = tuple((name, index, name.rstrip("0123456789"), self.lists.get(name.rstrip("0123456789")))
                       for name, index in regex.groupindex.items())
        rule = Rule(rid, tuple([triggers] if isinstance(triggers, str) else triggers), spec["pattern"],
                    spec.get("type", "DATE"), str(spec["value"]), spec.get("mod"), source,
                    spec.get("examples") or [], spec.get("priority", 0), spec.get("emit", True),
                    tuple(map(str, spec.get("requires") or ())), self._compile_value(rid, str(spec["value"])), groups)
        if regex.flags & re.IGNORECASE:
            rule.regex = regex
        else:
            rule.lowered = regex
        return rule

    @staticmethod
    def _compile_value(rid: str, template: str) -> resolve.Template:
        try:
            return resolve.compile_value(template)
        except ValueError as e:
            raise ValueError(f"rule {rid}: {e}") from e

    def normalize_groups(self, rule: Rule, m: re.Match, text: str) -> dict[str, object]:
        """Every matched named group of a match of ``rule`` in ``text`` (or in its lower-cased
        copy: the groups are read from ``text``) normalized through its word list or fragment
        normalizer."""
        spans = m.regs
        out: dict[str, object] = {}
        for name, index, base, words in rule.groups:
            start, end = spans[index]
            if start < 0:
                continue
            s = text[start:end]
            out[name] = words.lookup(s) if words is not None else resolve.normalize_fragment(base, s, self)
        return out


def _plans_by_pair(rules: list[Rule], pairs: dict[str, frozenset[str] | None],
                   lowered: dict[str, re.Pattern | None], vocabulary: Mapping[str, frozenset[str]],
                   after_the: dict[str, frozenset[str] | None],
                   word_keys: dict[str, frozenset[str] | None],
                   compile_regex: Callable[[str], re.Pattern]) -> TriggerPlans:
    """``rules`` indexed by the first pairs in ``pairs`` (a rule missing there, or with None,
    may begin anywhere), by the words they may begin with and, after "the", by the pairs in
    ``after_the``; a rule with a regex in ``lowered`` runs that on the lower-cased text. A rule's
    match begins at one of its words (``vocabulary``, by rule id) that begins one of its first
    pairs and whose key is one of its ``word_keys`` (when told), or at a digit. Regexes are
    compiled by ``compile_regex``."""
    plans = [(r, ((lowered.get(r.id) or r.regex).match, lowered.get(r.id) is not None, r.requires,
                  any(name == "extent" for name, *_ in r.groups)), pairs.get(r.id))
             for r in rules]
    begins = {r.id: {w for w in vocabulary[r.id] if _may_begin(w, first, word_keys.get(r.id))} for r, _, first in plans}
    starts = frozenset().union(*begins.values())
    by_pair = PlansByPair([((r, *read), first) for r, read, first in plans])
    by_word = PlansByWord(by_pair, begins)
    at_the = by_word[_THE_WORD]
    told = {plan[0].id: after_the.get(plan[0].id) for plan in at_the}
    after = set().union(*(t for t in told.values() if t is not None))
    return TriggerPlans(by_pair, by_word, _start_regex(starts, compile_regex),
                        {pair: [plan for plan in at_the if told[plan[0].id] is None or pair in told[plan[0].id]]
                         for pair in after},
                        [plan for plan in at_the if told[plan[0].id] is None])


# The rule tables of a trigger class are filled as a text asks for their keys: texts ask for
# a few hundred pairs and words of the thousands the rules know, and listing them all took a
# fifth of the start-up.
class PlansByPair(dict):
    """The rules, in order, that may begin with a pair of characters: by their first pairs
    (``plans``: each with its first pairs, or None for a rule that may begin with any)."""

    def __init__(self, plans: list[tuple[Plan, frozenset[str] | None]]) -> None:
        super().__init__()
        self.plans = plans
        # Whether any rule is told apart by its first pairs (else every rule is tried everywhere).
        self.narrows = any(first is not None for _, first in plans)

    def __missing__(self, pair: str) -> list[Plan]:
        found = self[pair] = [plan for plan, first in self.plans if first is None or pair in first]
        return found


class PlansByWord(dict):
    """The rules, in order, that may begin with a word: those of its pair whose words to begin
    with (``begins``, by rule id) have it; none for a word no rule begins with. A word of one
    letter is told apart by the character after it (its pair), not by itself: it is not asked for."""

    def __init__(self, by_pair: PlansByPair, begins: dict[str, set[str]]) -> None:
        super().__init__()
        self._by_pair, self._begins = by_pair, begins

    def __missing__(self, word: str) -> list[Plan]:
        found = self[word] = [plan for plan in self._by_pair[word[:2]] if word in self._begins[plan[0].id]]
        return found


def _may_begin(word: str, first: frozenset[str] | None, keys: frozenset[str] | None) -> bool:
    """Whether a match may begin with ``word`` by its first pairs ``first`` and the keys of its
    first words ``keys`` (regex_facts.first_word_keys; None: any)."""
    if keys is not None and word_key(word) not in keys:
        return False
    return first is None or (word[:2] in first if len(word) > 1 else any(pair.startswith(word) for pair in first))


def _start_regex(words: frozenset[str], compile_regex: Callable[[str], re.Pattern]) -> re.Pattern:
    """Where a match may begin: one of ``words`` (the whole ASCII-letter run, in the
    lower-cased copy) or a digit or apostrophe ("'80s", "’80s"), not glued to a word or a dot.
    One search replaces a look-up per word."""
    return compile_regex(r"(?<![\w.])(?:" + (trie_regex(sorted(words)) + "(?![a-z])|" if words else "") + "[0-9'’])")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match
    normalized: dict | None = None

    def groups(self, rules: RuleSet, text: str) -> dict:
        """The match's groups, normalized when first asked (most candidates lose to a longer one
        and are never asked)."""
        if self.normalized is None:
            self.normalized = rules.normalize_groups(self.rule, self.match, text)
        return self.normalized


class Context:
    """What a value function may look at: the text, the span, the publication date, the tense of
    the clause, and the last date mentioned (for narrative resolution)."""

    def __init__(self, text: str, dct: dt.date | None, rules: RuleSet,
                 sentence_bounds: Callable[[int], tuple[int, int]]) -> None:
        self.text = text
        self.dct = dct
        self.rules = rules
        self.sentence_bounds = sentence_bounds
        self.start = self.end = 0
        self.reference: str | None = None  # value of the last mentioned specific date
        self.reference_end = 0
        self.day_reference: str | None = None  # value of the last mentioned day (or finer)
        # The first day told in the week up to the publication date: the day the story is about
        # ("won the Masters on Sunday"), or None.
        self.news_day: str | None = None
        self.ahead_day: str | None = None  # the last mentioned day after the publication date
        self.ahead_day_end = 0
        self.clock: str | None = None  # the last clock time told ("9:30 p.m."), whatever its anchor
        self.clock_end = 0
        self.reference_outright = False  # said with its year, or put in the year a story is set in
        self.reference_in_story = False  # put in the year a story is set in, not said with its year
        self.mentioned: str | None = None  # the last date of any granularity
        self.mentioned_end = 0
        self.mentioned_outright = False  # said outright ("in 1988"), not from the DCT ("a year ago")
        self.anchor: str | None = None
        self.placed = False  # a date put in a story: counted forward from one told, or in its year
        self.storied = False  # a year-less date put in the year a story is set in (resolve.yearless)
        # For a time of day: the day its clause goes on to name, and that day's anchor ("the 3 p.m.
        # and 5 p.m. sailings on Friday"; see _day_told_after), or None.
        self.day_after: tuple[str, str | None] | None = None
        self.day_first: bool | None = None  # whether the text writes dates day first (resolve.numeric_date)
        self.cues: dict[tuple[int, int], tuple[str, int, int] | None] = {}
        self.cue_index: cues.CueIndex | None = None  # tense cues found so far (tense.clause_tense)
        # Where the text's heading lines end, and the tense each tells (tense.section_tense).
        self.headings: tuple[list[int], list[str | None]] | None = None

    def tense_cue(self) -> tuple[str, int, int] | None:
        """The tense cue governing the current span: (kind, start, end), or None."""
        key = (self.start, self.end)
        if key not in self.cues:
            self.cues[key] = tense.clause_tense(self)
        return self.cues[key]

    def tense(self) -> str | None:
        """"past", "future" or None for the clause around the current span."""
        cue = self.tense_cue()
        return cue[0] if cue else None


def choose(cands: list[Candidate], length: int) -> list[Candidate]:
    """Non-overlapping candidates, preferring longer spans, then higher rule priority, then the
    earlier rule (not the order the candidates were found in)."""
    cands.sort(key=lambda c: (c.start - c.end, -c.rule.priority, c.start, c.rule.order))  # longest first
    taken = bytearray(length)
    chosen = []
    for c in cands:
        start, end = c.start, c.end
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(c)
    chosen.sort(key=attrgetter("start"))
    return chosen


_WORD_END = re.compile(r"\w*")
_LETTER_RUN = re.compile("[a-z]*")
# "the " taken apart once, not at every place a match may begin.
_THE_WORD, _THE_LENGTH = THE[:-1], len(THE)


def _ascii_or_mark(s: str) -> str:
    return s if s.isascii() else "".join(c if c < NON_ASCII else NON_ASCII for c in s)


def find_candidates(rules: RuleSet, text: str) -> list[Candidate]:
    """Every rule match that overlaps a trigger. Rules are tried only at the word starts shortly
    before each trigger, up to a bounded distance after it."""
    seen: set[tuple[int, int, str]] = set()
    out: list[Candidate] = []
    n = len(text)
    lowered = ascii_lower(text)
    is_ascii = lowered.isascii()
    plans = rules.trigger_plans(n, not is_ascii and folds_to_ascii(text))
    for ts, te, trigger in rules._triggers(text, lowered):
        plan = plans.get(trigger)
        if plan is None:
            continue
        by_pair, by_word = plan.by_pair, plan.by_word
        hi = te + WINDOW_FORWARD
        hi = _WORD_END.match(text, hi).end() if hi < n else n
        lo = max(0, ts - WINDOW_BACK)
        # Only a word some rule can begin with (or a number) can start a match before the trigger.
        # Each place goes with the word there ("" for a digit or an apostrophe: see by_word).
        starts = [(m.start(), m.group()) for m in plan.starts.finditer(lowered, lo, ts)]
        starts.append((ts, lowered[ts:te] if "a" <= lowered[ts] <= "z" else ""))
        if lo == 0:
            starts.append((0, _LETTER_RUN.match(lowered).group()))  # rules anchored at the text's start (a dateline)
        window = lowered[lo:hi] if is_ascii else text[lo:hi].lower()
        for p, word in starts:
            if len(word) < 2:
                pair = lowered[p:p + 2] if is_ascii else _ascii_or_mark(lowered[p:p + 2])
                tried = by_pair[pair]
            # After "the" the next word tells most rules apart (see TriggerPlans.after_the).
            elif (word == _THE_WORD and is_ascii and lowered[p + _THE_LENGTH - 1:p + _THE_LENGTH].isspace()
                  and len(after := lowered[p + _THE_LENGTH:p + _THE_LENGTH + 2]) == 2
                  and not after[0].isspace() and not after[1].isspace()):
                tried = plan.after_the.get(after, plan.after_the_any)
            else:
                tried = by_word[word]
            for rule, match, on_lowered, requires, extent in tried:
                if requires:
                    for required in requires:
                        if required in window:
                            break
                    else:
                        continue
                m = match(lowered if on_lowered else text, p, hi)
                if m is None:
                    continue
                # A rule may read context it leaves out of the expression: its "extent" group (which
                # may end before the trigger: "from [[8]] to 10 a.m.").
                s, e = m.span("extent") if extent else m.span()
                if m.end() <= ts or (s, e, rule.id) in seen:
                    continue
                if text.find("\n", s, e) >= 0 and _across_lines_apart(text, s, e):
                    continue
                seen.add((s, e, rule.id))
                out.append(Candidate(s, e, rule, m))
    return out


def _across_lines_apart(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, which holds a line break, runs across lines that are apart: a
    blank line ("from 6.30 p.m.\n\nFRIDAY 16 MAY" is the last line of one listing and the
    heading of the next), or a line it fills from its start or to its end ("Rebels v Reds,
    7.40pm\nSaturday, March 8\n": a listing's line, then a heading), or whose next line it opens
    with an entry's label. A date that hard-wrapped prose breaks ("at 5 p.m.\nTuesday, the
    company said") does none of these."""
    if resolve.BLANK_LINE.search(text, start, end) or _ENTRY_LABEL_END.match(text, end):
        return True
    line_end = text.find("\n", end)
    return (not text[text.rfind("\n", 0, start) + 1:start].strip()
            or not text[end:line_end if line_end >= 0 else len(text)].strip())


# A dash or colon after the part that opens the next line makes it an entry's label ("...,
# 7:00 AM\nTuesday, June 24 - College of Nursing, 2:00 PM").
_ENTRY_LABEL_END = re.compile(r"[^\S\n]*(?:[-–—]|:(?!\d))[^\S\n]")


def run(rules: RuleSet, text: str, dct: dt.date | None,
        sentence_bounds: Callable[[int], tuple[int, int]]) -> list[Timex]:
    """Extract, choose and resolve every time expression in ``text``."""
    # A long text makes millions of small containers, which the cycle collector would walk
    # again and again (a tenth of the time of a 2 MB text); it runs once it is back on.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(rules, text, dct, sentence_bounds)
    finally:
        if collecting:
            gc.enable()


def _run(rules: RuleSet, text: str, dct: dt.date | None,
         sentence_bounds: Callable[[int], tuple[int, int]]) -> list[Timex]:
    ctx = Context(text, dct, rules, sentence_bounds)
    out: list[Timex] = []
    # Several candidates may share a span (different rules); if the preferred one cannot be
    # resolved (its value function refuses), the choice is made again without it, and the text is
    # told again from the first candidate the new choice changes: what comes before it is told as
    # it was, from the narrative state kept before each candidate. Values are memoized per
    # candidate and narrative state, so telling again costs little.
    memo: dict[tuple[int, tuple], tuple[tuple | None, str | None, bool, bool]] = {}
    cands = find_candidates(rules, text)
    # (From the first day of the calendar on: a publication date of 2 January 0001 has no week before it.)
    news_week = ((dt.date.fromordinal(max(1, dct.toordinal() - NEWS_WEEK)).isoformat(), dct.isoformat())
                 if dct is not None else ("", ""))
    told: list[Candidate] = []  # the candidates told so far, in order
    states: list[tuple] = []  # the narrative state before each of them
    lengths: list[int] = []  # and how many expressions came before it
    while cands:
        chosen = choose(cands, len(text))
        first = 0
        while first < len(told) and first < len(chosen) and told[first] is chosen[first]:
            first += 1
        if first < len(told):
            for name, value in zip(_NARRATIVE, states[first], strict=True):
                setattr(ctx, name, value)
            del out[lengths[first]:]
            del told[first:], states[first:], lengths[first:]
        rejected = set()
        for at, c in enumerate(itertools.islice(chosen, first, None), first):
            state = _narrative_state(ctx)
            told.append(c)
            states.append(state)
            lengths.append(len(out))
            if not c.rule.emit:
                continue
            key = (id(c), state)
            if key not in memo:
                ctx.day_after = None  # no value of the day told ahead may read the last time's
                if c.rule.type == "TIME":
                    ctx.day_after = _day_told_after(rules, text, ctx, chosen, at)
                ctx.start, ctx.end, ctx.anchor, ctx.placed, ctx.storied = c.start, c.end, None, False, False
                memo[key] = (resolve.evaluate(c.rule, c.groups(rules, text), ctx), ctx.anchor, ctx.placed, ctx.storied)
            result, anchor, placed, storied = memo[key]
            if result is None:
                rejected.add(id(c))
                continue
            value, ttype, mod = result
            out.append(Timex(c.start, c.end, text[c.start:c.end], ttype, value, mod, anchor))
            if ttype == "TIME" and resolve.is_clock(value):
                ctx.clock, ctx.clock_end = value, c.end
                # A clock time on the day told goes on telling it: an itinerary ("on Tuesday week
                # ... arrive at 10.15am ... At 11.40am she will walk"), a night's story ("ended on
                # Thursday, May 7 ... at 10.40pm ... declared at 11.50pm").
                if ctx.ahead_day is not None and value[:10] == ctx.ahead_day[:10]:
                    ctx.ahead_day_end = c.end
                if ctx.reference is not None and value[:10] == ctx.reference[:10]:
                    ctx.reference_end = c.end
            # Only dates placed on their own, from the publication date or in the year a story is
            # set in become the reference: "a year earlier" said twice after one quarter means that
            # quarter both times.
            if (ttype in ("DATE", "TIME") and (anchor in (None, "dct") or placed) and value[:4].isdigit()
                    and not _not_told(text, c.start)):
                ctx.mentioned, ctx.mentioned_end, ctx.mentioned_outright = value, c.end, anchor is None
                if resolve.is_specific(value):
                    ctx.reference, ctx.reference_end = periods.reported_period(text, c.start, value), c.end
                    ctx.reference_outright = anchor is None or placed
                    ctx.reference_in_story = storied
                    if resolve.is_day(value):
                        ctx.day_reference = value
                        if (ctx.news_day is None and news_week[0] <= value[:10] <= news_week[1]
                                and not (c.start < _DATELINE_REACH and _DATELINE_END.match(text, c.end))):
                            ctx.news_day = value[:10]
                        if dct is not None and value[:10] > dct.isoformat():
                            ctx.ahead_day, ctx.ahead_day_end = value, c.end
        if not rejected:
            break
        cands = [c for c in cands if id(c) not in rejected]
    return out


def _day_told_after(rules: RuleSet, text: str, ctx: Context, chosen: list[Candidate],
                    at: int) -> tuple[str, str | None] | None:
    """The day that the clause of the time of day ``chosen[at]`` names just after it, told ahead of
    its turn from the same narrative state ("0930 hrs on Sunday", "the 3 p.m. and 5 p.m. sailings
    on Friday", "a noon kick-off on Sunday"): (its value, its anchor), or None."""
    gap = clocks.DAY_AFTER_TIME.match(text, chosen[at].end)
    if gap is None:
        return None
    day = next((d for d in chosen[at + 1:at + 3] if d.start == gap.end()), None)
    if day is None or day.rule.type != "DATE" or not day.rule.emit:
        return None
    ctx.start, ctx.end, ctx.anchor, ctx.placed, ctx.storied = day.start, day.end, None, False, False
    result = resolve.evaluate(day.rule, day.groups(rules, text), ctx)
    if result is None or len(result[0]) != len("YYYY-MM-DD") or not result[0][:4].isdigit() or result[2]:
        return None  # not one day, or one with a modifier ("late Friday")
    return result[0], ctx.anchor


# What a text told so far leaves in the context for the expressions after it (see Context).
_NARRATIVE = ("reference", "reference_end", "mentioned", "mentioned_end", "mentioned_outright", "day_reference",
              "reference_outright", "reference_in_story", "ahead_day", "ahead_day_end", "clock", "clock_end",
              "news_day")
_narrative_state = attrgetter(*_NARRATIVE)


# A date after "since" bounds a stretch of time ("its first losing year since 2008", "its worst
# day since the crash of Oct. 19, 1987"; not "since the Wall opened on Nov. 9, 1989", which
# goes on to tell that night), one after "instead of" was given up ("close on Friday 13 July
# instead of 20 July"), and one a journey or a task aims at is still ahead of the story ("left at
# 6:30 a.m. on Dec. 20, 1987, with families going home for Christmas"; "in time for Easter"): the
# story is not told there, so later phrases do not lean on it.
_NOT_TOLD = re.compile(r"(?:\bsince\s+the\s+(?:[a-z'-]+\s+){1,3}of|since|instead\s+of|home\s+for|in\s+time\s+for)\s$",
                       re.IGNORECASE)
_NOT_TOLD_REACH = len("since the ") + 3 * (13 + 1) + len("of ")  # three words of up to 13 letters


def _not_told(text: str, start: int) -> bool:
    """Whether the date at ``start`` follows one of the _NOT_TOLD phrases; the regex runs only
    after a word they end with (it would try every place of its window for every date told)."""
    if not start or not text[start - 1].isspace():
        return False
    if not text[max(0, start - 8):start].rstrip().lower().endswith(("of", "since", "for")):
        return False
    return _NOT_TOLD.search(text, max(0, start - _NOT_TOLD_REACH), start) is not None


# How many days before the publication date the day a story is about may be (see Context.news_day).
NEWS_WEEK = 6
# The date of a wire dateline ("MADRID, March 15 (AFP) - ") is the day the story was filed, not
# the day it is about.
_DATELINE_END = re.compile(r" *(?:\([\w .&-]+\) *)?(?:-|--|–|—) ")
_DATELINE_REACH = 60


def local_sentence_bounds(text: str) -> Callable[[int], tuple[int, int]]:
    """Clause window without a sentence splitter: back to the previous terminator or line
    break and forward to the next, at most 300 characters each way."""
    n = len(text)
    blocks: dict[int, list[int]] = {}  # block number -> its terminators, found when first asked

    def stops(block: int) -> list[int]:
        found = blocks.get(block)
        if found is None:
            # One character more, so that the look-ahead sees what follows the block's last one.
            a, e = block * _STOP_BLOCK, min(n, (block + 1) * _STOP_BLOCK)
            found = blocks[block] = [m.start() for m in _TERMINATOR.finditer(text, a, min(n, e + 1))
                                     if m.start() < e]
        return found

    def bounds(pos: int) -> tuple[int, int]:
        lo, hi = max(0, pos - 300), min(n, pos + 300)
        # The windows end where the regex would see the end of the text, after which a stop
        # mark always ends a sentence.
        start = pos if pos > lo and text[pos - 1] in _STOP_MARKS and _TERMINATOR.match(text, pos - 1, pos) else lo
        if start == lo:
            for block in range((pos - 1) // _STOP_BLOCK, lo // _STOP_BLOCK - 1, -1):
                found = stops(block)
                i = bisect_left(found, pos)
                if i:
                    start = max(lo, found[i - 1] + 1)
                    break
        end = hi
        for block in range(pos // _STOP_BLOCK, (hi - 1) // _STOP_BLOCK + 1):
            found = stops(block)
            i = bisect_left(found, pos)
            if i < len(found):
                end = min(found[i] + 1, hi)
                break
        return start, end
    return bounds


def _not_after_abbreviation() -> str:
    """Look-behinds that fail after the full stop of an abbreviation the sentence splitter knows
    ("Mr.", "Sept.", "a.m.", "U.S.") or of an initial ("John F. Kennedy"): one per length, as a
    look-behind must have a fixed width."""
    by_length: dict[int, list[str]] = {}
    for word in ABBREVIATIONS:
        by_length.setdefault(len(word), []).append(re.escape(word))
    return r"(?<![\s.][A-Z]\.)" + "".join(rf"(?<!\b(?i:{'|'.join(sorted(words))})\.)"
                                            for _, words in sorted(by_length.items()))


# A stop mark before white space, a quote or a bracket, or a line break (the one character class
# first lets the search skip to those characters). A full stop ending an abbreviation ("6 a.m.
# Saturday", "Mr. Bush", "Sept. 30") ends no sentence: the tense of a clause is read up to its end.
_TERMINATOR = re.compile(r"[.!?;\n](?:(?<=\n)|(?<=[!?;])|" + _not_after_abbreviation()
                         + r")(?:(?<=\n)|(?=[\s\"'”’)]|$))")
_STOP_MARKS = frozenset(".!?;")
_STOP_BLOCK = 512  # terminators are found block by block, where windows ask for them


_RULESET: RuleSet | None = None


def ruleset() -> RuleSet:
    """The rule set shipped with the package, loaded once."""
    global _RULESET
    if _RULESET is None:
        _RULESET = load_rules(RegexCache(default_folder()))
    return _RULESET


def load_rules(regexes: RegexCache) -> RuleSet:
    """The shipped rules, their regexes compiled through ``regexes`` and kept there."""
    rules = RuleSet(_load_yaml("words.yaml"), _load_yaml("rules.yaml"), read_told_table(_rules_file(TOLD_FILE)),
                    regexes)
    rules.trigger_plans(0)  # the plans of a common text compile regexes too: kept with the rest
    regexes.save()
    return rules
