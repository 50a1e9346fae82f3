"""The ``newsline`` command: the reader by default, and headless subcommands for scripts."""

from __future__ import annotations

import argparse
import csv
import getpass
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui import __version__

if TYPE_CHECKING:
    from tui.corpus import Article
    from tui.temporal.model import Timex

SUBCOMMANDS = ("extract", "timeline", "eval", "export", "stats")

DESCRIPTION = """\
Read news articles beside the timeline of the dates they mention.

  newsline [PATH ...]            open the reader (the bundled samples when no PATH is given)
  newsline timeline [PATH ...]   print timelines without the interface (--format table|jsonl|csv)
  newsline extract FILE ...      time expressions and sentences of article files, as JSON Lines
  newsline extract --jsonl IN    the same for {"doc", "dct", "text"} records
  newsline eval GOLD.jsonl ...   score the tagger on gold annotations (TempEval-3 measures)
  newsline extract --corrected FILE ...
                                 the time expressions with your timeline corrections, as gold JSONL
  newsline export [PATH ...]     your tags as one row per sentence and tag (--format csv|jsonl)
  newsline stats                 tags per annotator, and agreement between annotators

PATH may be .txt, .md (optional YAML front matter) or .jsonl files, or folders of them."""


class UsageError(Exception):
    """A problem with what the user asked for: printed as one line, exit status 2."""


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsline", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"newsline {__version__}")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument("--annotations", type=Path, default=Path("annotations"), metavar="DIR",
                        help="where tags and publication dates are saved (default: ./annotations)")
    parser.add_argument("--keymap", type=Path, metavar="FILE",
                        help="YAML mapping binding ids to keys (default: ~/.config/newsline/keymap.yaml)")
    _annotator_option(parser)
    parser.add_argument("--tagset", type=Path, metavar="FILE",
                        help="the tags to annotate with (default: DIR/tagset.yaml, written on first run)")
    return parser


def default_annotator() -> str:
    """The login name, or "anonymous" where the system has none to give."""
    try:
        return getpass.getuser() or "anonymous"
    except (OSError, KeyError, ImportError):
        return "anonymous"


def _annotator_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--annotator", default=None, metavar="NAME",
                        help="whose annotations these are (default: your login name)")


def _annotations_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--annotations", type=Path, default=Path("annotations"), metavar="DIR", help=help)


def _subcommand_parser(name: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"newsline {name}")
    if name == "extract":
        parser.description = "Write each document with its time expressions and sentences, as JSON Lines."
        parser.add_argument("files", nargs="*", metavar="FILE", help="article files or folders")
        parser.add_argument("--jsonl", type=Path, metavar="IN", help='JSON Lines of {"doc", "dct", "text"}')
        parser.add_argument("-o", "--output", type=Path, metavar="OUT", help="write here instead of stdout")
        parser.add_argument("--corrected", action="store_true",
                            help='apply your timeline corrections and write gold JSONL: {"doc", "dct", "text", '
                                 '"timexes"} (article files only)')
        _annotations_option(parser, "where the corrections are saved (default: ./annotations)")
        _annotator_option(parser)
    elif name == "timeline":
        parser.description = "Print the timeline of each article (the bundled samples when no PATH is given)."
        parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
        parser.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
        parser.add_argument("--merged", action="store_true", help="one timeline across all articles")
        parser.add_argument("--annotations", type=Path, default=Path("annotations"), metavar="DIR",
                            help="publication dates you set in the reader are read from here")
    elif name == "eval":
        parser.description = "Extract from gold documents and print the TempEval-3 table."
        parser.add_argument("gold", nargs="+", type=Path, metavar="GOLD.jsonl")
        parser.add_argument("--errors", action="store_true", help="list misses, spurious and wrong values")
    elif name == "export":
        parser.description = ("One row per annotated sentence and tag: article, title, publication date, annotator, "
                              "sentence, note and the dates in the sentence. PATHs are the annotated articles "
                              "(the bundled samples when none is given).")
        parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
        parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
        parser.add_argument("-o", "--output", type=Path, metavar="OUT", help="write here instead of stdout")
        _annotations_option(parser, "the annotations to export (default: ./annotations)")
    elif name == "stats":
        parser.description = "Tagged sentences per tag and annotator, and agreement where several annotators worked."
        _annotations_option(parser, "the annotations to count (default: ./annotations)")
    return parser


