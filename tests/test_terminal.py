"""The real program in a real (pseudo) terminal: 80x24, monochrome and 16-colour settings."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time

import pytest

ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


def read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            seen += chunk
            if wanted in ESCAPES.sub(b"", seen).replace(b"\r", b"").replace(b"\n", b""):
                break
    return seen


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TEXTUAL_COLOR_SYSTEM": "standard"}, {}])
def test_opens_reads_and_quits_in_an_80x24_terminal(env, tmp_path):
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-m", "tui", "--annotations", str(tmp_path / "annotations")],
        stdin=follower, stdout=follower, stderr=follower, cwd=tmp_path, start_new_session=True,
        env={"PATH": os.environ.get("PATH", ""), "TERM": "xterm-256color", "HOME": str(tmp_path),
             "NEWSLINE_CACHE_DIR": os.environ["NEWSLINE_CACHE_DIR"], **env})
    os.close(follower)
    try:
        # The status line counts sentences once the article is analysed and the keys have a target.
        shown = read_until(leader, b"Sentence 1/23", 60)
        assert b"Sentence 1/23" in ESCAPES.sub(b"", shown).replace(b"\r", b"").replace(b"\n", b"")
        os.write(leader, b"j1")
        deadline = time.monotonic() + 30
        saved = []
        while time.monotonic() < deadline and not saved:
            read_until(leader, b"\x00", 0.2)
            saved = list((tmp_path / "annotations").glob("*/*.yaml"))
        assert saved, "the tag was saved while the reader runs"
        os.write(leader, b"q")
        read_until(leader, b"\x00", 2)
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(leader)
    assert "tags: [claim]" in saved[0].read_text(encoding="utf-8")
