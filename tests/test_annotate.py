"""Annotating in the reader, driven as a user drives it: keys in, screen and files out."""

from __future__ import annotations

from pathlib import Path

import yaml
from pilot_helpers import article_lines, notifications, screen_text, settle, timeline_lines

from tui.app.annotation import bundled_tagset_path
from tui.app.annotation_screens import AddTimexScreen, CorrectionScreen, NoteScreen, ReviewScreen, TagPicker
from tui.store import AnnotationStore, load_tagset

FIRST = "000_202bb2fb0fd93a1b"


def annotation_file(tmp_path: Path, article_id: str = FIRST, annotator: str = "tester") -> Path:
    found = list((tmp_path / "annotations" / annotator).glob(f"{article_id}.*.yaml"))
    assert len(found) == 1, found
    return found[0]


def saved(tmp_path: Path, article_id: str = FIRST) -> dict[int, dict]:
    """What the annotation file on disk holds, by sentence index."""
    data = yaml.safe_load(annotation_file(tmp_path, article_id).read_text(encoding="utf-8"))
    return {record["sentence"]: record for record in data["annotations"]}


def sentence_line(app, index: int) -> str:
    """The first screen line of sentence ``index`` as drawn now (gutter included)."""
    view = app.reader.article_view
    return view.render_line(view._item_first_line[index] - view.scroll_offset.y).text


async def test_a_digit_tags_the_sentence_and_it_is_on_disk_at_once(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "1")
        reader = app.reader
        assert reader.annotations.tags_of(2) == ("claim",)
        # Saved before the app quits, with the sentence's exact text.
        record = saved(tmp_path)[2]
        assert record["tags"] == ["claim"]
        sentence = reader.analysis.sentences[2]
        assert record["exact"] == reader.article.text[sentence.start:sentence.end]
        assert sentence_line(app, 2).startswith("▌1")
        status = screen_text(app)
        assert "claim 1" in status and "[claim]" in status

    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.reader.annotations.tags_of(2) == ("claim",)
        assert sentence_line(again, 2).lstrip("▌ ").startswith("1")
        assert "claim 1" in screen_text(again)


async def test_undo_and_redo_change_the_file(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("j", "2", "j", "3")
        assert saved(tmp_path)[1]["tags"] == ["quote"] and saved(tmp_path)[2]["tags"] == ["event"]
        await pilot.press("u")
        assert reader.annotations.tags_of(2) == ()
        assert 2 not in saved(tmp_path)
        assert "Undone: tagged event: sentence 3" in screen_text(app)
        await pilot.press("u")
        assert saved(tmp_path) == {}
        assert reader.article_view.cursor == 1  # undo shows where the change was
        await pilot.press("u")
        assert "Nothing to undo" in screen_text(app)
        await pilot.press("ctrl+r")
        assert saved(tmp_path)[1]["tags"] == ["quote"]
        assert "Redone: tagged quote: sentence 2" in screen_text(app)
        await pilot.press("ctrl+r", "ctrl+r")
        assert saved(tmp_path)[2]["tags"] == ["event"]
        assert "Nothing to redo" in screen_text(app)


async def test_undo_reaches_back_over_switching_articles(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1", "n")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert app.reader.annotations.tags_of(0) == ("claim",)
        await pilot.press("u")
        assert saved(tmp_path) == {}


async def test_a_range_tags_several_sentences_with_one_key(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("j", "v", "j", "j")
        assert reader.article_view.range_indices() == [1, 2, 3]
        assert "range of 3" in screen_text(app)
        assert sentence_line(app, 1).startswith("┃")  # the range is marked in the gutter
        await pilot.press("2")
        assert [i for i in range(5) if reader.annotations.tags_of(i)] == [1, 2, 3]
        assert {i for i, r in saved(tmp_path).items() if r["tags"] == ["quote"]} == {1, 2, 3}
        assert reader.article_view.range_anchor is None
        # One undo takes the whole range back.
        await pilot.press("u")
        assert saved(tmp_path) == {}
        assert reader.article_view.cursor == 1  # undo goes back to where the change was
        # Escape cancels a range; v ends it.
        await pilot.press("v", "k", "escape", "1")
        assert saved(tmp_path).keys() == {0}
        await pilot.press("v", "j", "v", "4")
        assert saved(tmp_path)[1]["tags"] == ["background"]
        assert "background" not in saved(tmp_path)[0]["tags"]


async def test_note_is_added_changed_and_removed(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "c")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"unnamed officials", "enter")
        await pilot.pause()
        assert saved(tmp_path)[1]["note"] == "unnamed officials"
        assert app.reader.annotations.note_of(1) == "unnamed officials"
        assert "note" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "enter")  # empty removes the note
        await pilot.pause()
        assert saved(tmp_path) == {}
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"never saved", "escape")
        await pilot.pause()
        assert saved(tmp_path) == {} and app.reader.annotations.note_of(1) is None


