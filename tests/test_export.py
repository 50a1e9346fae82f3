"""Export rows and stats over an annotations folder (issue 4 item 8)."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date
from pathlib import Path

import pytest
from test_store_support import article, default_tagset, numbered_text, split

from tui.store.annotations import AnnotationStore
from tui.store.export import (
    EXPORT_COLUMNS,
    OVERALL,
    export_rows,
    format_stats,
    gold_record,
    stats,
    write_csv,
    write_jsonl,
)
from tui.temporal.model import Timex

TEXT = numbered_text(10)


def _annotate(folder: Path, annotator: str, tags: dict[str, list[int]], text: str = TEXT,
              article_id: str = "a1"):
    notes = AnnotationStore(folder, annotator, default_tagset()).open(article(text, article_id), split(text))
    for tag, indices in tags.items():
        notes.toggle(indices, tag)
    return notes


def _articles(text: str = TEXT) -> dict:
    a = article(text, "a1", title="Talks")
    a.published, a.published_from = date(2018, 9, 6), "metadata"
    return {"a1": a}


def test_one_row_per_sentence_and_tag(tmp_path: Path) -> None:
    notes = _annotate(tmp_path, "alice", {"claim": [1, 2], "quote": [2]})
    notes.set_note(2, "check")
    notes.set_note(7, "a note without tags")
    seen = []

    def dates_for(a, annotator, start, end):
        seen.append((a.id, annotator, start, end))
        return [f"2018-09-{a.text[start:end].split()[2]:0>2}"]

    rows = export_rows(tmp_path, _articles(), dates_for)
    assert rows.problems == []
    assert [(r["sentence"], r["tag"], r["note"]) for r in rows] == [
        (1, "claim", ""), (2, "claim", "check"), (2, "quote", "check"), (7, "", "a note without tags")]
    first = rows[0]
    assert set(first) == set(EXPORT_COLUMNS)
    s = split(TEXT)[1]
    assert first == {"article_id": "a1", "title": "Talks", "published": "2018-09-06", "annotator": "alice",
                     "sentence": 1, "start": s.start, "end": s.end, "text": TEXT[s.start:s.end], "tag": "claim",
                     "note": "", "dates": ["2018-09-01"], "anchor": "stored"}
    assert ("a1", "alice", s.start, s.end) in seen


def test_csv_and_jsonl_writers(tmp_path: Path) -> None:
    _annotate(tmp_path, "alice", {"claim": [3]})
    rows = export_rows(tmp_path, _articles(), lambda a, who, s, e: ["2018-09-06", "2018-W36"])
    out = io.StringIO()
    write_csv(rows, out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["tag"] == "claim" and row["dates"] == "2018-09-06; 2018-W36" and row["sentence"] == "3"
    out = io.StringIO()
    write_jsonl(rows, out)
    assert json.loads(out.getvalue())["dates"] == ["2018-09-06", "2018-W36"]


def test_export_without_the_article_and_with_a_broken_file(tmp_path: Path) -> None:
    _annotate(tmp_path, "alice", {"event": [4]})
    broken = tmp_path / "bob" / "x.yaml"
    broken.parent.mkdir()
    broken.write_text("schema: [newsline\n")
    rows = export_rows(tmp_path, {})
    assert [(r["title"], r["tag"], r["dates"], r["published"]) for r in rows] == [("", "event", [], "")]
    assert len(rows.problems) == 1 and str(broken) in rows.problems[0]


def test_export_reanchors_on_edited_articles(tmp_path: Path) -> None:
    _annotate(tmp_path, "alice", {"claim": [0]})
    edited = "An added opening sentence. " + TEXT
    rows = export_rows(tmp_path, _articles(edited), split=split)
    assert [(r["sentence"], r["anchor"], r["text"]) for r in rows] == [
        (1, "moved", TEXT[: split(TEXT)[0].end])]


def test_stats_counts_and_agreement(tmp_path: Path) -> None:
    _annotate(tmp_path, "alice", {"claim": [0, 1, 2, 3], "quote": [5]})
    _annotate(tmp_path, "bob", {"claim": [0, 1, 2, 5]})
    _annotate(tmp_path, "alice", {"event": [0]}, article_id="solo")
    report = stats(tmp_path, tags=("claim", "quote"))
    assert report.counts == {"alice": {"claim": 4, "quote": 1, "event": 1}, "bob": {"claim": 4}}
    assert report.articles == {"alice": 2, "bob": 1} and report.shared_articles == 1
    claim = report.agreement[0]
    assert claim.tag == "claim" and claim.units == 10
    # By hand for 10 sentences, alice {0,1,2,3}, bob {0,1,2,5}: po = 0.8, both 40 % "claim".
    assert claim.cohen[("alice", "bob")] == pytest.approx((0.8 - 0.52) / 0.48)
    assert claim.fleiss == pytest.approx((0.8 - 0.52) / 0.48)
    assert claim.krippendorff == pytest.approx(1 - 19 * 4 / 192)
    assert claim.gwet_ac1 == pytest.approx((0.8 - 0.48) / 0.52)
    assert [a.tag for a in report.agreement] == ["claim", "quote", "event", OVERALL]
    assert report.agreement[-1].units == 30
    assert math.isnan(report.agreement[2].krippendorff)  # nobody tagged "event" on the shared article
    text = format_stats(report)
    assert "0.583" in text and "cohen alice~bob" in text and "n/a" in text


def test_stats_with_missing_annotators_and_different_versions(tmp_path: Path) -> None:
    _annotate(tmp_path, "alice", {"claim": [0]})
    _annotate(tmp_path, "bob", {"claim": [0]})
    _annotate(tmp_path, "carol", {"claim": [0]}, text=numbered_text(11))
    _annotate(tmp_path, "alice", {"claim": [1]}, article_id="b")
    _annotate(tmp_path, "carol", {"claim": [1]}, article_id="b")
    report = stats(tmp_path)
    assert report.shared_articles == 1 and "different versions" in report.problems[0]
    (claim,) = report.agreement
    # Only article "b" counts (a1 was read in two versions): bob has no shared article left.
    assert claim.units == 10 and claim.krippendorff == pytest.approx(1.0)
    assert claim.cohen == {("alice", "carol"): pytest.approx(1.0)}


def test_stats_on_an_empty_folder(tmp_path: Path) -> None:
    report = stats(tmp_path)
    assert report.counts == {} and report.agreement == []
    assert "none" in format_stats(report)


def test_pairs_without_a_shared_article_have_no_cohen(tmp_path: Path) -> None:
    _annotate(tmp_path, "alice", {"claim": [0]})
    _annotate(tmp_path, "bob", {"claim": [0, 1]})
    _annotate(tmp_path, "alice", {"claim": [2]}, article_id="b")
    _annotate(tmp_path, "carol", {"claim": [2]}, article_id="b")
    (claim,) = stats(tmp_path).agreement
    assert claim.units == 20
    assert math.isnan(claim.cohen[("bob", "carol")])
    assert claim.cohen[("alice", "carol")] == pytest.approx(1.0)
    # Krippendorff's alpha by hand: 20 units rated twice, one disagreement (sentence 1 of a1);
    # values: 4 "tagged" + 1 vs 35: n = 40, sum n_c^2 = 5^2 + 35^2.
    assert claim.krippendorff == pytest.approx(1 - 39 * 2 / (40 * 40 - 25 - 35 * 35))


def test_gold_record_has_the_gold_file_shape() -> None:
    a = _articles()["a1"]
    start = TEXT.index("day 3")
    timexes = [Timex(start, start + 5, "day 3", "DATE", "2018-09-03")]
    record = gold_record(a, timexes)
    assert record == {"doc": "a1", "dct": "2018-09-06", "text": TEXT, "timexes": [
        {"start": start, "end": start + 5, "text": "day 3", "type": "DATE", "value": "2018-09-03"}]}
    a.published = None
    assert gold_record(a, [])["dct"] is None
