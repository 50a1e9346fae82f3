"""The main screen: an article beside its timeline, a header, a status line and a search bar."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.analysis import Analysis, analyze
from tui.app.annotation import Journal, sentences_label, tag_for_key
from tui.app.annotation_screens import (
    CLEAR,
    AddTimexScreen,
    CorrectionScreen,
    NewTimex,
    NoteScreen,
    ReviewAction,
    ReviewScreen,
    TagPicker,
    TimexEdit,
)
from tui.app.article_view import ArticleView
from tui.app.keymap import bindings
from tui.app.screens import ArticlePicker, DateScreen, HelpScreen
from tui.app.timeline_view import TimelineView
from tui.corpus import Article
from tui.pubdates import PubDateOverrides
from tui.store import AnnotationStore, ArticleAnnotations, Correction
from tui.temporal.model import Timex
from tui.timeline import Group
from tui.visible import visible

NARROW_BELOW = 100
CHECK_SECONDS = 3.0  # how often a failed save is retried (it also is on every change) or the file re-read
FUZZY_CHIP = ("?", "#ff8700")  # gutter mark of an annotation re-attached to a changed sentence
NOTE_CHIP = ("*", "#d7d7d7")
UNKNOWN_TAG_COLOUR = "#808080"


class SearchInput(Input):
    BINDINGS = [Binding("escape", "close", "Close search", id="close-search")]

    def action_close(self) -> None:
        self.screen.close_search()  # type: ignore[attr-defined]


class ReaderScreen(Screen):
    """Reads the articles one at a time; extraction runs in a worker so the screen paints first."""

    BINDINGS = bindings("app")

    def __init__(self, articles: Sequence[Article], annotations: Path, keymap: dict[str, str],
                 store: AnnotationStore | None = None, tagging_off: str | None = None) -> None:
        super().__init__()
        self.articles = list(articles)
        self.index = 0
        self.analysis: Analysis | None = None  # with the annotator's corrections applied
        self.tagger_analysis: Analysis | None = None  # as the tagger found it
        self.keymap = keymap
        self.pubdates = PubDateOverrides(annotations)
        self.store = store
        self.tagging_off = tagging_off or "tagging is off"
        # The current article's annotations; None while it loads, so no change races the loader.
        self.annotations: ArticleAnnotations | None = None
        self.filter_tag: str | None = None
        self._flash = ("", -1)  # what the last action did, and where the cursor was then
        self._journals: dict[str, tuple[ArticleAnnotations, Journal]] = {}
        self._fuzzy_sentences: frozenset[int] = frozenset()
        self._told: set[str] = set()
        self._shown_write_error: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with Container(id="panes"):
            yield ArticleView(id="article")
            yield TimelineView(id="timeline")
        yield SearchInput(placeholder="Search the article (Enter: next match, Escape: close)", id="search")
        yield Static(id="status")
        yield Footer()

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def timeline_view(self) -> TimelineView:
        return self.query_one(TimelineView)

    @property
    def article(self) -> Article | None:
        return self.articles[self.index] if self.articles else None

    @property
    def flash(self) -> str:
        """What the last action did, shown first in the status line until the cursor moves on."""
        text, at = self._flash
        return text if at == self.article_view.cursor else ""

    @flash.setter
    def flash(self, text: str) -> None:
        self._flash = (text, self.article_view.cursor)

    def on_mount(self) -> None:
        self.article_view.tag_chips = self._chips
        self.article_view.focus()
        if self.pubdates.problem:
            self.notify(self.pubdates.problem, severity="error", timeout=15)
        self.set_interval(CHECK_SECONDS, self.check_disk)
        self.open_article(0)

    def _tell(self, message: str, severity: str = "warning") -> None:
        """Notify once per session: reopening an article does not repeat its warnings."""
        if message not in self._told:
            self._told.add(message)
            self.notify(message, severity=severity, timeout=15)  # type: ignore[arg-type]

    def on_resize(self, event: Resize) -> None:
        self.query_one("#panes").set_class(event.size.width < NARROW_BELOW, "-narrow")

    # -- articles ----------------------------------------------------------------------------------------
    def open_article(self, index: int) -> None:
        if not self.articles:
            self.article_view.show_message("No articles found. Give newsline .txt, .md or .jsonl files or folders.")
            self.timeline_view.show(None, [])
            self._update_header()
            return
        self.index = max(0, min(index, len(self.articles) - 1))
        self.analysis = self.tagger_analysis = self.annotations = None
        self.filter_tag = None
        self.flash = ""
        article = self.articles[self.index]
        self._update_header()
        self.close_search()
        if article.warning:
            self._tell(article.warning)
        if article.error:
            self.article_view.show_message(article.error)
            self.timeline_view.show(None, [], note="This file could not be read.")
            self._update_status()
            return
        self.article_view.show_message("Reading the article…")
        self.timeline_view.show(None, [], note="Finding dates…")
        self._start_analysis(self.index, article.published)

    def _start_analysis(self, index: int, published: date | None, cursor: int = 0) -> None:
        self.annotations = None  # the worker may re-read them: no change until it is done
        self._analyze(index, published, cursor)

    @work(thread=True, exclusive=True, group="analysis")
    def _analyze(self, index: int, published: date | None, cursor: int = 0) -> None:
        article = self.articles[index]
        try:
            tagger = analyze(article)
        except Exception as error:  # the reader must survive any text, even one that breaks the tagger
            self.app.call_from_thread(self._analysis_failed, index, f"{article.path}: could not analyse ({error})")
            return
        annotations, problem = self._open_annotations(article, tagger)
        result = tagger if annotations is None else analyze(article, corrections=annotations.apply_corrections)
        self.app.call_from_thread(self._show_analysis, index, published, tagger, result, annotations, problem,
                                  cursor)

    def _open_annotations(self, article: Article, tagger: Analysis) -> tuple[ArticleAnnotations | None, str | None]:
        if self.store is None:
            return None, None
        try:
            annotations = self.store.open(article, tagger.sentences)
        except OSError as error:
            return None, f"annotations of {article.path} cannot be opened: {error}"
        try:
            annotations.refresh()  # what another running Newsline saved since
        except OSError as error:  # the annotations read at open still stand
            return annotations, f"could not look for changes to {annotations.path}: {error.strerror or error}"
        return annotations, None

    def _analysis_failed(self, index: int, message: str) -> None:
        if index == self.index:
            self.article_view.show_message(message)
            self.timeline_view.show(None, [], note="No timeline.")
            self.notify(message, severity="error")

    def _show_analysis(self, index: int, published: date | None, tagger: Analysis, analysis: Analysis,
                       annotations: ArticleAnnotations | None, problem: str | None, cursor: int = 0) -> None:
        article = self.articles[index]
        if index != self.index or published != article.published:
            return  # the reader moved on while this was computed
        self.tagger_analysis, self.analysis, self.annotations = tagger, analysis, annotations
        self.article_view.show(article.text, analysis.sentences, analysis.timexes, cursor=cursor)
        self._show_timeline()
        if problem:
            self._tell(problem, "error")
        if annotations is not None:
            self._report_annotations(annotations)
            if self.filter_tag is not None:
                self._apply_filter(self.filter_tag)
        self._link_from_article(self.article_view.cursor)
        self._update_status()

    def _show_timeline(self) -> None:
        article, analysis = self.article, self.analysis
        if article is None or analysis is None:
            return
        texts = [article.text[s.start:s.end] for s in analysis.sentences]
        corrected = frozenset(c.key for c in self.annotations.corrections if c.kind != "reject") \
            if self.annotations is not None else frozenset()
        self.timeline_view.show(analysis.timeline, texts, corrected=corrected)

    def _report_annotations(self, annotations: ArticleAnnotations) -> None:
        if annotations.problem:
            self._tell(f"Annotations are read-only for this article, the file is left as it is: "
                       f"{annotations.problem}", "error")
        self._fuzzy_sentences = frozenset(a.sentence for a in annotations.fuzzy)
        if annotations.orphans or annotations.fuzzy:
            self._tell(f"{annotations.path.name}: the article changed; {len(annotations.fuzzy)} annotation(s) "
                       f"re-attached to changed sentences (marked ?), {len(annotations.orphans)} orphaned. "
                       "Press O to review them.")
        if annotations.stale_corrections:
            self._tell(f"{len(annotations.stale_corrections)} timeline correction(s) no longer match the "
                       "article's text: kept, not applied (O lists them).")

    def _update_header(self) -> None:
        header = Text(no_wrap=True, overflow="ellipsis")
        article = self.article
        if article is None:
            header.append("Newsline", style="bold")
        else:
            # Position and date first: on a narrow terminal the title is what gets cut.
            header.append(f"{self.index + 1}/{len(self.articles)}  ")
            if article.published:
                header.append(f"{article.published.isoformat()} ({article.published_from})")
            else:
                header.append("date unknown (d to set)", style="italic")
            header.append("  │  ")
            header.append(visible(article.title), style="bold")
        self.query_one("#header", Static).update(header)

    def _update_status(self) -> None:
        status = Text(no_wrap=True, overflow="ellipsis")
        if self.flash:
            status.append(f"{self.flash}  ·  ", style="bold")
        if self.analysis is not None:
            timeline = self.analysis.timeline
            status.append(f"Sentence {self.article_view.cursor + 1}/{len(self.analysis.sentences)}")
            self._annotation_status(status)
            status.append(f"  ·  {len(timeline.dated)} dated")
            unresolved = len(timeline.others.get(Group.UNRESOLVED, ()))
            if unresolved:
                status.append(f"  ·  {unresolved} unresolved", style="bold")
            if self.article_view.search_term:
                status.append(f"  ·  {len(self.article_view.matches)} matches for ")
                status.append(visible(self.article_view.search_term[:40]), style="italic")
        self.query_one("#status", Static).update(status)

    def _annotation_status(self, status: Text) -> None:
        annotations, view = self.annotations, self.article_view
        if annotations is None:
            if self.store is None:
                status.append("  ·  tagging off", style="italic")
            return
        tags = annotations.tags_of(view.cursor)
        if tags:
            status.append("  [")
            for n, name in enumerate(tags):
                tag = annotations.tagset.get(name)
                status.append(("" if n == 0 else ", ") + name, style=f"bold {tag.colour}" if tag else "bold")
            status.append("]")
        if annotations.note_of(view.cursor) is not None:
            status.append("  note", style="italic")
        if view.range_anchor is not None:
            status.append(f"  ·  range of {len(view.range_indices())}", style="reverse")
        if self.filter_tag is not None:
            status.append(f"  ·  only {self.filter_tag} ({len(view.shown or ())})", style="reverse")
        if annotations.write_error:
            status.append("  ·  NOT SAVED", style="bold red")
        elif annotations.read_only:
            status.append("  ·  read-only", style="bold red")
        counts = [f"{name} {count}" for name, count in annotations.counts().items() if count]
        if counts:
            status.append("  ·  " + " · ".join(counts))

    def action_next_article(self) -> None:
        if self.index + 1 < len(self.articles):
            self.open_article(self.index + 1)

    def action_previous_article(self) -> None:
        if self.index > 0:
            self.open_article(self.index - 1)

    def action_pick_article(self) -> None:
        def chosen(index: int | None) -> None:
            if index is not None:
                self.open_article(index)

        self.app.push_screen(ArticlePicker(self.articles, self.index), chosen)

    # -- panes -------------------------------------------------------------------------------------------
    def action_switch_pane(self) -> None:
        if self.article_view.has_focus:
            self.timeline_view.focus()
        else:
            self.article_view.focus()

    def on_cursor_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        if message.view is self.article_view:
            self._link_from_article(message.index)
        elif message.view is self.timeline_view:
            entry = self.timeline_view.current()
            if entry is not None:
                self.article_view.set_link(entry.sentence, entry.timex)
                self._scroll_article_to(entry.sentence)
        self._update_status()

    def _link_from_article(self, sentence: int) -> None:
        self.timeline_view.set_linked_sentence(sentence)
        if not self.timeline_view.has_focus:
            self.timeline_view.select_first_in_sentence(sentence)
            entry = self.timeline_view.current()
            linked = entry.timex if entry is not None and entry.sentence == sentence else None
            self.article_view.set_link(sentence, linked)

    def _scroll_article_to(self, sentence: int) -> None:
        view = self.article_view
        if 0 <= sentence < len(view._item_first_line) and view.is_shown(sentence):
            first = view._item_first_line[sentence]
            view.scroll_to(y=max(first - 2, 0), animate=False)

    def on_timeline_view_jump(self, message: TimelineView.Jump) -> None:
        self.article_view.move_cursor(message.entry.sentence)
        self.article_view.focus()

    # -- search ------------------------------------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        search.display = True
        search.focus()

    def close_search(self) -> None:
        search = self.query_one(SearchInput)
        if search.display:
            search.display = False
            self.article_view.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.article_view.set_search(event.value)
            self._update_status()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search" and not self.article_view.next_match():
            self.notify(f"No match for {visible(event.value)[:40]!r}", severity="warning")

    # -- publication date --------------------------------------------------------------------------------
    def action_set_date(self) -> None:
        article = self.article
        if article is None or article.error:
            return

        def chosen(value: date | bool | None) -> None:
            if value is False:
                return
            self._set_published(article, value if isinstance(value, date) else None)

        self.app.push_screen(DateScreen(article.title, article.published, article.published_from), chosen)

    def _set_published(self, article: Article, value: date | None) -> None:
        try:
            self.pubdates.set(article.id, value)
        except OSError as error:
            self.notify(f"Could not save the date: {error}", severity="error")
        if value is None:
            article.published, article.published_from = article.detected_published, article.detected_from
        else:
            article.published, article.published_from = value, "set by you"
        self._update_header()
        self._start_analysis(self.index, article.published, self.article_view.cursor)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.keymap, self.store.tagset if self.store else None))

    # -- annotation ---------------------------------------------------------------------------------------
    def _chips(self, sentence: int) -> list[tuple[str, str]]:
        annotations = self.annotations
        if annotations is None:
            return []
        chips = [FUZZY_CHIP] if sentence in self._fuzzy_sentences else []
        for name in annotations.tags_of(sentence):
            tag = annotations.tagset.get(name)
            chips.append((tag.key or name, tag.colour) if tag else (name, UNKNOWN_TAG_COLOUR))
        if annotations.note_of(sentence) is not None:
            chips.append(NOTE_CHIP)
        return chips

    def _writable(self) -> ArticleAnnotations | None:
        """The annotations to change, or None after telling the user why there are none."""
        if self.store is None:
            self.notify(self.tagging_off, severity="warning")
        elif self.annotations is None:
            self.notify("Nothing to annotate yet: the article is loading or could not be read.")
        elif self.annotations.read_only:
            self.notify(f"Annotations are read-only: {self.annotations.problem}", severity="error")
        else:
            return self.annotations
        return None

    def _journal(self, annotations: ArticleAnnotations) -> Journal:
        known = self._journals.get(annotations.article.id)
        if known is None or known[0] is not annotations:
            known = (annotations, Journal())
            self._journals[annotations.article.id] = known
        return known[1]

    def _changed(self, annotations: ArticleAnnotations, description: str, sentence: int,
                 corrections: bool = False) -> None:
        self._journal(annotations).record(description, sentence)
        self.flash = description[:1].upper() + description[1:]
        self._after_change(annotations, corrections)

    def _after_change(self, annotations: ArticleAnnotations, corrections: bool) -> None:
        self._fuzzy_sentences = frozenset(a.sentence for a in annotations.fuzzy)
        if corrections:
            self._apply_corrections()
        if self.filter_tag is not None:
            self._apply_filter(self.filter_tag)
        self.article_view.refresh_annotations()
        self._report_write_error(annotations)
        self._update_status()

    def _report_write_error(self, annotations: ArticleAnnotations) -> None:
        error = annotations.write_error
        if error and error != self._shown_write_error:
            self.notify(error, severity="error", timeout=15)
        elif not error and self._shown_write_error:
            self.notify("Saved: every change is on disk again.")
        self._shown_write_error = error

    def check_disk(self) -> None:
        """Retry a failed save; else take in what another running Newsline saved to this file."""
        annotations = self.annotations
        if annotations is None or annotations.read_only:
            return
        if annotations.write_error:
            annotations.retry()
            self._report_write_error(annotations)
            self._update_status()
            return
        try:
            changed = annotations.refresh()
        except OSError:  # the folder is unusable: the next change reports it
            return
        if changed:
            self._after_change(annotations, corrections=True)

    def _apply_corrections(self) -> None:
        """Show the timeline again with the corrections as they are now (the tagger's output is cached)."""
        article, annotations = self.article, self.annotations
        if article is None or annotations is None:
            return
        current = self.timeline_view.current()
        self.analysis = analyze(article, corrections=annotations.apply_corrections)
        self.article_view.set_timexes(self.analysis.timexes)
        self._show_timeline()
        if current is None or not self.timeline_view.select_span(current.timex.start, current.timex.end):
            self.timeline_view.select_first_in_sentence(self.article_view.cursor)

    def _end_range(self) -> None:
        if self.article_view.range_anchor is not None:
            self.article_view.set_range_anchor(None)

    def _toggle(self, name: str) -> None:
        annotations = self._writable()
        if annotations is None:
            return
        indices = self.article_view.range_indices()
        adding = not all(name in annotations.tags_of(i) for i in indices)
        self._end_range()
        if annotations.toggle(indices, name):
            self._changed(annotations, f"{'tagged' if adding else 'untagged'} {name}: {sentences_label(indices)}",
                          indices[0])

    def action_toggle_tag(self, key: str) -> None:
        if self.store is None:
            self.notify(self.tagging_off, severity="warning")
            return
        tag = tag_for_key(self.store.tagset, key)
        if tag is None:
            self.notify(f"No tag on key {key} in the tag set {self.store.tagset.name!r}: t picks any tag, "
                        "? lists them.", severity="warning")
            return
        self._toggle(tag.name)

    def action_pick_tag(self) -> None:
        annotations = self._writable()
        if annotations is None:
            return
        indices = self.article_view.range_indices()
        marked = [t for t in annotations.tagset.names if all(t in annotations.tags_of(i) for i in indices)]

        def chosen(name: str | None) -> None:
            if name:
                self._toggle(name)

        title = f"Tag {sentences_label(indices)} (a ✓ tag is removed)"
        self.app.push_screen(TagPicker(annotations.tagset.tags, title, marked=marked), chosen)

    def action_edit_note(self) -> None:
        annotations = self._writable()
        if annotations is None or self.analysis is None:
            return
        index = self.article_view.cursor
        sentence = self.analysis.sentences[index]
        text = self.article.text[sentence.start:sentence.end] if self.article else ""

        def chosen(note: str | None) -> None:
            if note is None:
                return
            if annotations.set_note(index, note):
                what = "note on" if note.strip() else "removed the note on"
                self._changed(annotations, f"{what} sentence {index + 1}", index)

        self.app.push_screen(NoteScreen(index + 1, text, annotations.note_of(index)), chosen)

    def action_toggle_range(self) -> None:
        view = self.article_view
        if not view.sentences:
            return
        if view.range_anchor is None:
            view.set_range_anchor(view.cursor)
            self.flash = f"Range from sentence {view.cursor + 1}: move, then a tag key (v or Escape ends it)"
        else:
            self._end_range()
            self.flash = "Range ended"
        self._update_status()

    def action_cancel(self) -> None:
        if self.article_view.range_anchor is not None:
            self._end_range()
            self.flash = "Range cancelled"
        elif self.filter_tag is not None:
            self._clear_filter()
        self._update_status()

    def _jump_tagged(self, forward: bool) -> None:
        annotations = self.annotations
        if annotations is None:
            return
        tagged = annotations.tagged_indices(self.filter_tag)
        cursor = self.article_view.cursor
        if forward:
            at = bisect.bisect_right(tagged, cursor)
            target = tagged[at] if at < len(tagged) else None
        else:
            at = bisect.bisect_left(tagged, cursor) - 1
            target = tagged[at] if at >= 0 else None
        if target is None:
            self.flash = f"No tagged sentence {'after' if forward else 'before'} this one"
            self._update_status()
        else:
            self.article_view.move_cursor(target)

    def action_next_tagged(self) -> None:
        self._jump_tagged(True)

    def action_previous_tagged(self) -> None:
        self._jump_tagged(False)

    def action_filter_tag(self) -> None:
        annotations = self.annotations
        if annotations is None:
            self.notify(self.tagging_off if self.store is None else "Nothing to filter yet.")
            return
        filtering = self.filter_tag is not None

        def chosen(name: str | None) -> None:
            # Escape, the "all sentences" entry or the filter's own tag: show everything again.
            if name is None or name == CLEAR or name == self.filter_tag:
                if filtering:
                    self._clear_filter()
                return
            if not annotations.tagged_indices(name):
                self.notify(f"No sentence is tagged {name} yet.", severity="warning")
                return
            self._apply_filter(name)
            self.flash = f"Only sentences tagged {name}: f then Escape shows all"
            self._update_status()

        title = "Show only the sentences tagged…" + (f" (now: {self.filter_tag}; Escape shows all)" if filtering
                                                     else "")
        clear = "All sentences (no filter)" if filtering else ""
        self.app.push_screen(TagPicker(annotations.tagset.tags, title, counts=annotations.counts(),
                                       clear_label=clear), chosen)

    def _apply_filter(self, name: str) -> None:
        annotations = self.annotations
        indices = annotations.tagged_indices(name) if annotations is not None else []
        if not indices:
            self._clear_filter(f"No sentence is tagged {name} any more: showing all")
            return
        self.filter_tag = name
        if indices != self.article_view.shown:
            self.article_view.set_filter(indices)

    def _clear_filter(self, flash: str = "Showing every sentence") -> None:
        self.filter_tag = None
        self.article_view.set_filter(None)
        self.flash = flash
        self._update_status()

    def on_article_view_filter_cleared(self, message: ArticleView.FilterCleared) -> None:
        if self.filter_tag is not None:
            self.filter_tag = None
            self.flash = "The filter is off, to show that sentence"
            self._update_status()

    # -- timeline corrections ---------------------------------------------------------------------------
    def _correct(self, change: Callable[[ArticleAnnotations], bool], description: str, sentence: int) -> None:
        annotations = self._writable()
        if annotations is None:
            return
        try:
            changed = change(annotations)
        except ValueError as error:  # the text at that span is not what the store holds
            self.notify(f"Not saved: {error}", severity="error")
            return
        if changed:
            self._changed(annotations, description, sentence, corrections=True)

    def action_add_timex(self) -> None:
        if self._writable() is None or self.analysis is None or self.article is None:
            return
        index = self.article_view.cursor
        sentence = self.analysis.sentences[index]
        text = self.article.text[sentence.start:sentence.end]

        def chosen(new: NewTimex | None) -> None:
            if new is None:
                return
            start = sentence.start + new.start
            correction = Correction.add(start, start + len(new.text), new.text, new.type, new.value)
            self._correct(lambda a: a.add_correction(correction),
                          f"added “{new.text}” as {new.type} {new.value}", index)

        self.app.push_screen(AddTimexScreen(index + 1, text), chosen)

    def _tagger_timex(self, start: int, end: int) -> Timex | None:
        found = self.tagger_analysis.timexes if self.tagger_analysis is not None else ()
        return next((t for t in found if (t.start, t.end) == (start, end)), None)

    def action_edit_timex(self) -> None:
        annotations = self._writable()
        entry = self.timeline_view.current()
        if annotations is None or entry is None or self.analysis is None or self.article is None:
            return
        timex = entry.timex
        original = self._tagger_timex(timex.start, timex.end)
        existing = next((c for c in annotations.corrections if c.key == (timex.start, timex.end)), None)
        sentence = self.analysis.sentences[entry.sentence]
        text = self.article.text[sentence.start:sentence.end]

        def chosen(edit: TimexEdit | None) -> None:
            if edit is None:
                return
            start, end, phrase = timex.start, timex.end, timex.text
            if edit.kind == "remove" or (edit.kind == "reject" and original is None):
                self._correct(lambda a: a.remove_correction(start, end),
                              f"removed your correction of “{phrase}”", entry.sentence)
            elif edit.kind == "reject":
                self._correct(lambda a: a.add_correction(Correction.reject(original)),
                              f"“{phrase}” is not a time expression", entry.sentence)
            else:
                correction = (Correction.add(start, end, phrase, edit.type, edit.value) if original is None
                              else replace(Correction.revalue(original, edit.value), type=edit.type))
                self._correct(lambda a: a.add_correction(correction),
                              f"“{phrase}” set to {edit.type} {edit.value}", entry.sentence)

        self.app.push_screen(CorrectionScreen(timex, text, original, existing), chosen)

    # -- history and review -----------------------------------------------------------------------------
    def _step_history(self, undo: bool) -> None:
        annotations = self._writable()
        if annotations is None:
            return
        before = annotations.corrections
        if not (annotations.undo() if undo else annotations.redo()):
            self.flash = f"Nothing to {'undo' if undo else 'redo'}"
            self._update_status()
            return
        journal = self._journal(annotations)
        description, sentence = journal.undo() if undo else journal.redo()
        if sentence is not None and self.article_view.cursor != sentence:
            self.article_view.move_cursor(sentence)
        self.flash = f"{'Undone' if undo else 'Redone'}: {description}"
        self._after_change(annotations, corrections=annotations.corrections != before)

    def action_undo(self) -> None:
        self._step_history(True)

    def action_redo(self) -> None:
        self._step_history(False)

    def action_review(self) -> None:
        annotations = self.annotations
        if annotations is None:
            self.notify(self.tagging_off if self.store is None else "Nothing to review yet.")
            return
        view = self.article_view
        sentence_of = {c.key: view.sentence_at(c.start) for c in annotations.corrections}

        def chosen(action: ReviewAction | None) -> None:
            if action is None:
                return
            if action.kind == "jump" and action.sentence >= 0:
                self.article_view.focus()
                self.article_view.move_cursor(action.sentence)
            elif action.kind == "remove":
                start, end = action.span
                self._correct(lambda a: a.remove_correction(start, end), "removed a timeline correction",
                              sentence_of.get(action.span, view.cursor))

        self.app.push_screen(ReviewScreen(annotations.orphans, annotations.fuzzy, annotations.corrections,
                                          annotations.stale_corrections, sentence_of), chosen)
