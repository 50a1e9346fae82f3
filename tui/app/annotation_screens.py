"""Modal screens for annotating: the tag picker, the note, timeline corrections, the review list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.annotation import timex_value_problem
from tui.app.screens import FilterPicker
from tui.store import Annotation, Correction, Tag
from tui.temporal.model import Timex
from tui.temporal.values import TIMEX_TYPES
from tui.visible import visible

CLEAR = ""  # the tag picker's answer for "no tag": show every sentence again


def _preview(text: str, width: int = 300) -> str:
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class TagPicker(FilterPicker[str | None]):
    """Choose a tag by typing part of its name or description; works for any number of tags.

    Answers the tag's name, :data:`CLEAR` for the "all sentences" entry (offered with
    ``clear_label``), or None when cancelled.
    """

    PLACEHOLDER = "Type to filter tags"

    def __init__(self, tags: Sequence[Tag], title: str, marked: Sequence[str] = (),
                 counts: dict[str, int] | None = None, clear_label: str = "") -> None:
        super().__init__(0, title)
        self.tags = list(tags)
        self.marked = set(marked)
        self.counts = counts or {}
        self.clear_label = clear_label

    def options(self, term: str) -> list[Option]:
        found = []
        if self.clear_label and (not term or term in self.clear_label.casefold()):
            found.append(Option(Text(self.clear_label, style="italic"), id="\0"))
        for tag in self.tags:
            if term and term not in tag.name.casefold() and term not in tag.description.casefold():
                continue
            label = Text("✓ " if tag.name in self.marked else "  ", no_wrap=True, overflow="ellipsis")
            label.append(f"{tag.key or ' '}  ", style="bold")
            label.append(tag.name, style=f"bold {tag.colour}")
            if tag.name in self.counts:
                label.append(f" ({self.counts[tag.name]})")
            if tag.description:
                label.append(f"  {visible(tag.description)}", style="dim")
            found.append(Option(label, id=tag.name))
        return found

    def chosen(self, option_id: str) -> str | None:
        return CLEAR if option_id == "\0" else option_id

    def cancelled(self) -> str | None:
        return None


def _row(label: str, field: Input) -> Horizontal:
    """A labelled one-line field."""
    field.compact = True
    return Horizontal(Static(label, classes="form-label"), field, classes="form-row")


class _Form(ModalScreen):
    """A small form: Enter in a field moves to the next one and, in the last (or in any, with
    ``SUBMIT_FROM_ANY``), submits."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="close-form")]
    SUBMIT_FROM_ANY = False

    def _fields(self) -> list[Input]:
        return list(self.query(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        fields = self._fields()
        if self.SUBMIT_FROM_ANY or event.input is fields[-1]:
            self.submit()
        else:
            fields[fields.index(event.input) + 1].focus()

    def say(self, problem: str) -> None:
        self.query_one(".form-hint", Static).update(Text(problem, style="bold red"))

    def submit(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteScreen(_Form):
    """Write or change the note on a sentence: the new text (empty removes the note), None if cancelled."""

    def __init__(self, number: int, sentence: str, note: str | None) -> None:
        super().__init__()
        self.number = number
        self.sentence = sentence
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Static(Text(f"Note on sentence {self.number}", style="bold"))
            yield Static(Text(_preview(self.sentence), style="dim"))
            yield _row("Note", Input(value=self.note or "", placeholder="Your note", id="note-input"))
            yield Static(Text("Enter to save, empty to remove the note, Escape to cancel.", style="dim"),
                         classes="form-hint")

    def submit(self) -> None:
        self.dismiss(self.query_one("#note-input", Input).value)


@dataclass(frozen=True, slots=True)
class NewTimex:
    """A time expression the reader adds: ``start`` is its offset inside the sentence."""

    start: int
    text: str
    type: str
    value: str


def _type_and_value(form: _Form, type_id: str, value_id: str) -> tuple[str, str] | None:
    kind = form.query_one(type_id, Input).value.strip().upper() or "DATE"
    value = form.query_one(value_id, Input).value.strip()
    problem = timex_value_problem(value, kind)
    if problem:
        form.say(problem)
        return None
    return kind, value


class AddTimexScreen(_Form):
    """Add a time expression the tagger missed, from the text of one sentence."""

    def __init__(self, number: int, sentence: str) -> None:
        super().__init__()
        self.number = number
        self.sentence = sentence

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Static(Text(f"Add a time expression in sentence {self.number}", style="bold"))
            yield Static(Text(_preview(self.sentence, 600), style="dim"))
            yield _row("Words", Input(placeholder="exactly as in the sentence", id="add-phrase"))
            yield _row("Type", Input(value="DATE", placeholder=" / ".join(TIMEX_TYPES), id="add-type"))
            yield _row("Value", Input(placeholder="TIMEX3, e.g. 2018-09-05", id="add-value"))
            yield Static(Text("Enter moves to the next field and saves from the last; Escape cancels.",
                              style="dim"), classes="form-hint")

    def submit(self) -> None:
        phrase = self.query_one("#add-phrase", Input).value.strip()
        at = self.sentence.find(phrase) if phrase else -1
        if at < 0 and phrase:
            at = self.sentence.casefold().find(phrase.casefold())
            if len(self.sentence.casefold()) != len(self.sentence):
                at = -1  # casefolding moved the offsets
        if at < 0:
            self.say(f"{phrase!r} is not in this sentence: type the words as they are written."
                     if phrase else "Type the words of the time expression first.")
            self.query_one("#add-phrase", Input).focus()
            return
        checked = _type_and_value(self, "#add-type", "#add-value")
        if checked is not None:
            self.dismiss(NewTimex(at, self.sentence[at:at + len(phrase)], *checked))


@dataclass(frozen=True, slots=True)
class TimexEdit:
    """What the correction screen decided: ``kind`` is "value", "reject" or "remove"."""

    kind: str
    value: str = ""
    type: str = ""


class CorrectionScreen(_Form):
    """Correct one timeline entry: a new value (and type), not a time expression, or remove a
    correction made before."""

    SUBMIT_FROM_ANY = True

    def __init__(self, timex: Timex, sentence: str, original: Timex | None, correction: Correction | None) -> None:
        super().__init__()
        self.timex = timex
        self.sentence = sentence
        self.original = original
        self.correction = correction

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Static(Text(f"Correct “{_preview(self.timex.text, 60)}”", style="bold"))
            yield Static(Text(_preview(self.sentence), style="dim"))
            if self.correction is not None:
                was = (f"the tagger said {self.original.type} {self.original.value}" if self.original
                       else "the tagger did not find it")
                yield Static(Text(f"You corrected this ({self.correction.kind}); {was}.", style="italic"))
            yield _row("Value", Input(value=self.timex.value, placeholder="TIMEX3, e.g. 2018-09-05", id="fix-value"))
            yield _row("Type", Input(value=self.timex.type, placeholder=" / ".join(TIMEX_TYPES), id="fix-type"))
            with Horizontal(classes="form-buttons"):
                yield Button("Save", id="fix-save", variant="primary", compact=True)
                yield Button("Not a time expression", id="fix-reject", compact=True)
                if self.correction is not None:
                    yield Button("Remove my correction", id="fix-remove", compact=True)
            yield Static(Text("Enter in a field saves; Tab reaches the buttons; Escape cancels.", style="dim"),
                         classes="form-hint")

    def submit(self) -> None:
        checked = _type_and_value(self, "#fix-type", "#fix-value")
        if checked is not None:
            self.dismiss(TimexEdit("value", checked[1], checked[0]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "fix-save":
            self.submit()
        elif event.button.id == "fix-reject":
            self.dismiss(TimexEdit("reject"))
        elif event.button.id == "fix-remove":
            self.dismiss(TimexEdit("remove"))


@dataclass(frozen=True, slots=True)
class ReviewAction:
    """``kind`` "jump" (to ``sentence``) or "remove" (the correction at ``span``)."""

    kind: str
    sentence: int = -1
    span: tuple[int, int] = (-1, -1)


class ReviewScreen(ModalScreen[ReviewAction | None]):
    """What needs a reader's eye: orphaned annotations (their text is gone from the article), ones
    re-attached to a changed sentence, and the timeline corrections."""

    BINDINGS = [
        Binding("escape,q", "cancel", "Close", id="close-review"),
        Binding("x,delete", "remove", "Remove the correction", id="review-remove"),
    ]

    def __init__(self, orphans: Sequence[Annotation], fuzzy: Sequence[Annotation], corrections: Sequence[Correction],
                 stale: Sequence[Correction], sentence_of: dict[tuple[int, int], int]) -> None:
        super().__init__()
        self.orphans, self.fuzzy = list(orphans), list(fuzzy)
        self.corrections, self.stale = list(corrections), {c.key for c in stale}
        self.sentence_of = sentence_of

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static(Text("Review", style="bold"))
            yield OptionList(*self._options(), id="review-list")
            yield Static(Text("Enter: go to the sentence · x: remove a correction (u undoes) · Escape: close",
                              style="dim"))

    def _options(self) -> list[Option]:
        options: list[Option] = []

        def section(title: str, empty: str, count: int) -> None:
            options.append(Option(Text(f"{title} ({count})", style="bold underline"), disabled=True))
            if not count:
                options.append(Option(Text(f"  {empty}", style="dim"), disabled=True))

        section("Orphaned: their sentence is no longer in the article", "none", len(self.orphans))
        for record in self.orphans:
            options.append(Option(self._record_label(record), disabled=True))
        section("Re-attached to a changed sentence: check them", "none", len(self.fuzzy))
        for record in self.fuzzy:
            label = Text(f"  sentence {record.sentence + 1}: ")
            label.append_text(self._record_label(record))
            options.append(Option(label, id=f"s{record.sentence}"))
        section("Timeline corrections", "none: press e on a timeline entry to correct it", len(self.corrections))
        for correction in self.corrections:
            label = Text(f"  “{_preview(correction.text, 40)}”  ")
            if correction.kind == "reject":
                label.append("not a time expression", style="bold")
            else:
                label.append(f"{correction.type or 'DATE'} {correction.value}", style="bold")
                if correction.kind == "value" and correction.original:
                    label.append(f"  (tagger: {correction.original})", style="dim")
                if correction.kind == "add":
                    label.append("  (added)", style="dim")
            if correction.key in self.stale:
                label.append("  text no longer in the article: kept, not applied", style="italic")
            options.append(Option(label, id=f"c{correction.start}:{correction.end}"))
        return options

    @staticmethod
    def _record_label(record: Annotation) -> Text:
        label = Text(f"  “{_preview(record.exact, 70)}”")
        if record.tags:
            label.append(f"  [{', '.join(record.tags)}]", style="bold")
        if record.note:
            label.append(f"  note: {_preview(record.note, 60)}", style="italic")
        return label

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("s"):
            self.dismiss(ReviewAction("jump", sentence=int(option_id[1:])))
        elif option_id.startswith("c"):
            span = self._span(option_id)
            self.dismiss(ReviewAction("jump", sentence=self.sentence_of.get(span, -1)))

    @staticmethod
    def _span(option_id: str) -> tuple[int, int]:
        start, end = option_id[1:].split(":")
        return int(start), int(end)

    def action_remove(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        option_id = options.get_option_at_index(options.highlighted).id or ""
        if option_id.startswith("c"):
            self.dismiss(ReviewAction("remove", span=self._span(option_id)))

    def action_cancel(self) -> None:
        self.dismiss(None)
