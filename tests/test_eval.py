"""The scorer agrees with the TempEval-3 reference scorer, and ``run_eval`` reports clearly."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from timex_scoring import DATA, reference_scorer

from tui.temporal import Timex, evaluation
from tui.temporal.evaluation import GoldError, evaluate, load_gold, run_eval
from tui.temporal.score import MISSED, SPURIOUS, WRONG, Mention, Scores, compare, score

SEEDS = DATA / "seeds.timex.jsonl"


REF = reference_scorer()
SEED_DOCS = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]


def as_dict(s: Scores) -> dict:
    """Our scores in the reference scorer's result layout, to compare every number."""
    out = {"gold": s.gold, "system": s.system, "relaxed_pairs": s.relaxed_pairs,
           "strict": {"P": s.strict.precision, "R": s.strict.recall, "F1": s.strict.f1},
           "relaxed": {"P": s.relaxed.precision, "R": s.relaxed.recall, "F1": s.relaxed.f1}}
    for name, a in (("type", s.type), ("value", s.value)):
        out[name] = {"accuracy": a.accuracy, "P": a.precision, "R": a.recall, "F1": a.f1}
    out["value_accuracy_by_gold_type"] = {
        t: {"gold": v.gold, "matched": v.paired, "value_ok": v.value_ok, "accuracy": v.accuracy}
        for t, v in s.value_by_gold_type.items()}
    return out


def agree(gold_docs: list[dict], system_timexes: list[list[dict]]) -> None:
    """Score with both scorers; every number, and every error, must be identical."""
    gold = {d["doc"]: d for d in gold_docs}
    system = {d["doc"]: {"doc": d["doc"], "timexes": ts} for d, ts in zip(gold_docs, system_timexes, strict=True)}
    ref_errors: list = []
    expected = REF.score(gold, system, ref_errors)
    for key in ("docs", "warnings"):
        expected.pop(key)

    pairs = [([Mention.from_json(t) for t in d["timexes"]], [Mention.from_json(t) for t in ts])
             for d, ts in zip(gold_docs, system_timexes, strict=True)]
    assert as_dict(score(pairs)) == expected

    ours = set()
    for g, s in pairs:
        for d in compare(g, s).discrepancies:
            kind = "MISMATCH" if d.kind == WRONG else d.kind
            ours.add((kind, d.gold and (d.gold.start, d.gold.end), d.system and (d.system.start, d.system.end)))
    theirs = {(kind, g and (g["start"], g["end"]), s and (s["start"], s["end"])) for kind, _, g, s in ref_errors}
    assert ours == theirs


def tx(start: int, end: int, value: str = "2018", type_: str = "DATE") -> dict:
    return {"start": start, "end": end, "type": type_, "value": value}


def doc(name: str, *timexes: dict, length: int = 100) -> dict:
    return {"doc": name, "text": "x" * length, "timexes": list(timexes)}


