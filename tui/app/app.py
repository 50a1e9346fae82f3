"""The Textual application: loads the keymap, the tag set and styles, and opens the reader."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import App

from tui.app.annotation import open_tagset
from tui.app.keymap import load_keymap
from tui.app.reader import ReaderScreen
from tui.corpus import Article
from tui.store import AnnotationStore


class NewslineApp(App[int]):
    CSS_PATH = "newsline.tcss"
    TITLE = "Newsline"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, articles: Sequence[Article], *, annotations: Path = Path("annotations"),
                 keymap_path: Path | None = None, annotator: str = "anonymous",
                 tagset_path: Path | None = None) -> None:
        super().__init__()
        self.articles = list(articles)
        self.annotations = annotations
        self.keymap, self.keymap_problem = load_keymap(keymap_path) if keymap_path else ({}, None)
        tagset, self.tagset_notice = open_tagset(annotations, tagset_path)
        self.store = AnnotationStore(annotations, annotator, tagset) if tagset is not None else None

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        tagging_off = None if self.store is not None else self.tagset_notice
        self.push_screen(ReaderScreen(self.articles, self.annotations, self.keymap, self.store, tagging_off))
        if self.keymap_problem:
            self.notify(self.keymap_problem, severity="warning", timeout=10)
        if self.tagset_notice:
            self.notify(self.tagset_notice, severity="error" if self.store is None else "warning", timeout=15)

    @property
    def reader(self) -> ReaderScreen:
        screen = self.screen_stack[1] if len(self.screen_stack) > 1 else self.screen
        assert isinstance(screen, ReaderScreen)
        return screen
