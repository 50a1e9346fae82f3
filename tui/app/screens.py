"""Modal screens: help, the article picker, the publication-date prompt."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.keymap import COMMANDS, keys_for
from tui.corpus import Article
from tui.store import TagSet
from tui.visible import visible

PickT = TypeVar("PickT")

SCOPE_TITLES = {"app": "Everywhere", "panes": "Article and timeline panes", "article": "Article pane",
                "timeline": "Timeline pane"}


def _key_names(keys: str) -> str:
    names = {"slash": "/", "question_mark": "?", "space": "Space", "pagedown": "PgDn", "pageup": "PgUp",
             "left_square_bracket": "[", "right_square_bracket": "]", "escape": "Escape"}
    return ", ".join(names.get(key.strip(), key.strip()) for key in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """Every binding, with the keys it has now (after the user's keymap)."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help")]

    def __init__(self, keymap: dict[str, str], tagset: TagSet | None = None) -> None:
        super().__init__()
        self.keymap = keymap
        self.tagset = tagset

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Newsline keys\n\n", style="bold")
        for scope, title in SCOPE_TITLES.items():
            text.append(f"{title}\n", style="bold underline")
            for command in COMMANDS:
                if command.scope == scope:
                    text.append(f"  {_key_names(keys_for(command, self.keymap)):<22}", style="bold")
                    text.append(f"{command.description}")
                    text.append(f"  ({command.id})\n", style="dim")
            text.append("\n")
        if self.tagset is not None:
            text.append(f"Tags ({visible(self.tagset.name)}, version {self.tagset.version})\n",
                        style="bold underline")
            for tag in self.tagset.tags:
                text.append(f"  {tag.key or '(t)':<22}", style="bold")
                text.append(tag.name, style=f"bold {tag.colour}")
                text.append(f"  {visible(tag.description)}\n")
            text.append("\n")
        text.append("Search: type, Enter for the next match, Escape to close.\n")
        text.append("Remap any key in ~/.config/newsline/keymap.yaml, e.g.  next-article: ctrl+n\n", style="dim")
        with VerticalScroll(id="help-box"):
            yield Static(text, id="help-text")

    def action_dismiss(self) -> None:
        self.dismiss(None)


class FilterPicker(ModalScreen[PickT]):
    """A list to choose from, filtered as you type; arrows move the list while typing goes on."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="close-picker")]
    PLACEHOLDER = "Filter"

    def __init__(self, highlighted: int | None = None, title: str = "") -> None:
        super().__init__()
        self.initial = highlighted
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            if self.title_text:
                yield Static(Text(self.title_text, style="bold"), id="picker-title")
            yield Input(placeholder=self.PLACEHOLDER, id="picker-filter")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = min(self.initial or 0, options.option_count - 1)

    def options(self, term: str) -> list[Option]:
        """The options matching the casefolded filter ``term``, each with an id for ``chosen``."""
        raise NotImplementedError

    def chosen(self, option_id: str) -> PickT:
        raise NotImplementedError

    def cancelled(self) -> PickT:
        raise NotImplementedError

    def _fill(self, term: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self.options(term.casefold()))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)
        self.query_one(OptionList).highlighted = 0 if self.query_one(OptionList).option_count else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(self.chosen(options.get_option_at_index(options.highlighted).id or ""))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.chosen(event.option.id or ""))

    def on_key(self, event) -> None:
        # Arrow keys move the list while the filter keeps the focus.
        options = self.query_one(OptionList)
        if event.key in ("down", "up", "pagedown", "pageup"):
            getattr(options, f"action_{'cursor_' if event.key in ('down', 'up') else ''}{event.key}")()
            event.stop()

    def action_cancel(self) -> None:
        self.dismiss(self.cancelled())


class ArticlePicker(FilterPicker[int | None]):
    """Choose an article; type to filter by title or id."""

    PLACEHOLDER = "Filter articles"

    def __init__(self, articles: Sequence[Article], current: int) -> None:
        super().__init__(current)
        self.articles = articles

    def options(self, term: str) -> list[Option]:
        found = []
        for index, article in enumerate(self.articles):
            if term and term not in article.title.casefold() and term not in article.id.casefold():
                continue
            label = Text(f"{index + 1:>3}  ")
            label.append(visible(article.title)[:200])
            published = article.published.isoformat() if article.published else "date unknown"
            label.append(f"  {published}", style="dim")
            if article.error:
                label.append("  unreadable", style="bold red")
            found.append(Option(label, id=str(index)))
        return found

    def chosen(self, option_id: str) -> int | None:
        return int(option_id or 0)

    def cancelled(self) -> int | None:
        return None


class DateScreen(ModalScreen[date | None | bool]):
    """Ask for a publication date: a date, None to clear it, False when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="close-date")]

    def __init__(self, title: str, current: date | None, source: str) -> None:
        super().__init__()
        self.article_title = title
        self.current = current
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(id="date-box"):
            yield Static(Text(f"Publication date of {visible(self.article_title)[:60]}", style="bold"))
            known = f"now {self.current.isoformat()} ({self.source})" if self.current else "now unknown"
            yield Static(Text(f"{known}. Relative dates are resolved against it.", style="dim"))
            yield Input(value=self.current.isoformat() if self.current else "", placeholder="YYYY-MM-DD",
                        id="date-input")
            yield Static(Text("Enter to save, empty to clear, Escape to cancel.", style="dim"), id="date-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            self.dismiss(None)
            return
        try:
            self.dismiss(date.fromisoformat(raw))
        except ValueError:
            self.query_one("#date-hint", Static).update(
                Text(f"'{raw}' is not a date: write it as YYYY-MM-DD, e.g. 2018-09-06.", style="bold red"))

    def action_cancel(self) -> None:
        self.dismiss(False)
