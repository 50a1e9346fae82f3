"""Loading articles from files and folders: formats, ids, titles, dates and bad input."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from badinput import (
    EXPECTED_ERRORS,
    EXPECTED_TEXT,
    GOOD_JSONL_TEXT,
    make_bad_input_folder,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus import TITLE_MAX, Article, MissingPathError, bundled_seeds_dir, load_articles
from tui.text import MAX_SENTENCE, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def by_name(articles: list[Article]) -> dict[str, Article]:
    return {article.path.name: article for article in articles}


# --- the samples -----------------------------------------------------------------------------


def test_bundled_seeds_dir_finds_the_samples() -> None:
    assert bundled_seeds_dir() == SEEDS
    assert (bundled_seeds_dir() / "metadata.yaml").is_file()


def test_samples_load_with_their_dates() -> None:
    articles = load_articles([SEEDS])
    assert [a.id for a in articles] == ["000_202bb2fb0fd93a1b", "001_be709b296a6ff76e", "002_498fca90dac2c9ed"]
    assert [(a.published, a.published_from) for a in articles] == [
        (date(2018, 9, 6), "metadata"),
        (date(2018, 9, 6), "metadata"),
        (date(2019, 9, 17), "dateline"),
    ]
    for article in articles:
        assert article.error is None and article.warning is None
        assert article.text == article.path.read_text(encoding="utf-8")
    assert articles[1].title.startswith("TOKYO — North Korean leader Kim Jong Un")
    # The first line is only a dateline: the title is the next line.
    assert articles[2].title.startswith("North Korean leader Kim Jong-un invited")


def test_ids_are_stable_across_runs_and_order_of_arguments(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second.")
    write(tmp_path / "a.txt", "First.")
    first = {a.path.name: a.id for a in load_articles([tmp_path / "b.txt", tmp_path / "a.txt"])}
    second = {a.path.name: a.id for a in load_articles([tmp_path])}
    assert first == second == {"a.txt": "a", "b.txt": "b"}


# --- folders ---------------------------------------------------------------------------------


def test_folders_recurse_in_path_order_and_skip_hidden_and_other_files(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a" / "z.md", "Z.")
    write(tmp_path / "a" / "c.txt", "C.")
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / ".git" / "x.txt", "Hidden folder.")
    write(tmp_path / "notes.csv", "not an article")
    write(tmp_path / "metadata.yaml", "{}\n")
    loaded = load_articles([tmp_path])
    assert [a.path.relative_to(tmp_path).as_posix() for a in loaded] == ["a/c.txt", "a/z.md", "a.txt", "b.txt"]


def test_a_file_named_on_the_command_line_is_always_tried(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "story.news", "Named files load whatever the extension.")])
    assert article.error is None and article.text.startswith("Named files")


def test_missing_path_names_it(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A.")
    missing = tmp_path / "nope"
    with pytest.raises(MissingPathError) as caught:
        load_articles([tmp_path, missing])
    assert str(caught.value) == str(missing)
    assert caught.value.path == missing


def test_same_file_twice_loads_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "A.")
    assert len(load_articles([tmp_path, path])) == 1


# --- ids -------------------------------------------------------------------------------------


def test_clashing_stems_get_their_relative_paths(tmp_path: Path) -> None:
    write(tmp_path / "one" / "notes.txt", "One.")
    write(tmp_path / "two" / "notes.txt", "Two.")
    write(tmp_path / "two" / "other.txt", "Other.")
    root = tmp_path.name
    ids = [a.id for a in load_articles([tmp_path])]
    assert ids == [f"{root}/one/notes.txt", f"{root}/two/notes.txt", "other"]
    assert [a.id for a in load_articles([tmp_path])] == ids


def test_same_relative_path_in_two_roots_still_unique(tmp_path: Path) -> None:
    write(tmp_path / "x" / "news" / "a.txt", "One.")
    write(tmp_path / "y" / "news" / "a.txt", "Two.")
    ids = [a.id for a in load_articles([tmp_path / "x" / "news", tmp_path / "y" / "news"])]
    assert ids == ["news/a.txt", "news/a.txt~2"]


def test_explicit_ids_win_and_clashes_are_numbered(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\nid: story-1\n---\nA.")
    write(tmp_path / "b.md", "---\nid: story-1\n---\nB.")
    write(tmp_path / "c.md", "---\nid: 42\n---\nC.")
    assert [a.id for a in load_articles([tmp_path])] == ["story-1", "story-1~2", "42"]


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_front_matter(tmp_path: Path) -> None:
    body = "First line of the body.\n\nSecond paragraph. It was Sept. 5.\n"
    front = (
        "---\ntitle: Talks resume\ndate: 2018-09-06\nsource: Example Wire\n"
        "url: https://example.com/a\nid: talks-1\nauthor: someone\n---\n"
    )
    [article] = load_articles([write(tmp_path / "talks.md", front + body)])
    assert article.text == body
    assert article.text_offset == len(front)
    assert article.id == "talks-1"
    assert article.title == "Talks resume"
    assert (article.published, article.published_from) == (date(2018, 9, 6), "front matter")
    assert article.source == "Example Wire" and article.url == "https://example.com/a"
    assert article.meta["author"] == "someone"
    assert article.warning is None


def test_markdown_without_front_matter_is_all_text(tmp_path: Path) -> None:
    content = "# A heading\n\nBody text.\n\n---\n\nMore.\n"
    [article] = load_articles([write(tmp_path / "plain.md", content)])
    assert article.text == content and article.text_offset == 0
    assert article.title == "# A heading"


def test_markdown_front_matter_with_crlf_and_bom(tmp_path: Path) -> None:
    content = "\ufeff---\r\ntitle: CRLF\r\ndate: 2019-09-17\r\n---\r\nBody.\r\n"
    [article] = load_articles([write(tmp_path / "crlf.md", content)])
    assert article.text == "Body.\r\n"
    assert article.published == date(2019, 9, 17)


def test_broken_front_matter_is_a_warning_and_the_body_still_loads(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "bad.md", "---\ntitle: [unclosed\ndate: x\n---\nBody here.\n")])
    assert article.error is None
    assert article.text == "Body here.\n"
    assert article.warning is not None and "bad.md" in article.warning and "line 3" in article.warning


def test_bad_front_matter_date_is_reported(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "d.md", "---\ndate: someday\n---\nBody.\n")])
    assert article.published is None and article.published_from == "unknown"
    assert "'someday' is not a date" in (article.warning or "")


def test_markdown_with_nothing_after_front_matter_is_an_error(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "empty.md", "---\ntitle: x\n---\n\n")])
    assert article.error == f"{tmp_path / 'empty.md'}: no text after the front matter"


# --- titles ----------------------------------------------------------------------------------


def test_title_is_the_first_non_empty_line_and_stays_in_the_text(tmp_path: Path) -> None:
    content = "\n\n  Kim meets   Moon  \nBody. More body.\n"
    [article] = load_articles([write(tmp_path / "t.txt", content)])
    assert article.title == "Kim meets Moon"
    first = split_sentences(article.text)[0]
    assert article.text[first.start : first.end] == "Kim meets   Moon"


def test_long_first_line_title_is_trimmed(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "t.txt", "word " * 1000)])
    assert len(article.title) <= TITLE_MAX and article.title.endswith("…")


# --- metadata.yaml ---------------------------------------------------------------------------


def test_metadata_file_beside_the_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "SEOUL, Sept. 17, 2019 (Reuters) - A dateline the metadata overrides.")
    write(tmp_path / "b.txt", "No metadata for this one.")
    write(
        tmp_path / "metadata.yaml",
        "a.txt:\n  date: 2018-09-06\n  title: From metadata\n  source: Wire\n  url: https://x\n  id: meta-a\n",
    )
    a, b = load_articles([tmp_path])
    assert (a.id, a.title, a.source, a.url) == ("meta-a", "From metadata", "Wire", "https://x")
    assert (a.published, a.published_from) == (date(2018, 9, 6), "metadata")
    assert (b.published, b.published_from, b.warning) == (None, "unknown", None)


def test_metadata_applies_to_a_file_named_directly(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "metadata.yaml", "a.txt: {date: 2018-09-06}\n")
    [article] = load_articles([path])
    assert article.published_from == "metadata"


def test_broken_metadata_file_is_reported_on_its_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "metadata.yaml", "a.txt:\n  date: [2018\n")
    [article] = load_articles([tmp_path])
    assert article.error is None and article.published is None
    assert "metadata.yaml line 3" in (article.warning or "")


def test_front_matter_date_beats_metadata(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ndate: 2001-01-01\n---\nText.")
    write(tmp_path / "metadata.yaml", "a.md: {date: 2018-09-06, title: Meta title}\n")
    [article] = load_articles([tmp_path])
    assert (article.published, article.published_from, article.title) == (
        date(2001, 1, 1),
        "front matter",
        "Meta title",
    )


def test_seeds_copied_elsewhere_keep_their_metadata(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert [a.published_from for a in load_articles([tmp_path / "seeds"])] == ["metadata", "metadata", "dateline"]


def test_date_from_file_name(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "2019-09-17-talks.txt", "Talks began.")])
    assert (article.published, article.published_from) == (date(2019, 9, 17), "file name")


# --- JSONL -----------------------------------------------------------------------------------


def test_jsonl_one_article_per_line(tmp_path: Path) -> None:
    lines = [
        {"id": "x1", "title": "One", "date": "2018-09-06", "url": "https://a", "text": "First. Second."},
        {"text": "No id here.\r\nSecond line."},
        {"doc": "APW19980807.0261", "dct": "1998-08-07", "text": "Gold format."},
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n\n")
    one, two, three = load_articles([path])
    assert (one.id, one.title, one.url, one.line) == ("x1", "One", "https://a", 1)
    assert (one.published, one.published_from) == (date(2018, 9, 6), "jsonl")
    assert two.id.startswith("feed:") and len(two.id) == len("feed:") + 12
    assert two.text == "No id here.\r\nSecond line." and two.title == "No id here."
    assert (two.published, two.published_from) == (None, "unknown")
    assert (three.id, three.published) == ("APW19980807.0261", date(1998, 8, 7))
    assert [a.id for a in load_articles([path])] == [one.id, two.id, three.id]


def test_jsonl_id_does_not_depend_on_position(tmp_path: Path) -> None:
    record = json.dumps({"text": "Same text."})
    first = load_articles([write(tmp_path / "a" / "feed.jsonl", record + "\n")])[0].id
    moved = load_articles([write(tmp_path / "b" / "feed.jsonl", json.dumps({"text": "Other."}) + "\n" + record)])
    assert moved[1].id == first


def test_jsonl_duplicate_lines_get_unique_ids(tmp_path: Path) -> None:
    record = json.dumps({"text": "Same text."})
    a, b = load_articles([write(tmp_path / "feed.jsonl", f"{record}\n{record}\n")])
    assert a.id != b.id and b.id == f"{a.id}~2"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not JSON: Expecting property name enclosed in double quotes at column 2"),
        ("[1, 2]", "not a JSON object"),
        ('{"title": "no text"}', 'no "text" string'),
        ('{"text": 5}', 'no "text" string'),
        ('{"text": "  "}', "empty text"),
    ],
)
def test_bad_jsonl_line_is_an_error_article_and_others_load(tmp_path: Path, line: str, problem: str) -> None:
    path = write(tmp_path / "feed.jsonl", json.dumps({"text": "Good."}) + "\n" + line + "\n")
    good, bad = load_articles([path])
    assert good.error is None and good.text == "Good."
    assert bad.error == f"{path} line 2: {problem}"
    assert bad.text == "" and bad.line == 2 and bad.title == "feed.jsonl line 2"


def test_invalid_utf8_in_one_jsonl_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", b'{"text": "ok"}\n{"text": "\xff"}\n')
    good, bad = load_articles([path])
    assert good.text == "ok"
    assert bad.error == f"{path} line 2: not UTF-8 text (invalid byte 0xff at offset 25)"


# --- decoding and bad input ------------------------------------------------------------------


def test_bom_is_dropped_and_crlf_kept(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "b.txt", b"\xef\xbb\xbfTitle\r\n\r\nBody.\r\n")])
    assert article.text == "Title\r\n\r\nBody.\r\n"


def test_utf16_is_reported(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "u.txt", "Hello".encode("utf-16"))])
    assert "UTF-16" in (article.error or "")


def test_mostly_control_characters_is_binary(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "c.txt", bytes(range(1, 32)) * 10)])
    assert article.error is not None and "binary" in article.error


def test_whitespace_only_file(tmp_path: Path) -> None:
    [article] = load_articles([write(tmp_path / "w.txt", " \n\t\u00a0\n")])
    assert article.error == f"{tmp_path / 'w.txt'}: no text (only white space)"


def test_unreadable_file_is_an_error_article(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", "Secret.")
    path.chmod(0)
    try:
        if path.read_bytes():  # running as root: permissions do not stop reading
            pytest.skip("file permissions are not enforced for this user")
    except PermissionError:
        [article] = load_articles([path])
        assert article.error is not None and str(path) in article.error and "Permission denied" in article.error
    finally:
        path.chmod(0o644)


def test_bad_input_folder(tmp_path: Path) -> None:
    folder = make_bad_input_folder(tmp_path / "bad")
    articles = load_articles([folder])
    named = {a.path.name: a for a in articles if a.path.suffix == ".txt"}
    for name, text in EXPECTED_TEXT.items():
        article = named[name]
        assert article.error is None, article.error
        assert article.text == text
        sentences = split_sentences(article.text)
        assert sentences and max(s.end - s.start for s in sentences) <= MAX_SENTENCE
    for name, word in EXPECTED_ERRORS.items():
        article = named[name]
        assert article.text == ""
        assert article.error is not None
        assert str(folder / name) in article.error and word in article.error
        assert article.sha256 == Article("x", Path("x"), "x", "").sha256
    feed = [a for a in articles if a.path.name == "feed.jsonl"]
    assert [a.error is None for a in feed] == [True, False]
    assert feed[0].text == GOOD_JSONL_TEXT and feed[0].id == "feed-good"
    assert feed[1].error is not None and feed[1].error.startswith(f"{folder / 'feed.jsonl'} line 2: not JSON")
    assert len({a.id for a in articles}) == len(articles)


def test_bad_input_markup_is_kept_literally(tmp_path: Path) -> None:
    articles = by_name(load_articles([make_bad_input_folder(tmp_path / "bad")]))
    text = articles["rich_markup.txt"].text
    for literal in (
        "[bold red]x[/bold red]",
        "[link=http://example.com]y[/link]",
        "\x1b[31mred\x1b[0m",
        "\x1b]0;title\x07",
    ):
        assert literal in text


# --- any bytes at all ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".jsonl"]))
def test_any_bytes_load_without_an_exception(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"any{suffix}"
        path.write_bytes(data)
        articles = load_articles([path])
    assert articles
    for article in articles:
        assert (article.error is None) != (article.text == "")
        if article.error is not None:
            assert str(path) in article.error
        assert article.id and article.title
    if suffix == ".txt" and articles[0].error is None:
        assert articles[0].text == data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_as_a_markdown_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.md"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        [article] = load_articles([path])
    if article.error is None:
        decoded = text.removeprefix("\ufeff")
        assert decoded[article.text_offset :] == article.text
