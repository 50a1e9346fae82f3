"""The engine that applies the rule data in ``rules/*.yaml`` to a text.

Speed comes from never running the rules over the whole text: one compiled regex finds trigger
words (month and weekday names, calendar units, year-like numbers, ...), and only the rules keyed
by a trigger run, anchored to a short window around it. Windows are bounded, so the cost is linear
in the text whatever it contains.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

import yaml

from tui.temporal import resolve
from tui.temporal.model import Timex

# How far a rule may reach left and right of its trigger, in characters.
WINDOW_BACK = 48
WINDOW_FORWARD = 48

_GROUP_REF = re.compile(r"\{([a-z_]+?)(\d*)\}")


def _load_yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("tui.temporal.rules").joinpath(name).read_text("utf-8"))


def normalize_key(s: str) -> str:
    """The form under which a matched word is looked up in a table: lower case, single spaces."""
    return " ".join(s.lower().replace("\u00a0", " ").replace("’", "'").split())


@dataclass
class WordList:
    """A named word list with its normalization table (see ``rules/words.yaml``)."""

    name: str
    values: dict[str, object]
    exact: dict[str, object] = field(default_factory=dict)

    def regex(self) -> str:
        """An alternation of every form, longest first; spaces match any white space."""
        def alt(form: str) -> str:
            return r"\s+".join(re.escape(w) for w in form.split(" "))
        forms = sorted(self.values, key=len, reverse=True)
        parts = [alt(f) for f in forms]
        parts += [f"(?-i:{alt(f)})" for f in sorted(self.exact, key=len, reverse=True)]
        return "(?:" + "|".join(parts) + ")"

    def lookup(self, s: str) -> object:
        """The normalized value of a matched form (None if it is not in the list)."""
        if s in self.exact:
            return self.exact[s]
        return self.values.get(normalize_key(s))


@dataclass
class Rule:
    """One extraction rule: a pattern over word lists, a TIMEX3 type, a value template."""

    id: str
    triggers: tuple[str, ...]
    pattern: str
    type: str
    value: str
    mod: str | None
    regex: re.Pattern
    examples: list
    priority: int
    emit: bool


class RuleSet:
    """Word lists, fragments, triggers and rules loaded from the YAML files, compiled."""

    def __init__(self, words: dict, rules: dict) -> None:
        self.lists = {
            name: WordList(name, {normalize_key(str(k)): v for k, v in (spec.get("values") or {}).items()},
                           {str(k): v for k, v in (spec.get("exact") or {}).items()})
            for name, spec in words.items()
        }
        self.fragments: dict[str, str] = dict(rules.get("fragments") or {})
        self.trigger_regex = self._compile_triggers(rules["triggers"])
        self.rules: list[Rule] = []
        self.by_trigger: dict[str, list[Rule]] = {}
        for i, spec in enumerate(rules["rules"]):
            rule = self._compile_rule(spec, i)
            self.rules.append(rule)
            for t in rule.triggers:
                if t not in rules["triggers"]:
                    raise ValueError(f"rule {rule.id}: unknown trigger {t!r}")
                self.by_trigger.setdefault(t, []).append(rule)

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

    def _compile_triggers(self, triggers: dict[str, str]) -> re.Pattern:
        alts = [f"(?P<{name}>{self.expand(p, groups=False)})" for name, p in triggers.items()]
        return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)

    def _compile_rule(self, spec: dict, index: int) -> Rule:
        rid = spec["id"]
        try:
            body = self.expand(spec["pattern"])
            regex = re.compile(r"(?<![\w.])(?:" + body + r")(?!\w)", re.IGNORECASE)
        except (re.error, ValueError) as e:
            raise ValueError(f"rule {rid}: bad pattern: {e}") from e
        triggers = spec["trigger"]
        return Rule(rid, tuple([triggers] if isinstance(triggers, str) else triggers), spec["pattern"],
                    spec.get("type", "DATE"), str(spec["value"]), spec.get("mod"), regex,
                    spec.get("examples") or [], spec.get("priority", 0), spec.get("emit", True))

    def normalize_groups(self, m: re.Match) -> dict[str, object]:
        """Every matched named group normalized through its word list or fragment normalizer."""
        out: dict[str, object] = {}
        for name, s in m.groupdict().items():
            if s is None:
                continue
            base = name.rstrip("0123456789")
            if base in self.lists:
                out[name] = self.lists[base].lookup(s)
            else:
                out[name] = resolve.normalize_fragment(base, s, self)
            out[name + "_text"] = s
        return out


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict

    @property
    def size(self) -> int:
        return self.end - self.start


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
        self.anchor: str | None = None

    def tense(self) -> str | None:
        """"past", "future" or None for the clause around the current span."""
        return resolve.clause_tense(self)


def choose(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, preferring longer spans, then higher rule priority."""
    cands.sort(key=lambda c: (-c.size, -c.rule.priority, c.start))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def find_candidates(rules: RuleSet, text: str) -> list[Candidate]:
    """Every rule match that overlaps a trigger, rules run only in windows around triggers."""
    seen: set[tuple[int, int, str]] = set()
    out: list[Candidate] = []
    n = len(text)
    word = re.compile(r"\w*")
    for t in rules.trigger_regex.finditer(text):
        ts, te = t.span()
        lo = max(0, ts - WINDOW_BACK)
        hi = min(n, te + WINDOW_FORWARD)
        hi = word.match(text, hi).end() if hi < n else n
        for rule in rules.by_trigger.get(t.lastgroup, ()):
            for m in rule.regex.finditer(text, lo, hi):
                s, e = m.span()
                if e <= ts or s >= te or (s, e, rule.id) in seen:
                    continue
                seen.add((s, e, rule.id))
                out.append(Candidate(s, e, rule, rules.normalize_groups(m)))
    return out


