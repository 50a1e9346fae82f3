"""What the reader needs around the annotation store: the tag set to use, which tag a digit key
means, and a light check of TIMEX3 values typed by hand."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tui.store import StoreFileError, Tag, TagSet, ensure_default_tagset, load_tagset
from tui.temporal.values import TIMEX_TYPES, is_timex3_value

_VALUE_HINT = "e.g. 2018-09-05, 2018-09, 2018-W36, 2018-Q3, 2018-09-18/2018-09-20, P3Y, PRESENT_REF"


def timex_value_problem(value: str, kind: str) -> str | None:
    """Why ``value`` is not a TIMEX3 value of type ``kind``, or None when it looks right."""
    if kind not in TIMEX_TYPES:
        return f"type {kind!r} should be one of {', '.join(TIMEX_TYPES)}"
    if not value:
        return f"a value is needed ({_VALUE_HINT})"
    if not is_timex3_value(value):
        return f"{value!r} is not a TIMEX3 value ({_VALUE_HINT})"
    if kind == "DURATION" and not value.startswith("P"):
        return f"a DURATION value starts with P, e.g. P3Y or PT2H (got {value!r})"
    return None


def bundled_tagset_path() -> Path:
    return Path(str(resources.files("tui.store").joinpath("default_tagset.yaml")))


def open_tagset(folder: Path, path: Path | None) -> tuple[TagSet | None, str | None]:
    """The tag set to annotate with and a message for the user, if any.

    ``path`` given: that file, or None with the reason (annotation is then off rather than saved
    under a set the user did not choose). Otherwise ``folder/tagset.yaml``, written from the bundled
    default on first run; when the folder cannot be written, the bundled default itself.
    """
    notice = None
    if path is None:
        try:
            path = ensure_default_tagset(folder)
        except OSError as error:
            notice = (f"could not write {Path(folder) / 'tagset.yaml'} ({error.strerror or error}); "
                      "using the built-in tag set")
            path = bundled_tagset_path()
    try:
        return load_tagset(path), notice
    except StoreFileError as error:
        return None, f"tag set not loaded, tagging is off: {error}"


def tag_for_key(tagset: TagSet, key: str) -> Tag | None:
    """The tag a digit key toggles: the tag declaring that key; in a set that declares no keys at
    all, the tag at that position."""
    tag = tagset.by_key(key)
    if tag is None and not any(t.key for t in tagset.tags) and key.isdigit():
        position = int(key) - 1
        tag = tagset.tags[position] if 0 <= position < len(tagset.tags) else None
    return tag
