"""A virtualized list of items, each wrapped over one or more screen lines, with a cursor.

Only the visible lines are rendered (Textual's Line API), so an article of a hundred thousand
sentences costs no more to show than one of ten. Both panes build on this.
"""

from __future__ import annotations

from textual.cache import LRUCache
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class CursorView(ScrollView, can_focus=True):
    """Subclasses lay items out into lines (``layout``) and draw one line (``draw_line``)."""

    class CursorMoved(Message):
        def __init__(self, view: CursorView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.cursor = 0
        # Per screen line: the item it belongs to (-1 for none) and what the subclass needs to draw it.
        self._lines: list[tuple[int, object]] = []
        self._item_first_line: list[int] = []
        self._item_line_count: list[int] = []
        self._strip_cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._layout_width = 0

    # -- to implement -------------------------------------------------------------------------
    def item_count(self) -> int:
        raise NotImplementedError

    def layout_lines(self, width: int) -> list[tuple[int, object]]:
        """Every screen line, in order: ``(item index or -1, drawing data)``."""
        raise NotImplementedError

    def draw_line(self, line_index: int, item: int, data: object, width: int) -> Strip:
        raise NotImplementedError

    def line_state(self, item: int) -> tuple:
        """What besides the line itself changes how it looks (the cursor, a highlight)."""
        return (item == self.cursor and self.has_focus,  item == self.cursor)

    def can_hold_cursor(self, item: int) -> bool:
        return True

    # -- layout ----------------------------------------------------------------------------------
    def relayout(self) -> None:
        """Wrap every item again for the current width (after the items or the width change)."""
        width = max(self.scrollable_content_region.width, 10)
        self._layout_width = width
        self._lines = self.layout_lines(width)
        count = self.item_count()
        self._item_first_line = [0] * count
        self._item_line_count = [0] * count
        for line_index, (item, _) in enumerate(self._lines):
            if item < 0:
                continue
            if self._item_line_count[item] == 0:
                self._item_first_line[item] = line_index
            self._item_line_count[item] += 1
        self.virtual_size = Size(width, len(self._lines))
        self.cursor = min(self.cursor, max(count - 1, 0))
        self.invalidate()

    def invalidate(self) -> None:
        """Forget every drawn line (the highlights or the items changed)."""
        self._strip_cache.clear()
        self.refresh()

    def on_resize(self, event: Resize) -> None:
        if max(self.scrollable_content_region.width, 10) != self._layout_width:
            self.relayout()
            self.scroll_to_cursor(animate=False)

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # Textual moves the scroll bar only while it is shown: one that appears after a scroll (a
        # timeline filled and scrolled to its cursor in one go) would otherwise sit at the top.
        if shown:
            self.vertical_scrollbar.position = self.scroll_y

    def on_focus(self) -> None:
        self.refresh_item(self.cursor)

    def on_blur(self) -> None:
        self.refresh_item(self.cursor)

    # -- drawing -----------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        line_index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if line_index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        item, data = self._lines[line_index]
        key = (line_index, width, *self.line_state(item))
        strip = self._strip_cache.get(key)
        if strip is None:
            # Segments carry only their own styles: the widget's colours go underneath them all.
            strip = self.draw_line(line_index, item, data, width).apply_style(self.rich_style)
            strip = strip.extend_cell_length(width, self.rich_style)
            strip = strip.crop(0, width)
            self._strip_cache[key] = strip
        return strip

    def refresh_item(self, item: int) -> None:
        if 0 <= item < len(self._item_first_line):
            first, count = self._item_first_line[item], self._item_line_count[item]
            self.refresh_lines(first, max(count, 1))  # virtual lines: Textual subtracts the scroll

    # -- cursor --------------------------------------------------------------------------------------
    def move_cursor(self, item: int, *, announce: bool = True, animate: bool = False) -> None:
        count = self.item_count()
        if count == 0:
            return
        item = max(0, min(item, count - 1))
        old, self.cursor = self.cursor, item
        self.refresh_item(old)
        self.refresh_item(item)
        self.scroll_to_cursor(animate=animate)
        if announce and old != item:
            self.post_message(self.CursorMoved(self, item))

    def scroll_to_cursor(self, animate: bool = False) -> None:
        if not self._item_first_line or self.cursor >= len(self._item_first_line):
            return
        first, count = self._item_first_line[self.cursor], self._item_line_count[self.cursor]
        self.scroll_to_region(Region(0, first, 1, max(count, 1)), animate=animate, force=True)

    def _step(self, start: int, direction: int) -> int:
        item = start
        while 0 <= item + direction < self.item_count():
            item += direction
            if self.can_hold_cursor(item):
                return item
        return self.cursor

    def action_cursor_down(self) -> None:
        self.move_cursor(self._step(self.cursor, 1))

    def action_cursor_up(self) -> None:
        self.move_cursor(self._step(self.cursor, -1))

    def _item_at_line(self, line_index: int, direction: int) -> int:
        line_index = max(0, min(line_index, len(self._lines) - 1))
        while 0 <= line_index < len(self._lines) and self._lines[line_index][0] < 0:
            line_index += direction
        if not 0 <= line_index < len(self._lines):
            return self.cursor
        return self._lines[line_index][0]

    def action_page_down(self) -> None:
        if not self._lines:
            return
        target = self._item_first_line[self.cursor] + max(self.scrollable_content_region.height - 1, 1)
        self.move_cursor(self._item_at_line(target, 1))

    def action_page_up(self) -> None:
        if not self._lines:
            return
        target = self._item_first_line[self.cursor] - max(self.scrollable_content_region.height - 1, 1)
        self.move_cursor(self._item_at_line(target, -1))

    def action_first(self) -> None:
        self.move_cursor(self._step(-1, 1))

    def action_last(self) -> None:
        self.move_cursor(self._step(self.item_count(), -1))

    def on_click(self, event: Click) -> None:
        line_index = self.scroll_offset.y + event.y
        if 0 <= line_index < len(self._lines) and self._lines[line_index][0] >= 0:
            item = self._lines[line_index][0]
            if self.can_hold_cursor(item):
                self.move_cursor(item)