async def test_tag_picker_filters_and_handles_more_than_nine_tags(make_app, tmp_path):
    tags = "".join(f"  - {{name: tag{n:02d}, colour: '#aabbcc', description: number {n}}}\n" for n in range(12))
    tagset = tmp_path / "big.yaml"
    tagset.write_text(f"name: big\nversion: 2\ntags:\n  - {{name: first, key: '1', colour: '#ff0000'}}\n{tags}",
                      encoding="utf-8")
    app = make_app(tagset=tagset)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)
        await pilot.press(*"tag11", "enter")
        await pilot.pause()
        assert app.reader.annotations.tags_of(0) == ("tag11",)
        assert yaml.safe_load(annotation_file(tmp_path).read_text())["tagset"] == {"name": "big", "version": 2}
        # Typing matches the description too; a tag the sentence has is marked and removed.
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"number 11")
        options = app.screen.query_one("#picker-list")
        assert options.option_count == 1 and "✓" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert saved(tmp_path) == {}
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TagPicker) and saved(tmp_path) == {}


async def test_brackets_jump_between_tagged_sentences(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.article_view
        await pilot.press("j", "j", "1", "j", "j", "j", "2", "g")
        await pilot.press("right_square_bracket")
        assert view.cursor == 2
        await pilot.press("right_square_bracket")
        assert view.cursor == 5
        await pilot.press("right_square_bracket")
        assert view.cursor == 5 and "No tagged sentence after" in screen_text(app)
        await pilot.press("left_square_bracket")
        assert view.cursor == 2
        await pilot.press("left_square_bracket")
        assert view.cursor == 2


async def test_filter_lays_out_only_the_tagged_sentences(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader, view = app.reader, app.reader.article_view
        await pilot.press("j", "1", "j", "j", "j", "1", "j", "2")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)
        await pilot.press(*"claim", "enter")
        await pilot.pause()
        assert reader.filter_tag == "claim" and view.shown == [1, 4]
        assert {item for item, _ in view._lines if item >= 0} == {1, 4}
        assert view.cursor in (1, 4)
        text = "\n".join(article_lines(app))
        first = reader.analysis.sentences[0]
        assert reader.article.text[first.start:first.end][:30] not in text
        assert "only claim (2)" in screen_text(app)
        await pilot.press("g", "j")
        assert view.cursor == 4
        await pilot.press("j")
        assert view.cursor == 4
        # f then Escape shows every sentence again.
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert reader.filter_tag is None and view.shown is None
        assert len({item for item, _ in view._lines if item >= 0}) == len(reader.analysis.sentences)
        # A tag nobody used does not filter; untagging the last sentence ends the filter.
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"quote", "enter")
        await pilot.pause()
        assert view.shown == [5]
        await pilot.press("2")
        assert reader.filter_tag is None and view.shown is None


async def test_article_keys_do_nothing_in_the_timeline(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "1", "v", "c", "t")
        await pilot.pause()
        assert app.reader.timeline_view.has_focus
        assert not list((tmp_path / "annotations").glob("*/*.yaml"))
        assert app.reader.article_view.range_anchor is None


async def test_a_user_keymap_remaps_tag_keys(make_app, tmp_path):
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("tag-1: x\n", encoding="utf-8")
    app = make_app(keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        assert app.reader.annotations.tags_of(0) == ()
        await pilot.press("x")
        assert app.reader.annotations.tags_of(0) == ("claim",)


def _timeline_entry(app, text: str) -> int:
    return next(i for i, e in enumerate(app.reader.timeline_view.entries) if e.timex.text == text)


async def test_correcting_a_timeline_value_is_saved_and_undoable(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("tab")
        reader.timeline_view.move_cursor(_timeline_entry(app, "Wednesday"))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CorrectionScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"2018-13", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CorrectionScreen) and "not a TIMEX3 value" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"2018-09-04", "enter")
        await pilot.pause()
        entry = reader.timeline_view.current()
        assert entry.timex.text == "Wednesday" and entry.timex.value == "2018-09-04"
        assert any("2018-09-04" in line and "✎ Wednesday" in line for line in timeline_lines(app))
        data = yaml.safe_load(annotation_file(tmp_path).read_text())
        assert data["corrections"][0] | {"created": "", "modified": ""} == {
            "start": entry.timex.start, "end": entry.timex.end, "text": "Wednesday", "kind": "value",
            "original": "2018-09-05", "value": "2018-09-04", "type": "DATE", "created": "", "modified": ""}
        await pilot.press("u")
        assert reader.timeline_view.entries[_timeline_entry(app, "Wednesday")].timex.value == "2018-09-05"
        assert yaml.safe_load(annotation_file(tmp_path).read_text())["corrections"] == []

    again = make_app()  # applied whenever the article is shown
    async with again.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")  # a new session has no history to redo
        values = {t.text: t.value for t in again.reader.analysis.timexes}
        assert values["Wednesday"] == "2018-09-05"


