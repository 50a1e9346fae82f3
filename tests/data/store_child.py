"""A separate annotating process for the store's crash and two-process tests.

    store_child.py FOLDER ANNOTATOR MODE SEED

Opens article "a1" (the text of tests' ``numbered_text(40)``) and, by MODE:
- ``burst``: random tag toggles forever, printing ``begin S TAG`` before each call and
  ``ack S TAG 0|1`` (the tag's state after it) once the call has returned;
- ``claim`` / ``quote``: that tag added to every sentence in a random order, then removed from the
  even ones, printing ``done`` at the end.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from test_store_support import numbered_text, open_article

SENTENCES = 40
TAGS = ("claim", "quote", "event")


def main() -> None:
    folder, annotator, mode, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rng = random.Random(seed)
    annotations = open_article(Path(folder), numbered_text(SENTENCES), annotator)
    if annotations.problem:
        print("problem", annotations.problem, flush=True)
        return
    if mode == "burst":
        while True:
            s, tag = rng.randrange(SENTENCES), rng.choice(TAGS)
            print("begin", s, tag, flush=True)
            annotations.toggle([s], tag)
            assert annotations.write_error is None, annotations.write_error
            print("ack", s, tag, int(tag in annotations.tags_of(s)), flush=True)
    order = list(range(SENTENCES))
    rng.shuffle(order)
    for s in order:
        annotations.toggle([s], mode)
    for s in order:
        if s % 2 == 0:
            annotations.toggle([s], mode)
    assert annotations.write_error is None, annotations.write_error
    print("done", flush=True)


if __name__ == "__main__":
    main()
