"""The article pane: one sentence per block, time expressions highlighted, a sentence cursor."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.message import Message
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
    """Sentences of one article; ``cursor`` is a sentence index.

    A filter (``set_filter``) lays out only some sentences, so the pane stays virtualized however
    many are hidden; a range (``set_range_anchor``) runs from its anchor to the cursor.
    """

    BINDINGS = bindings("article")
    COMPONENT_CLASSES = {
        "article-view--cursor", "article-view--cursor-blur", "article-view--timex", "article-view--linked",
        "article-view--match", "article-view--gutter", "article-view--error", "article-view--range",
    }

    class FilterCleared(Message):
        """The cursor had to go to a sentence the filter hid, so the filter is off."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.raw_text = ""
        self.sentences: tuple[Sentence, ...] = ()
        self._sentence_starts: list[int] = []
        self.timexes: tuple[Timex, ...] = ()
        self._timex_starts: list[int] = []
        self.linked_sentence = -1
        self.linked_timex: Timex | None = None
        self.search_term = ""
        self.matches: list[tuple[int, int]] = []
        self.message: str | None = None
        self.tag_chips: TagChips = lambda index: ()
        self.shown: list[int] | None = None  # the filter: sentence indices laid out, in order
        self._shown_set: frozenset[int] = frozenset()
        self.range_anchor: int | None = None
        self._state = 0

    # -- content -----------------------------------------------------------------------------------------
    def show(self, text: str, sentences: Sequence[Sentence], timexes: Sequence[Timex], cursor: int = 0) -> None:
        self.message = None
        self.raw_text = text
        self.text = visible(text)
        self.sentences = tuple(sentences)
        self._sentence_starts = [s.start for s in self.sentences]
        self.timexes = tuple(timexes)
        self._timex_starts = [t.start for t in self.timexes]
        self.cursor = cursor
        self.shown, self._shown_set, self.range_anchor = None, frozenset(), None
        self._find_matches()
        self.relayout()
        self.scroll_to_cursor()

    def show_message(self, message: str) -> None:
        """Show a notice instead of an article (unreadable file, analysis under way)."""
        self.message = message
        self.raw_text = message
        self.text = visible(message)
        self.sentences = ()
        self._sentence_starts = []
        self.timexes = ()
        self._timex_starts = []
        self.matches = []
        self.cursor = 0
        self.shown, self._shown_set, self.range_anchor = None, frozenset(), None
        self.relayout()

    def set_filter(self, indices: Sequence[int] | None) -> None:
        """Lay out only the sentences ``indices`` (None: all of them); the cursor goes to the nearest
        one shown."""
        self.shown = sorted(set(indices)) if indices is not None else None
        self._shown_set = frozenset(self.shown or ())
        self.range_anchor = None
        self.relayout()
        if self.shown and self.cursor not in self._shown_set:
            after = bisect.bisect_left(self.shown, self.cursor)
            self.cursor = self.shown[min(after, len(self.shown) - 1)]
            self.post_message(self.CursorMoved(self, self.cursor))
        self._changed()
        self.scroll_to_cursor()

    def is_shown(self, item: int) -> bool:
        return self.shown is None or item in self._shown_set

    def set_range_anchor(self, anchor: int | None) -> None:
        self.range_anchor = anchor
        self._changed()

    def range_indices(self) -> list[int]:
        """The sentences shown between the range's anchor and the cursor, or just the cursor's."""
        if self.range_anchor is None:
            return [self.cursor] if self.sentences else []
        low, high = sorted((self.range_anchor, self.cursor))
        return [i for i in range(low, high + 1) if self.is_shown(i)]

    def refresh_annotations(self) -> None:
        """Tags or notes changed: draw the gutter again."""
        self._changed()

    def set_timexes(self, timexes: Sequence[Timex]) -> None:
        self.timexes = tuple(timexes)
        self._timex_starts = [t.start for t in self.timexes]
        self._changed()

    def set_link(self, sentence: int, timex: Timex | None) -> None:
        """Highlight what the timeline cursor points at."""
        if (sentence, timex) == (self.linked_sentence, self.linked_timex):
            return
        old = self.linked_timex
        self.linked_sentence, self.linked_timex = sentence, timex
        # Only the sentences under the old and the new phrase look different: redraw just those
        # (this runs on every cursor move).
        for phrase in (old, timex):
            if phrase is not None:
                for item in range(self.sentence_at(phrase.start), self.sentence_at(phrase.end - 1) + 1):
                    self.refresh_item(item)

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
        if forward:
            position = bisect.bisect_left(self.matches, (here.end,))
            match = self.matches[position % len(self.matches)]
        else:
            position = bisect.bisect_left(self.matches, (here.start,)) - 1
            match = self.matches[position]
        self.move_cursor(self.sentence_at(match[0]))
        return True

    def sentence_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self._sentence_starts, offset) - 1, 0)

    # -- CursorView -------------------------------------------------------------------------------
    def item_count(self) -> int:
        return len(self.sentences)

    def line_state(self, item: int) -> tuple:
        return (item == self.cursor, self.has_focus, self._linked_phrase_in(item), self._in_range(item),
                self._state)

    def _linked_phrase_in(self, item: int) -> Timex | None:
        """The highlighted phrase, when it falls in sentence ``item``."""
        phrase = self.linked_timex
        if phrase is None or not 0 <= item < len(self.sentences):
            return None
        sentence = self.sentences[item]
        return phrase if phrase.start < sentence.end and phrase.end > sentence.start else None

    def _in_range(self, item: int) -> bool:
        return self.range_anchor is not None and min(self.range_anchor, self.cursor) <= item <= max(
            self.range_anchor, self.cursor)

    def can_hold_cursor(self, item: int) -> bool:
        return self.is_shown(item)

    def _step(self, start: int, direction: int) -> int:
        if self.shown is None:
            return super()._step(start, direction)
        # Bisect the filter rather than walk past every hidden sentence.
        if direction > 0:
            at = bisect.bisect_right(self.shown, start)
            return self.shown[at] if at < len(self.shown) else self.cursor
        at = bisect.bisect_left(self.shown, start) - 1
        return self.shown[at] if at >= 0 else self.cursor

    def move_cursor(self, item: int, *, announce: bool = True, animate: bool = False) -> None:
        if self.shown is not None and item not in self._shown_set and 0 <= item < len(self.sentences):
            self.set_filter(None)  # a jump to a hidden sentence (search, timeline) shows it
            self.post_message(self.FilterCleared(self))
        super().move_cursor(item, announce=announce, animate=animate)
        if self.range_anchor is not None:
            self.refresh()  # the range follows the cursor: every line in it may change

    def layout_lines(self, width: int) -> list[tuple[int, object]]:
        text_width = max(width - GUTTER, 4)
        if self.message is not None:
            return [(-1, span) for span in wrap_spans(self.text, 0, len(self.text), text_width)]
        lines: list[tuple[int, object]] = []
        previous_end, previous = 0, -1
        sentences = self.sentences if self.shown is None else [self.sentences[i] for i in self.shown]
        for sentence in sentences:
            gap = sentence.index != previous + 1 or self.raw_text.count("\n", previous_end, sentence.start) >= 2
            if lines and gap:
                lines.append((-1, None))
            previous = sentence.index
            for span in wrap_spans(self.text, sentence.start, sentence.end, text_width):
                lines.append((sentence.index, span))
            previous_end = sentence.end
        return lines

    def draw_line(self, line_index: int, item: int, data: object, width: int) -> Strip:
        if data is None:
            return Strip.blank(width, self.rich_style)  # never a None style: NO_COLOR filters fail on it
        start, end = data  # type: ignore[misc]
        if self.message is not None:
            style = self.get_component_rich_style("article-view--error")
            return Strip([Segment(" " * GUTTER, Style()), Segment(self.text[start:end], style)])
        base = Style()
        if item == self.cursor:
            base = self.get_component_rich_style(
                "article-view--cursor" if self.has_focus else "article-view--cursor-blur")
        elif self._in_range(item):
            base = self.get_component_rich_style("article-view--range")
        segments = self._gutter(item, line_index, base)
        segments.extend(self._text_segments(start, end, base))
        # The cursor and range shading run to the pane's edge, so a short last line still reads as one block.
        return Strip(segments).extend_cell_length(width, base)

    def _gutter(self, item: int, line_index: int, base: Style) -> list[Segment]:
        gutter_style = self.get_component_rich_style("article-view--gutter")
        marked = item == self.cursor or self._in_range(item)
        if line_index != self._item_first_line[item]:
            return [Segment(" " * GUTTER, gutter_style + base if marked else gutter_style)]
        marker = "▌" if item == self.cursor else ("┃" if marked else " ")
        chips = list(self.tag_chips(item))
        parts = [Segment(marker, gutter_style + base if marked else gutter_style)]
        for label, colour in chips[:MAX_CHIPS]:
            parts.append(Segment(label[:1], Style.parse(f"bold {colour}")))
        if len(chips) > MAX_CHIPS:
            parts.append(Segment("+", gutter_style))
        used = sum(len(part.text) for part in parts)
        parts.append(Segment(" " * (GUTTER - used), Style()))  # a None style breaks NO_COLOR
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
