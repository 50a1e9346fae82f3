"""The compiled regexes kept between runs: a second load compiles nothing and finds the same,
and a cache file that is wrong in any way costs only the compile."""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tui.temporal import engine
from tui.temporal.regex_cache import RegexCache, default_folder

TEXT = ("WASHINGTON, March 15 (AP) - The talks that began Monday will resume at 9:30 a.m. next "
        "Tuesday, three weeks after the first round in late February 1998, officials said. "
        "Every week since the 1990s, twice a year, the 2nd quarter...")
DCT = dt.date(1998, 3, 15)


def load(folder: Path | None) -> tuple[engine.RuleSet, RegexCache, int]:
    """The shipped rules loaded as ``engine.ruleset`` loads them, the cache, and how many
    regexes were compiled from their source."""
    regexes = RegexCache(folder)
    rules = engine.load_rules(regexes)
    return rules, regexes, regexes.compiled


def found(rules: engine.RuleSet) -> list[tuple]:
    return [(t.start, t.end, t.type, t.value, t.mod)
            for t in engine.run(rules, TEXT, DCT, engine.local_sentence_bounds(TEXT))]


@pytest.fixture(scope="module")
def plain() -> list[tuple]:
    """What the rules find compiled by ``re.compile``, with no cache at all."""
    rules, regexes, compiled = load(None)
    assert regexes.path is None and compiled > 300
    return found(rules)


def test_a_second_load_compiles_nothing_and_finds_the_same(tmp_path, plain):
    first, regexes, compiled = load(tmp_path)
    assert compiled > 300
    assert regexes.path is not None and regexes.path.parent == tmp_path and regexes.path.is_file()
    assert found(first) == plain
    again, _, compiled = load(tmp_path)
    assert compiled == 0
    assert found(again) == plain
    for old, new in zip(first.rules, again.rules, strict=True):
        assert (new.source, [g[:3] for g in new.groups]) == (old.source, [g[:3] for g in old.groups])
    for name in ("word_trigger_regex", "digit_trigger_regex", "tense_regex", "not_past_after"):
        old, new = getattr(first, name), getattr(again, name)
        assert (new.pattern, new.flags, new.groupindex) == (old.pattern, old.flags, old.groupindex)
        assert [m.span() for m in new.finditer(TEXT.lower())] == [m.span() for m in old.finditer(TEXT.lower())]


def test_a_regex_compiled_from_the_cache_is_the_one_re_compiles():
    regexes = RegexCache(None)
    for source, flags in ((r"(?P<day>\d{1,2})\s+(?P<month>[a-z]+)", re.IGNORECASE), (r"(?<![\w.])ab(?!\w)", 0)):
        ours, theirs = regexes.compile(source, flags), re.compile(source, flags)
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
            theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
        text = "On 12 March and 3 APRIL, ab, xab, ab."
        assert [m.groups() for m in ours.finditer(text)] == [m.groups() for m in theirs.finditer(text)]


def test_a_bad_pattern_is_still_an_error():
    with pytest.raises(re.error):
        RegexCache(None).compile("(unclosed")


def payload_file(path: Path, entries: list) -> None:
    payload = zlib.compress(marshal.dumps(entries))
    path.write_bytes(b"newsline regex cache 1\n" + hashlib.sha256(payload).digest() + payload)


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "other header", "not marshal"])
def test_a_damaged_file_is_compiled_afresh_and_rewritten(tmp_path, plain, damage):
    path = load(tmp_path)[1].path
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[:len(data) // 2])
    elif damage == "flipped":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "garbage":
        path.write_bytes(bytes(range(256)) * 10)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other header":
        path.write_bytes(b"newsline regex cache 0\n" + data[len(b"newsline regex cache 1\n"):])
    else:
        payload = zlib.compress(b"\xff not marshal data")
        path.write_bytes(b"newsline regex cache 1\n" + hashlib.sha256(payload).digest() + payload)
    rules, _, compiled = load(tmp_path)
    assert compiled > 300
    assert found(rules) == plain
    assert load(tmp_path)[2] == 0  # the file was written again, whole


def test_code_the_regex_engine_refuses_is_compiled_afresh(tmp_path):
    regexes = RegexCache(tmp_path)
    payload_file(regexes.path, [("ab+", 0, 0, b"\x00" * 12, 0, {}, (None,))])
    regexes = RegexCache(tmp_path)
    assert regexes.compile("ab+").fullmatch("abbb")
    assert regexes.compiled == 1


def test_a_folder_that_cannot_be_written_costs_only_the_compile(tmp_path, plain):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    rules, _, compiled = load(blocker / "cache")
    assert found(rules) == plain
    assert not (blocker / "cache").exists()
    assert compiled > 300


def test_the_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSLINE_CACHE_DIR", str(tmp_path / "here"))
    assert default_folder() == tmp_path / "here"
    monkeypatch.setenv("NEWSLINE_CACHE_DIR", "")
    assert default_folder() is None
    monkeypatch.delenv("NEWSLINE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "newsline"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_folder() == tmp_path / "home" / ".cache" / "newsline"


def test_the_command_keeps_its_regexes_and_gives_the_same_output_from_them(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    cache = tmp_path / "cache"

    def command() -> str:
        result = subprocess.run([sys.executable, "-m", "tui", "extract", str(article)], capture_output=True,
                                text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "NEWSLINE_CACHE_DIR": str(cache)})
        assert result.returncode == 0, result.stderr
        return result.stdout

    first = command()
    assert [p.name for p in cache.iterdir()] and all(p.name.startswith("regexes-") for p in cache.iterdir())
    stamp = [p.stat().st_mtime_ns for p in cache.iterdir()]
    assert command() == first
    assert [p.stat().st_mtime_ns for p in cache.iterdir()] == stamp  # nothing new to keep: not written again
