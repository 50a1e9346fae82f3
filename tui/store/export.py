"""Annotation files as analysis tables, and agreement between annotators (no Textual, no Rich).

``export_rows`` gives one row per annotated sentence and tag; ``stats`` counts tags per annotator
and, where several annotators tagged the same articles, measures their agreement per tag.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from tui.corpus import Article
from tui.store.agreement import cohen_kappa, count_table, fleiss_kappa, gwet_ac1, krippendorff_alpha
from tui.store.document import FileContents, read_contents
from tui.store.files import StoreFileError
from tui.store.reanchor import ORPHANED, Anchorer
from tui.temporal.model import Timex
from tui.text import Sentence

EXPORT_COLUMNS = ("article_id", "title", "published", "annotator", "sentence", "start", "end", "text", "tag",
                  "note", "dates", "anchor")
# (article, annotator, start, end) -> the normalized dates in that span, as the annotator sees them.
DatesFor = Callable[[Article, str, int, int], list[str]]
Splitter = Callable[[str], Sequence[Sentence]]


@dataclass
class AnnotationFile:
    path: Path
    contents: FileContents

    @property
    def article_id(self) -> str:
        return str(self.contents.document.get("id", ""))

    @property
    def annotator(self) -> str:
        return self.contents.annotator or self.path.parent.name


def annotation_files(folder: Path) -> tuple[list[AnnotationFile], list[str]]:
    """Every annotation file under ``folder`` (``<annotator>/<article>.yaml``) that reads cleanly,
    and a message for each that does not."""
    files, problems = [], []
    for path in sorted(Path(folder).glob("*/*.yaml")):
        if path.name.startswith("."):
            continue
        try:
            files.append(AnnotationFile(path, read_contents(path)))
        except StoreFileError as error:
            problems.append(str(error))
    return files, problems


class ExportResult(list):
    """Rows (dicts keyed by :data:`EXPORT_COLUMNS`), with ``problems`` for the files left out."""

    def __init__(self, rows: Iterable[dict[str, Any]] = (), problems: Sequence[str] = ()) -> None:
        super().__init__(rows)
        self.problems = list(problems)


def export_rows(folder: Path, articles_by_id: Mapping[str, Article], dates_for: DatesFor | None = None,
                split: Splitter | None = None) -> ExportResult:
    """One row per annotated sentence and tag (a sentence with only a note gives one row, tag "").

    Where the article is in ``articles_by_id``, rows take its title and date, ``dates_for(article,
    annotator, start, end)`` gives the normalized dates in the sentence (with that annotator's
    timeline corrections, if the caller applies them), and, given ``split``, annotations are
    re-anchored if the text changed (``anchor`` says how: exact, moved, fuzzy, orphaned); otherwise
    rows use what the file stored (``anchor`` is "stored").
    """
    files, problems = annotation_files(folder)
    rows: list[dict[str, Any]] = []
    for file in files:
        article = articles_by_id.get(file.article_id)
        anchorer = Anchorer(article.text, split(article.text)) if article is not None and split else None
        document = file.contents.document
        for record in sorted(file.contents.annotations.values(), key=lambda a: (a.start, a.end, a.id)):
            sentence, start, end, anchor = record.sentence, record.start, record.end, "stored"
            text = record.exact
            if anchorer is not None and article is not None:
                found = anchorer.locate(record.start, record.end, record.exact, record.prefix, record.suffix)
                anchor = found.status if found.sentence is not None else ORPHANED
                if anchor != ORPHANED:
                    sentence, start, end = found.sentence, found.start, found.end
                    text = article.text[start:end]
            dates = []
            if article is not None and dates_for is not None and anchor != ORPHANED:
                dates = dates_for(article, file.annotator, start, end)
            for tag in record.tags or ("",):
                rows.append({
                    "article_id": file.article_id,
                    "title": article.title if article is not None else "",
                    "published": _iso(article.published if article is not None else document.get("published")),
                    "annotator": file.annotator, "sentence": sentence, "start": start, "end": end,
                    "text": text, "tag": tag, "note": record.note or "", "dates": dates, "anchor": anchor,
                })
    return ExportResult(rows, problems)


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else ("" if value is None else str(value))


def write_csv(rows: Iterable[dict[str, Any]], stream: IO[str]) -> None:
    """CSV with a header row; the dates of a sentence are joined with "; "."""
    writer = csv.DictWriter(stream, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "dates": "; ".join(row["dates"])})


def write_jsonl(rows: Iterable[dict[str, Any]], stream: IO[str]) -> None:
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def gold_record(article: Article, timexes: Sequence[Timex]) -> dict[str, Any]:
    """One line of a gold JSONL file (the format of ``../shared/gold/``): for ``newsline extract
    --corrected``, given the timexes after :meth:`ArticleAnnotations.apply_corrections`."""
    return {"doc": article.id, "dct": _iso(article.published) or None, "text": article.text,
            "timexes": [t.to_json() for t in timexes]}


# --- statistics --------------------------------------------------------------------------------

STATISTICS = ("cohen", "fleiss", "krippendorff", "gwet_ac1")
OVERALL = "(all tags)"


@dataclass
class Agreement:
    """Agreement on one tag (or pooled over all tags) across the articles several annotators tagged."""

    tag: str
    units: int  # sentences (times tags, for the pooled row) rated by two annotators or more
    fleiss: float
    krippendorff: float
    gwet_ac1: float
    cohen: dict[tuple[str, str], float] = field(default_factory=dict)  # per pair of annotators


@dataclass
class StatsReport:
    counts: dict[str, dict[str, int]]  # annotator -> tag -> sentences
    articles: dict[str, int]  # annotator -> annotated articles
    shared_articles: int  # articles tagged by two annotators or more
    agreement: list[Agreement]
    problems: list[str]


def stats(folder: Path, tags: Sequence[str] = ()) -> StatsReport:
    """Counts per tag and annotator, and agreement per tag (listed ``tags`` first, then any other
    tag seen) and pooled over tags, on the sentences of articles tagged by several annotators.

    A file means its annotator read the whole article: a sentence without the tag counts as "not
    this tag". Sentence numbers come from the files; annotators who worked on different versions of
    an article are reported in ``problems`` and that article is left out of agreement.
    """
    files, problems = annotation_files(folder)
    counts: dict[str, dict[str, int]] = {}
    articles: dict[str, int] = {}
    by_article: dict[str, list[AnnotationFile]] = {}
    for file in files:
        per_tag = counts.setdefault(file.annotator, {})
        articles[file.annotator] = articles.get(file.annotator, 0) + 1
        for record in file.contents.annotations.values():
            for tag in record.tags:
                per_tag[tag] = per_tag.get(tag, 0) + 1
        by_article.setdefault(file.article_id, []).append(file)
    shared = {}
    for article_id, group in by_article.items():
        if len({f.annotator for f in group}) < 2:
            continue
        versions = {f.contents.document.get("sha256") for f in group}
        if len(versions) > 1:
            problems.append(f"article {article_id}: annotators worked on different versions of the text; "
                            "left out of agreement")
            continue
        shared[article_id] = group
    seen = {tag for per_tag in counts.values() for tag in per_tag}
    all_tags = [*tags, *sorted(seen - set(tags))]
    annotators = sorted({f.annotator for group in shared.values() for f in group})
    agreement = [_agreement(tag, [tag], shared, annotators) for tag in all_tags]
    if len(all_tags) > 1:
        agreement.append(_agreement(OVERALL, all_tags, shared, annotators))
    return StatsReport(counts, articles, len(shared), agreement if shared else [], problems)


def _agreement(label: str, tags: Sequence[str], shared: Mapping[str, list[AnnotationFile]],
               annotators: Sequence[str]) -> Agreement:
    """Binary ratings (has the tag / has not) per (article, sentence, tag) unit, None where an
    annotator has no file for the article."""
    units: list[list[bool | None]] = []
    for group in shared.values():
        tagged = {f.annotator: _tags_by_sentence(f) for f in group}
        sentences = max((_sentence_count(f) for f in group), default=0)
        for i, tag in itertools.product(range(sentences), tags):
            units.append([tag in tagged[a].get(i, ()) if a in tagged else None for a in annotators])
    table = count_table(units, (True, False))
    cohen = {}
    for (x, a), (y, b) in itertools.combinations(enumerate(annotators), 2):
        cohen[(a, b)] = cohen_kappa([u[x] for u in units], [u[y] for u in units])
    return Agreement(label, sum(1 for row in table if sum(row) >= 2), fleiss_kappa(table),
                     krippendorff_alpha(table), gwet_ac1(table), cohen)


def _tags_by_sentence(file: AnnotationFile) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for record in file.contents.annotations.values():
        out.setdefault(record.sentence, set()).update(record.tags)
    return out


def _sentence_count(file: AnnotationFile) -> int:
    stored = file.contents.document.get("sentences")
    if isinstance(stored, int) and not isinstance(stored, bool) and stored >= 0:
        return stored
    # Older or hand-made files without the count: up to the last annotated sentence.
    return max((r.sentence + 1 for r in file.contents.annotations.values()), default=0)


def _figure(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def format_stats(report: StatsReport) -> str:
    """The report as plain text tables."""
    tags = sorted({tag for per_tag in report.counts.values() for tag in per_tag})
    lines = ["Tagged sentences per annotator", ""]
    header = ["annotator", "articles", *tags]
    body = [[a, str(report.articles[a]), *(str(report.counts[a].get(t, 0)) for t in tags)]
            for a in sorted(report.counts)]
    lines += _table(header, body)
    lines += ["", f"Agreement ({report.shared_articles} article(s) tagged by several annotators)", ""]
    if report.agreement:
        pairs = sorted(report.agreement[0].cohen)
        header = ["tag", "units", "fleiss", "krippendorff", "gwet_ac1", *(f"cohen {a}~{b}" for a, b in pairs)]
        body = [[row.tag, str(row.units), _figure(row.fleiss), _figure(row.krippendorff), _figure(row.gwet_ac1),
                 *(_figure(row.cohen[p]) for p in pairs)] for row in report.agreement]
        lines += _table(header, body)
    else:
        lines.append("none: agreement needs two annotators on the same article")
    lines += [f"problem: {p}" for p in report.problems]
    return "\n".join(lines) + "\n"


def _table(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[j]) for row in [header, *body]) for j in range(len(header))]
    rule = ["-" * w for w in widths]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in [header, rule, *body]]
