"""Load articles and their metadata from files and folders (no Textual, no Rich)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


class MissingPathError(Exception):
    """A path given on the command line does not exist."""


@dataclass
class Article:
    """One article. ``text`` is the whole file (or JSONL ``text``), so offsets index it directly.

    ``error`` is set, and ``text`` empty, when the source could not be read as an article; the
    message names the file and the problem.
    """

    id: str
    path: Path
    title: str
    text: str
    published: date | None = None
    published_from: str = "unknown"
    source: str | None = None
    url: str | None = None
    line: int | None = None
    error: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def load_articles(paths):  # being written: see the brief in the text/corpus work
    raise NotImplementedError
