from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tui.app.app import NewslineApp
from tui.corpus import bundled_seeds_dir, load_articles

SEEDS = bundled_seeds_dir()


def pytest_configure(config: pytest.Config) -> None:
    # The tagger keeps its compiled regexes in the user's cache folder: a test run (and every
    # process it starts) keeps them in a folder of its own, made before any test module loads
    # the rules.
    config.regex_cache = tempfile.mkdtemp(prefix="newsline-regex-cache-")
    os.environ["NEWSLINE_CACHE_DIR"] = config.regex_cache


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.regex_cache, ignore_errors=True)


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

