"""One annotator's tags, notes and timeline corrections on articles, saved on every change.

Every mutating call returns only after the whole file is on disk (atomic replace, fsynced). Two
processes on one file take turns under an ``flock`` on a sidecar lock file; each re-reads the file
when another wrote it since, merges three-way (see :func:`merge_annotations`), then writes. A file
that cannot be read as an annotation file is reported in ``problem`` and never written over; a write
that fails keeps the change in memory, reports it in ``write_error``, and is retried on the next
change or by :meth:`ArticleAnnotations.retry`.

Load an annotation file into pandas (not a dependency of Newsline) with::

    pd.json_normalize(yaml.safe_load(open(path))["annotations"])
"""

from __future__ import annotations

import bisect
import fcntl
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from tui.atomic import atomic_write
from tui.corpus import Article
from tui.store.document import (
    CORRECTION_KINDS,
    Annotation,
    Correction,
    Renderer,
    header,
    merge_annotations,
    merge_corrections,
    now,
    parse_contents,
)
from tui.store.files import (
    Signature,
    StoreFileError,
    annotator_folder_name,
    article_file_name,
    file_signature,
    read_bytes,
    short_hash,
    yaml_safe_text,
)
from tui.store.history import History
from tui.store.reanchor import EXACT, FUZZY, MOVED, ORPHANED, Anchorer
from tui.store.tagset import TagSet
from tui.temporal.model import Timex
from tui.text import Sentence


@dataclass(frozen=True, slots=True)
class _TagEdit:
    key: str
    sentence: int
    tag: str
    add: bool

    def inverse(self) -> _TagEdit:
        return replace(self, add=not self.add)


@dataclass(frozen=True, slots=True)
class _NoteEdit:
    key: str
    sentence: int
    before: str | None
    after: str | None

    def inverse(self) -> _NoteEdit:
        return replace(self, before=self.after, after=self.before)


@dataclass(frozen=True, slots=True)
class _CorrectionEdit:
    key: tuple[int, int]
    before: Correction | None
    after: Correction | None

    def inverse(self) -> _CorrectionEdit:
        return replace(self, before=self.after, after=self.before)


