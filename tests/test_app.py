"""The reader driven as a user drives it: keys in, screen state out."""

from __future__ import annotations

from datetime import date

import yaml
from pilot_helpers import article_lines, screen_text, settle, timeline_lines

from tui.app.keymap import COMMANDS
from tui.app.screens import ArticlePicker, DateScreen, HelpScreen


async def test_opens_on_the_first_article_with_its_timeline(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reader = app.reader
        assert reader.index == 0
        assert reader.article_view.cursor == 0
        assert reader.article_view.has_focus
        screen = screen_text(app)
        assert "South Korean delegates delivered a letter" in screen
        assert "2018-09-06 (metadata)" in screen and "1/3" in screen
        timeline = "\n".join(timeline_lines(app))
        for label in ("2018-09-05", "2018-09-18 → 2018-09-20", "2018-08", "now (publication date)"):
            assert label in timeline
        labels = [entry.label for entry in reader.timeline_view.entries]
        dated = [e for e in reader.analysis.timeline.dated]
        assert [e.span.first for e in dated] == sorted(e.span.first for e in dated)
        assert "2018-09-05" in labels


async def test_cursor_moves_and_the_timeline_follows(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("j", "j")
        assert reader.article_view.cursor == 2
        await pilot.press("k")
        assert reader.article_view.cursor == 1
        # Sentence 1 holds "Sept. 18 to 20": the timeline highlights it.
        assert reader.timeline_view.linked_sentence == 1
        assert reader.timeline_view.current().sentence == 1
        assert reader.article_view.linked_timex.text in {"Sept. 18 to 20", "this year", "Thursday"}
        await pilot.press("G")
        assert reader.article_view.cursor == len(reader.analysis.sentences) - 1
        await pilot.press("g")
        assert reader.article_view.cursor == 0


async def test_tab_moves_to_the_timeline_and_enter_jumps_to_the_sentence(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("tab")
        assert reader.timeline_view.has_focus
        await pilot.press("G")
        entry = reader.timeline_view.current()
        # Moving in the timeline highlights the entry's phrase in the article.
        assert reader.article_view.linked_timex == entry.timex
        await pilot.press("enter")
        assert reader.article_view.has_focus
        assert reader.article_view.cursor == entry.sentence
        await pilot.press("tab", "tab")
        assert reader.article_view.has_focus


async def test_next_previous_and_picker_switch_articles(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("p")
        assert reader.index == 0
        await pilot.press("n")
        await settle(pilot)
        assert reader.index == 1
        assert "2/3" in screen_text(app)
        assert "Kim Jong Un told a team" in "\n".join(article_lines(app))
        await pilot.press("n", "n")
        await settle(pilot)
        assert reader.index == 2
        await pilot.press("p")
        await settle(pilot)
        assert reader.index == 1
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArticlePicker)
        await pilot.press(*"invited")
        await pilot.press("enter")
        await settle(pilot)
        assert reader.index == 2 and reader.article.id.startswith("002_")
        assert reader.article_view.cursor == 0


async def test_setting_the_publication_date_re_resolves_and_persists(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        reader = app.reader
        assert reader.article.published == date(2019, 9, 17)
        assert reader.article.published_from == "dateline"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DateScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"2020-01-01", "enter")
        await settle(pilot)
        assert reader.article.published == date(2020, 1, 1)
        values = {t.text: t.value for t in reader.analysis.timexes}
        assert values["yesterday"] == "2019-12-31"
        assert "2020-01-01 (set by you)" in screen_text(app)
    saved = yaml.safe_load((tmp_path / "annotations" / "pubdates.yaml").read_text())
    assert "2020-01-01" in str(saved)

    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        assert again.reader.article.published == date(2020, 1, 1)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "enter")  # empty clears the date you set
        await settle(pilot)
        assert again.reader.article.published == date(2019, 9, 17)
        assert again.reader.article.published_from == "dateline"


async def test_a_bad_date_is_refused_with_a_message(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Sept 6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DateScreen)
        assert "not a date" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.reader.article.published == date(2018, 9, 6)


async def test_unknown_date_lists_relative_phrases_as_unresolved(make_app, tmp_path):
    article = tmp_path / "undated.txt"
    article.write_text("Talks\n\nThe envoys met Wednesday. They will meet again in March 2019.\n", encoding="utf-8")
    app = make_app([article])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        assert reader.article.published is None
        assert "date unknown" in screen_text(app)
        timeline = "\n".join(timeline_lines(app))
        assert "Unresolved" in timeline and "Wednesday" in timeline
        assert "2019-03" in timeline


async def test_help_lists_every_binding(make_app):
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Newsline keys" in screen_text(app)
        # The list is longer than the screen (it scrolls): check all of it.
        text = str(app.screen.query_one("#help-text").render())
        for command in COMMANDS:
            assert command.id in text
        assert "claim" in text and "Tags (default, version 1)" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_search_highlights_and_jumps(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("slash", *"pompeo")
        assert len(reader.article_view.matches) >= 1
        await pilot.press("enter")
        sentence = reader.analysis.sentences[reader.article_view.cursor]
        assert "Pompeo" in reader.article.text[sentence.start:sentence.end]
        assert "matches for" in screen_text(app)
        await pilot.press("escape")
        assert reader.article_view.has_focus


async def test_a_user_keymap_remaps_bindings_by_id(make_app, tmp_path):
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("next-article: x\ncursor-down: ctrl+j\nno-such-binding: y\n", encoding="utf-8")
    app = make_app(keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("n")
        await settle(pilot)
        assert reader.index == 0
        await pilot.press("x")
        await settle(pilot)
        assert reader.index == 1
        await pilot.press("ctrl+j")
        assert reader.article_view.cursor == 1
        assert app.keymap_problem and "no-such-binding" in app.keymap_problem


async def test_a_broken_keymap_keeps_the_defaults(make_app, tmp_path):
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("next-article: [unclosed\n", encoding="utf-8")
    app = make_app(keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "keymap.yaml line" in app.keymap_problem
        await pilot.press("n")
        await settle(pilot)
        assert app.reader.index == 1


async def test_the_mouse_moves_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reader = app.reader
        view = reader.article_view
        target = view._item_first_line[3] - view.scroll_offset.y
        await pilot.click("#article", offset=(10, target))
        assert view.cursor == 3


async def test_narrow_terminals_stack_the_timeline_under_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panes = app.reader.query_one("#panes")
        assert panes.has_class("-narrow")
        article, timeline = app.reader.article_view.region, app.reader.timeline_view.region
        assert timeline.y > article.y and timeline.width == article.width
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert not panes.has_class("-narrow")


async def test_bad_input_opens_and_shows_text_literally(make_app, tmp_path):
    from badinput import make_bad_input_folder

    folder = make_bad_input_folder(tmp_path / "bad")
    app = make_app([folder])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reader = app.reader
        errors = [a for a in reader.articles if a.error]
        assert errors, "unreadable files are listed with a message"
        for _ in range(len(reader.articles)):
            article = reader.article
            shown = "\n".join(article_lines(app)) + screen_text(app)
            if article.error:
                assert article.error[:40] in shown.replace("\n", "")
            assert "\x1b" not in shown
            if "[bold red]" in article.text:
                assert "[bold red]x[/bold red]" in shown
            if "\x1b[31m" in article.text:
                assert "␛[31m" in shown
            await pilot.press("n")
            await settle(pilot)
        await pilot.press("j", "k", "tab", "j")
        assert app.is_running


async def test_every_line_survives_the_no_color_filter(make_app):
    # NO_COLOR=1 makes Textual run each line through a monochrome filter, which fails on a segment
    # without a style (a blank paragraph line once had none).
    from textual.color import Color
    from textual.filter import Monochrome

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1", "c", *"note", "enter")
        await pilot.pause()
        for view in (app.reader.article_view, app.reader.timeline_view):
            for y in range(view.size.height):
                view.render_line(y).apply_filter(Monochrome(), Color(0, 0, 0))


async def test_q_quits_from_either_pane(make_app):
    for keys in (["q"], ["tab", "q"]):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(*keys)
            await pilot.pause()
            assert not app.is_running


async def test_scroll_bars_follow_a_pane_scrolled_as_it_fills(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        timeline = app.reader.timeline_view
        assert timeline.scroll_y > 0  # the cursor entry is further down than one screen
        assert timeline.vertical_scrollbar.position == timeline.scroll_y


async def test_the_linked_phrase_is_redrawn_where_it_was_and_where_it_is(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        view = app.reader.article_view
        linked = view.get_component_rich_style("article-view--linked")

        def linked_text() -> str:
            # What the terminal shows (the compositor's lines), so a line left undrawn would count.
            return "".join(segment.text for strip in app.screen._compositor.render_strips()
                           for segment in strip if segment.style and segment.style.bgcolor == linked.bgcolor)

        await pilot.press("tab")
        seen = set()
        for _ in range(4):
            await pilot.press("j")
            await pilot.pause()
            phrase = app.reader.timeline_view.current().timex.text
            assert linked_text() == phrase  # only the current entry's phrase, none left over
            seen.add(phrase)
        assert len(seen) > 1

