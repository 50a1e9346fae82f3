"""Timeline corrections saved with the annotations (issue 4 item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_store_support import open_article

from tui.store.document import Correction
from tui.temporal.model import Timex

TEXT = "They met on Monday. The deal was signed last week. A vote follows in spring. Talks resume soon."


def _timex(phrase: str, type_: str, value: str) -> Timex:
    start = TEXT.index(phrase)
    return Timex(start, start + len(phrase), phrase, type_, value, anchor="dct")


TAGGER = [_timex("Monday", "DATE", "2018-09-03"), _timex("last week", "DATE", "2018-W35"),
          _timex("soon", "DATE", "FUTURE_REF")]


def test_revalue_reject_and_add(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    assert notes.add_correction(Correction.revalue(TAGGER[1], "2018-W34"))
    assert notes.add_correction(Correction.reject(TAGGER[2]))
    spring = TEXT.index("spring")
    assert notes.add_correction(Correction.add(spring, spring + 6, "spring", "DATE", "2019-SP"))
    applied = notes.apply_corrections(TAGGER)
    assert [(t.text, t.value, t.anchor) for t in applied] == [
        ("Monday", "2018-09-03", "dct"), ("last week", "2018-W34", None), ("spring", "2019-SP", None)]
    saved = yaml.safe_load(notes.path.read_text())["corrections"]
    assert [(c["text"], c["kind"], c.get("original"), c.get("value")) for c in saved] == [
        ("last week", "value", "2018-W35", "2018-W34"), ("spring", "add", None, "2019-SP"),
        ("soon", "reject", "FUTURE_REF", None)]
    again = open_article(tmp_path, TEXT)
    assert again.apply_corrections(TAGGER) == applied


def test_corrections_undo_replace_and_remove(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.add_correction(Correction.revalue(TAGGER[0], "2018-09-10"))
    notes.add_correction(Correction.revalue(TAGGER[0], "2018-09-17"))  # replaces, one correction per span
    assert [c.value for c in notes.corrections] == ["2018-09-17"]
    assert not notes.add_correction(Correction.revalue(TAGGER[0], "2018-09-17"))
    assert notes.undo() and [c.value for c in notes.corrections] == ["2018-09-10"]
    assert notes.remove_correction(TAGGER[0].start, TAGGER[0].end) and notes.corrections == []
    assert not notes.remove_correction(TAGGER[0].start, TAGGER[0].end)
    assert notes.undo() and notes.redo() and notes.corrections == []
    assert yaml.safe_load(notes.path.read_text())["corrections"] == []


def test_added_expression_replaces_overlapping_tagger_output(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    start = TEXT.index("signed last week")
    notes.add_correction(Correction.add(start, start + 16, "signed last week", "DATE", "2018-W35"))
    assert [t.text for t in notes.apply_corrections(TAGGER)] == ["Monday", "signed last week", "soon"]


def test_correction_must_match_the_text(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    with pytest.raises(ValueError, match="not the article's text"):
        notes.add_correction(Correction.add(0, 4, "Nope", "DATE", "2018"))


def test_corrections_follow_edits_and_go_stale_when_their_text_goes(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.add_correction(Correction.revalue(TAGGER[1], "2018-W34"))
    notes.add_correction(Correction.reject(TAGGER[2]))
    edited = "Breaking. " + TEXT.replace(" Talks resume soon.", "")
    again = open_article(tmp_path, edited)
    shifted = Timex(TAGGER[1].start + 10, TAGGER[1].end + 10, "last week", "DATE", "2018-W35")
    assert [t.value for t in again.apply_corrections([shifted])] == ["2018-W34"]
    assert [c.text for c in again.stale_corrections] == ["soon"]
    again.toggle([0], "claim")
    kept = yaml.safe_load(again.path.read_text())["corrections"]
    assert sorted(c["text"] for c in kept) == ["last week", "soon"]


def test_two_sessions_merge_corrections(tmp_path: Path) -> None:
    one, two = open_article(tmp_path, TEXT), open_article(tmp_path, TEXT)
    one.add_correction(Correction.reject(TAGGER[2]))
    two.add_correction(Correction.revalue(TAGGER[0], "2018-09-10"))
    final = open_article(tmp_path, TEXT)
    assert sorted(c.kind for c in final.corrections) == ["reject", "value"]
