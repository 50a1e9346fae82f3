"""The Textual application: loads the keymap and styles, and opens the reader."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import App

from tui.app.keymap import load_keymap
from tui.app.reader import ReaderScreen
from tui.corpus import Article


class NewslineApp(App[int]):
    CSS_PATH = "newsline.tcss"
    TITLE = "Newsline"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, articles: Sequence[Article], *, annotations: Path = Path("annotations"),
                 keymap_path: Path | None = None) -> None:
        super().__init__()
        self.articles = list(articles)
        self.annotations = annotations
        self.keymap, self.keymap_problem = load_keymap(keymap_path) if keymap_path else ({}, None)

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        self.push_screen(ReaderScreen(self.articles, self.annotations, self.keymap))
        if self.keymap_problem:
            self.notify(self.keymap_problem, severity="warning", timeout=10)

    @property
    def reader(self) -> ReaderScreen:
        screen = self.screen_stack[1] if len(self.screen_stack) > 1 else self.screen
        assert isinstance(screen, ReaderScreen)
        return screen