def run(rules: RuleSet, text: str, dct: dt.date | None,
        sentence_bounds: Callable[[int], tuple[int, int]]) -> list[Timex]:
    """Extract, choose and resolve every time expression in ``text``."""
    ctx = Context(text, dct, rules, sentence_bounds)
    out: list[Timex] = []
    # Several candidates may share a span (different rules); if the preferred one cannot be
    # resolved (its value function refuses), fall back to the next.
    cands = find_candidates(rules, text)
    while cands:
        chosen = choose(cands)
        rejected = set()
        out.clear()
        ctx.reference, ctx.reference_end = None, 0
        for c in chosen:
            if not c.rule.emit:
                continue
            ctx.start, ctx.end, ctx.anchor = c.start, c.end, None
            result = resolve.evaluate(c.rule, c.groups, ctx)
            if result is None:
                rejected.add(id(c))
                continue
            value, ttype, mod = result
            out.append(Timex(c.start, c.end, text[c.start:c.end], ttype, value, mod, ctx.anchor))
            # Only dates placed on their own or from the publication date become the reference:
            # "a year earlier" said twice after one quarter means that quarter both times.
            if ttype in ("DATE", "TIME") and ctx.anchor in (None, "dct") and resolve.is_specific(value):
                ctx.reference, ctx.reference_end = value, c.end
        if not rejected:
            break
        cands = [c for c in cands if id(c) not in rejected]
    return out


def local_sentence_bounds(text: str) -> Callable[[int], tuple[int, int]]:
    """Clause window without a sentence splitter: back to the previous terminator or line
    break and forward to the next, at most 300 characters each way."""
    def bounds(pos: int) -> tuple[int, int]:
        lo = max(0, pos - 300)
        before = list(_TERMINATOR.finditer(text, lo, pos))
        start = before[-1].end() if before else lo
        m2 = _TERMINATOR.search(text, pos, min(len(text), pos + 300))
        end = m2.start() + 1 if m2 else min(len(text), pos + 300)
        return start, end
    return bounds


_TERMINATOR = re.compile(r"[.!?;](?=[\s\"'”’)]|$)|\n")


_RULESET: RuleSet | None = None


def ruleset() -> RuleSet:
    """The rule set shipped with the package, loaded once."""
    global _RULESET
    if _RULESET is None:
        _RULESET = RuleSet(_load_yaml("words.yaml"), _load_yaml("rules.yaml"))
    return _RULESET
