"""Kill annotating processes at random moments: no acknowledged change may be lost, no file torn."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_store_support import DATA

from tui.store.document import read_contents
from tui.store.files import annotator_folder_name, article_file_name

CHILD = DATA / "store_child.py"
ROOT = Path(__file__).resolve().parents[1]
KILLS = 30


def _spawn(folder: Path, mode: str, seed: int, annotator: str = "alice") -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(CHILD), str(folder), annotator, mode, str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0, env=env)


class _Lines:
    """The child's output lines, read from the raw pipe so that no line can hide in a buffer."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.buffer = b""

    def _fill(self) -> bool:
        chunk = os.read(self.process.stdout.fileno(), 65536)
        self.buffer += chunk
        return bool(chunk)

    def next(self, deadline: float) -> list[str]:
        while b"\n" not in self.buffer:
            if time.monotonic() > deadline:
                raise AssertionError("the child stopped answering")
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready and not self._fill():
                raise AssertionError(self.process.stderr.read().decode())
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode().split()

    def rest(self) -> list[list[str]]:
        """Every complete line written before the child died."""
        while self._fill():
            pass
        lines = self.buffer.split(b"\n")[:-1]  # a half-written last line was never acknowledged
        self.buffer = b""
        return [line.decode().split() for line in lines]


def _on_disk(path: Path) -> dict[tuple[int, str], bool]:
    contents = read_contents(path)  # raises if the file is torn or invalid
    state: dict[tuple[int, str], bool] = {}
    for record in contents.annotations.values():
        for tag in record.tags:
            state[(record.sentence, tag)] = True
    return state


def test_sigkill_during_bursts_loses_no_acknowledged_change(tmp_path: Path) -> None:
    rng = random.Random(20261121)
    path = tmp_path / annotator_folder_name("alice") / article_file_name("a1")
    expected: dict[tuple[int, str], bool] = {}
    acknowledged = 0
    for run in range(KILLS):
        child = _spawn(tmp_path, "burst", seed=run)
        lines = _Lines(child)
        deadline = time.monotonic() + 30
        pending: tuple[int, str] | None = None
        target = rng.randint(1, 12)
        seen = 0
        while seen < target:
            words = lines.next(deadline)
            if words[0] == "begin":
                pending = (int(words[1]), words[2])
            elif words[0] == "ack":
                expected[(int(words[1]), words[2])] = words[3] == "1"
                pending, seen, acknowledged = None, seen + 1, acknowledged + 1
            else:
                raise AssertionError(" ".join(words))
        # Land the kill at a random point of the next change, often mid-write.
        time.sleep(rng.random() * 0.004)
        child.send_signal(signal.SIGKILL)
        child.wait()
        for words in lines.rest():
            if words and words[0] == "begin":
                pending = (int(words[1]), words[2])
            elif words and words[0] == "ack":
                expected[(int(words[1]), words[2])] = words[3] == "1"
                pending, acknowledged = None, acknowledged + 1
        disk = _on_disk(path)
        for key, value in expected.items():
            if key != pending:
                assert disk.get(key, False) == value, (run, key)
        if pending is not None:  # unacknowledged: either outcome is fine, and it is now the truth
            expected[pending] = disk.get(pending, False)
        assert set(disk) <= {k for k, v in expected.items() if v}
    assert acknowledged >= KILLS
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    child = _spawn(tmp_path, "claim", seed=0)  # a clean writer sweeps temporary files left by kills
    assert child.communicate(timeout=60)[0].strip() == b"done"
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")], leftovers


def test_two_processes_on_one_file_drop_nothing(tmp_path: Path) -> None:
    children = [_spawn(tmp_path, "claim", seed=1), _spawn(tmp_path, "quote", seed=2)]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert out.strip() == b"done", err.decode()
    contents = read_contents(tmp_path / annotator_folder_name("alice") / article_file_name("a1"))
    by_sentence = {r.sentence: r.tags for r in contents.annotations.values()}
    assert by_sentence == {s: ("claim", "quote") for s in range(1, 40, 2)}
