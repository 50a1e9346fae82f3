"""Load articles and their metadata from files and folders (no Textual, no Rich).

Sources, in path order (folders recursively, hidden files and folders skipped):

- ``.txt``: the whole file is the text; the title is its first non-empty line, which stays part of
  the text (so it is also the first sentence).
- ``.md`` / ``.markdown``: optional YAML front matter between ``---`` lines (title, date, source,
  url, id). ``text`` is the body after the front matter, so offsets index the body;
  ``Article.text_offset`` says where the body starts in the decoded file.
- ``.jsonl``: one article per line, ``{"text", "title"?, "date"?, "id"?, "url"?, "source"?}``
  (the gold format's ``doc`` and ``dct`` are read as id and date).
- A ``metadata.yaml`` in an article's folder maps file names to {date, title, source, url, id}.

A file named on the command line is always tried (as plain text unless it is ``.md``/``.jsonl``);
in folders other extensions are ignored. Text is UTF-8 with an optional BOM (dropped: offsets index
the text after it); CRLF stays as is. Nothing here raises for bad input except a missing path:
an unreadable file (binary, invalid UTF-8, empty, too large) becomes an Article with ``error`` set
to a message naming the file and the problem and ``text`` empty; a bad JSONL line becomes such an
Article for that line while the other lines load.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from tui.pubdate import (
    FROM_FRONT_MATTER,
    FROM_JSONL,
    UNKNOWN,
    date_from_dateline,
    detect_published,
    is_date_line,
    parse_date_value,
)


class MissingPathError(Exception):
    """A path given on the command line does not exist; ``str(error)`` is that path."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(str(path))
        self.path = Path(path)


@dataclass
class Article:
    """One article. ``text`` is the whole file (or JSONL ``text``, or a Markdown body), so offsets
    index it directly.

    ``error`` is set, and ``text`` empty, when the source could not be read as an article; the
    message names the file and the problem. ``warning`` is set when the article loaded but some of
    its metadata did not (bad front matter, a bad ``metadata.yaml``).
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
    # The date found when loading, kept so clearing a user-set date (tui.pubdates) restores it.
    detected_published: date | None = None
    detected_from: str = UNKNOWN
    warning: str | None = None
    text_offset: int = 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


# How each file extension is read; in folders, files with other extensions are skipped.
READERS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".jsonl": "jsonl"}
METADATA_NAMES = ("metadata.yaml", "metadata.yml")
MAX_ARTICLE_BYTES = 64 << 20  # one article; a JSONL archive is streamed line by line instead
MAX_METADATA_BYTES = 8 << 20
MAX_FRONT_MATTER = 64 << 10
TITLE_MAX = 120
SNIFF_BYTES = 64 << 10  # how much of a file decides "binary"
BINARY_CONTROL_SHARE = 0.3  # more control characters than this share: not text
ID_HASH_LENGTH = 12
BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

_NONSPACE = re.compile(r"\S")
_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$\n?", re.MULTILINE)
# Control characters that plain text does not contain (tab, line breaks and ESC are allowed, the
# last because ANSI colour codes in copied terminal text are still text).
_DROP_ODD_CONTROLS = dict.fromkeys([*range(0, 9), 11, *range(14, 27), *range(28, 32), 127])


@dataclass(frozen=True)
class _Source:
    path: Path
    shown: str  # the path as the user would write it, for messages
    key: str  # "<folder>/<relative path>", to tell apart files with the same stem


@dataclass
class _Loaded:
    article: Article
    # The id to use instead when another article has the same id (None: the id was given).
    specific_id: str | None


def bundled_seeds_dir() -> Path:
    """The sample articles: ``tui/seeds`` when installed, the repository's ``seeds/`` in a checkout."""
    package = Path(__file__).resolve().parent
    candidates = (package / "seeds", package.parent / "seeds")
    return next((folder for folder in candidates if folder.is_dir()), candidates[0])