def load_corpus(paths: Sequence[str], annotations: Path | None = None) -> list:
    """Articles from the paths (the bundled samples when empty), with the user's publication dates."""
    from tui.corpus import MissingPathError, bundled_seeds_dir, load_articles
    from tui.pubdates import PubDateOverrides, apply_overrides

    try:
        articles = load_articles(list(paths) or [bundled_seeds_dir()])
    except MissingPathError as error:
        raise UsageError(f"no such file or folder: {error}") from None
    if annotations is not None and (annotations / "pubdates.yaml").exists():
        apply_overrides(articles, PubDateOverrides(annotations))
    return articles


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or the file at ``path`` (closed afterwards)."""
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle


def _report(problems: Sequence[str]) -> int:
    """Each problem on its own line; status 1 when there were any."""
    for problem in problems:
        print(f"newsline: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _parse_dct(raw: object) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw)[:10])
    except ValueError:
        return None


# One encoder for every record (json.dumps makes one per call with these options); records are
# plain data, read from JSON or built by timeline_rows, with no cycles to check for.
_RECORD_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _extract_records(records, out: TextIO) -> None:
    from tui.temporal import extract
    from tui.text import split_sentences

    for record in records:
        text = record["text"]
        sentences = split_sentences(text)
        timexes = extract(text, _parse_dct(record.get("dct")), sentences=sentences)
        record["timexes"] = [t.to_json() for t in timexes]
        record["sentences"] = [{"start": s.start, "end": s.end} for s in sentences]
        out.write(_RECORD_JSON(record) + "\n")


def _jsonl_records(path: Path, problems: list[str]):
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    problems.append(f"{path} line {number}: not JSON ({error.msg})")
                    continue
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    problems.append(f"{path} line {number}: needs a \"text\" string")
                    continue
                yield record
        except UnicodeDecodeError as error:
            problems.append(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})")


def run_extract(args: argparse.Namespace) -> int:
    if args.corrected:
        return run_extract_corrected(args)
    if not args.jsonl and not args.files:
        raise UsageError("give article files or --jsonl IN.jsonl")
    if args.jsonl and not args.jsonl.exists():
        raise UsageError(f"no such file or folder: {args.jsonl}")
    problems: list[str] = []
    articles = load_corpus(args.files) if args.files else []
    with _output(args.output) as out:
        if args.jsonl:
            _extract_records(_jsonl_records(args.jsonl, problems), out)
        for article in articles:
            if article.error:
                problems.append(article.error)
                continue
            _extract_records([{"doc": article.id, "dct": article.published and article.published.isoformat(),
                               "title": article.title, "path": str(article.path), "text": article.text}], out)
    return _report(problems)


def timeline_rows(articles) -> list[dict]:
    """Every timeline entry of every article, as flat records for JSON Lines and CSV."""
    from tui.analysis import analyze

    rows = []
    for article in articles:
        if article.error:
            continue
        analysis = analyze(article)
        for entry in analysis.timeline.all_entries():
            sentence = analysis.sentences[entry.sentence]
            rows.append({
                "article": article.id, "published": article.published and article.published.isoformat(),
                "group": entry.group.value, "label": entry.label, "value": entry.timex.value,
                "type": entry.timex.type, "mod": entry.timex.mod or "",
                "first": entry.span and entry.span.first.isoformat(),
                "last": entry.span and entry.span.last.isoformat(),
                "text": entry.timex.text, "start": entry.timex.start, "end": entry.timex.end,
                "anchor": entry.timex.anchor or "", "sentence": entry.sentence,
                "sentence_text": article.text[sentence.start:sentence.end],
            })
    return rows


def _one_line(text: str, width: int) -> str:
    from tui.visible import visible

    flat = " ".join(visible(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def print_timeline_table(articles, out: TextIO, merged: bool) -> None:
    from tui.analysis import analyze
    from tui.timeline import merge_timelines

    readable = [a for a in articles if not a.error]
    if merged:
        timelines = [(a.id, analyze(a).timeline) for a in readable]
        out.write("Timeline across articles\n")
        for group in merge_timelines(timelines):
            out.write(f"{group[0].entry.label:<26}")
            out.write("; ".join(f"{m.article_id}: {_one_line(m.entry.timex.text, 30)}" for m in group) + "\n")
        return
    for article in articles:
        _print_article_timeline(article, out)


def _print_article_timeline(article, out: TextIO) -> None:
    from tui.analysis import analyze
    from tui.timeline import GROUP_TITLES, now_position

    out.write(f"\n{_one_line(article.title, 100)}  [{article.id}]\n")
    if article.error:
        out.write(f"  unreadable: {article.error}\n")
        return
    published = article.published.isoformat() if article.published else "unknown"
    out.write(f"  published {published} ({article.published_from})\n")
    analysis = analyze(article)
    timeline = analysis.timeline
    now_at = now_position(timeline)

    def row(label: str, phrase: str, sentence_index: int) -> None:
        sentence = analysis.sentences[sentence_index]
        out.write(f"  {label:<26} {_one_line(phrase, 22):<22} "
                  f"{_one_line(article.text[sentence.start:sentence.end], 70)}\n")

    for position, entry in enumerate(timeline.dated):
        if position == now_at:
            out.write(f"  {published:<26} ── now (publication date)\n")
        row(entry.label, entry.timex.text, entry.sentence)
    if now_at == len(timeline.dated):
        out.write(f"  {published:<26} ── now (publication date)\n")
    for group, entries in timeline.others.items():
        out.write(f"  {GROUP_TITLES[group]}\n")
        for entry in entries:
            row(entry.label, entry.timex.text, entry.sentence)


def run_timeline(args: argparse.Namespace) -> int:
    articles = load_corpus(args.paths, args.annotations)
    out = sys.stdout
    if args.format == "table":
        print_timeline_table(articles, out, args.merged)
    elif args.format == "jsonl":
        for record in timeline_rows(articles):
            out.write(_RECORD_JSON(record) + "\n")
    else:
        rows = timeline_rows(articles)
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["article"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for article in articles:
        if article.error:
            print(f"newsline: {article.error}", file=sys.stderr)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from tui.temporal.evaluation import run_eval as evaluate

    for path in args.gold:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    return evaluate(args.gold, errors=args.errors, out=sys.stdout)


def _reading_tagset(annotations: Path):
    """The tag set to open annotation files with when only reading them: the folder's own, else the
    bundled default (tags in the files are read whatever the set says)."""
    from tui.store import StoreFileError, load_tagset
    from tui.store.tagset import TAGSET_FILE

    try:
        return load_tagset(annotations / TAGSET_FILE)
    except StoreFileError:
        from tui.app.annotation import bundled_tagset_path

        return load_tagset(bundled_tagset_path())


def run_extract_corrected(args: argparse.Namespace) -> int:
    """Gold JSONL from article files: the tagger's time expressions with the annotator's corrections."""
    from tui.analysis import analyze
    from tui.store import AnnotationStore, gold_record
    from tui.store.files import annotator_folder_name

    if args.jsonl or not args.files:
        raise UsageError("--corrected takes article files (the corrections are saved per article)")
    articles = load_corpus(args.files, args.annotations)
    annotator = args.annotator or default_annotator()
    store = AnnotationStore(args.annotations, annotator, _reading_tagset(args.annotations))
    if not (args.annotations / annotator_folder_name(annotator)).is_dir():
        print(f"newsline: no annotations by {annotator!r} under {args.annotations}: writing the tagger's output "
              "unchanged", file=sys.stderr)
    problems: list[str] = []
    with _output(args.output) as out:
        for article in articles:
            if article.error:
                problems.append(article.error)
                continue
            sentences = analyze(article).sentences
            annotations = store.open(article, sentences)
            if annotations.problem:
                problems.append(f"{annotations.problem}; {article.path} left out")
                continue
            corrected = analyze(article, corrections=annotations.apply_corrections)
            out.write(json.dumps(gold_record(article, corrected.timexes), ensure_ascii=False) + "\n")
    return _report(problems)


def _corrected_dates(annotations_dir: Path) -> Callable[[Article, str, int, int], list[str]]:
    """``dates_for`` of ``export_rows``: the values of the time expressions inside a span, with
    the annotator's timeline corrections applied (as ``extract --corrected`` writes them)."""
    from tui.analysis import analyze
    from tui.store import AnnotationStore

    tagset = _reading_tagset(annotations_dir)
    corrected: dict[tuple[str, str], list[Timex]] = {}

    def dates_in(article: Article, annotator: str, start: int, end: int) -> list[str]:
        key = (article.id, annotator)
        if key not in corrected:
            analysis = analyze(article)
            annotations = AnnotationStore(annotations_dir, annotator, tagset).open(article, analysis.sentences)
            corrected[key] = (list(analysis.timexes) if annotations.problem
                              else annotations.apply_corrections(analysis.timexes))
        return [t.value for t in corrected[key] if start <= t.start and t.end <= end]
    return dates_in