_Edit = _TagEdit | _NoteEdit | _CorrectionEdit


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable step as a reader would say it, and the sentences it touched."""

    summary: str
    sentences: tuple[int, ...]


def sentences_label(indices: Sequence[int]) -> str:
    """"sentence 3" or "sentences 3-5" (numbered from 1, as a reader counts them)."""
    indices = sorted(indices)
    if len(indices) == 1:
        return f"sentence {indices[0] + 1}"
    if indices == list(range(indices[0], indices[-1] + 1)):
        return f"sentences {indices[0] + 1}-{indices[-1] + 1}"
    return f"{len(indices)} sentences"


def _describe_edit(edit: _Edit) -> str:
    if isinstance(edit, _TagEdit):
        return f"{'tagged' if edit.add else 'untagged'} {edit.tag}"
    if isinstance(edit, _NoteEdit):
        return "added a note" if edit.before is None else "removed the note" if edit.after is None \
            else "changed the note"
    after = edit.after
    if after is None:
        return f"removed the correction of {edit.before.text!r}" if edit.before else "correction"
    if after.kind == "reject":
        return f"marked {after.text!r} as not a time expression"
    if after.kind == "add":
        return f"added {after.text!r} ({after.value})"
    return f"corrected {after.text!r} to {after.value}"


def _clean(value: str | None) -> str | None:
    return yaml_safe_text(value) if value is not None else None


class AnnotationStore:
    """Annotation files under ``folder``: one subfolder per annotator, one file per article."""

    def __init__(self, folder: Path, annotator: str, tagset: TagSet) -> None:
        self.folder = Path(folder)
        self.annotator = annotator
        self.tagset = tagset
        self._open: dict[str, ArticleAnnotations] = {}

    def path_for(self, article_id: str) -> Path:
        return self.folder / annotator_folder_name(self.annotator) / article_file_name(article_id)

    def open(self, article: Article, sentences: Sequence[Sentence]) -> ArticleAnnotations:
        """The article's annotations; the same object again while its text and sentences are the
        same, so undo reaches back over the whole session (brought up to date with what another
        process wrote meanwhile)."""
        sentences = list(sentences)
        known = self._open.get(article.id)
        if known is not None and known.sha256 == article.sha256 and known.sentences == sentences:
            known.refresh()
            return known
        opened = ArticleAnnotations(self.path_for(article.id), article, sentences, self.annotator, self.tagset)
        self._open[article.id] = opened
        return opened


class ArticleAnnotations:
    """The annotations of one article by one annotator, addressed by sentence index.

    Mutators return True when they changed something, False when there was nothing to change or the
    file is read-only (``problem`` is set).
    """

    def __init__(self, path: Path, article: Article, sentences: Sequence[Sentence], annotator: str,
                 tagset: TagSet) -> None:
        self.path = path
        self.article = article
        self.sentences = list(sentences)
        self.annotator = annotator
        self.tagset = tagset
        self.sha256 = article.sha256
        self.problem: str | None = None
        self.write_error: str | None = None
        self._text = yaml_safe_text(article.text)
        self._anchorer = Anchorer(self._text, self.sentences)
        self._sentence = {s.index: s for s in self.sentences}
        self._lock_path = path.with_name(f".{path.name}.lock")
        self._records: dict[str, Annotation] = {}
        self._status: dict[str, str] = {}  # id -> moved/fuzzy/orphaned; exact ones are absent
        self._by_sentence: dict[int, list[str]] = {}
        self._corrections: dict[tuple[int, int], Correction] = {}
        self._stale: set[tuple[int, int]] = set()  # corrections whose text is no longer in the article
        self._base: dict[str, Annotation] = {}  # what the file held when last read or written
        self._base_corrections: dict[tuple[int, int], Correction] = {}
        self._signature: Signature | None = None
        self._history: History[tuple[_Edit, ...]] = History()
        self._renderer = Renderer()
        self._dirty = False
        self._swept = False
        self._load()

    # --- reading state -------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.problem is not None

    def tags_of(self, i: int) -> tuple[str, ...]:
        keys = self._by_sentence.get(i)
        if not keys:
            return ()
        if len(keys) == 1:
            return self._records[keys[0]].tags
        return self.tagset.order({tag for key in keys for tag in self._records[key].tags})

    def note_of(self, i: int) -> str | None:
        return next((self._records[k].note for k in self._by_sentence.get(i, ())
                     if self._records[k].note is not None), None)

    def tagged_indices(self, tag: str | None = None) -> list[int]:
        """Sentences with ``tag`` (any tag when None), in order: for ``]``/``[`` and the filter."""
        return sorted(i for i in self._by_sentence if (tag in self.tags_of(i) if tag else self.tags_of(i)))

    def counts(self) -> dict[str, int]:
        """Sentences per tag: every tag of the tag set (zeros included), then unknown tags."""
        counts = dict.fromkeys(self.tagset.names, 0)
        for i in self._by_sentence:
            for tag in self.tags_of(i):
                counts[tag] = counts.get(tag, 0) + 1
        return counts

    @property
    def orphans(self) -> list[Annotation]:
        """Annotations whose text is no longer in the article: kept in the file, never dropped."""
        return self._with_status(ORPHANED)

    @property
    def fuzzy(self) -> list[Annotation]:
        """Annotations re-attached to a similar sentence, to be reviewed. Changing the sentence's
        tags or note confirms the new place."""
        return self._with_status(FUZZY)

    @property
    def moved(self) -> list[Annotation]:
        return self._with_status(MOVED)

    def _with_status(self, status: str) -> list[Annotation]:
        found = [self._records[k] for k, s in self._status.items() if s == status and k in self._records]
        return sorted(found, key=lambda a: (a.start, a.id))

    @property
    def annotations(self) -> list[Annotation]:
        return sorted(self._records.values(), key=lambda a: (a.start, a.end, a.id))

    @property
    def corrections(self) -> list[Correction]:
        return sorted(self._corrections.values(), key=lambda c: c.key)

    @property
    def stale_corrections(self) -> list[Correction]:
        """Corrections whose text is no longer in the article: kept, not applied."""
        return sorted((self._corrections[k] for k in self._stale if k in self._corrections), key=lambda c: c.key)

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    # --- changes -------------------------------------------------------------------------------

    def toggle(self, indices: Sequence[int], tag: str) -> bool:
        """Toggle ``tag`` on the sentences ``indices`` as one undoable step: if any of them lacks
        the tag it is added to all of them, else it is removed from all of them."""
        wanted = sorted({i for i in indices if i in self._sentence})
        add = not all(tag in self.tags_of(i) for i in wanted)
        edits: list[_Edit] = []
        for i in wanted:
            if add and tag not in self.tags_of(i):
                edits.append(_TagEdit(self._key_for(i), i, tag, True))
            elif not add:
                edits.extend(_TagEdit(k, i, tag, False) for k in self._by_sentence.get(i, ())
                             if tag in self._records[k].tags)
        return self._do(tuple(edits))

    def set_note(self, i: int, note: str | None) -> bool:
        """Set (or with None or blank text, remove) the note on sentence ``i``."""
        note = yaml_safe_text(note.strip()) if note and note.strip() else None
        if i not in self._sentence or self.note_of(i) == note:
            return False
        key = self._key_for(i)
        record = self._records.get(key)
        return self._do((_NoteEdit(key, i, record.note if record else None, note),))

    def add_correction(self, correction: Correction) -> bool:
        """Record a timeline correction, replacing any on the same span."""
        if correction.kind not in CORRECTION_KINDS:
            raise ValueError(f"unknown correction kind {correction.kind!r}")
        if self._text[correction.start:correction.end] != correction.text:
            raise ValueError(f"{correction.text!r} is not the article's text at {correction.start}-{correction.end}")
        correction = replace(correction, value=_clean(correction.value), type=_clean(correction.type))
        before = self._corrections.get(correction.key)
        if before is not None and replace(before, created="", modified="") == replace(correction, created="",
                                                                                      modified=""):
            return False
        return self._do((_CorrectionEdit(correction.key, before, correction),))

    def remove_correction(self, start: int, end: int) -> bool:
        before = self._corrections.get((start, end))
        return before is not None and self._do((_CorrectionEdit((start, end), before, None),))

    def undo(self) -> Change | None:
        """Revert the last step; what it was, or None when there is nothing to undo."""
        if self.read_only:
            return None
        step = self._history.undo()
        if step is None:
            return None
        self._apply_all(tuple(edit.inverse() for edit in reversed(step)))
        return self._describe(step)

    def redo(self) -> Change | None:
        """Apply the last undone step again; what it was, or None when nothing was undone."""
        if self.read_only:
            return None
        step = self._history.redo()
        if step is None:
            return None
        self._apply_all(step)
        return self._describe(step)

    @property
    def last_change(self) -> Change | None:
        """The most recent change still applied."""
        step = self._history.last()
        return self._describe(step) if step is not None else None

    def _describe(self, step: tuple[_Edit, ...]) -> Change:
        sentences = sorted({self._sentence_at(edit.key[0]) if isinstance(edit, _CorrectionEdit) else edit.sentence
                            for edit in step})
        what = list(dict.fromkeys(_describe_edit(edit) for edit in step))
        return Change(f"{', '.join(what)}: {sentences_label(sentences)}", tuple(sentences))

    def _sentence_at(self, offset: int) -> int:
        starts = [s.start for s in self.sentences]
        return self.sentences[max(bisect.bisect_right(starts, offset) - 1, 0)].index if self.sentences else 0

    def retry(self) -> bool:
        """Write again after a failed write; True when everything is on disk."""
        return self._save() if self._dirty else self.problem is None

    def refresh(self) -> bool:
        """Take in what another process wrote since; True when the file had changed."""
        # The unlocked look first: merely viewing an article must not create folders or lock files.
        if self.read_only or file_signature(self.path) in (None, self._signature):
            return False
        try:
            with self._locked():
                if file_signature(self.path) in (None, self._signature):
                    return False
                self._merge_from_disk()
        except StoreFileError as error:
            self.problem = str(error)
            return False
        except OSError as error:
            self.write_error = self._failed(error)
            return False
        return True

    def apply_corrections(self, timexes: Sequence[Timex]) -> list[Timex]:
        """The tagger's ``timexes`` with this annotator's corrections applied, in text order:
        rejected ones dropped, corrected values replaced, added ones included (an added expression
        replaces tagger output overlapping it)."""
        active = {k: c for k, c in self._corrections.items() if k not in self._stale}
        added = [c for c in active.values() if c.kind == "add"]
        out: list[Timex] = []
        used: set[tuple[int, int]] = set()
        for timex in timexes:
            correction = active.get((timex.start, timex.end))
            if correction is not None:
                used.add(correction.key)
                if correction.kind != "reject":
                    out.append(replace(timex, value=correction.value, type=correction.type or timex.type,
                                       anchor=None))
            elif not any(a.start < timex.end and timex.start < a.end for a in added):
                out.append(timex)
        for correction in active.values():
            if correction.key not in used and correction.kind != "reject":
                out.append(Timex(correction.start, correction.end, correction.text, correction.type or "DATE",
                                 correction.value or ""))
        return sorted(out, key=lambda t: (t.start, t.end))

    # --- internals: editing --------------------------------------------------------------------

    def _key_for(self, i: int) -> str:
        """The id of sentence ``i``'s record, or of the record it would get.

        New ids derive from the text and span, so two processes tagging the same sentence create
        the same record and their changes merge into it.
        """
        keys = self._by_sentence.get(i)
        if keys:
            return keys[0]
        s = self._sentence[i]
        key = short_hash(f"{self.sha256}:{s.start}:{s.end}", 16)
        clash = self._records.get(key)
        if clash is not None and (clash.sentence != i or self._status.get(key) == ORPHANED):
            key = uuid.uuid4().hex[:16]
        return key

    def _do(self, step: tuple[_Edit, ...]) -> bool:
        if not step or self.read_only:
            return False
        self._history.push(step)
        self._apply_all(step)
        return True

    def _apply_all(self, step: tuple[_Edit, ...]) -> None:
        stamp = now()
        for edit in step:
            if isinstance(edit, _CorrectionEdit):
                self._apply_correction(edit, stamp)
            else:
                self._apply_record(edit, stamp)
        self._save()

    def _apply_record(self, edit: _TagEdit | _NoteEdit, stamp: str) -> None:
        record = self._records.get(edit.key)
        if record is None:
            if (edit.after is None) if isinstance(edit, _NoteEdit) else not edit.add:
                return
            record = self._new_record(edit.key, edit.sentence, stamp)
            if record is None:
                return
        if isinstance(edit, _NoteEdit):
            changed = replace(record, note=edit.after)
        else:
            tags = set(record.tags)
            if edit.add:
                tags.add(edit.tag)
            else:
                tags.discard(edit.tag)
            changed = replace(record, tags=self.tagset.order(tags))
        if changed == record:
            return
        self._put(self._touch(changed, stamp))

    def _apply_correction(self, edit: _CorrectionEdit, stamp: str) -> None:
        if edit.after is None:
            self._corrections.pop(edit.key, None)
        else:
            created = (edit.before or edit.after).created or stamp
            self._corrections[edit.key] = replace(edit.after, created=created, modified=stamp)
        self._stale.discard(edit.key)

    def _new_record(self, key: str, i: int, stamp: str) -> Annotation | None:
        s = self._sentence.get(i)
        if s is None:
            return None
        prefix, suffix = self._anchorer.context(s.start, s.end)
        return Annotation(key, i, s.start, s.end, self._text[s.start:s.end], prefix, suffix, (), None, stamp, stamp)

    def _touch(self, record: Annotation, stamp: str) -> Annotation:
        """A changed record, stamped; a re-attached one takes its current text, since the reader
        has now seen it there."""
        if self._status.get(record.id) in (MOVED, FUZZY):
            prefix, suffix = self._anchorer.context(record.start, record.end)
            record = replace(record, exact=self._text[record.start:record.end], prefix=prefix, suffix=suffix)
            del self._status[record.id]
        return replace(record, modified=stamp)

    def _put(self, record: Annotation) -> None:
        old = self._records.pop(record.id, None)
        if old is not None and self._status.get(old.id) != ORPHANED:
            self._by_sentence[old.sentence].remove(old.id)
            if not self._by_sentence[old.sentence]:
                del self._by_sentence[old.sentence]
        if record.empty:
            self._status.pop(record.id, None)
            return
        self._records[record.id] = record
        if self._status.get(record.id) != ORPHANED:
            self._by_sentence.setdefault(record.sentence, []).append(record.id)

    # --- internals: loading, anchoring, saving -------------------------------------------------

    def _load(self) -> None:
        try:
            found = read_bytes(self.path)
            if found is None:
                return
            contents = parse_contents(found[0], self.path)
        except StoreFileError as error:
            self.problem = str(error)
            return
        self._signature = found[1]
        self._base, self._base_corrections = contents.annotations, contents.corrections
        self._adopt(contents.annotations, contents.corrections)

    def _adopt(self, records: dict[str, Annotation], corrections: dict[tuple[int, int], Correction]) -> None:
        """Take ``records`` and ``corrections`` as the current state, anchored in the current text."""
        self._status = {}
        self._records = {key: self._anchored(record) for key, record in records.items()}
        self._by_sentence = {}
        for key, record in sorted(self._records.items(), key=lambda kv: (kv[1].created, kv[0])):
            if self._status.get(key) != ORPHANED:
                self._by_sentence.setdefault(record.sentence, []).append(key)
        self._corrections, self._stale = {}, set()
        for correction in corrections.values():
            anchored = self._anchored_correction(correction)
            if anchored is None:
                self._stale.add(correction.key)
                anchored = correction
            self._corrections[anchored.key] = anchored

    def _anchored(self, record: Annotation) -> Annotation:
        found = self._anchorer.locate(record.start, record.end, record.exact, record.prefix, record.suffix)
        if found.status == ORPHANED or found.sentence is None:
            self._status[record.id] = ORPHANED
            return record
        if found.status == EXACT:
            return record if record.sentence == found.sentence else replace(record, sentence=found.sentence)
        self._status[record.id] = found.status
        if found.status == MOVED:
            prefix, suffix = self._anchorer.context(found.start, found.end)
            return replace(record, sentence=found.sentence, start=found.start, end=found.end, prefix=prefix,
                           suffix=suffix)
        # Fuzzy: the new place, but the old text, so it is flagged again until a reader confirms it.
        return replace(record, sentence=found.sentence, start=found.start, end=found.end)

    def _anchored_correction(self, correction: Correction) -> Correction | None:
        if self._text[correction.start:correction.end] == correction.text:
            return correction
        copies = []
        at = self._text.find(correction.text) if correction.text else -1
        while at != -1:
            copies.append(at)
            at = self._text.find(correction.text, at + 1)
        if not copies:
            return None
        start = min(copies, key=lambda a: abs(a - correction.start))
        return replace(correction, start=start, end=start + len(correction.text))

    def _render(self) -> bytes:
        article = self.article
        document = {
            "id": article.id, "path": str(article.path), "sha256": self.sha256, "length": len(article.text),
            "sentences": len(self.sentences), "published": article.published,
            "published_from": article.published_from,
        }
        tagset = {"name": self.tagset.name, "version": self.tagset.version}
        return self._renderer.render(header(document, tagset, self.annotator, now()), self._records.values(),
                                     self._corrections.values())

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # also releases the lock

    def _save(self) -> bool:
        if self.read_only:
            return False
        self._dirty = True
        try:
            with self._locked():
                self._sweep_temporaries()
                if file_signature(self.path) not in (None, self._signature):
                    self._merge_from_disk()
                atomic_write(self.path, self._render())
                self._signature = file_signature(self.path)
        except StoreFileError as error:
            # Someone left the file broken: it is theirs to fix, so it is never written over.
            self.problem = str(error)
            self.write_error = f"not saved: {error}"
            return False
        except (OSError, ValueError) as error:
            self.write_error = self._failed(error)
            return False
        self._base, self._base_corrections = dict(self._records), dict(self._corrections)
        self._dirty = False
        self.write_error = None
        return True

    def _failed(self, error: Exception) -> str:
        reason = getattr(error, "strerror", None) or str(error)
        return f"could not save {self.path}: {reason}; the change is kept and will be retried"

    def _merge_from_disk(self) -> None:
        found = read_bytes(self.path)
        if found is None:
            return
        theirs = parse_contents(found[0], self.path)
        ours = self._records
        merged = merge_annotations(self._base, ours, theirs.annotations, self.tagset.order)
        corrections = merge_corrections(self._base_corrections, self._corrections, theirs.corrections)
        self._adopt(merged, corrections)
        # Records we had keep the object identity the renderer caches by.
        self._records = {k: (ours[k] if ours.get(k) == r else r) for k, r in self._records.items()}
        self._base, self._base_corrections = theirs.annotations, theirs.corrections
        self._signature = found[1]

    def _sweep_temporaries(self) -> None:
        """Remove temporary files a killed writer left; safe under the lock, as writers hold it."""
        if self._swept:
            return
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)
        self._swept = True