def load_articles(paths: Sequence[str | Path]) -> list[Article]:
    """The articles in ``paths`` (files and folders), in path order, with stable unique ids.

    Raises ``MissingPathError`` for the first path that does not exist; every other problem is
    reported on the article it concerns.
    """
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            raise MissingPathError(root)
    metadata = _MetadataCache()
    loaded: list[_Loaded] = []
    seen: set[Path] = set()
    for root in roots:
        for source in _sources(root, loaded):
            real = source.path.resolve()
            if real not in seen:
                seen.add(real)
                loaded.extend(_load_source(source, metadata))
    _make_ids_unique(loaded)
    return [item.article for item in loaded]


def _sources(root: Path, loaded: list[_Loaded]) -> Iterator[_Source]:
    """The files to load under ``root``; unreadable folders become error articles in ``loaded``."""
    if not root.is_dir():
        real = root.resolve()
        yield _Source(root, str(root), f"{real.parent.name}/{real.name}")
        return
    found: list[tuple[tuple[str, ...], Path]] = []

    def unreadable(error: OSError) -> None:
        folder = Path(error.filename or root)
        message = f"{folder}: cannot read folder ({error.strerror or error})"
        loaded.append(_Loaded(_error_article(folder, folder.name, message), None))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                path = Path(folder) / name
                found.append((path.relative_to(root).parts, path))
    top = root.resolve().name
    for parts, path in sorted(found):
        yield _Source(path, str(path), "/".join((top, *parts)))


def _load_source(source: _Source, metadata: _MetadataCache) -> list[_Loaded]:
    kind = READERS.get(source.path.suffix.lower(), "text")
    if kind == "jsonl":
        return _load_jsonl(source, metadata)
    raw, error = _read_file(source)
    if error is None:
        text, error = _decode(raw, source.shown)
    if error is not None:
        return [_Loaded(_error_article(source.path, source.path.stem, error), None)]
    fields: dict = {}
    warnings: list[str] = []
    offset = 0
    if kind == "markdown":
        fields, offset, problem = _split_front_matter(text)
        if problem:
            warnings.append(f"{source.shown} {problem}")
        text = text[offset:]
        if not text.strip():
            message = f"{source.shown}: no text after the front matter"
            return [_Loaded(_error_article(source.path, source.path.stem, message), None)]
    entry, problem = metadata.entry(source)
    if problem:
        warnings.append(problem)
    article = _build(source, text, fields, entry, FROM_FRONT_MATTER, warnings)
    article.text_offset = offset
    specific = None if article.id != source.path.stem else source.key
    return [_Loaded(article, specific)]


def _read_file(source: _Source) -> tuple[bytes, str | None]:
    try:
        size = source.path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            limit = f"{size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,}"
            return b"", f"{source.shown}: too large for one article ({limit})"
        return source.path.read_bytes(), None
    except OSError as error:
        return b"", f"{source.shown}: cannot read ({error.strerror or error})"


def _decode(raw: bytes, shown: str, offset: int = 0) -> tuple[str, str | None]:
    """Decode UTF-8 text, or say in one line why these bytes are not an article."""
    if not raw.strip():
        return "", f"{shown}: empty file" if not raw else f"{shown}: no text (only white space)"
    if raw.startswith(UTF16_BOMS):
        return "", f"{shown}: UTF-16 text is not supported (save it as UTF-8)"
    skip = len(BOM) if raw.startswith(BOM) else 0
    nul = raw.find(b"\x00")
    if nul >= 0:
        return "", f"{shown}: binary file, not text (NUL byte at offset {offset + nul})"
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        at = error.start + skip
        return "", f"{shown}: not UTF-8 text (invalid byte 0x{raw[at]:02x} at offset {offset + at})"
    if not text.strip():
        return "", f"{shown}: no text (only white space)"
    sample = text[:SNIFF_BYTES]
    odd = len(sample) - len(sample.translate(_DROP_ODD_CONTROLS))
    if odd > BINARY_CONTROL_SHARE * len(sample):
        return "", f"{shown}: binary file, not text ({odd} control characters in the first {len(sample)})"
    return text, None