HANDCRAFTED = {
    "both empty": ([doc("a")], [[]]),
    "nothing found": ([doc("a", tx(0, 4), tx(10, 14, "P2Y", "DURATION"))], [[]]),
    "all spurious": ([doc("a")], [[tx(0, 4)]]),
    "exact": ([doc("a", tx(0, 4), tx(10, 14))], [[tx(0, 4), tx(10, 14)]]),
    "wrong value and type": ([doc("a", tx(0, 4, "2018-09"), tx(10, 14))],
                             [[tx(0, 4, "2018-08"), tx(10, 14, "2018", "TIME")]]),
    "wider and narrower": ([doc("a", tx(5, 15), tx(20, 30))], [[tx(0, 15), tx(22, 28)]]),
    "one system over two gold": ([doc("a", tx(0, 5), tx(6, 12, "1999"))], [[tx(0, 12, "1999")]]),
    "two system in one gold": ([doc("a", tx(0, 12))], [[tx(0, 5, "2017"), tx(6, 12)]]),
    "exact before an earlier gold": ([doc("a", tx(0, 20, "1999"), tx(0, 10))], [[tx(0, 10)]]),
    "equal overlap, closer start wins": ([doc("a", tx(0, 8), tx(5, 30, "1999"))], [[tx(3, 10, "1999")]]),
    "full tie goes to the first": ([doc("a", tx(2, 8), tx(6, 12, "1999"))], [[tx(4, 10)]]),
    "duplicate system spans": ([doc("a", tx(0, 4), tx(0, 4, "P1Y", "DURATION"))],
                               [[tx(0, 4), tx(0, 4), tx(0, 4)]]),
    "duplicate gold spans": ([doc("a", tx(0, 4), tx(0, 4), tx(0, 4, "P1Y", "DURATION"))], [[tx(0, 4)]]),
    "types without pairs": ([doc("a", tx(0, 4, "T", "TIME")), doc("b", tx(0, 4, "P1D", "SET"))],
                            [[tx(50, 54)], [tx(0, 4, "P1D", "SET")]]),
    "missing attributes": ([doc("a", {"start": 0, "end": 4}, tx(10, 14))],
                           [[{"start": 0, "end": 4, "value": ""}, {"start": 10, "end": 14}]]),
    "several documents": ([doc("a", tx(0, 4)), doc("b"), doc("c", tx(1, 3, "PXY", "DURATION"))],
                          [[tx(0, 4)], [tx(5, 9)], []]),
}


@pytest.mark.parametrize("case", HANDCRAFTED, ids=list(HANDCRAFTED))
def test_handcrafted_cases_agree_with_reference(case: str) -> None:
    agree(*HANDCRAFTED[case])


def test_a_known_case_by_hand() -> None:
    """Numbers worked out on paper, so agreement with the reference is not agreement in error."""
    gold = [Mention(0, 4, "DATE", "2018"), Mention(10, 20, "DATE", "2018-09"), Mention(30, 35, "DURATION", "P2Y")]
    system = [Mention(0, 4, "DATE", "2018"), Mention(12, 20, "DATE", "2018-08"), Mention(50, 55, "DATE", "X")]
    s = score([(gold, system)])
    assert (s.strict.precision, s.strict.recall) == (1 / 3, 1 / 3)
    assert (s.relaxed.precision, s.relaxed.recall, s.relaxed.f1) == (2 / 3, 2 / 3, 2 / 3)
    assert s.value.accuracy == 0.5 and s.value.f1 == pytest.approx(1 / 3)
    assert s.type.accuracy == 1.0
    assert s.value_by_gold_type["DURATION"].accuracy is None
    assert (s.value_by_gold_type["DATE"].paired, s.value_by_gold_type["DATE"].value_ok) == (2, 1)
    kinds = [(d.kind, d.wrong) for d in compare(gold, system).discrepancies]
    assert kinds == [(WRONG, ("extent", "value")), (MISSED, ()), (SPURIOUS, ())]


def perturb(rng: random.Random, text_length: int, timexes: list[dict]) -> list[dict]:
    """A plausible faulty system output: dropped, shifted, spurious, retyped and wrong-valued timexes."""
    out = []
    for t in timexes:
        roll = rng.random()
        if roll < 0.15:
            continue
        t = dict(t)
        if roll < 0.35:
            start = min(max(0, t["start"] + rng.randint(-6, 6)), text_length - 1)
            t["start"], t["end"] = start, min(max(start + 1, t["end"] + rng.randint(-6, 6)), text_length)
        elif roll < 0.5:
            t["value"] = rng.choice(["2018", "PRESENT_REF", "P1Y", t["value"] + "X"])
        elif roll < 0.6:
            t["type"] = rng.choice(["DATE", "TIME", "DURATION", "SET"])
        out.append(t)
        if rng.random() < 0.05:
            out.append(dict(t))  # a duplicate
    for _ in range(rng.randint(0, 5)):
        start = rng.randrange(text_length - 1)
        out.append(tx(start, min(text_length, start + rng.randint(1, 15)), rng.choice(["2018", "P2D"])))
    if rng.random() < 0.5:
        rng.shuffle(out)
    return out


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False))
def test_perturbed_seeds_agree_with_reference(rng: random.Random) -> None:
    system = [perturb(rng, len(d["text"]), d["timexes"]) for d in SEED_DOCS]
    agree(SEED_DOCS, system)


