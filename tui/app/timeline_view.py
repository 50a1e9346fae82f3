"""The timeline pane: entries in time order, the publication date as "now", other groups apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from tui.app.cursor_view import CursorView
from tui.app.keymap import bindings
from tui.timeline import GROUP_TITLES, Entry, Group, Timeline, now_position
from tui.visible import visible

MIN_LABEL_WIDTH = 12
CORRECTED_MARK = "✎ "  # before the phrase of an expression a reader corrected or added


@dataclass(frozen=True, slots=True)
class Banner:
    """A line that is not an entry: a group title or the "now" marker."""

    text: str
    kind: str  # "title" or "now"


class TimelineView(CursorView):
    """Entries of one article's timeline; ``cursor`` indexes ``entries``."""

    BINDINGS = bindings("timeline")
    COMPONENT_CLASSES = {
        "timeline-view--cursor", "timeline-view--cursor-blur", "timeline-view--label", "timeline-view--phrase",
        "timeline-view--sentence", "timeline-view--title", "timeline-view--now", "timeline-view--linked",
    }

    class Jump(Message):
        """Enter on an entry: show its sentence."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.sentence_texts: list[str] = []
        self.linked_sentence = -1
        self.corrected: frozenset[tuple[int, int]] = frozenset()
        self._rows: list[tuple[int, Banner | None]] = []
        self._state = 0
        self._widest_label = MIN_LABEL_WIDTH

    def show(self, timeline: Timeline | None, sentence_texts: Sequence[str], note: str = "",
             corrected: frozenset[tuple[int, int]] = frozenset()) -> None:
        """Show a timeline (None with a note while there is none yet); entries whose span is in
        ``corrected`` carry a mark."""
        self.entries = timeline.all_entries() if timeline else []
        self.corrected = corrected
        self.sentence_texts = [visible(" ".join(text.split())) for text in sentence_texts]
        self._widest_label = max([MIN_LABEL_WIDTH, *(len(e.label) + 2 for e in self.entries)])
        rows: list[tuple[int, Banner | None]] = []
        if note:
            rows.append((-1, Banner(note, "title")))
        if timeline is not None:
            rows.append((-1, Banner(GROUP_TITLES[Group.DATED], "title")))
            now_at = now_position(timeline)
            published = timeline.published.isoformat() if timeline.published else ""
            for index in range(len(timeline.dated)):
                if index == now_at:
                    rows.append((-1, Banner(published, "now")))
                rows.append((index, None))
            if now_at == len(timeline.dated):
                rows.append((-1, Banner(published, "now")))
            index = len(timeline.dated)
            for group in (Group.UNRESOLVED, Group.VAGUE, Group.DURATION, Group.SET):
                entries = timeline.others.get(group, ())
                if entries:
                    rows.append((-1, Banner(GROUP_TITLES[group], "title")))
                for _ in entries:
                    rows.append((index, None))
                    index += 1
            if not self.entries:
                rows.append((-1, Banner("No dated events found in this article.", "title")))
        self._rows = rows
        self.cursor = 0
        self._state += 1
        self.relayout()
        self.scroll_home(animate=False)

    def set_linked_sentence(self, sentence: int) -> None:
        if sentence == self.linked_sentence:
            return
        previous, self.linked_sentence = self.linked_sentence, sentence
        # Runs on every cursor move in the article: redraw only the entries whose shading changes.
        for index, entry in enumerate(self.entries):
            if entry.sentence in (previous, sentence):
                self.refresh_item(index)

    def current(self) -> Entry | None:
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    def select_first_in_sentence(self, sentence: int) -> None:
        for index, entry in enumerate(self.entries):
            if entry.sentence == sentence:
                self.move_cursor(index, announce=False)
                return

    def select_span(self, start: int, end: int) -> bool:
        """Put the cursor on the entry of the expression at ``start``-``end``, if there is one."""
        for index, entry in enumerate(self.entries):
            if (entry.timex.start, entry.timex.end) == (start, end):
                self.move_cursor(index, announce=False)
                return True
        return False

    def action_jump(self) -> None:
        entry = self.current()
        if entry is not None:
            self.post_message(self.Jump(entry))

    # -- CursorView --------------------------------------------------------------------------------
    def item_count(self) -> int:
        return len(self.entries)

    def line_state(self, item: int) -> tuple:
        linked = item >= 0 and self.entries[item].sentence == self.linked_sentence
        return (item == self.cursor, self.has_focus, linked, self._state)

    def layout_lines(self, width: int) -> list[tuple[int, object]]:
        lines: list[tuple[int, object]] = []
        for item, banner in self._rows:
            if banner is not None:
                lines.append((-1, banner))
            else:
                lines.append((item, 0))
                lines.append((item, 1))
        return lines

    def draw_line(self, line_index: int, item: int, data: object, width: int) -> Strip:
        label_width = min(self._widest_label, max(width // 2, MIN_LABEL_WIDTH))
        if isinstance(data, Banner):
            style = self.get_component_rich_style(f"timeline-view--{data.kind}")
            text = f" {data.text:<{label_width}}── now (publication date)" if data.kind == "now" else data.text
            return Strip([Segment(_fit(text, width), style)])
        entry = self.entries[item]
        base = Style()
        if item == self.cursor:
            base = self.get_component_rich_style(
                "timeline-view--cursor" if self.has_focus else "timeline-view--cursor-blur")
        elif entry.sentence == self.linked_sentence:
            base = self.get_component_rich_style("timeline-view--linked")
        marker = Segment("▌" if item == self.cursor else " ", base)
        if data == 0:
            label = _fit(entry.label, label_width - 1).ljust(label_width)
            mark = CORRECTED_MARK if (entry.timex.start, entry.timex.end) in self.corrected else ""
            phrase = _fit(mark + visible(entry.timex.text), max(width - label_width - 1, 1))
            return Strip([
                marker,
                Segment(label, base + self.get_component_rich_style("timeline-view--label")),
                Segment(phrase, base + self.get_component_rich_style("timeline-view--phrase")),
            ]).extend_cell_length(width, base)
        sentence = self.sentence_texts[entry.sentence] if entry.sentence < len(self.sentence_texts) else ""
        return Strip([
            marker,
            Segment("  " + _fit(sentence, max(width - 3, 1)),
                    base + self.get_component_rich_style("timeline-view--sentence")),
        ]).extend_cell_length(width, base)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
