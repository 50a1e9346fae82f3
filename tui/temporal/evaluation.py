"""``newsline eval``: run the tagger on gold documents and print the TempEval-3 table.

Gold files are JSON Lines, one document a line: ``{"doc", "dct"?, "text", "timexes": [{"start",
"end", "text", "type", "value", "mod"?}]}`` (the format of ``../shared/gold/``). Every file is read
and checked before anything is extracted, so a bad file costs nothing but a message.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from tui.temporal import extract
from tui.temporal.score import MISSED, SPURIOUS, WRONG, Discrepancy, Mention, Scores, Span, Tally, compare

EXIT_OK, EXIT_TAGGER_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class GoldError(ValueError):
    """A gold file that cannot be read or does not hold gold documents; the message names it."""


class TaggerFailed(Exception):
    """The tagger raised on a gold document."""

    def __init__(self, doc: GoldDoc, cause: Exception) -> None:
        super().__init__(f"{doc.path}: doc {doc.doc!r}: {type(cause).__name__}: {cause}")
        self.doc = doc


@dataclass(frozen=True, slots=True)
class GoldDoc:
    path: Path
    line: int
    doc: str
    dct: date | None
    text: str
    timexes: tuple[Mention, ...]


@dataclass
class EvalResult:
    documents: int
    scores: Scores
    by_file: dict[Path, Scores]
    # (document, error) in file order, then text order
    discrepancies: list[tuple[GoldDoc, Discrepancy]] = field(default_factory=list)


def parse_dct(value: object) -> date | None:
    """The document creation time of a gold record: an ISO date or datetime string, or absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"dct must be an ISO date string, not {value!r}")
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        # Python 3.10's fromisoformat does not take the "Z" suffix
        return datetime.fromisoformat(value.removesuffix("Z")).date()
    except ValueError:
        raise ValueError(f"dct {value!r} is not an ISO date or datetime") from None