def test_gold_against_itself_is_perfect() -> None:
    pairs = [([Mention.from_json(t) for t in d["timexes"]],) * 2 for d in SEED_DOCS]
    s = score(pairs)
    assert s.gold == s.system == s.relaxed_pairs == 40
    assert {s.strict.f1, s.relaxed.f1, s.type.f1, s.value.f1, s.value.accuracy} == {1.0}


# --- run_eval ---------------------------------------------------------------------------------


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def fake_extractor(outputs: dict[str, list[Timex]], seen: list):
    """Stands in for the tagger so these tests check the evaluation, not the tagger's accuracy."""

    def extract(text, dct=None, *, sentences=None):
        seen.append((text, dct))
        return outputs[text]

    return extract


GOLD = [
    {"doc": "d1", "dct": "1998-02-13T14:26:00", "text": "It fell 5% last week and rose on Monday.",
     "timexes": [{"start": 11, "end": 20, "text": "last week", "type": "DATE", "value": "1998-W06"},
                 {"start": 33, "end": 39, "text": "Monday", "type": "DATE", "value": "1998-02-09"}]},
    {"doc": "d2", "dct": "1998-02-13", "text": "For two years, nothing.",
     "timexes": [{"start": 4, "end": 13, "text": "two years", "type": "DURATION", "value": "P2Y"}]},
]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> list:
    seen: list = []
    outputs = {
        GOLD[0]["text"]: [Timex(8, 10, "5%", "DATE", "1998"), Timex(11, 20, "last week", "DATE", "1998-W07"),
                          Timex(33, 39, "Monday", "DATE", "1998-02-09")],
        GOLD[1]["text"]: [Timex(0, 13, "For two years", "DURATION", "P2Y")],
    }
    monkeypatch.setattr(evaluation, "extract", fake_extractor(outputs, seen))
    return seen


def test_run_eval_prints_the_table(tmp_path: Path, fake: list) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    out = io.StringIO()
    assert run_eval([gold], out=out) == 0
    report = out.getvalue()
    # dct comes from the "dct" field, a datetime reduced to its date
    assert [str(dct) for _, dct in fake] == ["1998-02-13", "1998-02-13"]
    assert "gold 3" in report and "system 4" in report
    lines = {line.split()[0] + " " + line.split()[1]: line.split()[2:] for line in report.splitlines()
             if line.startswith(("strict extent", "relaxed extent"))}
    assert lines["strict extent"][:3] == ["0.5000", "0.6667", "0.5714"]
    assert lines["relaxed extent"][:3] == ["0.7500", "1.0000", "0.8571"]
    assert "DURATION" in report and "1/1" in report
    assert "MISSED" not in report  # errors only on request


def test_run_eval_lists_errors(tmp_path: Path, fake: list) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    out = io.StringIO()
    assert run_eval([gold], errors=True, out=out) == 0
    report = out.getvalue().splitlines()
    assert "errors: 3 (0 missed, 1 spurious, 2 wrong)" in report
    summary = {line.split()[0] + " " + line.split()[1]: line.split()[2:] for line in report
               if line.startswith("  WRONG")}
    assert summary == {"WRONG value": ["1", "DATE", "1"], "WRONG extent": ["1", "DURATION", "1"]}
    errors = [line for line in report if line.startswith(("MISSED", "SPURIOUS", "WRONG"))]
    assert len(errors) == 3
    assert errors[0].startswith("SPURIOUS") and "d1" in errors[0] and "'5%'" in errors[0]
    assert errors[1].startswith("WRONG value") and "1998-W06" in errors[1] and "1998-W07" in errors[1]
    assert errors[2].startswith("WRONG extent") and "'two years'" in errors[2] and "'For two years'" in errors[2]