async def test_rejecting_and_restoring_a_timeline_entry(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reader = app.reader
        before = len(reader.timeline_view.entries)
        await pilot.press("tab")
        reader.timeline_view.move_cursor(_timeline_entry(app, "this year"))
        await pilot.press("e")
        await pilot.pause()
        await pilot.click("#fix-reject")
        await pilot.pause()
        assert len(reader.timeline_view.entries) == before - 1
        assert "this year" not in {t.text for t in reader.analysis.timexes}
        # The review lists the correction; x removes it.
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "not a time expression" in screen_text(app)
        options = app.screen.query_one("#review-list")
        options.highlighted = next(i for i in range(options.option_count)
                                   if (options.get_option_at_index(i).id or "").startswith("c"))
        await pilot.press("x")
        await pilot.pause()
        assert len(reader.timeline_view.entries) == before
        assert yaml.safe_load(annotation_file(tmp_path).read_text())["corrections"] == []


async def test_adding_a_missed_time_expression(make_app, tmp_path):
    article = tmp_path / "missed.md"
    article.write_text("---\ntitle: Missed\ndate: 2020-05-04\n---\nThe board met at the start of the fiscal "
                       "period. Nothing else happened.\n", encoding="utf-8")
    app = make_app([article])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reader = app.reader
        assert not reader.timeline_view.entries
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddTimexScreen)
        await pilot.press(*"the fiscal year", "enter", "enter", *"2020", "enter")
        await pilot.pause()
        assert "not in this sentence" in screen_text(app)
        assert app.screen.focused.id == "add-phrase"  # back to the field to fix
        await pilot.press("ctrl+a", "ctrl+k", *"the fiscal period", "enter", "enter")
        await pilot.press("ctrl+a", "ctrl+k", *"2020-Q2", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, AddTimexScreen)
        [entry] = reader.timeline_view.entries
        assert (entry.timex.text, entry.timex.value, entry.timex.type) == ("the fiscal period", "2020-Q2", "DATE")
        assert reader.article.text[entry.timex.start:entry.timex.end] == "the fiscal period"
        await pilot.press("u")
        assert not reader.timeline_view.entries


async def test_a_broken_annotation_file_is_reported_and_never_touched(make_app, tmp_path):
    store = AnnotationStore(tmp_path / "annotations", "tester", load_tagset(bundled_tagset_path()))
    path = store.path_for(FIRST)
    path.parent.mkdir(parents=True)
    broken = b"schema: newsline/1\nannotations:\n  - id: x\n    sentence: [oops\n"
    path.write_bytes(broken)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        assert reader.annotations.read_only
        messages = " ".join(notifications(app))
        assert str(path) in messages and "line" in messages
        assert "South Korean delegates" in "\n".join(article_lines(app))
        await pilot.press("1", "c")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert reader.annotations.tags_of(0) == ()
        assert "read-only" in screen_text(app)
    assert path.read_bytes() == broken


async def test_a_failed_write_is_shown_kept_and_retried(make_app, tmp_path):
    # A file where the annotator's folder should be: every write fails (as root, permissions would not).
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "tester").write_text("in the way", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("j", "1")
        assert reader.annotations.tags_of(1) == ("claim",)  # kept in memory
        assert reader.annotations.write_error
        assert "NOT SAVED" in screen_text(app)
        assert any("could not save" in m for m in notifications(app))
        await pilot.press("j", "2")
        assert reader.annotations.tags_of(2) == ("quote",) and reader.annotations.write_error
        (folder / "tester").unlink()
        reader.check_disk()  # the reader retries every few seconds, and on the next change
        await pilot.pause()
        assert reader.annotations.write_error is None
        assert saved(tmp_path)[1]["tags"] == ["claim"] and saved(tmp_path)[2]["tags"] == ["quote"]
        assert "NOT SAVED" not in screen_text(app)
        assert any(m.startswith("Saved") for m in notifications(app))
        await pilot.press("j", "3")
        assert saved(tmp_path)[3]["tags"] == ["event"]


async def test_a_broken_tagset_turns_tagging_off_with_a_message(make_app, tmp_path):
    tagset = tmp_path / "tags.yaml"
    tagset.write_text("name: mine\nversion: 1\ntags:\n  - name: claim\n    key: 12\n    colour: '#fff'\n",
                      encoding="utf-8")
    app = make_app(tagset=tagset)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = " ".join(notifications(app))
        assert f"{tagset}, line 5" in messages
        await pilot.press("1", "j", "t")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, TagPicker)
        assert app.reader.article_view.cursor == 1
        assert "tagging off" in screen_text(app)
        assert not list((tmp_path / "annotations").glob("*/*.yaml"))


