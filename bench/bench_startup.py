"""Cold start to first paint: newsline on the bundled samples against a bare Textual app, same run.

Each start is a fresh interpreter. The parent times from spawning the process to the child's
report: "ready" when Textual has painted the first frame, "article" when the first article and
its timeline are on screen (extraction runs in a worker after the first frame).

    python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
    def on_ready(self):
        print("ready", flush=True)
        print("article", flush=True)
        self.exit()
Bare().run(headless=True, size=(160, 50))
"""

NEWSLINE = """
from pathlib import Path
from tui.app.app import NewslineApp
from tui.cli import load_corpus
import tui.app.app
class Timed(NewslineApp):
    # A subclass defined in -c code has no file to resolve a relative stylesheet against.
    CSS_PATH = str(Path(tui.app.app.__file__).parent / "newsline.tcss")
    def on_ready(self):
        print("ready", flush=True)
        self.set_interval(0.005, self.check)
    def check(self):
        if self.reader.analysis is not None:
            print("article", flush=True)
            self.exit()
Timed(load_corpus([]), keymap_path=None).run(headless=True, size=(160, 50))
"""


def time_start(script: str) -> tuple[float, float]:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    marks = {}
    assert child.stdout is not None
    for line in child.stdout:
        marks[line.strip()] = time.perf_counter() - started
        if line.strip() == "article":
            break
    child.wait(timeout=60)
    return marks["ready"], marks["article"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    results = {"bare Textual app": [], "newsline (samples)": []}
    for _ in range(runs):  # interleaved, so drift on a noisy machine hits both alike
        results["bare Textual app"].append(time_start(BARE))
        results["newsline (samples)"].append(time_start(NEWSLINE))
    bare_ready = statistics.median(r[0] for r in results["bare Textual app"])
    print(f"cold start, median of {runs} runs (ms)")
    print(f"{'app':<22}{'first paint':>12}{'article shown':>15}{'x bare':>8}")
    for name, marks in results.items():
        ready = statistics.median(m[0] for m in marks)
        shown = statistics.median(m[1] for m in marks)
        print(f"{name:<22}{ready * 1000:>12.0f}{shown * 1000:>15.0f}{ready / bare_ready:>8.2f}")


if __name__ == "__main__":
    main()
