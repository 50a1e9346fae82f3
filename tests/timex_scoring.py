"""Score the tagger on a gold file in-process, with the reference scorer
(tests/data/timex_score.py, a copy of ../shared/tools/timex_score.py)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from tui.temporal import extract

DATA = Path(__file__).parent / "data"


def reference_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("timex_score_reference", DATA / "timex_score.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


def score_tagger(gold_path: Path, docs: Callable[[str], bool] | None = None) -> dict:
    """The reference scorer's result for the tagger's output on every document of ``gold_path``
    (or on those whose id ``docs`` accepts)."""
    scorer = reference_scorer()
    gold = scorer.load(str(gold_path))
    if docs is not None:
        gold = {doc_id: d for doc_id, d in gold.items() if docs(doc_id)}
    system = {}
    for doc_id, d in gold.items():
        timexes = extract(d["text"], dt.date.fromisoformat(d["dct"]))
        system[doc_id] = {"doc": doc_id, "text": d["text"], "timexes": [t.to_json() for t in timexes]}
    return scorer.score(gold, system)
