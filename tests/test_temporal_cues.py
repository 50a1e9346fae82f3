"""The fast paths of the tagger find exactly what the plain scans they replace would find."""

from __future__ import annotations

import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.temporal import engine
from tui.temporal.cues import CueIndex
from tui.temporal.regex_facts import (
    FOLDS_TO_ASCII,
    NON_ASCII,
    Told,
    ascii_lower,
    case_free,
    first_pairs,
    first_word_keys,
    folds_to_ascii,
    pairs_after_the,
    read_told_table,
    tell,
    told_key,
    told_table,
    whitespace_reach,
    word_key,
)
from tui.temporal.tell_rules import shipped_told_table


@pytest.mark.parametrize(("pattern", "reach"), [
    (r"a\s+b", 1), (r"a b c", 2), (r"a\s{2}b\s*c", 2), (r"a(?=\s\w+\s)", 2), (r"(?<!to\s)meet", 0),
    (r"a.b", 1), (r"[^x]", 1), (r"(?:a\s)+", None), (r"[a-z\s]+", None), (r"\S+\s\S+", None), (r"x$", None),
    (r"(a\s)b\1", 2), (r"(?=(?P<w>[a-z]+))(?P=w) x", 1), (r"(?:(a\s)|b)\1", 2),
])
def test_whitespace_reach(pattern: str, reach: int | None) -> None:
    assert whitespace_reach(re.compile(pattern)) == reach


def test_the_tense_regex_has_a_bounded_reach() -> None:
    # Otherwise every window is scanned on its own: still right, but slow on long clauses.
    assert engine.ruleset().tense_reach is not None


# Cue words, words a window may cut into a cue ("expected" -> "expect", "reportedly" ->
# "reported"), multi-word cues and the white space and punctuation between them.
WORDS = ["had been scheduled", "had", "been", "will", "as early as", "expected", "reportedly",
         "is expected to", "plans to", "said", "the reduced", "unspecified", "to meet", "begin",
         "it'll", "HAD BEEN", "Ed", "1998", ".", ","]
SEPARATORS = [" ", " ", "", "  ", "\n", "\t "]


@st.composite
def text_and_windows(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    words = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60))
    text = "".join(w + s for w, s in words)
    windows = []
    for _ in range(draw(st.integers(1, 12))):
        lo = draw(st.integers(0, len(text)))
        windows.append((lo, draw(st.integers(lo, min(len(text), lo + 150)))))
    if draw(st.booleans()):
        windows.sort()  # the tagger asks mostly in text order
    return text, windows


@settings(max_examples=300, deadline=None)
@given(text_and_windows())
def test_windows_match_a_scan_of_each_window(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, windows = case
    regex = engine.ruleset().tense_regex
    index = CueIndex(text, regex, whitespace_reach(regex), lambda m: m.lastgroup, lambda start, end, tag: tag)
    for lo, hi in windows:
        assert index.window(lo, hi) == [(m.start(), m.end(), m.lastgroup) for m in regex.finditer(text, lo, hi)]


@settings(max_examples=300, deadline=None)
@given(text_and_windows(), st.integers(0, 150))
def test_the_cues_before_a_place_are_those_of_the_whole_window(case: tuple[str, list[tuple[int, int]]],
                                                              offset: int) -> None:
    text, windows = case
    regex = engine.ruleset().tense_regex
    index = CueIndex(text, regex, whitespace_reach(regex), lambda m: m.lastgroup, lambda start, end, tag: tag)
    for lo, hi in windows:
        pos = min(lo + offset, hi)
        assert index.window_before(lo, pos, hi) == [(m.start(), m.end(), m.lastgroup)
                                                    for m in regex.finditer(text, lo, hi) if m.start() < pos]


def pairs_shown(pairs: frozenset[str] | None) -> set[str] | None:
    """The pairs without those naming characters beyond ASCII, for short expectations."""
    return None if pairs is None else {p for p in pairs if NON_ASCII not in p}


@pytest.mark.parametrize(("pattern", "pairs"), [
    (r"(?<![\w.])(?:May|june)(?!\w)", {"ma", "ju"}),
    (r"(?i)[a-c]x", {"ax", "bx", "cx"}),
    (r"the|an?", {"th", "an", "a"} | {"a" + chr(c) for c in range(0x80)}),
    (r"(?-i:K)\d", {"k" + d for d in "0123456789"}),
    (r"(?:ab){2,}", {"ab"}),
    (r"a{3}", {"aa"}),
    (r"(?:a|b)?c ", {"ac", "bc", "c "}),
    (r"x\s", {"x" + c for c in " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"}),
])
def test_first_pairs(pattern: str, pairs: set[str]) -> None:
    assert pairs_shown(first_pairs(re.compile(pattern))) == pairs


@pytest.mark.parametrize("pattern", [r"x*", r"a|(?:)", r"(a)\1", r"(?:a|)b?"])
def test_first_pairs_unknown(pattern: str) -> None:
    assert first_pairs(re.compile(pattern)) is None


@pytest.fixture(scope="module")
def told_rules() -> list[tuple[engine.Rule, frozenset[str] | None, frozenset[str] | None, frozenset[str] | None]]:
    """Every shipped rule with its first pairs, its pairs after "the" and its first word keys, told once: telling is a
    parse of the regex, too slow to repeat at every place of every example."""
    return [(rule, first_pairs(rule.regex), pairs_after_the(rule.regex), first_word_keys(rule.regex))
            for rule in engine.ruleset().rules]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["May", "march", "ſept.", "\u212aalends", "1998", "'98", "the", "last", "a",
                                       "Monday", "é", " ", ", ", "-", "\n"]), max_size=8).map("".join))