def test_several_gold_files_are_scored_together(tmp_path: Path, fake: list) -> None:
    a = write_jsonl(tmp_path / "a.jsonl", GOLD[:1])
    b = write_jsonl(tmp_path / "b.jsonl", GOLD[1:])
    out = io.StringIO()
    assert run_eval([a, b], out=out) == 0
    report = out.getvalue()
    assert "gold 3" in report and "a.jsonl" in report and "b.jsonl" in report
    documents = [d for f in (a, b) for d in load_gold(f)]
    s = evaluate(documents).scores
    assert (s.gold, s.system, s.relaxed_pairs) == (3, 4, 3)


BAD_FILES = {
    "not json": (b'{"doc": "a", "text": "x", "timexes": []}\n{oops\n', "line 2"),
    "not utf-8": (b'{"doc": "a", "text": "\xff", "timexes": []}\n', "UTF-8"),
    "not an object": (b"[1, 2]\n", "object"),
    "no text": (b'{"doc": "a", "timexes": []}\n', "text"),
    "no doc": (b'{"text": "x", "timexes": []}\n', "doc"),
    "no timexes": (b'{"doc": "a", "text": "x"}\n', "timexes"),
    "bad span": (b'{"doc": "a", "text": "abc", "timexes": [{"start": 2, "end": 1, "type": "DATE", '
                 b'"value": "1"}]}\n', "span"),
    "span beyond text": (b'{"doc": "a", "text": "abc", "timexes": [{"start": 1, "end": 9, "type": "DATE", '
                         b'"value": "1"}]}\n', "beyond"),
    "bad dct": (b'{"doc": "a", "dct": "yesterday", "text": "x", "timexes": []}\n', "dct"),
    "duplicate doc": (b'{"doc": "a", "text": "x", "timexes": []}\n' * 2, "duplicate"),
    "empty": (b"\n\n", "no documents"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_gold_file_is_reported_with_status_2(tmp_path: Path, fake: list, case: str) -> None:
    content, problem = BAD_FILES[case]
    path = tmp_path / "gold.jsonl"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    assert run_eval([path], out=out, err=err) == 2
    message = err.getvalue()
    assert str(path) in message and problem in message and "Traceback" not in message
    assert fake == []  # nothing extracted before every file was read


def test_missing_and_folder_paths_are_reported(tmp_path: Path, fake: list) -> None:
    for path in (tmp_path / "missing.jsonl", tmp_path):
        err = io.StringIO()
        assert run_eval([path], out=io.StringIO(), err=err) == 2
        assert str(path) in err.getvalue()
    twice = write_jsonl(tmp_path / "g.jsonl", GOLD)
    err = io.StringIO()
    assert run_eval([twice, tmp_path / "." / "g.jsonl"], out=io.StringIO(), err=err) == 2
    assert "given twice" in err.getvalue()
    with pytest.raises(GoldError):
        load_gold(tmp_path / "missing.jsonl")


def test_tagger_failure_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text, dct=None, *, sentences=None):
        raise ValueError("boom")

    monkeypatch.setattr(evaluation, "extract", broken)
    err = io.StringIO()
    assert run_eval([write_jsonl(tmp_path / "g.jsonl", GOLD)], out=io.StringIO(), err=err) == 1
    assert "d1" in err.getvalue() and "boom" in err.getvalue()


def test_eval_with_the_real_tagger_agrees_with_reference_on_seeds() -> None:
    """End to end: what run_eval reports is what the reference scorer says of the same output."""
    from tui.temporal import extract

    out = io.StringIO()
    assert run_eval([SEEDS], out=out) == 0
    system = [[t.to_json() for t in extract(d["text"], evaluation.parse_dct(d.get("dct")))] for d in SEED_DOCS]
    agree(SEED_DOCS, system)
    expected = REF.score({d["doc"]: d for d in SEED_DOCS},
                         {d["doc"]: {"doc": d["doc"], "timexes": ts} for d, ts in zip(SEED_DOCS, system, strict=True)})
    assert f"{expected['value']['F1']:.4f}" in out.getvalue()
