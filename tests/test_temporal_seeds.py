"""The three sample articles, scored in-process as ../shared/tools/timex_score.py scores them:
relaxed extent F1 must be 1.00 and value accuracy at least 0.95."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tui.temporal import extract

DATA = Path(__file__).parent / "data"


def _scorer():
    spec = importlib.util.spec_from_file_location("timex_score_reference", DATA / "timex_score.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result() -> dict:
    scorer = _scorer()
    gold = scorer.load(str(DATA / "seeds.timex.jsonl"))
    system = {}
    for doc_id, d in gold.items():
        timexes = extract(d["text"], dt.date.fromisoformat(d["dct"]))
        system[doc_id] = {"doc": doc_id, "text": d["text"], "timexes": [t.to_json() for t in timexes]}
    return scorer.score(gold, system)


def test_seed_extents_are_all_found(result: dict) -> None:
    assert result["gold"] == 40
    assert result["relaxed"]["F1"] == pytest.approx(1.0)


def test_seed_values(result: dict) -> None:
    assert result["value"]["accuracy"] >= 0.95
    assert result["type"]["accuracy"] >= 0.95


def test_seed_strict_extents(result: dict) -> None:
    assert result["strict"]["F1"] >= 0.95


def test_unknown_publication_date_leaves_relative_values_open() -> None:
    line = (DATA / "seeds.timex.jsonl").read_text(encoding="utf-8").splitlines()[0]
    doc = json.loads(line)
    by_text = {t.text: t for t in extract(doc["text"], None)}
    assert by_text["Wednesday"].value == "XXXX-WXX-3"
    assert by_text["Wednesday"].anchor is None
    assert by_text["last month"].value == "XXXX-XX"
    assert by_text["Sept. 18 to 20"].value == "XXXX-09-18/XXXX-09-20"
    assert "X" in by_text["this year"].value
