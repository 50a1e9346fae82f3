from __future__ import annotations

from pathlib import Path

import pytest

from tui.store.files import StoreFileError
from tui.store.tagset import default_tagset, ensure_default_tagset, load_tagset


def test_default_tagset_is_written_once_and_loads(tmp_path: Path) -> None:
    path = ensure_default_tagset(tmp_path / "annotations")
    assert path == tmp_path / "annotations" / "tagset.yaml"
    tagset = load_tagset(path)
    assert tagset.name == "default" and tagset.version == 1
    assert tagset.names[:5] == ("claim", "quote", "event", "background", "speculation")
    assert [t.key for t in tagset.tags[:5]] == ["1", "2", "3", "4", "5"]
    assert all(t.colour.startswith("#") and t.description for t in tagset.tags)
    path.write_text(path.read_text().replace("name: default", "name: mine"))
    ensure_default_tagset(tmp_path / "annotations")
    assert load_tagset(path).name == "mine"


def test_more_than_nine_tags_with_keys_only_on_some(tmp_path: Path) -> None:
    lines = ["name: big", "version: '2a'", "tags:"]
    for i in range(12):
        key = f"    key: {i + 1}\n" if i < 9 else ""
        lines.append(f"  - name: t{i}\n{key}    colour: '#00{i:02d}00'")
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n")
    tagset = load_tagset(path)
    assert len(tagset.tags) == 12 and tagset.version == "2a"
    assert tagset.by_key("9").name == "t8" and tagset.tags[11].key is None
    assert tagset.order({"zzz", "t3", "t1"}) == ("t1", "t3", "zzz")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name: x\nversion: 1\ntags:\n  - name: a\n    colour: red\n", 5, "colour"),
        ("name: x\nversion: 1\ntags:\n  - name: a\n    colour: '#fff'\n  - name: a\n    colour: '#000'\n",
         6, "listed twice"),
        ("name: x\nversion: 1\ntags:\n  - name: a\n    key: 1\n    colour: '#fff'\n"
         "  - name: b\n    key: 1\n    colour: '#000'\n", 8, "already used"),
        ("name: x\nversion: 1\ntags:\n  - name: a\n    key: 10\n    colour: '#fff'\n", 5, "1-9"),
        ("name: x\nversion: 1\ntags:\n  - name: a\n    color: '#fff'\n", 5, "unknown field 'color'"),
        ("name: x\nversion: 1\ntags: []\n", 3, "no tags"),
        ("name: x\nversion: 1\ntags:\n  - name: [a\n", 5, "not valid YAML"),
        ("- just a list\n", 1, "should be a mapping"),
        ("name: x\nversion: true\ntags: []\n", 2, "version"),
        ("name: x\nversion: 1\ntags:\n  - name: two words\n    colour: '#fff'\n", 4, "one word"),
    ],
)
def test_bad_tagsets_name_file_line_and_problem(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text(text)
    with pytest.raises(StoreFileError) as caught:
        load_tagset(path)
    message = str(caught.value)
    assert str(path) in message and words in message
    assert caught.value.line == line, message


def test_missing_tagset_file(tmp_path: Path) -> None:
    with pytest.raises(StoreFileError, match="does not exist"):
        load_tagset(tmp_path / "nope.yaml")


def test_bundled_default_matches_the_written_file(tmp_path: Path) -> None:
    assert default_tagset() == load_tagset(ensure_default_tagset(tmp_path))
