from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.app import NewslineApp
from tui.corpus import bundled_seeds_dir, load_articles

SEEDS = bundled_seeds_dir()


@pytest.fixture
def seed_articles():
    return load_articles([SEEDS])


@pytest.fixture
def make_app(tmp_path: Path):
    """A reader on the given paths (the samples by default), saving under a temporary folder."""

    def make(paths: list[Path] | None = None, keymap: Path | None = None, tagset: Path | None = None,
             annotator: str = "tester", annotations: Path | None = None) -> NewslineApp:
        from tui.cli import load_corpus

        annotations = annotations or tmp_path / "annotations"
        articles = load_corpus([str(p) for p in paths or [SEEDS]], annotations)
        return NewslineApp(articles, annotations=annotations, keymap_path=keymap, annotator=annotator,
                           tagset_path=tagset)

    return make

