"""The command line, through its entry point and as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import main

DATA = Path(__file__).parent / "data"
GOLD = DATA / "seeds.timex.jsonl"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1",
                                            "NEWSLINE_CACHE_DIR": os.environ["NEWSLINE_CACHE_DIR"]})


def gold_docs() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_help_and_version():
    shown = run("--help")
    assert shown.returncode == 0
    for word in ("timeline", "extract", "eval", "--annotations"):
        assert word in shown.stdout
    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"newsline {__version__}"


@pytest.mark.parametrize("args", [["no/such/folder"], ["timeline", "no/such/folder"],
                                  ["extract", "no/such/file.txt"], ["extract", "--jsonl", "missing.jsonl"]])
def test_a_missing_path_is_one_line_and_status_2(args, tmp_path):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such file or folder" in result.stderr and args[-1] in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_jsonl_adds_timexes_and_sentences(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"doc": d["doc"], "dct": d["dct"], "text": d["text"]}) + "\n"
                              for d in gold_docs()), encoding="utf-8")
    assert main(["extract", "--jsonl", str(source)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["doc"] for r in records] == [d["doc"] for d in gold_docs()]
    for record in records:
        text = record["text"]
        assert record["timexes"] and record["sentences"]
        for timex in record["timexes"]:
            assert text[timex["start"]:timex["end"]] == timex["text"]
            assert set(timex) <= {"start", "end", "text", "type", "value", "mod"}
        covered = "".join(text[s["start"]:s["end"]] for s in record["sentences"])
        assert "".join(covered.split()) == "".join(text.split())


def test_extract_jsonl_reports_bad_lines_and_keeps_going(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"doc": "a", "dct": "2018-09-06", "text": "It rained on Monday."}\n{oops\n'
                      '{"doc": "c", "text": 5}\n{"doc": "d", "dct": "garbage", "text": "In June."}\n',
                      encoding="utf-8")
    assert main(["extract", "--jsonl", str(source)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["a", "d"]
    assert f"{source} line 2: not JSON" in err and f"{source} line 3" in err


def test_extract_article_files_uses_their_publication_dates(capsys):
    from tui.corpus import bundled_seeds_dir

    paths = sorted(str(p) for p in bundled_seeds_dir().glob("*.txt"))
    assert main(["extract", *paths]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["doc"], r["dct"]) for r in records] == [(d["doc"], d["dct"]) for d in gold_docs()]


def test_timeline_of_the_samples_has_the_gold_values(capsys):
    assert main(["timeline", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    found = {(r["article"], r["start"], r["value"]) for r in rows}
    expected = {(d["doc"], t["start"], t["value"]) for d in gold_docs() for t in d["timexes"]}
    assert found == expected


def test_timeline_table_and_csv(capsys):
    assert main(["timeline"]) == 0
    table = capsys.readouterr().out
    for doc in gold_docs():
        assert f"[{doc['doc']}]" in table
    assert "2018-09-18 → 2018-09-20" in table and "now (publication date)" in table
    assert main(["timeline", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"article", "label", "value", "text", "sentence_text"} <= set(rows[0])
    assert any(r["label"] == "2018-09-05" and r["text"] == "Wednesday" for r in rows)


def test_timeline_merged_across_articles(capsys):
    assert main(["timeline", "--merged"]) == 0
    out = capsys.readouterr().out
    assert "Timeline across articles" in out
    lines = [line for line in out.splitlines()[1:] if line.strip()]
    assert any("000_202bb2fb0fd93a1b" in line and "001_be709b296a6ff76e" in line for line in lines)


def test_timeline_never_sends_escape_sequences_to_the_terminal(tmp_path, capsys):
    article = tmp_path / "evil.txt"
    article.write_text("Title \x1b[2J\x1b]0;pwned\x07\n\nIt happened on Monday, Jan. 5, 2015 [bold]x[/bold].\n",
                       encoding="utf-8")
    assert main(["timeline", str(article)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "␛[2J" in out and "[bold]x[/bold]" in out


def test_eval_prints_the_tempeval_table():
    result = run("eval", str(GOLD))
    assert result.returncode == 0, result.stderr
    assert "relaxed" in result.stdout and "strict" in result.stdout and "value" in result.stdout


@pytest.mark.parametrize("command", ["extract", "timeline"])
def test_bad_input_folder_is_reported_file_by_file(command, tmp_path):
    from badinput import EXPECTED_ERRORS, make_bad_input_folder

    folder = make_bad_input_folder(tmp_path / "bad")
    result = run(command, str(folder), cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == (1 if command == "extract" else 0)
    for name, word in EXPECTED_ERRORS.items():
        line = next((line for line in result.stderr.splitlines() if name in line), "")
        assert word in line, (name, result.stderr)
    assert "\x1b" not in result.stdout
    if command == "extract":
        docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
        assert {"good", "rich_markup", "long_line"} <= docs