def test_no_rule_matches_where_its_first_pairs_forbid(told_rules: list, text: str) -> None:
    lowered = engine.ascii_lower(text)
    for p in range(len(text)):
        pair = "".join(c if c < NON_ASCII else NON_ASCII for c in lowered[p:p + 2])
        for rule, first, _, _ in told_rules:
            for hi in (len(text), p + 1):
                if first is not None and pair not in first:
                    assert rule.regex.match(text, p, hi) is None


def test_no_rule_matches_from_a_word_it_may_not_begin_with(told_rules: list) -> None:
    """find_candidates tries a rule at a word only if the rule's vocabulary has that word and the
    word's key is one of the rule's first word keys (TriggerPlans.by_word): at every word of every
    rule example, no other rule may match."""
    rules = engine.ruleset()
    texts = {example[0].replace("[[", "").replace("]]", "") for rule in rules.rules for example in rule.examples}
    assert not any(folds_to_ascii(text) for text in texts)  # the keys are told for such texts
    for text in texts:
        for word in re.finditer(r"(?<![a-z])[a-z]+", engine.ascii_lower(text)):
            for rule, _, _, keys in told_rules:
                if word.group() not in rules.vocabulary[rule.id] or (keys is not None
                                                                     and word_key(word.group()) not in keys):
                    assert rule.regex.match(text, word.start()) is None, (rule.id, text, word.group())


@pytest.mark.parametrize(("pattern", "keys"), [
    (r"(?<![\w.])(?:May|june)(?!\w)", {"may#", "june#"}),
    (r"(?i)the (?:past|next) week", {"the#"}),
    (r"september|sept\.?", {"septe", "sept#"}),
    (r"(?:about )?[0-9]+ years", {"about", "#"}),
    (r"a?b", {"ab#", "b#"}),
    (r"(?-i:K)\d", {"k#"}),
])
def test_first_word_keys(pattern: str, keys: set[str]) -> None:
    assert first_word_keys(re.compile(pattern)) == keys


@pytest.mark.parametrize("pattern", [r"x*", r"(a)\1"])
def test_first_word_keys_unknown(pattern: str) -> None:
    assert first_word_keys(re.compile(pattern)) is None


