"""The annotation file: its records, how it is read and checked, written, and merged.

One file holds one annotator's work on one article::

    schema: newsline/1
    document: {id, path, sha256, length, sentences, published, published_from}
    tagset: {name, version}
    annotator: alice
    saved_at: '2026-11-21T10:03:11.512Z'
    annotations:                # one record per annotated sentence, in text order
    - id: 3f9a1c2e7b0d4a61
      sentence: 2
      start: 399
      end: 504
      exact: The South Korean team also seeks ...
      prefix: <32 characters before>
      suffix: <32 characters after>
      tags: [claim]
      note: attributed to unnamed officials
      created: '2026-11-21T09:58:40.120Z'
      modified: '2026-11-21T10:01:02.004Z'
    corrections:                # timeline corrections, by span
    - {start, end, text, kind: value|reject|add, original, value, type, created, modified}

Times are UTC ISO 8601 text with milliseconds, so they sort as text. Fields this version does not
know are kept and written back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from tui.store.files import BlockText, Checker, FlowList, StoreFileError, dump_yaml, parse_yaml, read_bytes

SCHEMA = "newsline/1"
_SCHEMA_FAMILY = "newsline/"


def now() -> str:
    """The current UTC time in the store's text form."""
    return _time_text(datetime.now(timezone.utc))