def _split_front_matter(text: str) -> tuple[dict, int, str | None]:
    """Front matter fields, where the body starts, and a problem (without the file name)."""
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return {}, 0, None
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if closing is None:
        return {}, 0, None  # a rule at the top of the page, not front matter
    block = text[opening.end() : closing.start()]
    if len(block) > MAX_FRONT_MATTER:
        return {}, closing.end(), f"front matter: too large ({len(block):,} characters); ignored"
    try:
        fields = yaml.safe_load(block)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 2 if error.problem_mark is not None else 2
        return {}, closing.end(), f"line {line}: front matter is not valid YAML ({error.problem}); ignored"
    except yaml.YAMLError as error:
        return {}, closing.end(), f"front matter is not valid YAML ({error}); ignored"
    if fields is None:
        return {}, closing.end(), None
    if not isinstance(fields, dict):
        return {}, closing.end(), "front matter is not a mapping of fields; ignored"
    return {str(key): value for key, value in fields.items()}, closing.end(), None


def _load_jsonl(source: _Source, metadata: _MetadataCache) -> list[_Loaded]:
    """One article per JSON line; a bad line becomes an error article, the others still load."""
    stem = source.path.stem
    entry, problem = metadata.entry(source)
    results: list[_Loaded] = []
    try:
        with source.path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if not head.strip():
                return [_Loaded(_error_article(source.path, stem, _decode(head, source.shown)[1] or ""), None)]
            if b"\x00" in head or head.startswith(UTF16_BOMS):
                _, message = _decode(head, source.shown)
                return [_Loaded(_error_article(source.path, stem, message or ""), None)]
            handle.seek(0)
            offset = 0
            for number, raw in enumerate(handle, start=1):
                line_offset, offset = offset, offset + len(raw)
                if number == 1 and raw.startswith(BOM):
                    raw, line_offset = raw[len(BOM) :], line_offset + len(BOM)
                if not raw.strip():
                    continue
                item = _jsonl_article(source, raw, number, line_offset, entry, problem)
                item.article.line = number
                results.append(item)
    except OSError as error:
        message = f"{source.shown}: cannot read ({error.strerror or error})"
        return [*results, _Loaded(_error_article(source.path, stem, message), None)]
    if not results:
        return [_Loaded(_error_article(source.path, stem, f"{source.shown}: no articles (only blank lines)"), None)]
    return results


def _jsonl_article(
    source: _Source, raw: bytes, number: int, line_offset: int, entry: dict, problem: str | None
) -> _Loaded:
    where = f"{source.shown} line {number}"
    line_id = f"{source.path.stem}:line{number}"
    line, error = _decode(raw, where, line_offset)
    record = None
    if error is None:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as bad:
            error = f"{where}: not JSON: {bad.msg.removesuffix(' at')} at column {bad.colno}"
    if error is None and not isinstance(record, dict):
        error = f"{where}: not a JSON object"
    if error is None and not isinstance(record.get("text"), str):
        error = f'{where}: no "text" string'
    if error is None and not record["text"].strip():
        error = f"{where}: empty text"
    if error is not None:
        title = f"{source.path.name} line {number}"
        return _Loaded(_error_article(source.path, line_id, error, title), None)
    text = record.pop("text")
    fields = dict(record)
    fields.setdefault("id", record.get("doc"))
    fields.setdefault("date", record.get("dct"))
    shared = {key: value for key, value in entry.items() if key not in ("id", "title")}
    article = _build(source, text, fields, shared, FROM_JSONL, [problem] if problem else [], where)
    content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:ID_HASH_LENGTH]
    if fields.get("id") in (None, ""):
        article.id = f"{source.path.stem}:{content_hash}"
        return _Loaded(article, f"{source.key}:{content_hash}")
    return _Loaded(article, None)


