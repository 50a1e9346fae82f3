"""Tag sets: the tags a reader can put on sentences, loaded from YAML (no Textual, no Rich)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tui.atomic import atomic_write
from tui.store.files import Checker, StoreFileError, parse_yaml, read_bytes

TAGSET_FILE = "tagset.yaml"
_KEYS = tuple("123456789")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_TAG_FIELDS = ("name", "key", "colour", "description")


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    key: str | None
    colour: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class TagSet:
    name: str
    version: int | str
    tags: tuple[Tag, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", tuple(self.tags))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(tag.name for tag in self.tags)

    def get(self, name: str) -> Tag | None:
        return next((tag for tag in self.tags if tag.name == name), None)

    def by_key(self, key: str) -> Tag | None:
        return next((tag for tag in self.tags if tag.key == key), None)

    def order(self, names: set[str] | frozenset[str] | tuple[str, ...]) -> tuple[str, ...]:
        """``names`` in tag-set order, tags the set does not know after them alphabetically, so a
        sentence's tags are always listed (and written) the same way."""
        known = [tag.name for tag in self.tags if tag.name in names]
        return (*known, *sorted(set(names) - set(known)))


def load_tagset(path: Path) -> TagSet:
    """Read and check a tag set file; :class:`StoreFileError` says what is wrong and where."""
    path = Path(path)
    found = read_bytes(path)
    if found is None:
        raise StoreFileError(path, "does not exist")
    data, node = parse_yaml(found[0], path)
    return _tagset_from(data, Checker(path, node))


def _tagset_from(data: object, check: Checker) -> TagSet:
    top = check.need(data, dict, [])
    check.unknown_keys(top, ("name", "version", "tags"), [])
    name = check.need(top.get("name"), str, ["name"])
    version = top.get("version")
    if not isinstance(version, (int, str)) or isinstance(version, bool):
        raise check.fail(["version"], "should be a number or text")
    entries = check.need(top.get("tags"), list, ["tags"])
    if not entries:
        raise check.fail(["tags"], "lists no tags")
    tags: list[Tag] = []
    for i, entry in enumerate(entries):
        where = ["tags", i]
        check.need(entry, dict, where)
        check.unknown_keys(entry, _TAG_FIELDS, where)
        tag_name = check.need(entry.get("name"), str, [*where, "name"])
        if not _NAME.match(tag_name):
            raise check.fail([*where, "name"], f"{tag_name!r} should be one word of letters, digits, '_', '-', '.'")
        key = entry.get("key")
        if isinstance(key, int) and not isinstance(key, bool):
            key = str(key)  # `key: 1` unquoted is the natural thing to write
        if key is not None and key not in _KEYS:
            raise check.fail([*where, "key"], f"{key!r} should be one of the keys 1-9")
        colour = check.need(entry.get("colour"), str, [*where, "colour"])
        if not _COLOUR.match(colour):
            raise check.fail([*where, "colour"], f"{colour!r} should be #rgb or #rrggbb")
        description = check.need(entry.get("description", ""), str, [*where, "description"], optional=True)
        for earlier in tags:
            if earlier.name == tag_name:
                raise check.fail([*where, "name"], f"tag {tag_name!r} is listed twice")
            if key is not None and earlier.key == key:
                raise check.fail([*where, "key"], f"key {key} is already used by {earlier.name!r}")
        tags.append(Tag(tag_name, key, colour, description or ""))
    return TagSet(name, version, tuple(tags))


def default_tagset_text() -> str:
    return resources.files("tui.store").joinpath("default_tagset.yaml").read_text(encoding="utf-8")


def default_tagset() -> TagSet:
    """The bundled default tag set, e.g. when ``annotations/tagset.yaml`` cannot be written."""
    path = Path("<bundled default_tagset.yaml>")
    data, node = parse_yaml(default_tagset_text().encode("utf-8"), path)
    return _tagset_from(data, Checker(path, node))


def ensure_default_tagset(folder: Path) -> Path:
    """``folder/tagset.yaml``, written from the bundled default when it does not exist yet.

    An existing file is never touched, even a broken one: :func:`load_tagset` reports it.
    """
    path = Path(folder) / TAGSET_FILE
    if not path.exists():
        atomic_write(path, default_tagset_text())
    return path
