"""Small helpers for pilot tests."""

from __future__ import annotations


async def settle(pilot) -> None:
    """Wait until extraction has finished and the screen has caught up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """Everything on the screen now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def article_lines(app) -> list[str]:
    """The article pane's visible lines, as the user reads them."""
    view = app.reader.article_view
    return [view.render_line(y).text for y in range(view.size.height)]


def timeline_lines(app) -> list[str]:
    view = app.reader.timeline_view
    return [view.render_line(y).text for y in range(view.size.height)]


def notifications(app) -> list[str]:
    """The messages of the notifications shown so far (and not yet expired)."""
    return [notification.message for notification in app._notifications]