def run_export(args: argparse.Namespace) -> int:
    from tui.store import export_rows, write_csv, write_jsonl
    from tui.text import split_sentences

    if not args.annotations.is_dir():
        raise UsageError(f"no such file or folder: {args.annotations}")
    articles = {a.id: a for a in load_corpus(args.paths, args.annotations) if not a.error}
    rows = export_rows(args.annotations, articles, dates_for=_corrected_dates(args.annotations),
                       split=split_sentences)
    with _output(args.output) as out:
        (write_csv if args.format == "csv" else write_jsonl)(rows, out)
    return _report(rows.problems)


def run_stats(args: argparse.Namespace) -> int:
    from tui.store import format_stats, stats

    if not args.annotations.is_dir():
        raise UsageError(f"no such file or folder: {args.annotations}")
    report = stats(args.annotations, _reading_tagset(args.annotations).names)
    sys.stdout.write(format_stats(report))
    return 1 if report.problems else 0


def run_reader(args: argparse.Namespace) -> int:
    articles = load_corpus(args.paths, args.annotations)
    from tui.app.app import NewslineApp

    app = NewslineApp(articles, annotations=args.annotations, keymap_path=args.keymap,
                      annotator=args.annotator or default_annotator(), tagset_path=args.tagset)
    app.run()
    return app.return_code or 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "extract": run_extract, "timeline": run_timeline, "eval": run_eval, "export": run_export, "stats": run_stats,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = _subcommand_parser(argv[0]).parse_args(argv[1:])
            return COMMANDS[argv[0]](args)
        return run_reader(_reader_parser().parse_args(argv))
    except UsageError as error:
        print(f"newsline: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