def _build(
    source: _Source,
    text: str,
    fields: dict,
    entry: dict,
    own_from: str,
    warnings: list[str],
    where: str | None = None,
) -> Article:
    """An article from its text, its own fields (front matter, JSONL) and its metadata.yaml entry."""
    where = where or source.shown

    def pick(name: str) -> str | None:
        value = fields.get(name)
        if value in (None, ""):
            value = entry.get(name)
        return None if value in (None, "") else str(value)

    own_date = None
    if fields.get("date") not in (None, ""):
        own_date = parse_date_value(fields["date"])
        if own_date is None:
            warnings.append(f"{where}: date {fields['date']!r} is not a date; ignored")
    meta_date = None
    if entry.get("date") not in (None, ""):
        meta_date = parse_date_value(entry["date"])
        if meta_date is None:
            warnings.append(f"{where}: metadata date {entry['date']!r} is not a date; ignored")
    published, published_from = detect_published(
        own=own_date, own_from=own_from, metadata=meta_date, text=text, file_name=source.path.name
    )
    title = _clean_title(pick("title") or "") or first_line_title(text) or source.path.name
    return Article(
        id=pick("id") or source.path.stem,
        path=source.path,
        title=title,
        text=text,
        published=published,
        published_from=published_from,
        source=pick("source"),
        url=pick("url"),
        meta={key: value for key, value in fields.items() if value is not None},
        detected_published=published,
        detected_from=published_from,
        warning="; ".join(warnings) or None,
    )


def _error_article(path: Path, article_id: str, message: str, title: str | None = None) -> Article:
    return Article(id=article_id, path=path, title=title or path.name, text="", error=message)


def first_line_title(text: str) -> str:
    """The first non-empty line of ``text`` that is not only a dateline, on one line, at most ``TITLE_MAX``."""
    lines = [line for line in text[: TITLE_MAX * 8].splitlines() if line.strip()]
    for line in lines[:3]:
        # A line that is only a date (" date 2019-09-17 Reuters, SEOUL") tells when, not what.
        if not (is_date_line(line) and date_from_dateline(line, year_hint=2000) is not None):
            return _clean_title(line)
    return _clean_title(lines[0]) if lines else ""


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= TITLE_MAX:
        return title
    cut = title.rfind(" ", TITLE_MAX // 2, TITLE_MAX)
    return title[: cut if cut > 0 else TITLE_MAX - 1].rstrip() + "…"


def _make_ids_unique(loaded: list[_Loaded]) -> None:
    """Give clashing ids their file's relative path, then a ``~N`` suffix, in path order."""
    for use_specific in (True, False):
        groups: dict[str, list[_Loaded]] = defaultdict(list)
        for item in loaded:
            groups[item.article.id].append(item)
        for items in groups.values():
            if len(items) < 2:
                continue
            for number, item in enumerate(items, start=1):
                if use_specific and item.specific_id is not None:
                    item.article.id = item.specific_id
                elif not use_specific and number > 1:
                    item.article.id = f"{item.article.id}~{number}"


class _MetadataCache:
    """``metadata.yaml`` per folder, read once: file name -> {date, title, source, url, id}."""

    def __init__(self) -> None:
        self._folders: dict[Path, tuple[dict, str | None, str]] = {}

    def entry(self, source: _Source) -> tuple[dict, str | None]:
        """The metadata entry for ``source`` and a problem with the metadata file, if any."""
        folder = source.path.parent
        if folder not in self._folders:
            self._folders[folder] = self._read(folder)
        entries, problem, shown = self._folders[folder]
        entry = entries.get(source.path.name)
        if entry is None:
            return {}, problem
        if not isinstance(entry, dict):
            return {}, f"{shown}: {source.path.name}: expected fields (date, title, ...), found {entry!r}"
        return {str(key): value for key, value in entry.items()}, problem

    @staticmethod
    def _read(folder: Path) -> tuple[dict, str | None, str]:
        for name in METADATA_NAMES:
            path = folder / name
            if path.is_file():
                break
        else:
            return {}, None, ""
        shown = str(path)
        try:
            if path.stat().st_size > MAX_METADATA_BYTES:
                return {}, f"{shown}: too large; ignored", shown
            data = yaml.safe_load(path.read_bytes())
        except yaml.MarkedYAMLError as error:
            line = f" line {error.problem_mark.line + 1}" if error.problem_mark is not None else ""
            return {}, f"{shown}{line}: not valid YAML ({error.problem}); ignored", shown
        except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
            return {}, f"{shown}: cannot read ({error}); ignored", shown
        if data is None:
            return {}, None, shown
        if not isinstance(data, dict):
            return {}, f"{shown}: expected file names mapped to fields; ignored", shown
        return {str(key): value for key, value in data.items()}, None, shown
