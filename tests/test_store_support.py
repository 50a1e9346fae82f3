"""Helpers shared by the store tests: articles built directly, split by a tiny test splitter."""

from __future__ import annotations

import re
from pathlib import Path

from tui.corpus import Article
from tui.store.annotations import AnnotationStore
from tui.store.tagset import default_tagset
from tui.text import Sentence

DATA = Path(__file__).parent / "data"
_SENTENCE = re.compile(r"[^\s][^.!?]*[.!?]+[\"”]?")


def split(text: str) -> list[Sentence]:
    """Sentences ending in . ! or ?, white space outside: enough for texts written for the tests."""
    return [Sentence(i, m.start(), m.end()) for i, m in enumerate(_SENTENCE.finditer(text))]


def article(text: str, article_id: str = "a1", title: str = "A title") -> Article:
    return Article(article_id, Path(f"seeds/{article_id}.txt"), title, text)


def numbered_text(n: int) -> str:
    return " ".join(f"Sentence number {i} says something about the talks on day {i}." for i in range(n))


def open_article(folder: Path, text: str, annotator: str = "alice", article_id: str = "a1"):
    a = article(text, article_id)
    store = AnnotationStore(folder, annotator, default_tagset())
    return store.open(a, split(text))
