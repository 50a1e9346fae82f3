"""TempEval-3 scoring of time expressions (Task A: extents, types and values).

The measures are those of the TempEval-3 toolkit (UzZaman et al., 2013, sec. 4.1), as
``../shared/tools/timex_score.py`` computes them, micro-averaged over all documents:

- strict extent P/R/F1: a span counts only when a span of the other side is exactly equal
  (counted as multisets, so a duplicated span matches once);
- relaxed extent P/R/F1: gold and system timexes that overlap are paired one-to-one, exact
  matches first, then by larger overlap, then by closer start, then by position;
- type and value: attribute accuracy over the relaxed pairs, and attribute P/R/F1 = accuracy
  times relaxed P/R/F1. Attributes compare as exact strings. ``mod`` is not scored.

Anything with ``start``, ``end``, ``type``, ``value`` and ``mod`` attributes can be scored: the tagger's
:class:`~tui.temporal.model.Timex` directly, gold-file records through :meth:`Mention.from_json`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

MISSED: Literal["MISSED"] = "MISSED"
SPURIOUS: Literal["SPURIOUS"] = "SPURIOUS"
WRONG: Literal["WRONG"] = "WRONG"


class Span(Protocol):
    """What the scorer reads from a time expression."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def mod(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Mention:
    """A time expression as written in a gold (or system) JSON Lines file."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""
    mod: str | None = None

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Mention:
        """Read ``{"start", "end", "text"?, "type"?, "value"?, "mod"?}``; absent attributes are ""."""
        return cls(record["start"], record["end"], record.get("type", ""), record.get("value", ""),
                   record.get("text", ""), record.get("mod"))


def pair(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int]]:
    """Pair overlapping gold and system spans one-to-one; returns (gold index, system index) pairs.

    Greedy in the toolkit's order of preference, so that every scorer agrees on which system
    timex a gold timex is compared with.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                inexact = (g.start, g.end) != (s.start, s.end)
                candidates.append((inexact, -overlap, abs(g.start - s.start), gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for *_, gi, si in candidates:
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gi, si))
    return pairs


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One scoring error: a gold timex MISSED, a SPURIOUS system timex, or a WRONG pair.

    ``wrong`` names what differs in a WRONG pair, among ``extent``, ``type`` and ``value``.
    """

    kind: Literal["MISSED", "SPURIOUS", "WRONG"]
    gold: Span | None
    system: Span | None
    wrong: tuple[str, ...] = ()


@dataclass
class Tally:
    """Counts that add up across documents; :meth:`scores` turns them into measures."""

    gold: int = 0
    system: int = 0
    strict_gold: int = 0  # gold timexes whose span the system has exactly
    strict_system: int = 0  # system timexes whose span the gold has exactly
    relaxed: int = 0  # one-to-one overlapping pairs
    type_ok: int = 0
    value_ok: int = 0
    gold_by_type: Counter[str] = field(default_factory=Counter)
    paired_by_type: Counter[str] = field(default_factory=Counter)  # keyed by the gold type
    value_ok_by_type: Counter[str] = field(default_factory=Counter)

    def __iadd__(self, other: Tally) -> Tally:
        self.gold += other.gold
        self.system += other.system
        self.strict_gold += other.strict_gold
        self.strict_system += other.strict_system
        self.relaxed += other.relaxed
        self.type_ok += other.type_ok
        self.value_ok += other.value_ok
        self.gold_by_type.update(other.gold_by_type)
        self.paired_by_type.update(other.paired_by_type)
        self.value_ok_by_type.update(other.value_ok_by_type)
        return self

    def scores(self) -> Scores:
        strict = PRF.of(self.strict_system, self.system, self.strict_gold, self.gold)
        relaxed = PRF.of(self.relaxed, self.system, self.relaxed, self.gold)
        nothing_at_all = self.gold == 0 and self.system == 0
        by_type = {
            t: TypeValue(self.gold_by_type[t], self.paired_by_type[t], self.value_ok_by_type[t])
            for t in sorted(self.gold_by_type)
        }
        return Scores(
            gold=self.gold, system=self.system, relaxed_pairs=self.relaxed,
            strict=strict, relaxed=relaxed,
            type=Attribute.of(self.type_ok, self.relaxed, relaxed, nothing_at_all),
            value=Attribute.of(self.value_ok, self.relaxed, relaxed, nothing_at_all),
            value_by_gold_type=by_type,
        )


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, hits_system: int, n_system: int, hits_gold: int, n_gold: int) -> PRF:
        if n_system == 0 and n_gold == 0:
            return cls(1.0, 1.0, 1.0)
        p = hits_system / n_system if n_system else 0.0
        r = hits_gold / n_gold if n_gold else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True, slots=True)
class Attribute:
    """Type or value: accuracy over the relaxed pairs, and P/R/F1 scaled by it."""

    accuracy: float
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, correct: int, pairs: int, relaxed: PRF, nothing_at_all: bool) -> Attribute:
        # With no pairs, accuracy is perfect only when there was nothing to find and nothing found.
        acc = correct / pairs if pairs else float(nothing_at_all)
        return cls(acc, acc * relaxed.precision, acc * relaxed.recall, acc * relaxed.f1)


@dataclass(frozen=True, slots=True)
class TypeValue:
    """Value accuracy for the gold timexes of one type."""

    gold: int
    paired: int
    value_ok: int

    @property
    def accuracy(self) -> float | None:
        return self.value_ok / self.paired if self.paired else None


@dataclass(frozen=True, slots=True)
class Scores:
    gold: int
    system: int
    relaxed_pairs: int
    strict: PRF
    relaxed: PRF
    type: Attribute
    value: Attribute
    value_by_gold_type: dict[str, TypeValue]


@dataclass(frozen=True, slots=True)
class Comparison:
    """One document scored: its counts and its errors in text order."""

    tally: Tally
    discrepancies: list[Discrepancy]


def compare(gold: Sequence[Span], system: Sequence[Span]) -> Comparison:
    """Score one document's system timexes against its gold timexes."""
    tally = Tally(gold=len(gold), system=len(system))
    gold_spans = Counter((g.start, g.end) for g in gold)
    system_spans = Counter((s.start, s.end) for s in system)
    tally.strict_gold = sum(min(n, system_spans[k]) for k, n in gold_spans.items())
    tally.strict_system = sum(min(n, gold_spans[k]) for k, n in system_spans.items())
    tally.gold_by_type.update(g.type for g in gold)

    pairs = pair(gold, system)
    tally.relaxed = len(pairs)
    found: list[Discrepancy] = []
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        type_ok, value_ok = s.type == g.type, s.value == g.value
        tally.paired_by_type[g.type] += 1
        tally.type_ok += type_ok
        tally.value_ok += value_ok
        tally.value_ok_by_type[g.type] += value_ok
        wrong = tuple(name for name, ok in (("extent", (g.start, g.end) == (s.start, s.end)),
                                            ("type", type_ok), ("value", value_ok)) if not ok)
        if wrong:
            found.append(Discrepancy(WRONG, g, s, wrong))
    paired_gold = {gi for gi, _ in pairs}
    paired_system = {si for _, si in pairs}
    found += [Discrepancy(MISSED, g, None) for i, g in enumerate(gold) if i not in paired_gold]
    found += [Discrepancy(SPURIOUS, None, s, ()) for i, s in enumerate(system) if i not in paired_system]
    found.sort(key=_position)
    return Comparison(tally, found)


def _position(d: Discrepancy) -> tuple[int, int]:
    span = d.gold if d.gold is not None else d.system
    assert span is not None
    return span.start, span.end


def score(documents: Sequence[tuple[Sequence[Span], Sequence[Span]]]) -> Scores:
    """Micro-averaged scores over (gold, system) timex lists, one pair per document."""
    total = Tally()
    for gold, system in documents:
        total += compare(gold, system).tally
    return total.scores()
