"""Speed of the time-expression tagger, against dateparser's ``search_dates`` in the same run.

Sections: throughput on the concatenated corpus texts (TimeBank + AQUAINT from ../shared/gold, or
the annotated samples when that is missing); both tools on the same slice of that text; time on
texts with no full stop at all (linearity); a repeated extraction of one article (the cache); and
with ``--eval`` the TempEval-3 table on the corpus. Every figure is a median over repeated runs
in this process; the inputs are fixed, so runs differ only by the machine's noise.

    python bench/bench_extract.py [--quick] [--eval]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from _common import REPO, corpus_files, first_texts, load_documents, median_seconds, utf8_size

from tui.temporal import extract
from tui.temporal.engine import FIRST_PAIRS_AFTER
from tui.temporal.evaluation import parse_dct, run_eval

MB = 1_000_000
# Words of news prose, with dates and numbers, but no full stop, question or exclamation mark:
# the text a sentence splitter cannot cut, so nothing but linear code finishes it in seconds.
NO_STOP_PROSE = (
    "the officials said on Monday that talks would resume in March after the 1998 budget of 45 million "
    "dollars rose by 12 percent last week while the minister who spoke Wednesday expects two more years "
    "of growth and 3 rounds of votes before June 30 , according to people familiar with the plan"
)
SIZES_MB = (1, 2, 5, 10)
OURS_PER_THEIRS = 5
# Bigger sizes are skipped when even linear time would take longer than this (quick, full run).
GIVE_UP_SECONDS = (15.0, 60.0)


def no_stop_text(size: int, seed: int = 42) -> str:
    rng = random.Random(seed)
    vocabulary = NO_STOP_PROSE.split()
    text = " ".join(rng.choices(vocabulary, k=size // 5))
    while utf8_size(text) < size:
        text += " " + " ".join(rng.choices(vocabulary, k=1000))
    return text[:size]


# How many variants of each text were handed out: the next one gets one more trailing space.
_variants: Counter[str] = Counter()


def uncached(text: str, runs: int) -> list[str]:
    """Variants of ``text`` no earlier call in this process has seen, so no cached result answers."""
    first = _variants[text] + 1
    _variants[text] += runs
    return [text + " " * n for n in range(first, first + runs)]


def against_dateparser(text: str, dct: date | None, runs: int) -> None:
    from dateparser.search import search_dates

    base = datetime.combine(dct or date.today(), datetime.min.time())
    settings = {"RELATIVE_BASE": base}
    search_dates("talks on Monday", languages=["en"], settings=settings)  # loads its language data
    size = utf8_size(text)
    # The two tools take turns, so a slow spell of the machine falls on both; ours, 30 times
    # quicker, runs OURS_PER_THEIRS times a turn for a median as steady as theirs.
    variants = uncached(text, runs * OURS_PER_THEIRS)
    ours_times: list[float] = []
    theirs_times: list[float] = []
    for turn in range(runs):
        theirs_times.append(median_seconds(lambda i: search_dates(text, languages=["en"], settings=settings), 1))
        first = turn * OURS_PER_THEIRS
        ours_times += [median_seconds(lambda i, v=v: extract(v, dct), 1)
                       for v in variants[first:first + OURS_PER_THEIRS]]
    ours, theirs = statistics.median(ours_times), statistics.median(theirs_times)
    found_ours = len(extract(text, dct))
    found_theirs = len(search_dates(text, languages=["en"], settings=settings) or [])
    print(f"\nagainst dateparser.search_dates (languages=['en']), same {size / 1000:.1f} KB slice, "
          f"taking turns: median of {runs} (dateparser) and {len(ours_times)} (extract)")
    print(f"  {'tool':<22}{'seconds':>10}{'MB/s':>10}{'found':>8}")
    for name, seconds, found in (("newsline extract", ours, found_ours),
                                 ("dateparser search_dates", theirs, found_theirs)):
        print(f"  {name:<22}{seconds:10.4f}{size / MB / seconds:10.3f}{found:>8}")
    print(f"  extract is {theirs / ours:.1f}x faster than dateparser on this slice")


def command(docs: list[dict], size: int, runs: int) -> None:
    """The ``newsline extract`` command itself, in a fresh process: reading JSON Lines, cutting
    sentences, tagging, writing JSON. Its documents are the corpus ones, repeated with a trailing
    space more each time until they hold ``size`` bytes of text, so none is the same as another."""
    with tempfile.TemporaryDirectory() as folder:
        big, one = Path(folder, "archive.jsonl"), Path(folder, "one.jsonl")
        text_bytes = 0
        with big.open("w", encoding="utf-8") as out:
            for copy in itertools.count():
                for d in docs:
                    text = d["text"] + " " * copy
                    out.write(json.dumps({"doc": f"{d['doc']}-{copy}", "dct": d.get("dct"), "text": text}) + "\n")
                    text_bytes += utf8_size(text)
                if text_bytes >= size:
                    break
        one.write_text(json.dumps({"doc": "one", "dct": docs[0].get("dct"), "text": docs[0]["text"]}) + "\n",
                       encoding="utf-8")

        def seconds(path: Path) -> float:
            return median_seconds(lambda i: subprocess.run(
                [sys.executable, "-m", "tui", "extract", "--jsonl", str(path), "-o", os.devnull],
                cwd=REPO, check=True), runs)

        whole, start = seconds(big), seconds(one)
    print(f"\nthe newsline extract command on {text_bytes / MB:.1f} MB of text in JSON Lines "
          f"(sentences and time expressions written), a fresh process each run: median of {runs}")
    print(f"  {whole:.2f} s, {text_bytes / MB / whole:.2f} MB/s; of which start-up and one article "
          f"{start:.2f} s, so {text_bytes / MB / (whole - start):.2f} MB/s once started")


def linearity(sizes: tuple[int, ...], give_up: float) -> None:
    print("\nlinearity: one line of news words and numbers, no full stop (one run each)")
    print(f"  {'MB':>4}{'seconds':>10}{'s/MB':>10}{'timexes':>10}")
    for k, size in enumerate(sizes):
        text = no_stop_text(size * MB)
        started = time.perf_counter()
        found = len(extract(text, date(1998, 2, 13)))
        seconds = time.perf_counter() - started
        print(f"  {size:>4}{seconds:10.3f}{seconds / size:10.3f}{found:>10}", flush=True)
        if k + 1 < len(sizes) and seconds / size * sizes[k + 1] > give_up:
            print(f"  (stopped: the next size would take over {give_up:.0f} s even at linear time)")
            return


def cache(docs: list[dict], repeats: int) -> None:
    article = max(docs, key=lambda d: len(d["text"]))
    text, dct = uncached(article["text"], 1)[0], parse_dct(article.get("dct"))
    started = time.perf_counter()
    extract(text, dct)
    first = time.perf_counter() - started
    again = median_seconds(lambda i: extract(text, dct), repeats)
    print(f"\ncache: the longest article ({utf8_size(text) / 1000:.1f} KB), extracted again with the same "
          "text and date")
    print(f"  first {first * 1e3:.3f} ms, repeated {again * 1e6:.1f} µs (median of {repeats}), "
          f"{first / again:.0f}x faster")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller texts")
    parser.add_argument("--eval", action="store_true", help="also print the TempEval-3 table on the corpus")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    label, docs = load_documents()
    corpus = "\n\n".join(d["text"] for d in docs)
    dct = parse_dct(docs[0].get("dct"))
    try:
        extract(docs[0]["text"], dct)  # loads and compiles the rules before anything is timed
    except NotImplementedError:
        print("extract is not implemented yet: nothing to measure", file=sys.stderr)
        return 1

    size = utf8_size(corpus)
    # A long run's speed: without a told table for this Python, the rule set tells its rules'
    # first pairs once it has seen FIRST_PAIRS_AFTER characters (see RuleSet.trigger_plans), so
    # that cost stays out of the medians.
    for text in uncached(corpus, -(-FIRST_PAIRS_AFTER // len(corpus))):
        extract(text, dct)
    print(f"bench_extract: {label}, {len(docs)} documents, {size / MB:.3f} MB UTF-8, Python {sys.version.split()[0]}")
    whole = uncached(corpus, runs)
    one_text = median_seconds(lambda i: extract(whole[i], dct), runs)
    per_doc = [(uncached(d["text"], runs), parse_dct(d.get("dct"))) for d in docs]
    doc_by_doc = median_seconds(lambda i: [extract(texts[i], d) for texts, d in per_doc], runs)
    print(f"\nthroughput, median of {runs}")
    print(f"  {'input':<58}{'seconds':>9}{'MB/s':>8}")
    for name, seconds in (("the concatenated texts as one text, date of the first", one_text),
                          ("document by document, each with its date (as eval does)", doc_by_doc)):
        print(f"  {name:<58}{seconds:9.4f}{size / MB / seconds:8.3f}")

    slice_ = "\n\n".join(first_texts([d["text"] for d in docs], 15_000 if args.quick else 50_000))
    against_dateparser(slice_, dct, runs)
    command(docs, (2 if args.quick else 10) * MB, runs)
    linearity(SIZES_MB[:2] if args.quick else SIZES_MB, GIVE_UP_SECONDS[0 if args.quick else 1])
    cache(docs, 20)
    if args.eval:
        print()
        return run_eval(corpus_files()[1], out=sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
