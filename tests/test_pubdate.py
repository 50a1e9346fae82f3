"""Publication dates: detection (tui.pubdate) and the user's own dates (tui.pubdates)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus import load_articles
from tui.pubdate import (
    FROM_DATELINE,
    FROM_FILE_NAME,
    FROM_FRONT_MATTER,
    FROM_METADATA,
    FROM_USER,
    MONTHS,
    UNKNOWN,
    date_from_dateline,
    date_from_file_name,
    detect_published,
    parse_date_value,
    year_from_file_name,
)
from tui.pubdates import FILE_NAME, PubDateOverrides, PubDatesError, apply_overrides

SAMPLE_002 = " date 2019-09-17 Reuters, SEOUL\n\nNorth Korean leader Kim Jong-un invited US President..."


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        (SAMPLE_002, None, date(2019, 9, 17)),
        ("SEOUL, Sept. 17 (Reuters) - North Korea said on Tuesday...", 2019, date(2019, 9, 17)),
        ("WASHINGTON, Sept. 17, 2019 (AP) — The Senate voted.", None, date(2019, 9, 17)),
        ("NEW YORK, Aug. 7 (AP) _ Stocks fell.", 1998, date(1998, 8, 7)),
        ("WINSTON-SALEM, N.C., Aug. 7 (AP) _ Tobacco fell.", 1998, date(1998, 8, 7)),
        ("NAIROBI, Kenya, March 3, 2001 (AP) _ Rains came.", None, date(2001, 3, 3)),
        ("Talks resume\n\nLONDON, 17 September 2019 (Reuters) - Britain said...", None, date(2019, 9, 17)),
        ("September 17, 2019\n\nThe talks resumed.", None, date(2019, 9, 17)),
        ("Published 17 Sept. 2019\nThe talks resumed.", None, date(2019, 9, 17)),
        ("2019-09-17\nThe talks resumed.", None, date(2019, 9, 17)),
    ],
)
def test_datelines_give_the_date(text: str, hint: int | None, expected: date) -> None:
    assert date_from_dateline(text, hint) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("SEOUL, Sept. 17 (Reuters) - North Korea said on Tuesday...", None),  # no year anywhere
        ("The summit was held on Sept. 17, 2018, in the capital, officials said on Monday.", None),
        ("Officials met. " * 30 + "\n\nSeptember 17, 2019\n", None),  # beyond the top of the text
        (
            "Seoul, Sept. 17 (Reuters) - lower-case place is not a dateline, said officials at length "
            "in a sentence that is far too long to be a date line of its own.",
            2019,
        ),
        ("2019-02-30\nNot a real day.", None),
        ("", None),
    ],
)
def test_no_dateline(text: str, hint: int | None) -> None:
    assert date_from_dateline(text, hint) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("APW19980807.0261", date(1998, 8, 7)),
        ("NYT19980206.0460.tml", date(1998, 2, 6)),
        ("2019-09-17-title.txt", date(2019, 9, 17)),
        ("news_2019_09_17.md", date(2019, 9, 17)),
        ("20190917", date(2019, 9, 17)),
        ("000_202bb2fb0fd93a1b.txt", None),  # a hash, not a date
        ("report-20191317.txt", None),  # month 13
        ("notes.txt", None),
    ],
)
def test_dates_in_file_names(name: str, expected: date | None) -> None:
    assert date_from_file_name(name) == expected


def test_year_in_file_name() -> None:
    assert year_from_file_name("reuters-2019-korea.txt") == 2019
    assert year_from_file_name("APW19980807.0261") == 1998
    assert year_from_file_name("000_202bb2fb0fd93a1b.txt") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2018, 9, 6), date(2018, 9, 6)),
        (datetime(2018, 9, 6, 10, 30), date(2018, 9, 6)),
        ("2018-09-06", date(2018, 9, 6)),
        ("2018-09-06T10:30:00Z", date(2018, 9, 6)),
        ("Sept. 6, 2018", date(2018, 9, 6)),
        ("6 September 2018", date(2018, 9, 6)),
        ("yesterday", None),
        ("2018-13-01", None),
        (20180906, None),
        (None, None),
    ],
)
def test_parse_date_value(value: object, expected: date | None) -> None:
    assert parse_date_value(value) == expected


def test_month_table_is_data() -> None:
    assert MONTHS["sept"] == MONTHS["september"] == 9
    assert len(set(MONTHS.values())) == 12


def test_detection_order() -> None:
    own = date(2001, 1, 1)
    meta = date(2002, 2, 2)
    name = "APW19980807.0261"
    dateline = "WASHINGTON, Sept. 17, 2019 (AP) — The Senate voted."
    args = {"own_from": FROM_FRONT_MATTER, "text": dateline, "file_name": name}
    assert detect_published(own=own, metadata=meta, **args) == (own, FROM_FRONT_MATTER)
    assert detect_published(own=None, metadata=meta, **args) == (meta, FROM_METADATA)
    assert detect_published(own=None, metadata=None, **args) == (date(2019, 9, 17), FROM_DATELINE)
    args["text"] = "No dateline here."
    assert detect_published(own=None, metadata=None, **args) == (date(1998, 8, 7), FROM_FILE_NAME)
    args["file_name"] = "notes.txt"
    assert detect_published(own=None, metadata=None, **args) == (None, UNKNOWN)


def test_year_less_dateline_takes_the_year_from_the_file_name() -> None:
    text = "SEOUL, Sept. 17 (Reuters) - North Korea said..."
    assert detect_published(own=None, own_from="", metadata=None, text=text, file_name="korea-2019.txt") == (
        date(2019, 9, 17),
        FROM_DATELINE,
    )


# --- user-set dates --------------------------------------------------------------------------


def test_overrides_persist_and_clear(tmp_path: Path) -> None:
    folder = tmp_path / "annotations"
    overrides = PubDateOverrides(folder)
    assert overrides.get("a") is None and overrides.problem is None
    overrides.set("a", date(2018, 9, 6))
    overrides.set("b:1", date(2019, 1, 2))
    again = PubDateOverrides(folder)
    assert again.get("a") == date(2018, 9, 6)
    assert again.get("b:1") == date(2019, 1, 2)
    again.set("a", None)
    assert PubDateOverrides(folder).items() == {"b:1": date(2019, 1, 2)}
    assert not list(folder.glob(".*.tmp")), "atomic write left a temporary file behind"


def test_overrides_keep_what_another_instance_saved(tmp_path: Path) -> None:
    first, second = PubDateOverrides(tmp_path), PubDateOverrides(tmp_path)
    first.set("a", date(2018, 9, 6))
    second.set("b", date(2019, 9, 17))
    assert PubDateOverrides(tmp_path).items() == {"a": date(2018, 9, 6), "b": date(2019, 9, 17)}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: 2018-09-06\nb: [unclosed\n", "line 3"),
        ("- just\n- a list\n", "expected article ids"),
        ("a: not a date\n", "'not a date' is not a date"),
    ],
)
def test_broken_override_file_is_reported_and_never_overwritten(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / FILE_NAME
    path.write_text(content, encoding="utf-8")
    overrides = PubDateOverrides(tmp_path)
    assert overrides.problem is not None
    assert FILE_NAME in overrides.problem and expected in overrides.problem
    with pytest.raises(OSError, match=FILE_NAME) as raised:
        overrides.set("c", date(2020, 1, 1))
    assert isinstance(raised.value, PubDatesError)
    assert overrides.get("c") == date(2020, 1, 1), "the choice still holds for this session"
    assert path.read_text(encoding="utf-8") == content


def test_oversized_override_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"# " + b"x" * (2 << 20) + b"\n")
    assert "too large" in (PubDateOverrides(tmp_path).problem or "")


def test_apply_overrides_sets_and_restores(tmp_path: Path) -> None:
    article_file = tmp_path / "news" / "APW19980807.0261.txt"
    article_file.parent.mkdir()
    article_file.write_text("Stocks fell on Friday.", encoding="utf-8")
    [article] = load_articles([article_file])
    assert (article.published, article.published_from) == (date(1998, 8, 7), FROM_FILE_NAME)
    overrides = PubDateOverrides(tmp_path / "annotations")
    overrides.set(article.id, date(1998, 8, 8))
    apply_overrides([article], overrides)
    assert (article.published, article.published_from) == (date(1998, 8, 8), FROM_USER)
    overrides.set(article.id, None)
    apply_overrides([article], overrides)
    assert (article.published, article.published_from) == (date(1998, 8, 7), FROM_FILE_NAME)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.integers(1800, 2200)))
def test_detection_never_raises_on_any_text(text: str, hint: int | None) -> None:
    found = date_from_dateline(text, hint)
    assert found is None or found.year in range(1900, 2100)
    assert date_from_file_name(text) is None or isinstance(date_from_file_name(text), date)
    parse_date_value(text)