async def test_edited_article_orphans_and_flags_annotations(make_app, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("Story\n\nThe mayor resigned on Monday. Voters were angry about the budget. "
                       "A new election is set for June.\n", encoding="utf-8")
    app = make_app([article])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "1", "j", "2", "j", "c", *"check the date", "enter")
        await pilot.pause()
    # The reporter rewrites the article: one sentence is gone, one is reworded.
    article.write_text("Story\n\nThe mayor resigned on Monday. Voters were very angry about the city budget. "
                       "Turnout may be low.\n", encoding="utf-8")
    again = make_app([article])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = again.reader
        assert [a.exact for a in reader.annotations.orphans] == ["A new election is set for June."]
        assert [a.sentence for a in reader.annotations.fuzzy] == [2]
        assert sentence_line(again, 2).lstrip("▌ ").startswith("?")
        assert any("Press O" in m for m in notifications(again))
        await pilot.press("O")
        await pilot.pause()
        text = screen_text(again)
        assert "A new election is set for June." in text and "check the date" in text
        options = again.screen.query_one("#review-list")
        options.highlighted = next(i for i in range(options.option_count)
                                   if options.get_option_at_index(i).id == "s2")
        await pilot.press("enter")
        await pilot.pause()
        assert reader.article_view.cursor == 2
        await pilot.press("3")  # changing the sentence confirms its new place
        assert reader.annotations.fuzzy == []
        assert not sentence_line(again, 2).lstrip("▌ ").startswith("?")


async def test_broken_pubdates_and_front_matter_are_reported(make_app, tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "pubdates.yaml").write_text("a: [unclosed\n", encoding="utf-8")
    article = tmp_path / "bad.md"
    article.write_text("---\ntitle: [oops\n---\nSomething happened on Monday.\n", encoding="utf-8")
    app = make_app([article])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = " ".join(notifications(app))
        assert "pubdates.yaml" in messages
        assert "front matter" in messages and "bad.md" in messages
        await pilot.press("1")
        assert app.reader.annotations.tags_of(0) == ("claim",)


async def test_default_tagset_is_written_on_first_run(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    written = tmp_path / "annotations" / "tagset.yaml"
    assert load_tagset(written).names[:2] == ("claim", "quote")


async def test_unwritable_folder_falls_back_to_the_built_in_tagset(make_app, tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    app = make_app(annotations=blocker / "annotations")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("built-in tag set" in m for m in notifications(app))
        await pilot.press("1")
        assert app.reader.annotations.tags_of(0) == ("claim",)
        assert app.reader.annotations.write_error


async def test_changes_another_instance_saves_show_up(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("1")
        # A second Newsline, same annotator, same article: it tags sentence 2.
        other = AnnotationStore(tmp_path / "annotations", "tester", load_tagset(bundled_tagset_path()))
        theirs = other.open(reader.article, reader.analysis.sentences)
        assert theirs.tags_of(0) == ("claim",)
        theirs.toggle([2], "quote")
        reader.check_disk()  # the reader looks every few seconds
        await pilot.pause()
        assert reader.annotations.tags_of(2) == ("quote",)
        assert "quote 1" in screen_text(app)
        await pilot.press("j", "3")  # our next save keeps their change
        assert saved(tmp_path)[2]["tags"] == ["quote"] and saved(tmp_path)[1]["tags"] == ["event"]


async def test_an_unreadable_article_takes_no_annotation(make_app, tmp_path):
    article = tmp_path / "blank.md"
    article.write_text("---\ntitle: Only a title\n---\n", encoding="utf-8")
    app = make_app([article])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.reader.article.error
        await pilot.press("1", "t", "c", "a", "v", "u", "f", "O", "right_square_bracket")
        await pilot.pause()
        assert app.is_running and app.screen is app.reader
        assert not list((tmp_path / "annotations").glob("*/*.yaml"))
