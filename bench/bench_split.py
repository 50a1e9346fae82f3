"""Speed of the sentence splitter against pysbd on the same texts, in the same run.

Both split every document of the corpus (TimeBank + AQUAINT from ../shared/gold, or the annotated
samples when that is missing) one by one, with character offsets: ``split_sentences(text)`` and
``pysbd.Segmenter(language="en", clean=False, char_span=True).segment(text)``. The figure is
UTF-8 bytes over the median time of a pass over all documents. Target: >= 10x pysbd.

    python bench/bench_split.py [--quick]
"""

from __future__ import annotations

import argparse
import sys

from _common import first_texts, load_documents, median_seconds, utf8_size

from tui.text import split_sentences

TARGET_RATIO = 10.0
# pysbd runs at a few hundred KB/s: the quick run gives it the first documents only.
QUICK_BYTES = 100_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs, the first 100 KB of documents")
    args = parser.parse_args()
    import pysbd

    label, docs = load_documents()
    texts = [d["text"] for d in docs]
    if args.quick:
        texts = first_texts(texts, QUICK_BYTES)
    size = sum(utf8_size(t) for t in texts)
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    ours_runs, theirs_runs = (5, 2) if args.quick else (15, 3)

    ours = median_seconds(lambda _: [split_sentences(t) for t in texts], ours_runs)
    theirs = median_seconds(lambda _: [segmenter.segment(t) for t in texts], theirs_runs)
    count_ours = sum(len(split_sentences(t)) for t in texts)
    count_theirs = sum(len(segmenter.segment(t)) for t in texts)

    print(f"bench_split: {label}, {len(texts)} documents, {size / 1e6:.3f} MB UTF-8, "
          f"Python {sys.version.split()[0]}")
    print(f"  {'splitter':<18}{'runs':>5}{'median s':>10}{'MB/s':>9}{'sentences':>11}")
    for name, runs, seconds, count in (("newsline", ours_runs, ours, count_ours),
                                       ("pysbd 0.3 (spans)", theirs_runs, theirs, count_theirs)):
        print(f"  {name:<18}{runs:>5}{seconds:10.4f}{size / 1e6 / seconds:9.3f}{count:>11}")
    ratio = theirs / ours
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(f"  newsline is {ratio:.1f}x faster than pysbd (target >= {TARGET_RATIO:.0f}x: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