def _time_text(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass(frozen=True, slots=True)
class Annotation:
    """One annotated sentence. ``exact``, ``prefix`` and ``suffix`` let it be found again after the
    article is edited; ``extra`` keeps fields written by a newer version, in order."""

    id: str
    sentence: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    tags: tuple[str, ...]
    note: str | None
    created: str
    modified: str
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.tags and self.note is None

    @property
    def anchor(self) -> tuple[int, int, int, str, str, str]:
        return (self.sentence, self.start, self.end, self.exact, self.prefix, self.suffix)

    def to_yaml(self) -> dict[str, Any]:
        out = {
            "id": self.id, "sentence": self.sentence, "start": self.start, "end": self.end,
            "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix,
            "tags": FlowList(self.tags), "note": BlockText(self.note) if self.note is not None else None,
            "created": self.created, "modified": self.modified,
        }
        out.update(self.extra)
        return out


CORRECTION_KINDS = ("value", "reject", "add")


@dataclass(frozen=True, slots=True)
class Correction:
    """A reader's correction of one time expression, keyed by its span.

    ``kind`` is ``value`` (the tagger's ``original`` value is wrong: use ``value``), ``reject`` (not
    a time expression) or ``add`` (a time expression the tagger missed, with ``type`` and ``value``).
    """

    kind: str
    start: int
    end: int
    text: str
    value: str | None = None
    type: str | None = None
    original: str | None = None
    created: str = ""
    modified: str = ""

    @property
    def key(self) -> tuple[int, int]:
        return (self.start, self.end)

    @classmethod
    def revalue(cls, timex: Any, value: str) -> Correction:
        return cls("value", timex.start, timex.end, timex.text, value=value, type=timex.type,
                   original=timex.value)

    @classmethod
    def reject(cls, timex: Any) -> Correction:
        return cls("reject", timex.start, timex.end, timex.text, type=timex.type, original=timex.value)

    @classmethod
    def add(cls, start: int, end: int, text: str, type: str, value: str) -> Correction:
        return cls("add", start, end, text, value=value, type=type)

    def to_yaml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}
        for name in ("original", "value", "type"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        out["created"] = self.created
        out["modified"] = self.modified
        return out


@dataclass
class FileContents:
    """What an annotation file holds, checked."""

    document: dict[str, Any] = field(default_factory=dict)
    tagset: dict[str, Any] = field(default_factory=dict)
    annotator: str | None = None
    saved_at: str | None = None
    annotations: dict[str, Annotation] = field(default_factory=dict)
    corrections: dict[tuple[int, int], Correction] = field(default_factory=dict)


# --- reading -----------------------------------------------------------------------------------

_TOP = ("schema", "document", "tagset", "annotator", "saved_at", "annotations", "corrections")
_ANNOTATION_FIELDS = tuple(f.name for f in fields(Annotation) if f.name != "extra")
_CORRECTION_FIELDS = tuple(f.name for f in fields(Correction))


def parse_contents(raw: bytes, path: Path) -> FileContents:
    """Parse and check an annotation file; :class:`StoreFileError` names the line and the field."""
    data, node = parse_yaml(raw, path)
    check = Checker(path, node)
    top = check.need(data, dict, [])
    schema = check.need(top.get("schema"), str, ["schema"])
    if not schema.startswith(_SCHEMA_FAMILY):
        raise check.fail(["schema"], f"{schema!r} is not a Newsline annotation schema")
    if schema != SCHEMA:
        raise check.fail(["schema"], f"{schema!r} is newer than this program understands ({SCHEMA})")
    check.unknown_keys(top, _TOP, [])
    contents = FileContents(
        document=check.need(top.get("document"), dict, ["document"], optional=True) or {},
        tagset=check.need(top.get("tagset"), dict, ["tagset"], optional=True) or {},
        annotator=check.need(top.get("annotator"), str, ["annotator"], optional=True),
        saved_at=_time(top.get("saved_at"), check, ["saved_at"], optional=True),
    )
    for i, entry in enumerate(check.need(top.get("annotations"), list, ["annotations"], optional=True) or []):
        record = _annotation(entry, check, ["annotations", i])
        if record.id in contents.annotations:
            raise check.fail(["annotations", i, "id"], f"id {record.id!r} is used twice")
        contents.annotations[record.id] = record
    for i, entry in enumerate(check.need(top.get("corrections"), list, ["corrections"], optional=True) or []):
        correction = _correction(entry, check, ["corrections", i])
        contents.corrections[correction.key] = correction
    return contents


def read_contents(path: Path) -> FileContents:
    """Read and check the annotation file at ``path``."""
    found = read_bytes(path)
    if found is None:
        raise StoreFileError(path, "does not exist")
    return parse_contents(found[0], path)


def _time(value: Any, check: Checker, where: list, optional: bool = False) -> str | None:
    # Hand-written times may be unquoted, which YAML reads as datetime.
    if isinstance(value, datetime):
        return _time_text(value)
    if isinstance(value, date):
        return _time_text(datetime(value.year, value.month, value.day, tzinfo=timezone.utc))
    return check.need(value, str, where, optional=optional)


def _span(entry: dict, check: Checker, where: list) -> tuple[int, int]:
    start = check.need(entry.get("start"), int, [*where, "start"])
    end = check.need(entry.get("end"), int, [*where, "end"])
    if not 0 <= start <= end:
        raise check.fail([*where, "end"], f"span {start}-{end} is not a valid range of offsets")
    return start, end


def _annotation(entry: Any, check: Checker, where: list) -> Annotation:
    check.need(entry, dict, where)
    start, end = _span(entry, check, where)
    sentence = check.need(entry.get("sentence"), int, [*where, "sentence"])
    tags = check.need(entry.get("tags", []), list, [*where, "tags"], optional=True) or []
    for j, tag in enumerate(tags):
        check.need(tag, str, [*where, "tags", j])
    created = _time(entry.get("created"), check, [*where, "created"], optional=True) or ""
    identifier = entry.get("id")
    if isinstance(identifier, int) and not isinstance(identifier, bool):
        identifier = str(identifier)  # a hand-typed all-digit id
    return Annotation(
        id=check.need(identifier, str, [*where, "id"]),
        sentence=sentence, start=start, end=end,
        exact=check.need(entry.get("exact"), str, [*where, "exact"]),
        prefix=check.need(entry.get("prefix", ""), str, [*where, "prefix"], optional=True) or "",
        suffix=check.need(entry.get("suffix", ""), str, [*where, "suffix"], optional=True) or "",
        tags=tuple(dict.fromkeys(tags)),
        note=check.need(entry.get("note"), str, [*where, "note"], optional=True),
        created=created,
        modified=_time(entry.get("modified"), check, [*where, "modified"], optional=True) or created,
        extra=tuple((k, v) for k, v in entry.items() if k not in _ANNOTATION_FIELDS),
    )


def _correction(entry: Any, check: Checker, where: list) -> Correction:
    check.need(entry, dict, where)
    check.unknown_keys(entry, _CORRECTION_FIELDS, where)
    start, end = _span(entry, check, where)
    kind = check.need(entry.get("kind"), str, [*where, "kind"])
    if kind not in CORRECTION_KINDS:
        raise check.fail([*where, "kind"], f"{kind!r} should be one of {', '.join(CORRECTION_KINDS)}")
    value = check.need(entry.get("value"), str, [*where, "value"], optional=True)
    if kind != "reject" and value is None:
        raise check.fail([*where, "value"], f"a {kind!r} correction needs a value")
    created = _time(entry.get("created"), check, [*where, "created"], optional=True) or ""
    return Correction(
        kind=kind, start=start, end=end,
        text=check.need(entry.get("text"), str, [*where, "text"]),
        value=value,
        type=check.need(entry.get("type"), str, [*where, "type"], optional=True),
        original=check.need(entry.get("original"), str, [*where, "original"], optional=True),
        created=created,
        modified=_time(entry.get("modified"), check, [*where, "modified"], optional=True) or created,
    )


# --- writing -----------------------------------------------------------------------------------


class Renderer:
    """Writes annotation files, keeping each record's encoded YAML until the record changes.

    A tag change then costs one small dump plus a join, not a dump of the whole file (libyaml's
    dumper takes about 50 ms for 1,000 records). The output is exactly what one ``dump_yaml`` of the
    whole document gives (a test holds it to that).
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Annotation, bytes]] = {}

    def render(self, header: dict[str, Any], annotations: Iterable[Annotation],
               corrections: Iterable[Correction]) -> bytes:
        records = sorted(annotations, key=lambda a: (a.start, a.end, a.id))
        parts = [dump_yaml(header).encode()]
        if records:
            parts.append(b"annotations:\n")
            parts.extend(self._fragment(record) for record in records)
        else:
            parts.append(b"annotations: []\n")
        listed = [c.to_yaml() for c in sorted(corrections, key=_correction_order)]
        parts.append(dump_yaml({"corrections": listed}).encode())
        live = {record.id for record in records}
        if len(self._cache) > 2 * len(live) + 64:
            self._cache = {k: v for k, v in self._cache.items() if k in live}
        return b"".join(parts)

    def _fragment(self, record: Annotation) -> bytes:
        cached = self._cache.get(record.id)
        if cached is not None and cached[0] is record:
            return cached[1]
        encoded = dump_yaml([record.to_yaml()]).encode()
        self._cache[record.id] = (record, encoded)
        return encoded


def _correction_order(c: Correction) -> tuple[int, int]:
    return c.key


def header(document: dict[str, Any], tagset: dict[str, Any], annotator: str, saved_at: str) -> dict[str, Any]:
    return {"schema": SCHEMA, "document": document, "tagset": tagset, "annotator": annotator,
            "saved_at": saved_at}


# --- merging -----------------------------------------------------------------------------------


def _newer(ours: Any, theirs: Any) -> bool:
    """Whether our record wins a conflict: the later ``modified`` wins, ours on a tie."""
    return ours.modified >= theirs.modified


def _pick(base: Any, ours: Any, theirs: Any, ours_wins: bool) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return ours if ours_wins else theirs


def _merge_annotation(base: Annotation | None, ours: Annotation | None,
                      theirs: Annotation | None, order: Any) -> Annotation | None:
    present = ours or theirs
    assert present is not None
    # A deleted record is one with nothing left in it; it loses every conflict (its deletion time
    # is unknown), so a change made on the other side survives.
    blank = replace(present, tags=(), note=None, extra=(), modified="")
    b, o, t = base or blank, ours or blank, theirs or blank
    ours_wins = _newer(o, t)
    base_tags, our_tags = set(b.tags), set(o.tags)
    tags = (set(t.tags) | (our_tags - base_tags)) - (base_tags - our_tags)
    anchor = _pick(b.anchor, o.anchor, t.anchor, ours_wins)
    merged = Annotation(
        o.id, *anchor,
        tags=order(tags),
        note=_pick(b.note, o.note, t.note, ours_wins),
        created=min(x.created for x in (ours, theirs) if x is not None),
        modified=max(o.modified, t.modified),
        extra=_pick(b.extra, o.extra, t.extra, ours_wins),
    )
    return None if merged.empty else merged


def merge_annotations(base: dict[str, Annotation], ours: dict[str, Annotation],
                      theirs: dict[str, Annotation], order: Any) -> dict[str, Annotation]:
    """Three-way merge by record id. A record only one side changed takes that side; when both
    changed it, tags merge as sets (each side's additions and removals apply) and every other field
    goes to the side that changed it, or to the later ``modified`` when both did. A record both
    deleted stays deleted; a missing record counts as one with no tags and no note."""
    merged: dict[str, Annotation] = {}
    for key in {**theirs, **ours}:
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t or t == b:
            result = o
        elif o == b:
            result = t
        else:
            result = _merge_annotation(b, o, t, order)
        if result is not None:
            merged[key] = result
    return merged


def merge_corrections(base: dict[tuple[int, int], Correction], ours: dict[tuple[int, int], Correction],
                      theirs: dict[tuple[int, int], Correction]) -> dict[tuple[int, int], Correction]:
    """Three-way merge by span; when both sides changed one correction, the later one wins."""
    merged = {}
    for key in {**theirs, **ours}:
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        # A change beats a deletion; between two changes the later one wins.
        ours_wins = _newer(o, t) if o is not None and t is not None else o is not None
        result = _pick(b, o, t, ours_wins)
        if result is not None:
            merged[key] = result
    return merged
