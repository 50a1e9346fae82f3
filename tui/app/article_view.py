"""The article pane: one sentence per block, time expressions highlighted, a sentence cursor."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.app.cursor_view import CursorView
from tui.app.keymap import bindings
from tui.temporal.model import Timex
from tui.text import Sentence
from tui.visible import visible

GUTTER = 5
MAX_CHIPS = 3

TagChips = Callable[[int], Sequence[tuple[str, str]]]


def wrap_spans(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Break ``text[start:end]`` into lines of at most ``width`` cells, at spaces where possible."""
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        chunk_end = min(end, pos + width)
        if not text[pos:chunk_end].isascii():
            cells, chunk_end = 0, pos
            while chunk_end < end:
                cells += get_character_cell_size(text[chunk_end])
                if cells > width:
                    break
                chunk_end += 1
            chunk_end = max(chunk_end, pos + 1)
        if chunk_end >= end:
            spans.append((pos, end))
            break
        space = text.rfind(" ", pos, chunk_end + 1)
        line_end = space if space > pos else chunk_end
        spans.append((pos, line_end))
        pos = line_end
        while pos < end and text[pos] == " ":
            pos += 1
    return spans


class ArticleView(CursorView):
    """Sentences of one article; ``cursor`` is a sentence index."""

    BINDINGS = bindings("article")
    COMPONENT_CLASSES = {
        "article-view--cursor", "article-view--cursor-blur", "article-view--timex", "article-view--linked",
        "article-view--match", "article-view--gutter", "article-view--error",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.raw_text = ""
        self.sentences: tuple[Sentence, ...] = ()
        self.timexes: tuple[Timex, ...] = ()
        self._timex_starts: list[int] = []
        self.linked_sentence = -1
        self.linked_timex: Timex | None = None
        self.search_term = ""
        self.matches: list[tuple[int, int]] = []
        self.message: str | None = None
        self.tag_chips: TagChips = lambda index: ()
        self._state = 0

    # -- content -----------------------------------------------------------------------------------------
    def show(self, text: str, sentences: Sequence[Sentence], timexes: Sequence[Timex], cursor: int = 0) -> None:
        self.message = None
        self.raw_text = text
        self.text = visible(text)
        self.sentences = tuple(sentences)
        self.timexes = tuple(timexes)
        self._timex_starts = [t.start for t in self.timexes]
        self.cursor = cursor
        self._find_matches()
        self.relayout()
        self.scroll_to_cursor()

    def show_message(self, message: str) -> None:
        """Show a notice instead of an article (unreadable file, analysis under way)."""
        self.message = message
        self.raw_text = message
        self.text = visible(message)
        self.sentences = ()
        self.timexes = ()
        self._timex_starts = []
        self.matches = []
        self.cursor = 0
        self.relayout()

    def set_timexes(self, timexes: Sequence[Timex]) -> None:
        self.timexes = tuple(timexes)
        self._timex_starts = [t.start for t in self.timexes]
        self._changed()

    def set_link(self, sentence: int, timex: Timex | None) -> None:
        """Highlight what the timeline cursor points at."""
        if (sentence, timex) != (self.linked_sentence, self.linked_timex):
            self.linked_sentence, self.linked_timex = sentence, timex
            self._changed()

    def set_search(self, term: str) -> None:
        self.search_term = term
        self._find_matches()
        self._changed()

    def _changed(self) -> None:
        self._state += 1
        self.invalidate()

    def _find_matches(self) -> None:
        self.matches = []
        term = self.search_term.casefold()
        if not term or not self.text:
            return
        # casefold can change lengths (ß -> ss); search a same-length lowered copy instead.
        haystack = self.text.lower() if len(self.text.lower()) == len(self.text) else self.text
        needle = self.search_term.lower()
        position = haystack.find(needle)
        while position >= 0 and len(self.matches) < 100_000:
            self.matches.append((position, position + len(needle)))
            position = haystack.find(needle, position + max(len(needle), 1))

    def next_match(self, forward: bool = True) -> bool:
        """Move the cursor to the sentence of the next (or previous) search match."""
        if not self.matches or not self.sentences:
            return False
        here = self.sentences[self.cursor]
        starts = [m[0] for m in self.matches]
        if forward:
            position = bisect.bisect_left(starts, here.end)
            match = self.matches[position % len(self.matches)]
        else:
            position = bisect.bisect_left(starts, here.start) - 1
            match = self.matches[position]
        self.move_cursor(self.sentence_at(match[0]))
        return True

    def sentence_at(self, offset: int) -> int:
        starts = [s.start for s in self.sentences]
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    # -- CursorView -------------------------------------------------------------------------------
    def item_count(self) -> int:
        return len(self.sentences)

    def line_state(self, item: int) -> tuple:
        return (item == self.cursor, self.has_focus, item == self.linked_sentence, self._state)

    def layout_lines(self, width: int) -> list[tuple[int, object]]:
        text_width = max(width - GUTTER, 4)
        if self.message is not None:
            return [(-1, span) for span in wrap_spans(self.text, 0, len(self.text), text_width)]
        lines: list[tuple[int, object]] = []
        previous_end = 0
        for sentence in self.sentences:
            if lines and self.raw_text.count("\n", previous_end, sentence.start) >= 2:
                lines.append((-1, None))
            for span in wrap_spans(self.text, sentence.start, sentence.end, text_width):
                lines.append((sentence.index, span))
            previous_end = sentence.end
        return lines

    def draw_line(self, line_index: int, item: int, data: object, width: int) -> Strip:
        if data is None:
            return Strip.blank(width)
        start, end = data  # type: ignore[misc]
        if self.message is not None:
            style = self.get_component_rich_style("article-view--error")
            return Strip([Segment(" " * GUTTER), Segment(self.text[start:end], style)])
        base = Style()
        if item == self.cursor:
            base = self.get_component_rich_style(
                "article-view--cursor" if self.has_focus else "article-view--cursor-blur")
        segments = self._gutter(item, line_index, base)
        segments.extend(self._text_segments(start, end, base))
        return Strip(segments)

    def _gutter(self, item: int, line_index: int, base: Style) -> list[Segment]:
        gutter_style = self.get_component_rich_style("article-view--gutter")
        if line_index != self._item_first_line[item]:
            return [Segment(" " * GUTTER, gutter_style + base if item == self.cursor else gutter_style)]
        marker = "▌" if item == self.cursor else " "
        chips = list(self.tag_chips(item))
        parts = [Segment(marker, gutter_style + base if item == self.cursor else gutter_style)]
        for label, colour in chips[:MAX_CHIPS]:
            parts.append(Segment(label[:1], Style.parse(f"bold {colour}")))
        if len(chips) > MAX_CHIPS:
            parts.append(Segment("+", gutter_style))
        used = sum(len(part.text) for part in parts)
        parts.append(Segment(" " * (GUTTER - used)))
        return parts

    def _text_segments(self, start: int, end: int, base: Style) -> list[Segment]:
        timex_style = self.get_component_rich_style("article-view--timex")
        linked_style = self.get_component_rich_style("article-view--linked")
        match_style = self.get_component_rich_style("article-view--match")
        # Boundaries where the style may change inside [start, end).
        marks: dict[int, list[tuple[Style, int]]] = {}
        first = max(bisect.bisect_right(self._timex_starts, start) - 1, 0)
        for timex in self.timexes[first:]:
            if timex.start >= end:
                break
            if timex.end > start:
                style = linked_style if timex == self.linked_timex else timex_style
                marks.setdefault(max(timex.start, start), []).append((style, min(timex.end, end)))
        if self.matches:
            match_first = max(bisect.bisect_right(self.matches, (start, start)) - 1, 0)
            for m_start, m_end in self.matches[match_first:]:
                if m_start >= end:
                    break
                if m_end > start:
                    marks.setdefault(max(m_start, start), []).append((match_style, min(m_end, end)))
        cuts = sorted({start, end, *marks, *(stop for spans in marks.values() for _, stop in spans)})
        active: list[tuple[Style, int]] = []
        segments = []
        for left, right in itertools.pairwise(cuts):
            active = [(style, stop) for style, stop in active if stop > left] + marks.get(left, [])
            style = base
            for overlay, _ in active:
                style = style + overlay
            segments.append(Segment(self.text[left:right], style))
        return segments
