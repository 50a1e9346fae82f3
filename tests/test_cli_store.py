"""The annotation commands: export, stats, extract --corrected, and the reader's annotation options."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.analysis import analyze
from tui.app.annotation import bundled_tagset_path
from tui.cli import _reader_parser, default_annotator, main
from tui.corpus import bundled_seeds_dir, load_articles
from tui.store import AnnotationStore, Correction, load_tagset

FIRST = "000_202bb2fb0fd93a1b"


@pytest.fixture
def articles():
    return {a.id: a for a in load_articles([bundled_seeds_dir()])}


def annotate(folder: Path, annotator: str, article, changes) -> None:
    """Annotate as the reader does, through the store."""
    store = AnnotationStore(folder, annotator, load_tagset(bundled_tagset_path()))
    annotations = store.open(article, analyze(article).sentences)
    changes(annotations)
    assert annotations.write_error is None


def test_export_csv_has_a_row_per_sentence_and_tag(tmp_path, articles, capsys):
    article = articles[FIRST]
    annotate(tmp_path, "alice", article, lambda a: (a.toggle([0], "claim"), a.toggle([0], "event"),
                                                    a.set_note(0, "letter from Moon")))
    assert main(["export", "--format", "csv", "--annotations", str(tmp_path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["sentence"], r["tag"]) for r in rows] == [("0", "claim"), ("0", "event")]
    row = rows[0]
    sentence = analyze(article).sentences[0]
    assert row["article_id"] == FIRST and row["annotator"] == "alice"
    assert row["title"] == article.title and row["published"] == "2018-09-06"
    assert row["text"] == article.text[sentence.start:sentence.end]
    assert row["note"] == "letter from Moon"
    assert row["dates"] == "2018-09-05"  # "on Wednesday", normalized
    assert row["anchor"] == "exact"


def test_export_dates_carry_each_annotators_corrections(tmp_path, articles, capsys):
    article = articles[FIRST]
    wednesday = next(t for t in analyze(article).timexes if t.text == "Wednesday")
    annotate(tmp_path, "alice", article, lambda a: (a.toggle([0], "claim"),
                                                    a.add_correction(Correction.revalue(wednesday, "2018-09-04"))))
    annotate(tmp_path, "bob", article, lambda a: a.toggle([0], "claim"))
    assert main(["export", "--format", "csv", "--annotations", str(tmp_path)]) == 0
    rows = {r["annotator"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["alice"]["dates"] == "2018-09-04"  # her correction
    assert rows["bob"]["dates"] == "2018-09-05"  # the tagger's value: bob corrected nothing


def test_export_jsonl_to_a_file(tmp_path, articles):
    annotate(tmp_path, "bob", articles[FIRST], lambda a: a.toggle([1, 2], "quote"))
    out = tmp_path / "rows.jsonl"
    assert main(["export", "--format", "jsonl", "--annotations", str(tmp_path), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["sentence"], r["tag"]) for r in rows] == [(1, "quote"), (2, "quote")]
    assert "2018-09-18/2018-09-20" in rows[0]["dates"]


def test_export_reports_a_broken_file_and_keeps_the_rest(tmp_path, articles, capsys):
    annotate(tmp_path, "alice", articles[FIRST], lambda a: a.toggle([0], "claim"))
    broken = tmp_path / "carol" / "x.yaml"
    broken.parent.mkdir()
    broken.write_text("schema: [\n", encoding="utf-8")
    assert main(["export", "--annotations", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1
    assert str(broken) in err


def test_export_and_stats_need_the_folder(tmp_path, capsys):
    for command in ("export", "stats"):
        assert main([command, "--annotations", str(tmp_path / "nowhere")]) == 2
        assert "no such file or folder" in capsys.readouterr().err


def test_stats_counts_tags_and_measures_agreement(tmp_path, articles, capsys):
    article = articles[FIRST]
    annotate(tmp_path, "alice", article, lambda a: (a.toggle([0, 1, 2], "claim"), a.toggle([3], "quote")))
    annotate(tmp_path, "bob", article, lambda a: (a.toggle([0, 1], "claim"), a.toggle([3], "quote")))
    assert main(["stats", "--annotations", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    header = next(line.split() for line in lines if line.startswith("annotator"))
    alice = next(line.split() for line in lines if line.startswith("alice"))
    bob = next(line.split() for line in lines if line.startswith("bob"))
    assert dict(zip(header, alice, strict=True))["claim"] == "3"
    assert dict(zip(header, bob, strict=True))["claim"] == "2"
    assert "1 article(s) tagged by several annotators" in out
    quote = next(line.split() for line in lines if line.startswith("quote"))
    assert quote[2:] == ["1.000"] * 4  # both tagged only sentence 3 as a quote: full agreement


def test_extract_corrected_writes_gold_jsonl(tmp_path, articles, capsys):
    article = articles[FIRST]
    timexes = {t.text: t for t in analyze(article).timexes}
    wednesday, this_year = timexes["Wednesday"], timexes["this year"]
    at = article.text.index("the third meeting")

    def corrections(a) -> None:
        a.add_correction(Correction.revalue(wednesday, "2018-09-04"))
        a.add_correction(Correction.reject(this_year))
        a.add_correction(Correction.add(at, at + len("the third meeting"), "the third meeting", "DATE", "2018-09"))

    annotate(tmp_path, "alice", article, corrections)
    path = str(article.path)
    assert main(["extract", "--corrected", "--annotations", str(tmp_path), "--annotator", "alice", path]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(record) == {"doc", "dct", "text", "timexes"}
    assert (record["doc"], record["dct"]) == (FIRST, "2018-09-06") and record["text"] == article.text
    found = {(t["start"], t["text"]): t for t in record["timexes"]}
    assert found[(wednesday.start, "Wednesday")]["value"] == "2018-09-04"
    assert (this_year.start, "this year") not in found
    assert found[(at, "the third meeting")]["value"] == "2018-09"
    assert [t["start"] for t in record["timexes"]] == sorted(t["start"] for t in record["timexes"])
    # Another annotator's corrections are theirs: bob gets the tagger's values.
    assert main(["extract", "--corrected", "--annotations", str(tmp_path), "--annotator", "bob", path]) == 0
    out, err = capsys.readouterr()
    [plain] = [json.loads(line) for line in out.splitlines()]
    assert "no annotations by 'bob'" in err
    assert [t["value"] for t in plain["timexes"]] == [t.value for t in analyze(article).timexes]


def test_extract_corrected_leaves_out_an_article_whose_file_is_broken(tmp_path, articles, capsys):
    article = articles[FIRST]
    store = AnnotationStore(tmp_path, "alice", load_tagset(bundled_tagset_path()))
    path = store.path_for(article.id)
    path.parent.mkdir(parents=True)
    path.write_text("schema: newsline/1\ncorrections: 5\n", encoding="utf-8")
    assert main(["extract", "--corrected", "--annotations", str(tmp_path), "--annotator", "alice",
                 str(article.path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and str(path) in err
    assert main(["extract", "--corrected", "--jsonl", "x.jsonl"]) == 2


def test_reader_options(tmp_path):
    args = _reader_parser().parse_args(["--annotations", str(tmp_path), "--annotator", "alice", "--tagset", "t.yaml"])
    assert (args.annotations, args.annotator, args.tagset) == (tmp_path, "alice", Path("t.yaml"))
    defaults = _reader_parser().parse_args([])
    assert defaults.annotator is None and defaults.tagset is None
    assert default_annotator()


def test_default_annotator_without_a_login_name(monkeypatch):
    def no_name() -> str:
        raise OSError("no login name")

    monkeypatch.setattr("getpass.getuser", no_name)
    assert default_annotator() == "anonymous"


def test_help_lists_the_annotation_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    for word in ("export", "stats", "--corrected", "--annotator", "--tagset"):
        assert word in shown
