"""The reader's annotation actions: tags, notes, ranges, the tag filter, timeline corrections,
undo and redo, and the review of annotations that lost their place. Mixed into the reader screen,
which owns the panes and the current article."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import replace

from rich.text import Text

from tui.analysis import Analysis, analyze
from tui.app.annotation import tag_for_key
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
from tui.app.timeline_view import TimelineView
from tui.corpus import Article
from tui.store import AnnotationStore, ArticleAnnotations, Correction, sentences_label
from tui.temporal.model import Timex

FUZZY_CHIP = ("?", "#ff8700")  # gutter mark of an annotation re-attached to a changed sentence
NOTE_CHIP = ("*", "#d7d7d7")
UNKNOWN_TAG_COLOUR = "#808080"


class AnnotationActions:
    """Annotation state and actions of the reader. The screen provides what is declared here, and
    also ``app``, ``notify``, ``_tell``, ``_update_status`` and ``_show_timeline``."""

    article_view: ArticleView
    timeline_view: TimelineView
    article: Article | None
    analysis: Analysis | None
    tagger_analysis: Analysis | None
    store: AnnotationStore | None
    tagging_off: str
    annotations: ArticleAnnotations | None
    filter_tag: str | None
    flash: str
    _fuzzy_sentences: frozenset[int]
    _shown_write_error: str | None

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
        elif not self.article_view.sentences:
            self.notify("This article has no sentences to annotate.")
        else:
            return self.annotations
        return None

    def _changed(self, annotations: ArticleAnnotations, corrections: bool = False) -> None:
        change = annotations.last_change
        if change is not None:
            self.flash = change.summary[:1].upper() + change.summary[1:]
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
        self._end_range()
        if annotations.toggle(indices, name):
            self._changed(annotations)

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
                self._changed(annotations)

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
    def _correct(self, change: Callable[[ArticleAnnotations], bool]) -> None:
        annotations = self._writable()
        if annotations is None:
            return
        try:
            changed = change(annotations)
        except ValueError as error:  # the text at that span is not what the store holds
            self.notify(f"Not saved: {error}", severity="error")
            return
        if changed:
            self._changed(annotations, corrections=True)

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
            self._correct(lambda a: a.add_correction(correction))

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
                self._correct(lambda a: a.remove_correction(start, end))
            elif edit.kind == "reject":
                self._correct(lambda a: a.add_correction(Correction.reject(original)))
            else:
                correction = (Correction.add(start, end, phrase, edit.type, edit.value) if original is None
                              else replace(Correction.revalue(original, edit.value), type=edit.type))
                self._correct(lambda a: a.add_correction(correction))

        self.app.push_screen(CorrectionScreen(timex, text, original, existing), chosen)

    # -- history and review -----------------------------------------------------------------------------
    def _step_history(self, undo: bool) -> None:
        annotations = self._writable()
        if annotations is None:
            return
        before = annotations.corrections
        change = annotations.undo() if undo else annotations.redo()
        if change is None:
            self.flash = f"Nothing to {'undo' if undo else 'redo'}"
            self._update_status()
            return
        if self.article_view.cursor != change.sentences[0]:
            self.article_view.move_cursor(change.sentences[0])
        self.flash = f"{'Undone' if undo else 'Redone'}: {change.summary}"
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
                self._correct(lambda a: a.remove_correction(start, end))

        self.app.push_screen(ReviewScreen(annotations.orphans, annotations.fuzzy, annotations.corrections,
                                          annotations.stale_corrections, sentence_of), chosen)
