"""Snapshots of the main screens at the usual floor (80x24) and a roomy terminal (160x50).

Refresh after an intended change of look with `pytest tests/test_snapshots.py --snapshot-update`
and review the SVGs in the report it writes.
"""

from __future__ import annotations

import pytest

from tui.app.app import NewslineApp
from tui.cli import load_corpus


def reader(tmp_path) -> NewslineApp:
    return NewslineApp(load_corpus([]), annotations=tmp_path / "annotations")


async def settled(pilot) -> None:
    """Extraction done and every layout it caused (scroll bars included) painted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.1)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_main_screen(snap_compare, tmp_path, size):
    assert snap_compare(reader(tmp_path), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_timeline_focused_on_an_entry(snap_compare, tmp_path, size):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("tab", "j", "j", "j")

    assert snap_compare(reader(tmp_path), terminal_size=size, run_before=run_before)


def test_help_screen(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(reader(tmp_path), terminal_size=(80, 24), run_before=run_before)