@pytest.mark.parametrize(("pattern", "pairs"), [
    # More white space may follow ("the  past"): what comes after it is told with a space first.
    (r"(?<![\w.])the\s+(?:past|next) week(?!\w)", {"pa", "ne", " p", " n", "  "}),
    (r"(?i)(?:the )?Year", {"ye"}),
    (r"the [0-9]{4}s", {str(a) + str(b) for a in range(10) for b in range(10)}),
    # A number does not hide what follows "the" in another branch (a million prefixes of six digits).
    (r"(?:the next few|[0-9]+(?:,[0-9]{3})*) days", {"ne"}),
    (r"a|b", set()),
    (r"the\s+\s*week", {"we", " w", "  "}),
])
def test_pairs_after_the(pattern: str, pairs: set[str]) -> None:
    assert pairs_after_the(re.compile(pattern)) == pairs


@pytest.mark.parametrize("pattern", [r"x*", r"the", r"the\s+a", r"(a)\1the week"])
def test_pairs_after_the_unknown(pattern: str) -> None:
    assert pairs_after_the(re.compile(pattern)) is None


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["the", "The", "THE", " ", "  ", "\n", "\t", "past", "next", "year", "same",
                                       "quarter", "1990s", "week", "end", "fiscal", "first", "ſame", "é", ","]),
                     max_size=8).map("".join))
def test_no_rule_matches_after_the_where_its_told_pairs_forbid(told_rules: list, text: str) -> None:
    lowered = engine.ascii_lower(text)
    if not lowered.isascii():
        return  # the pairs after "the" are told for ASCII texts only
    for p in range(len(text)):
        if not (lowered.startswith("the", p) and lowered[p + 3:p + 4].isspace()):
            continue
        after = lowered[p + 4:p + 6]
        if len(after) < 2 or after[0].isspace() or after[1].isspace():
            continue
        for rule, _, told, _ in told_rules:
            if told is not None and after not in told:
                assert rule.regex.match(text, p) is None, rule.id


TRIGGER_TOKENS = ["May", "MAY", "may", "Mayor", "March", "Marches", "Q", "H", "Sun", "Sunday", "Election",
                  "Good", "good ", "the", "past", "New", "Year", "year",
                  "1998", "'98", "12/5/98", "1998-08-09", "3:30 p.m.", "5pm", ".5", "$5", "x5", "5,000", "_7",
                  "week", "weeks", "Monday", "\u212aelvin", "é", " ", ", ", ".", "-", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRIGGER_TOKENS), max_size=12).map("".join))
def test_trigger_search_finds_what_plain_searches_find(text: str) -> None:
    rules = engine.ruleset()

    def whole_words(table: dict, src: str) -> list[tuple[int, int, str]]:
        rx = re.compile(r"(?<![A-Za-z])" + engine.trie_regex(list(table)) + r"(?![A-Za-z])")
        leads, tails = rules.trigger_leads, rules.trigger_tails
        return [(m.start(), m.end(), name) for m in rx.finditer(src) for name in table[m.group()]
                if ((m.group(), name) not in leads
                    or leads[m.group(), name].search(src, max(0, m.start() - engine.LEAD_REACH), m.start()))
                and ((m.group(), name) not in tails or tails[m.group(), name].match(src, m.end()))]
    expected = (whole_words(rules.trigger_words, engine.ascii_lower(text)) + whole_words(rules.trigger_exact, text)
                + [(m.start(), m.end(), m.lastgroup) for m in rules.digit_trigger_regex.finditer(text)])
    assert sorted(rules.triggers(text)) == sorted(expected)  # in any order: each is looked at alone


@pytest.mark.parametrize(("text", "word", "triggered"), [
    ("Shops close on Friday.", "Friday", False),
    ("Shops close on Good Friday.", "Friday", True),
    ("Shops close on good\nFriday.", "Friday", True),
    ("He was the past president.", "past", True),
    ("Sales grew in the past.", "past", True),
    ("In past years sales grew.", "past", False),
    ("New Year fireworks", "Year", True),
    ("A year of fireworks", "year", False),
    # ... and only before the words after it.
    ("Cards for Father's Day", "Father", True),
    ("Cards for Father’s Day", "Father", True),
    ("Her father called.", "father", False),
    ("Flags on Canada Day", "Canada", True),
    ("Flags in Canada", "Canada", False),
])
def test_a_word_standing_for_phrases_triggers_their_class_only_between_their_other_words(
        text: str, word: str, triggered: bool) -> None:
    classes = {"Friday": "holiday", "past": "vague", "Year": "holiday", "year": "holiday",
               "Father": "holiday", "father": "holiday", "Canada": "holiday"}
    start = text.index(word)
    found = [name for s, _, name in engine.ruleset().triggers(text) if s == start]
    assert (classes[word] in found) == triggered


