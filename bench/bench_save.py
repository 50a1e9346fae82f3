"""Tag change to bytes on disk, with 1,000 annotated sentences in the file (issue 4 item 9).

    .venv/bin/python bench/bench_save.py [--changes 300] [--folder DIR]

Times ``ArticleAnnotations.toggle`` from call to return (the whole file atomically replaced and
fsynced by then), against peers in the same run that write the same document by dumping it whole
(libyaml's C dumper, and PyYAML's pure-Python ``yaml.safe_dump``) with the same ``atomic_write``.
Also times opening (parsing and checking) the file. Target: median <= 5 ms, p95 <= 10 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from tui.atomic import atomic_write  # noqa: E402
from tui.corpus import Article  # noqa: E402
from tui.store.annotations import AnnotationStore  # noqa: E402
from tui.store.tagset import ensure_default_tagset, load_tagset  # noqa: E402
from tui.text import split_sentences  # noqa: E402

SENTENCES = 1000


def bench_article() -> Article:
    """The bundled sample articles repeated until they hold 1,000 sentences."""
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    pieces = [p.read_text(encoding="utf-8") for p in seeds]
    text, i = "", 0
    while len(split_sentences(text)) < SENTENCES:
        text += pieces[i % len(pieces)] + "\n\n"
        i += 1
    return Article("bench", Path("bench.txt"), "bench", text)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(action: Callable[[int], object], count: int) -> list[float]:
    out = []
    for k in range(count):
        start = time.perf_counter()
        action(k)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300, help="tag changes timed for Newsline")
    parser.add_argument("--folder", type=Path, default=None, help="where to write (default: a temp folder)")
    args = parser.parse_args()
    rng = random.Random(4)
    article = bench_article()
    sentences = split_sentences(article.text)
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        tagset = load_tagset(ensure_default_tagset(folder))
        store = AnnotationStore(folder, "bench", tagset)
        notes = store.open(article, sentences)
        notes.toggle(range(SENTENCES), "claim")
        assert len(notes.annotations) == SENTENCES and notes.write_error is None
        size = notes.path.stat().st_size

        ours = timed(lambda k: notes.toggle([rng.randrange(SENTENCES)], rng.choice(("quote", "event"))),
                     args.changes)
        assert notes.write_error is None

        opening = timed(lambda k: AnnotationStore(folder, "bench", tagset).open(article, sentences),
                        max(5, args.changes // 30))

        on_disk = notes.path.read_bytes()
        peer_path = folder / "peer.yaml"
        floor = timed(lambda k: atomic_write(peer_path, on_disk), max(10, args.changes // 3))
        document = yaml.load(on_disk, Loader=yaml.CSafeLoader)

        def peer(dump: Callable[[object], str]) -> Callable[[int], None]:
            def change(k: int) -> None:
                record = document["annotations"][rng.randrange(SENTENCES)]
                record["tags"] = ["claim"] if len(record["tags"]) > 1 else ["claim", "quote"]
                atomic_write(peer_path, dump(document))
            return change

        libyaml = timed(peer(lambda d: yaml.dump(d, Dumper=yaml.CSafeDumper, sort_keys=False,
                                                 allow_unicode=True)), max(10, args.changes // 10))
        pure = timed(peer(lambda d: yaml.safe_dump(d, sort_keys=False, allow_unicode=True)),
                     max(5, args.changes // 30))

    base = statistics.median(ours)
    print(f"{SENTENCES} annotated sentences, file {size / 1024:.0f} KiB; times in ms "
          f"(atomic write + fsync of file and folder in every row)\n")
    rows = [
        ("newsline toggle (cached records, libyaml)", ours),
        ("floor: atomic_write of the same bytes only", floor),
        ("peer: whole-file dump, libyaml CSafeDumper", libyaml),
        ("peer: whole-file yaml.safe_dump (pure Python)", pure),
        ("open the file (parse + check + anchor)", opening),
    ]
    print(f"{'write path':<48} {'runs':>5} {'median':>8} {'p95':>8} {'x newsline':>11}")
    for label, samples in rows:
        median = statistics.median(samples)
        print(f"{label:<48} {len(samples):>5} {median:>8.2f} {percentile(samples, 0.95):>8.2f} "
              f"{median / base:>11.1f}")
    verdict = "meets" if base <= 5 and percentile(ours, 0.95) <= 10 else "MISSES"
    print(f"\ntarget median <= 5 ms and p95 <= 10 ms: {verdict}")


if __name__ == "__main__":
    main()
