"""Safe file names, guarded YAML reading and the one YAML dumper the store writes with.

Reading refuses what ``yaml.safe_load`` alone would let through: files too big to be annotations,
anchors and aliases (the "billion laughs" bomb expands by reference), nesting too deep for the
constructor. Every refusal is a :class:`StoreFileError` naming the file, the line where known, and
the problem.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# An annotation file for a very long article with every sentence annotated is a few MB; anything
# far larger is a mistake or an attack, and parsing it would stall the reader.
MAX_FILE_BYTES = 20 * 1024 * 1024

# Long lines rather than folded ones: a field stays on one line, so diffs and grep stay simple.
_WIDTH = 1_000_000


class StoreFileError(Exception):
    """A file the store reads is unusable; ``str()`` is the message to show the user."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}, line {line}" if line else str(self.path)
        super().__init__(f"{where}: {problem}")


class Signature(NamedTuple):
    """What identifies one version of a file on disk: a rename gives a new inode."""

    inode: int
    size: int
    mtime_ns: int


def signature_of(stat: os.stat_result) -> Signature:
    return Signature(stat.st_ino, stat.st_size, stat.st_mtime_ns)


def file_signature(path: Path) -> Signature | None:
    try:
        return signature_of(os.stat(path))
    except (FileNotFoundError, NotADirectoryError):
        return None


# --- names -------------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
# Names some file systems reserve whatever the extension (Windows device names).
_RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)})
_SLUG_MAX = 60


def _slug(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-")[:_SLUG_MAX].rstrip("-").lower()


def short_hash(text: str, length: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def article_file_name(article_id: str) -> str:
    """``<slug>.<hash>.yaml``: readable, and the hash of the exact id keeps ids that slug alike
    (case, punctuation, ``../``) apart, also on case-insensitive file systems."""
    return f"{_slug(article_id) or 'article'}.{short_hash(article_id)}.yaml"


def annotator_folder_name(annotator: str) -> str:
    """The annotator's own name when it is already a safe lower-case slug, else slug plus hash."""
    slug = _slug(annotator)
    if slug and slug == annotator and slug not in _RESERVED:
        return slug
    return f"{slug or 'annotator'}.{short_hash(annotator)}"


# --- reading -----------------------------------------------------------------------------------


def read_bytes(path: Path) -> tuple[bytes, Signature] | None:
    """The file's bytes and the signature of exactly that version, or None when it is missing."""
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            if stat.st_size > MAX_FILE_BYTES:
                raise StoreFileError(path, f"is {stat.st_size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit")
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except IsADirectoryError as error:
        raise StoreFileError(path, "is a folder, not a file") from error
    except OSError as error:
        raise StoreFileError(path, f"cannot be read ({error.strerror or error})") from error
    if len(raw) > MAX_FILE_BYTES:
        raise StoreFileError(path, f"is over the {MAX_FILE_BYTES:,}-byte limit")
    return raw, signature_of(stat)


def parse_yaml(raw: bytes, path: Path) -> tuple[Any, yaml.Node | None]:
    """``yaml.safe_load`` of ``raw``, also returning the node tree so problems found later can be
    given a line number (:func:`line_of`)."""
    loader = Loader(raw)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_aliases(node, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(p for p in (error.context, error.problem) if p) or "is not valid YAML"
        raise StoreFileError(path, f"not valid YAML: {problem}", mark.line + 1 if mark else None) from error
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as error:
        raise StoreFileError(path, f"not valid YAML: {error}") from error
    except RecursionError as error:
        raise StoreFileError(path, "nested too deeply to be an annotation file") from error
    finally:
        loader.dispose()
    return data, node


def _refuse_aliases(root: yaml.Node, path: Path) -> None:
    """An alias makes the composer reuse a node object: seeing one twice means an alias was used.

    The store never writes aliases, so refusing them all costs nothing and stops expansion bombs.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise StoreFileError(path, "uses YAML anchors/aliases, which are refused", node.start_mark.line + 1)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def line_of(node: yaml.Node | None, where: Sequence[Hashable]) -> int | None:
    """The 1-based line of the value at ``where`` (keys and list indices), or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in where:
        if isinstance(node, yaml.MappingNode):
            match = next((value for key, value in node.value if key.value == str(step)), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
        line = node.start_mark.line + 1
    return line


# --- writing -----------------------------------------------------------------------------------


class FlowList(list):
    """A short list written on one line (``tags: [claim, quote]``), so a tag change is a one-line diff."""


class BlockText(str):
    """Text written as a literal block, so a multi-line note reads as typed."""


class _Dumper(_BaseDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # The emitter falls back to quoting by itself when a literal block cannot hold the value exactly.
    # A text ending in an empty line needs "keep" chomping (|+), after which the emitter closes the
    # document ("..."); records are dumped one by one and joined into one file, so such a text is
    # written quoted instead.
    keeps_breaks = value.endswith(_BREAKS) and (len(value) == 1 or value[-2] in _BREAKS)
    style = '"' if keeps_breaks else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


# The line breaks of YAML 1.1, as PyYAML's emitter reads them.
_BREAKS = ("\n", "\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Line breaks as \n escapes keep a prefix or a sentence on one line, instead of YAML's folded
    # quoting where each break becomes a blank line.
    style = '"' if "\n" in value or "\r" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(BlockText, _represent_block)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(
    FlowList, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)
)


def dump_yaml(data: Any) -> str:
    """YAML in block style, keys in the order given, unicode as is, one field per line."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=_WIDTH,
                     default_flow_style=False)


_SURROGATE = re.compile("[\ud800-\udfff]")


def yaml_safe_text(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes read with ``surrogateescape``) replaced by
    U+FFFD: YAML cannot hold them, and a one-for-one swap keeps every offset valid."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


# --- validation --------------------------------------------------------------------------------


def _describe(where: Sequence[Hashable]) -> str:
    out = ""
    for step in where:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "the document"


_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "text", int: "a whole number"}


class Checker:
    """Type checks on parsed YAML whose failures name the file, the line and the field."""

    def __init__(self, path: Path, node: yaml.Node | None) -> None:
        self.path = path
        self.node = node

    def fail(self, where: Sequence[Hashable], problem: str) -> StoreFileError:
        return StoreFileError(self.path, f"{_describe(where)}: {problem}", line_of(self.node, where))

    def need(self, value: Any, kind: type, where: Sequence[Hashable], *, optional: bool = False) -> Any:
        if value is None and optional:
            return None
        # bool is an int in Python, never in an annotation file.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            got = "nothing" if value is None else type(value).__name__
            raise self.fail(where, f"should be {_TYPE_NAMES.get(kind, kind.__name__)}, got {got}")
        return value

    def unknown_keys(self, mapping: dict, allowed: Sequence[str], where: Sequence[Hashable]) -> None:
        for key in mapping:
            if key not in allowed:
                raise self.fail([*where, key], f"unknown field {key!r} (expected one of {', '.join(allowed)})")
