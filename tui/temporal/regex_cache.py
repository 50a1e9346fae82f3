"""Compiled regexes kept between runs, as Python keeps compiled modules in ``__pycache__``.

Compiling the rules' regexes is most of the tagger's start-up (about 0.25 s of 0.4 s): the
standard ``re`` parser and compiler are written in Python. What they produce, the regex engine's
code (a list of integers), is saved the first time in the user's cache folder, and later runs
hand it straight to the engine, which checks it as it does any code. A file holds the regexes
of one run, keyed by their source and flags, for one Python build; it is checked by a digest,
and anything wrong with it (missing, from another build, torn, a folder that cannot be
written) costs only the compile, never a result.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import zlib
from array import array
from pathlib import Path

from tui.atomic import atomic_write

try:  # the compiler of the standard ``re`` module
    import _sre
    from re import _compiler as _sre_compile
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import _sre  # type: ignore[no-redef]
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_HEADER = b"newsline regex cache 1\n"
_DIGEST = 32  # bytes of sha256
# The engine's code words are this wide; an array type of the same width stores them.
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)
# An entry: (flags the pattern ended with, code bytes, groups, group index, index group).
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def default_folder() -> Path | None:
    """``$NEWSLINE_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/newsline``, else
    ``~/.cache/newsline``."""
    chosen = os.environ.get("NEWSLINE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "newsline")


def _build() -> str:
    """What the code depends on: the Python build and its regex engine."""
    return f"{sys.version} {sys.implementation.cache_tag} {_sre.MAGIC} {_sre.CODESIZE} {sys.maxunicode}"


class RegexCache:
    """``compile`` as ``re.compile``, answered from the file in ``folder`` where it can be.
    ``save`` writes the regexes compiled so far when any was not in the file."""

    def __init__(self, folder: Path | None) -> None:
        name = hashlib.sha256(_build().encode()).hexdigest()[:16]
        self.path = folder / f"regexes-{sys.implementation.cache_tag}-{name}.bin" if folder else None
        self._stored: dict[tuple[str, int], Entry] = self._read() if _CODE_TYPE else {}
        self._used: dict[tuple[str, int], Entry] = {}
        self.compiled = 0  # regexes compiled from their source, not taken from the file
        self._unsaved = False  # whether one of those is not in the file yet

    def compile(self, source: str, flags: int = 0) -> re.Pattern:
        key = (source, flags := int(flags))
        entry = self._stored.get(key)
        if entry is not None:
            try:
                regex = _from_code(source, entry)
            except Exception:  # code the engine refuses: compile it afresh
                pass
            else:
                self._used[key] = entry
                return regex
        self.compiled += 1
        self._unsaved = True
        if _CODE_TYPE is None:
            return re.compile(source, flags)
        try:
            entry = _code(source, flags)
            regex = _from_code(source, entry)
        except re.error:
            raise
        except Exception:  # a private compiler that changed: compile the public way
            return re.compile(source, flags)
        self._used[key] = entry
        return regex

    def save(self) -> None:
        """Write the regexes compiled so far (a file that cannot be written is left alone)."""
        if self.path is None or not self._unsaved or _CODE_TYPE is None:
            return
        payload = zlib.compress(marshal.dumps([(s, f, *e) for (s, f), e in self._used.items()]), 6)
        try:
            atomic_write(self.path, _HEADER + hashlib.sha256(payload).digest() + payload)
        except OSError:
            return
        self._stored = dict(self._used)
        self._unsaved = False

    def _read(self) -> dict[tuple[str, int], Entry]:
        if self.path is None:
            return {}
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        digest, payload = data[len(_HEADER):len(_HEADER) + _DIGEST], data[len(_HEADER) + _DIGEST:]
        if not data.startswith(_HEADER) or hashlib.sha256(payload).digest() != digest:
            return {}
        try:
            return {(source, flags): (final, code, groups, dict(index), tuple(names))
                    for source, flags, final, code, groups, index, names in marshal.loads(zlib.decompress(payload))}
        except Exception:  # a file this build did not write: it only costs the compile
            return {}


def _code(source: str, flags: int) -> Entry:
    """What ``re.compile`` hands the engine for ``source``."""
    tree = _sre_parse.parse(source, flags)
    code = _sre_compile._code(tree, flags)
    index = dict(tree.state.groupdict)
    names: list[str | None] = [None] * tree.state.groups
    for name, number in index.items():
        names[number] = name
    return int(flags | tree.state.flags), array(_CODE_TYPE, code).tobytes(), tree.state.groups - 1, index, tuple(names)


def _from_code(source: str, entry: Entry) -> re.Pattern:
    final, code, groups, index, names = entry
    words = array(_CODE_TYPE)
    words.frombytes(code)
    return _sre.compile(source, final, words.tolist(), groups, index, names)