def test_folds_to_ascii_lists_every_character_taken_for_an_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    assert {c for c in map(chr, range(0x80, 0x110000)) if letter.match(c)} == set(FOLDS_TO_ASCII)


@pytest.mark.parametrize(("pattern", "free"), [
    ("abc", True), ("[a-z]+", True), ("[^a-z]", True), (r"\w+\s", True), ("’ll", True),
    ("aBc", False), ("[A-Z]", False), ("(?-i:a)", False), ("café", False),
    # A back reference compares letters in whatever case the text has: only one to a group of
    # ASCII lower-case characters stays the same on lower-cased text.
    (r"(a)\1", True), (r"(?=(?P<w>[a-z]+))(?P=w)ed", True), (r"([^a])\1", False), (r"(\w)\1", False),
])
def test_case_free(pattern: str, free: bool) -> None:
    assert (case_free(re.compile(pattern, re.IGNORECASE)) is not None) is free


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "WILL", "Said", "ExPeCtEd", "É", "’ll", "We’ll", "ſaid"]),
                max_size=30).map(" ".join))
def test_the_case_free_tense_regex_matches_alike(text: str) -> None:
    rules = engine.ruleset()
    assert rules.tense_regex_lower is not None
    if folds_to_ascii(text):
        return  # the tagger uses the case-ignoring regex then
    assert ([(m.span(), m.lastgroup) for m in rules.tense_regex_lower.finditer(ascii_lower(text))]
            == [(m.span(), m.lastgroup) for m in rules.tense_regex.finditer(text)])


# Words of time expressions in any case, with characters a case-insensitive regex takes for an
# ASCII letter (the Kelvin sign, the long s) and other letters beyond ASCII.
RULE_WORDS = ["Monday", "MAY", "may", "last", "March", "two", "years", "ago", "the", "1998", "Q3", "5 p.m.",
              "EST", "Sept.", "30", "early", "\u212aelvin", "week\u017f", "été", "Éarly", "next", "fiscal", "1990s",
              "every", "day", "Christmas", "tonight", "a", "decade", ",", ".",
              # Rules whose groups keep their words as written
              "the 1988 period", "the same quarter a year earlier", "two and a half years ago", "0930 GMT"]


@st.composite
def rule_texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(RULE_WORDS), max_size=30))
    cased = [w.upper() if draw(st.booleans()) and draw(st.booleans()) else w for w in words]
    return " ".join(cased)


def test_a_told_table_gives_what_telling_gives() -> None:
    regexes = [re.compile(p, re.IGNORECASE) for p in (r"(?<!\w)(?:may|june) \d+", r"x*", r"(?-i:K)\d", "K")]
    table = read_told_table(told_table(regexes))
    assert table == {told_key(r.pattern): tell(r) for r in regexes}
    assert table[told_key("x*")] == Told(None, True)
    assert not table[told_key("(?-i:K)\\d")].case_free


PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


@pytest.mark.parametrize("text", ['{"python": "2.7", "told": {}}', "not JSON", "[]", '{"python": null}',
                                  '{"python": "%s", "told": {"k": {"first": 5}}}'.replace("%s", PYTHON)])
def test_a_told_table_of_another_python_or_unreadable_tells_nothing(text: str) -> None:
    assert read_told_table(text) == {}


def test_the_shipped_told_table_is_that_of_the_rules() -> None:
    shipped = engine._rules_file(engine.TOLD_FILE)
    if json.loads(shipped)["python"] == PYTHON:
        assert shipped == shipped_told_table(), "out of date: run python -m tui.temporal.tell_rules"
        # So the shipped rule set runs told from its first text.
        assert any(plans.by_pair.narrows for plans in engine.ruleset().trigger_plans(0).values())
    else:  # written by another Python: the rules are told as the engine goes
        assert read_told_table(shipped) == {}
        assert not any(plans.by_pair.narrows for plans in engine.ruleset().trigger_plans(0).values())