def load_gold(path: Path) -> list[GoldDoc]:
    """Read and check one gold file; raises GoldError naming the file (and line) at fault."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise GoldError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise GoldError(f"{path}: not UTF-8 (byte {e.start})") from None
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = _gold_doc(path, number, line)
        except ValueError as e:
            raise GoldError(f"{path}: line {number}: {e}") from None
        if doc.doc in seen:
            raise GoldError(f"{path}: line {number}: duplicate doc {doc.doc!r}")
        seen.add(doc.doc)
        docs.append(doc)
    if not docs:
        raise GoldError(f"{path}: no documents")
    return docs


def _gold_doc(path: Path, number: int, line: str) -> GoldDoc:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON ({e.msg}, column {e.colno})") from None
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object per line")
    doc, text, timexes = record.get("doc"), record.get("text"), record.get("timexes")
    if not isinstance(doc, str) or not doc:
        raise ValueError("needs a 'doc' id string")
    if not isinstance(text, str):
        raise ValueError(f"doc {doc!r} needs a 'text' string")
    if not isinstance(timexes, list):
        raise ValueError(f"doc {doc!r} needs a 'timexes' list")
    return GoldDoc(path, number, doc, parse_dct(record.get("dct")), text,
                   tuple(_gold_timex(t, len(text)) for t in timexes))


def _gold_timex(t: Any, length: int) -> Mention:
    if not isinstance(t, dict):
        raise ValueError(f"timex {t!r} is not an object")
    start, end = t.get("start"), t.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start < end:
        raise ValueError(f"bad span in timex {t!r}")
    if end > length:
        raise ValueError(f"span {start}-{end} reaches beyond the text ({length} characters)")
    for key in ("type", "value", "text"):
        if not isinstance(t.get(key, ""), str):
            raise ValueError(f"timex {key} must be a string in {t!r}")
    return Mention.from_json(t)


def evaluate(docs: Sequence[GoldDoc]) -> EvalResult:
    """Extract from every gold document and score; raises TaggerFailed naming the document."""
    total = Tally()
    by_file: dict[Path, Tally] = {}
    found: list[tuple[GoldDoc, Discrepancy]] = []
    for doc in docs:
        try:
            timexes = extract(doc.text, doc.dct)
        except Exception as e:  # a tagger bug must name the document, not end in a traceback
            raise TaggerFailed(doc, e) from e
        system = [Mention(t.start, t.end, t.type, t.value, t.text, t.mod) for t in timexes]
        comparison = compare(doc.timexes, system)
        total += comparison.tally
        by_file.setdefault(doc.path, Tally())
        by_file[doc.path] += comparison.tally
        found.extend((doc, d) for d in comparison.discrepancies)
    return EvalResult(len(docs), total.scores(), {p: t.scores() for p, t in by_file.items()}, found)


def format_table(result: EvalResult) -> str:
    s = result.scores
    files = len(result.by_file)
    lines = [
        f"TempEval-3 scores, {result.documents} documents in {files} file{'s' * (files != 1)}: "
        f"gold {s.gold}, system {s.system}, relaxed pairs {s.relaxed_pairs}",
        "",
        f"{'measure':<16}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}",
        f"{'strict extent':<16}{s.strict.precision:8.4f}{s.strict.recall:8.4f}{s.strict.f1:8.4f}",
        f"{'relaxed extent':<16}{s.relaxed.precision:8.4f}{s.relaxed.recall:8.4f}{s.relaxed.f1:8.4f}",
    ]
    for name, a in (("type", s.type), ("value", s.value)):
        lines.append(f"{name:<16}{a.precision:8.4f}{a.recall:8.4f}{a.f1:8.4f}{a.accuracy:8.4f}")
    lines += ["", "value accuracy by gold type (right/paired, of gold):"]
    for gold_type, v in s.value_by_gold_type.items():
        accuracy = "n/a" if v.accuracy is None else f"{v.accuracy:.4f}"
        lines.append(f"  {gold_type or '?':<10}{f'{v.value_ok}/{v.paired}':>11}  of {v.gold:<6}{accuracy:>8}")
    if files > 1:
        lines += ["", f"{'file':<28}{'gold':>6}{'system':>8}{'strict':>8}{'relaxed':>8}{'type':>8}{'value':>8}"
                      "   (F1)"]
        for path, f in result.by_file.items():
            lines.append(f"{path.name:<28}{f.gold:>6}{f.system:>8}{f.strict.f1:8.4f}{f.relaxed.f1:8.4f}"
                         f"{f.type.f1:8.4f}{f.value.f1:8.4f}")
    return "\n".join(lines)


def _label(d: Discrepancy) -> str:
    return f"{WRONG} {','.join(d.wrong)}" if d.kind == WRONG else d.kind


def format_error_summary(discrepancies: Sequence[tuple[GoldDoc, Discrepancy]]) -> str:
    """How many errors of each kind, split by type (the gold one, or the system one when spurious)."""
    by_label: dict[str, Counter[str]] = {}
    for _, d in discrepancies:
        span = d.gold if d.gold is not None else d.system
        assert span is not None
        by_label.setdefault(_label(d), Counter())[span.type] += 1
    kinds = Counter(d.kind for _, d in discrepancies)
    lines = [f"errors: {len(discrepancies)} ("
             + ", ".join(f"{kinds[k]} {k.lower()}" for k in (MISSED, SPURIOUS, WRONG)) + ")"]
    for label, types in sorted(by_label.items(), key=lambda item: -item[1].total()):
        lines.append(f"  {label:<23}{types.total():>6}   "
                     + "  ".join(f"{t or '?'} {n}" for t, n in types.most_common()))
    return "\n".join(lines)


def format_discrepancy(doc: GoldDoc, d: Discrepancy, *, qualify: bool) -> str:
    """One error line: kind, document, then the gold timex and what the tagger made of it."""
    name = f"{doc.path.name}:{doc.doc}" if qualify else doc.doc
    if d.kind == MISSED:
        assert d.gold is not None
        return f"{MISSED:<23} {name}  {_describe(doc.text, d.gold)}"
    if d.kind == SPURIOUS:
        assert d.system is not None
        return f"{SPURIOUS:<23} {name}  {_describe(doc.text, d.system)}"
    assert d.gold is not None and d.system is not None
    got = _describe(doc.text, d.system, span="extent" in d.wrong)
    return f"{_label(d):<23} {name}  {_describe(doc.text, d.gold)}  got {got}"


def _describe(text: str, t: Span, *, span: bool = True) -> str:
    where = f"[{t.start}:{t.end}] {text[t.start:t.end]!r} " if span else ""
    mod = f" mod={t.mod}" if t.mod else ""
    return f"{where}{t.type} {t.value}{mod}"


def run_eval(gold_paths: Sequence[Path], *, errors: bool = False, out: TextIO,
             err: TextIO | None = None) -> int:
    """Score the tagger on gold files and print the table (and, with ``errors``, every error).

    Exit status: 0 when scored, 2 when a gold file is missing or malformed (nothing is extracted
    then), 1 when the tagger raised on a document.
    """
    err = err if err is not None else sys.stderr
    docs: list[GoldDoc] = []
    seen: set[Path] = set()
    try:
        for path in map(Path, gold_paths):
            if path.resolve() in seen:
                raise GoldError(f"{path}: given twice")
            seen.add(path.resolve())
            docs += load_gold(path)
    except GoldError as e:
        print(f"newsline eval: {e}", file=err)
        return EXIT_BAD_INPUT
    try:
        result = evaluate(docs)
    except TaggerFailed as e:
        print(f"newsline eval: the tagger failed on {e}", file=err)
        return EXIT_TAGGER_FAILED
    print(format_table(result), file=out)
    if errors:
        print("\n" + format_error_summary(result.discrepancies) + "\n", file=out)
        qualify = len(result.by_file) > 1
        for doc, d in result.discrepancies:
            print(format_discrepancy(doc, d, qualify=qualify), file=out)
    return EXIT_OK

