"""The main screen: an article beside its timeline, a header, a status line and a search bar."""

from __future__ import annotations

from collections.abc import Sequence
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
from tui.app.annotating import AnnotationActions
from tui.app.article_view import ArticleView
from tui.app.keymap import bindings
from tui.app.screens import ArticlePicker, DateScreen, HelpScreen
from tui.app.timeline_view import TimelineView
from tui.corpus import Article
from tui.pubdates import PubDateOverrides
from tui.store import AnnotationStore, ArticleAnnotations
from tui.timeline import Group
from tui.visible import visible

NARROW_BELOW = 100
CHECK_SECONDS = 3.0  # how often a failed save is retried (it also is on every change) or the file re-read


class SearchInput(Input):
    BINDINGS = [Binding("escape", "close", "Close search", id="close-search")]

    def action_close(self) -> None:
        self.screen.close_search()  # type: ignore[attr-defined]


class ReaderScreen(AnnotationActions, Screen):
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
