"""The annotation store: file names and format, toggling, notes, undo/redo, merging, failures."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_support import article, default_tagset, numbered_text, open_article, split

import tui.store.annotations as annotations_module
from tui.store.annotations import AnnotationStore
from tui.store.document import SCHEMA, Annotation, Renderer, header, merge_annotations, read_contents
from tui.store.files import annotator_folder_name, article_file_name, dump_yaml

TEXT = numbered_text(10)


# --- file names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("article_id", ["../../etc/passwd", "a/b\\c", "", ".hidden", "con", "x" * 500,
                                        "日本語の記事", "a\x00b", " spaced  id "])
def test_article_file_names_are_plain_names_in_the_folder(tmp_path: Path, article_id: str) -> None:
    name = article_file_name(article_id)
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and name.endswith(".yaml") and len(name) < 100
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


@given(st.text(max_size=30), st.text(max_size=30))
def test_distinct_ids_never_share_a_file(a: str, b: str) -> None:
    if a != b:
        assert article_file_name(a).lower() != article_file_name(b).lower()


def test_annotator_folders() -> None:
    assert annotator_folder_name("alice") == "alice"
    assert annotator_folder_name("Alice") != annotator_folder_name("alice")
    assert annotator_folder_name("Alice").lower() != "alice"
    for name in ("../x", "", "nul", "a b"):
        folder = annotator_folder_name(name)
        assert "/" not in folder and not folder.startswith(".") and folder


# --- tagging, notes, persistence -----------------------------------------------------------------


def test_tag_is_on_disk_when_toggle_returns_and_after_reopening(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    assert notes.toggle([2], "claim")
    data = yaml.safe_load(notes.path.read_text())
    assert [(a["sentence"], a["tags"]) for a in data["annotations"]] == [(2, ["claim"])]
    again = open_article(tmp_path, TEXT)
    assert again.tags_of(2) == ("claim",) and again.tags_of(1) == ()
    assert again.path == tmp_path / "alice" / article_file_name("a1")


def test_file_layout_keys_and_types(tmp_path: Path) -> None:
    a = article(TEXT)
    a.published, a.published_from = date(2018, 9, 6), "metadata"
    notes = AnnotationStore(tmp_path, "alice", default_tagset()).open(a, split(TEXT))
    notes.toggle([3], "quote")
    notes.set_note(3, "attributed to unnamed officials")
    data = yaml.safe_load(notes.path.read_text())
    assert list(data) == ["schema", "document", "tagset", "annotator", "saved_at", "annotations", "corrections"]
    assert data["schema"] == SCHEMA and data["annotator"] == "alice"
    assert data["document"] == {"id": "a1", "path": "seeds/a1.txt", "sha256": a.sha256, "length": len(TEXT),
                                "sentences": 10, "published": date(2018, 9, 6), "published_from": "metadata"}
    assert data["tagset"] == {"name": "default", "version": 1}
    (record,) = data["annotations"]
    assert list(record) == ["id", "sentence", "start", "end", "exact", "prefix", "suffix", "tags", "note",
                            "created", "modified"]
    s = split(TEXT)[3]
    assert (record["start"], record["end"], record["exact"]) == (s.start, s.end, TEXT[s.start:s.end])
    assert record["prefix"] == TEXT[s.start - 32:s.start] and record["suffix"] == TEXT[s.end:s.end + 32]
    assert record["note"] == "attributed to unnamed officials" and record["created"] <= record["modified"]
    assert "tags: [quote]" in notes.path.read_text()


def test_rendered_file_equals_one_full_dump(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.toggle([1, 4, 7], "claim")
    notes.set_note(4, "two\nlines")
    notes.toggle([4], "event")
    on_disk = notes.path.read_text()
    data = yaml.safe_load(on_disk)
    rebuilt = header(data["document"], data["tagset"], data["annotator"], data["saved_at"])
    rebuilt["annotations"] = [r.to_yaml() for r in notes.annotations]
    rebuilt["corrections"] = []
    assert on_disk == dump_yaml(rebuilt)
    assert "note: |-\n    two\n    lines\n" in on_disk


_TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(exact=_TEXTS, note=st.none() | _TEXTS, tags=st.lists(st.sampled_from(["claim", "x-y", "0"]), unique=True))
def test_any_record_survives_a_round_trip(exact: str, note: str | None, tags: list[str]) -> None:
    record = Annotation("0123", 1, 2, 3, exact, exact[:5], exact[-5:], tuple(tags), note, "t1", "t2")
    text = Renderer().render(header({}, {}, "bob", "t"), [record], [])
    loaded = yaml.safe_load(text)["annotations"][0]
    assert (loaded["exact"], loaded["note"], loaded["tags"], loaded["id"]) == (exact, note, tags, "0123")


@pytest.mark.parametrize("note", ["\n", "\n\n", "ends in a blank line\n\n", "two\nlines\n"])
def test_a_note_ending_in_line_breaks_keeps_the_file_one_document(note: str) -> None:
    # A literal block keeping its last line breaks made PyYAML close the document ("..."), and the
    # next record or the corrections list then broke the file.
    record = Annotation("0123", 1, 2, 3, "x", "x", "x", (), note, "t1", "t2")
    text = Renderer().render(header({}, {}, "bob", "t"), [record, replace(record, id="0124", start=4)], [])
    assert b"\n...\n" not in text
    assert [a["note"] for a in yaml.safe_load(text)["annotations"]] == [note, note]


def test_toggle_on_a_range_adds_to_all_unless_all_have_it(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.toggle([2], "claim")
    notes.toggle([1, 2, 3], "claim")  # some have it: add to all
    assert notes.tagged_indices("claim") == [1, 2, 3]
    notes.toggle([3, 2, 1], "claim")  # all have it: remove from all
    assert notes.tagged_indices() == [] and notes.annotations == []
    notes.undo()
    assert notes.tagged_indices("claim") == [1, 2, 3]
    notes.undo()
    assert notes.tagged_indices("claim") == [2]


def test_several_tags_notes_counts_and_navigation(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.toggle([5], "quote")
    notes.toggle([5], "claim")
    notes.toggle([8], "event")
    assert notes.tags_of(5) == ("claim", "quote")  # tag-set order, whatever the order of keys
    assert notes.tagged_indices() == [5, 8] and notes.tagged_indices("event") == [8]
    assert notes.counts()["claim"] == 1 and notes.counts()["background"] == 0
    assert notes.set_note(5, "  why  ") and notes.note_of(5) == "why"
    assert not notes.set_note(5, "why")
    assert notes.set_note(9, "only a note") and notes.tagged_indices() == [5, 8]
    assert notes.set_note(9, "   ") and notes.note_of(9) is None and 9 not in {a.sentence for a in notes.annotations}
    assert not notes.toggle([], "claim") and not notes.toggle([99], "claim")


def test_undo_redo_reach_back_over_saved_changes_and_branch_like_vim(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path, "alice", default_tagset())
    a = article(TEXT)
    notes = store.open(a, split(TEXT))
    notes.toggle([0], "claim")
    notes.set_note(0, "first")
    notes.toggle([1], "quote")
    assert store.open(a, split(TEXT)) is notes  # the session keeps one history per article
    assert notes.undo() and notes.undo()
    assert notes.tags_of(1) == () and notes.note_of(0) is None
    assert open_article(tmp_path, TEXT).note_of(0) is None  # undo is saved too
    assert notes.redo() and notes.note_of(0) == "first"
    notes.toggle([2], "event")  # drops the redo of the quote
    assert not notes.redo()
    assert notes.undo() and notes.undo() and notes.undo()
    assert notes.annotations == [] and not notes.undo()
    assert yaml.safe_load(notes.path.read_text())["annotations"] == []


def test_unknown_fields_and_tags_are_kept(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.toggle([1], "claim")
    text = notes.path.read_text().replace("tags: [claim]", "tags: [claim, mine]\n  reviewer: bob")
    notes.path.write_text(text)
    again = open_article(tmp_path, TEXT)
    assert again.tags_of(1) == ("claim", "mine")
    again.toggle([1], "quote")
    data = yaml.safe_load(again.path.read_text())["annotations"][0]
    assert data["tags"] == ["claim", "quote", "mine"] and data["reviewer"] == "bob"


# --- two writers ------------------------------------------------------------------------------------


def test_two_sessions_on_one_file_merge_instead_of_overwriting(tmp_path: Path) -> None:
    one, two = open_article(tmp_path, TEXT), open_article(tmp_path, TEXT)
    one.toggle([1], "claim")
    two.toggle([2], "quote")
    two.toggle([1], "event")  # same sentence, other tag: both kept
    one.toggle([3], "claim")
    assert one.tags_of(1) == ("claim", "event") and one.tags_of(2) == ("quote",)
    one.toggle([2], "quote")  # a removal made after merging travels too
    two.set_note(3, "from two")
    final = open_article(tmp_path, TEXT)
    assert {i: final.tags_of(i) for i in final.tagged_indices()} == {1: ("claim", "event"), 3: ("claim",)}
    assert final.note_of(3) == "from two"
    assert len(final.annotations) == 2  # one record per sentence, however many writers


def test_concurrent_note_edits_go_to_the_later_one(tmp_path: Path) -> None:
    one, two = open_article(tmp_path, TEXT), open_article(tmp_path, TEXT)
    one.set_note(4, "early")
    two.set_note(4, "late")
    assert open_article(tmp_path, TEXT).note_of(4) == "late"
    assert one.refresh() and one.note_of(4) == "late" and not one.refresh()


# --- failures ------------------------------------------------------------------------------------


def test_failed_write_is_kept_reported_and_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.toggle([0], "claim")

    def full(path: Path, data: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    real = annotations_module.atomic_write
    monkeypatch.setattr(annotations_module, "atomic_write", full)
    assert notes.toggle([1], "claim")
    assert notes.tags_of(1) == ("claim",)
    assert "No space left" in notes.write_error and str(notes.path) in notes.write_error
    assert not notes.retry()
    assert open_article(tmp_path, TEXT).tags_of(1) == ()
    monkeypatch.setattr(annotations_module, "atomic_write", real)
    assert notes.retry() and notes.write_error is None
    assert open_article(tmp_path, TEXT).tagged_indices() == [0, 1]


def test_folder_that_cannot_be_created_gives_a_write_error(tmp_path: Path) -> None:
    (tmp_path / "annotations").write_text("a file where the folder should be")
    notes = open_article(tmp_path / "annotations", TEXT)
    assert notes.toggle([0], "claim") and notes.tags_of(0) == ("claim",)
    assert notes.write_error and "kept" in notes.write_error


BROKEN = {
    "syntax": ("schema: newsline/1\nannotations:\n- id: x\n  tags: [claim\n", 5, "not valid YAML"),
    "types": ("schema: newsline/1\nannotations:\n- id: x\n  sentence: two\n  start: 0\n  end: 3\n  exact: abc\n",
              4, "annotations[0].sentence: should be a whole number"),
    "tags": ("schema: newsline/1\nannotations:\n- {id: x, sentence: 1, start: 0, end: 3, exact: abc,\n"
             "   tags: [1]}\n", 4, "tags[0]: should be text"),
    "top": ("- a list\n", 1, "the document: should be a mapping"),
    "schema": ("schema: newsline/9\nannotations: []\n", 1, "newer than this program"),
    "span": ("schema: newsline/1\nannotations:\n- {id: x, sentence: 1, start: 5, end: 3, exact: abc}\n", 3,
             "not a valid range"),
    "twice": ("schema: newsline/1\nannotations:\n- {id: x, sentence: 1, start: 0, end: 3, exact: abc}\n"
              "- {id: x, sentence: 2, start: 4, end: 7, exact: abc}\n", 4, "used twice"),
    "alias": ("schema: newsline/1\nx: &a [1, 2]\ny: *a\n", 2, "aliases"),  # the anchor's line
    "bomb": ("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", 1, "aliases"),
    "binary": ("schema: newsline/1\nnote: \x00\x01\n", None, "not valid YAML"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_reported_and_left_byte_for_byte(tmp_path: Path, case: str) -> None:
    text, line, words = BROKEN[case]
    path = tmp_path / "alice" / article_file_name("a1")
    path.parent.mkdir()
    path.write_bytes(text.encode())
    notes = open_article(tmp_path, TEXT)
    assert notes.problem and str(path) in notes.problem and words in notes.problem, notes.problem
    if line is not None:
        assert f"line {line}:" in notes.problem, notes.problem
    assert notes.read_only and notes.tags_of(0) == ()
    assert not notes.toggle([0], "claim") and not notes.set_note(0, "x") and not notes.undo()
    assert path.read_bytes() == text.encode()


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "alice" / article_file_name("a1")
    path.parent.mkdir()
    with open(path, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    notes = open_article(tmp_path, TEXT)
    assert "limit" in notes.problem and str(path) in notes.problem
    assert not notes.toggle([0], "claim") and path.stat().st_size == 21 * 1024 * 1024


def test_file_broken_by_someone_else_mid_session_is_not_overwritten(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.toggle([0], "claim")
    notes.path.write_text("schema: [broken\n")
    notes.toggle([1], "claim")
    assert notes.path.read_text() == "schema: [broken\n"
    assert notes.problem and notes.write_error and notes.read_only


def test_read_contents_of_a_file_written_by_the_store(tmp_path: Path) -> None:
    notes = open_article(tmp_path, TEXT)
    notes.toggle([6], "background")
    contents = read_contents(notes.path)
    assert contents.annotator == "alice" and [a.tags for a in contents.annotations.values()] == [("background",)]


def _record(tags: tuple[str, ...], note: str | None, modified: str) -> Annotation:
    return Annotation("r", 1, 0, 5, "Text.", "", " More", tags, note, "t0", modified)


def test_three_way_merge_of_one_record() -> None:
    order = default_tagset().order
    base = {"r": _record(("claim",), "n", "t1")}
    ours = {"r": _record(("claim", "quote"), "n", "t2")}
    theirs = {"r": _record(("event",), "theirs", "t3")}  # removed claim, added event, new note
    (merged,) = merge_annotations(base, ours, theirs, order).values()
    assert merged.tags == ("quote", "event") and merged.note == "theirs" and merged.modified == "t3"
    # Both changed the note: the later modification wins.
    later = {"r": _record(("claim",), "ours", "t4")}
    assert merge_annotations(base, later, theirs, order)["r"].note == "ours"
    # We deleted the record (removed its last tag), they changed it: their change survives, our
    # removal of "claim" too.
    assert merge_annotations(base, {}, theirs, order)["r"].tags == ("event",)
    assert merge_annotations(base, {}, {"r": _record(("claim", "event"), "n", "t3")}, order)["r"].tags == (
        "event",)
    # Deleted on one side, untouched on the other: gone.
    assert merge_annotations(base, {}, base, order) == {}
    assert merge_annotations(base, base, {}, order) == {}


def test_undecodable_bytes_in_the_article_still_save(tmp_path: Path) -> None:
    # Text read with surrogateescape keeps undecodable bytes as lone surrogates, which YAML cannot
    # hold: they are stored as U+FFFD, one for one, so offsets still match.
    text = "Bad byte \udcff here. Next sentence."
    notes = open_article(tmp_path, text)
    assert notes.toggle([0], "claim") and notes.write_error is None
    assert yaml.safe_load(notes.path.read_text())["annotations"][0]["exact"] == "Bad byte \ufffd here."
    assert open_article(tmp_path, text).tags_of(0) == ("claim",)


def test_reopening_in_a_session_takes_in_other_writers(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path, "alice", default_tagset())
    a = article(TEXT)
    notes = store.open(a, split(TEXT))
    notes.toggle([0], "claim")
    open_article(tmp_path, TEXT).toggle([1], "quote")  # another process, say
    assert store.open(a, split(TEXT)) is notes and notes.tags_of(1) == ("quote",)
    assert notes.undo() and notes.tagged_indices() == [1]


def test_viewing_an_article_writes_nothing(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "annotations", "alice", default_tagset())
    a = article(TEXT)
    notes = store.open(a, split(TEXT))
    assert store.open(a, split(TEXT)) is notes and notes.tags_of(0) == ()
    assert not (tmp_path / "annotations").exists()