def test_a_told_table_without_a_rule_is_not_used() -> None:
    """A rule edited since the table was written has no entry: the set is told as it goes."""
    rules = engine.RuleSet(engine._load_yaml("words.yaml"), engine._load_yaml("rules.yaml"))
    table = read_told_table(told_table(r.regex for r in rules.rules[1:]))
    assert table
    partial = engine.RuleSet(engine._load_yaml("words.yaml"), engine._load_yaml("rules.yaml"), table)
    assert not any(plans.by_pair.narrows for plans in partial.trigger_plans(0).values())
    whole = read_told_table(told_table(r.regex for r in rules.rules))
    full = engine.RuleSet(engine._load_yaml("words.yaml"), engine._load_yaml("rules.yaml"), whole)
    assert any(plans.by_pair.narrows for plans in full.trigger_plans(0).values())


_UNTOLD = engine.RuleSet(engine._load_yaml("words.yaml"), engine._load_yaml("rules.yaml"))
_TOLD = engine.RuleSet(engine._load_yaml("words.yaml"), engine._load_yaml("rules.yaml"))
_TOLD.trigger_plans(engine.FIRST_PAIRS_AFTER)


def test_rule_plans_before_and_after_the_rules_are_told() -> None:
    # Untold, every rule of a class is tried at any pair, even one no rule begins with.
    assert all(not plans.by_pair.narrows and len(plans.by_pair["zz"]) == len(_UNTOLD.by_trigger[trigger])
               for trigger, plans in _UNTOLD.trigger_plans(0).items())
    told = _TOLD.trigger_plans(0)
    assert any(plans.by_pair.narrows for plans in told.values())
    # Rules that ignore case run on the lower-cased text unless it has a character that folds.
    assert any(on_lowered for plans in told.values() for (_, _, on_lowered, _, _), _ in plans.by_pair.plans)
    assert not any(on_lowered for plans in _TOLD.trigger_plans(0, folds=True).values()
                   for (_, _, on_lowered, _, _), _ in plans.by_pair.plans)


@settings(max_examples=300, deadline=None)
@given(rule_texts())
def test_rules_are_tried_alike_before_and_after_they_are_told(text: str) -> None:
    def found(rules: engine.RuleSet) -> list:
        return [(c.start, c.end, c.rule.id, c.groups(rules, text)) for c in engine.find_candidates(rules, text)]
    assert found(_TOLD) == found(_UNTOLD)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["word ", "a.", ". ", ".\n", "?", "!x", ";", "\n", " ", "'", ")", "”", "x" * 120]),
                max_size=80).map("".join), st.lists(st.integers(0, 10_000), max_size=10))
def test_sentence_bounds_are_those_of_a_scan_of_each_window(text: str, positions: list[int]) -> None:
    def scanned(pos: int) -> tuple[int, int]:
        lo, hi = max(0, pos - 300), min(len(text), pos + 300)
        before = list(engine._TERMINATOR.finditer(text, lo, pos))
        after = engine._TERMINATOR.search(text, pos, hi)
        return (before[-1].end() if before else lo), (after.start() + 1 if after else hi)
    bounds = engine.local_sentence_bounds(text)
    for pos in [0, len(text), *(p % (len(text) + 1) for p in positions)]:
        assert bounds(pos) == scanned(pos)


def test_exact_case_triggers_begin_with_a_capital() -> None:
    # The exact-case trigger search skips to the first letters of its forms: a lower-case one
    # ("summers") would stop it at every "s" of a text and cost several per cent of the tagger's
    # time. Lower-case forms belong in a list's values; a rule can still ask for lower case.
    assert all(form[0].isupper() for form in engine.ruleset().trigger_exact)


def test_matches_start_only_at_words_one_of_the_triggers_rules_may_begin_with() -> None:
    # "Monday" is in a unit rule ("a week on Monday") but begins none; "the" begins many.
    plans = engine.ruleset().trigger_plans(engine.FIRST_PAIRS_AFTER, False)
    assert plans["unit"].starts.match("monday next", 0) is None
    assert plans["unit"].starts.match("the week", 0) is not None
    assert plans["unit"].starts.match("12 weeks", 0) is not None
