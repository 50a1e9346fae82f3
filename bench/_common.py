"""What the text benchmarks share: the corpus they run on and a median timer."""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold"
CORPUS_FILES = [GOLD / "timebank.jsonl", GOLD / "aquaint.jsonl"]
FALLBACK = REPO / "tests" / "data" / "seeds.timex.jsonl"

# Run from a checkout without installing: the package is beside this folder.
sys.path.insert(0, str(REPO))


def corpus_files() -> tuple[str, list[Path]]:
    """TimeBank + AQUAINT when ../shared is there, else the three annotated samples."""
    if all(p.is_file() for p in CORPUS_FILES):
        return "timebank+aquaint", CORPUS_FILES
    return "seeds (../shared/gold not found)", [FALLBACK]


def load_documents() -> tuple[str, list[dict]]:
    label, paths = corpus_files()
    docs = [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return label, docs


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def first_texts(texts: list[str], budget: int) -> list[str]:
    """Texts from the start, whole, until they hold ``budget`` UTF-8 bytes (at least one text)."""
    kept: list[str] = []
    size = 0
    for text in texts:
        if kept and size + utf8_size(text) > budget:
            break
        kept.append(text)
        size += utf8_size(text)
    return kept


def median_seconds(run: Callable[[int], object], runs: int) -> float:
    """Median wall time of ``run(i)`` for i in range(runs); ``i`` lets a run vary its input."""
    times = []
    for i in range(runs):
        started = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times)
