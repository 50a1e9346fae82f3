"""Publication dates set by the user (key ``d``), kept in ``<annotations>/pubdates.yaml``.

The file maps article id to an ISO date::

    000_202bb2fb0fd93a1b: 2018-09-06

A file that does not parse, or holds something else, is reported through ``problem`` (naming the
file and the line) and is never overwritten: ``set`` still changes the date for this session, then
raises ``PubDatesError`` so the app can say the choice was not saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import yaml

from tui.atomic import atomic_write
from tui.corpus import Article
from tui.pubdate import FROM_USER, parse_date_value

FILE_NAME = "pubdates.yaml"
MAX_BYTES = 1 << 20  # a file of user-set dates is tiny; anything larger is not ours
HEADER = "# Publication dates you set in Newsline (key d): article id -> date.\n"


class PubDatesError(OSError):
    """The user-set dates could not be read or saved; the message names the file and the problem.

    An ``OSError``, so a caller that handles failed writes handles a broken file the same way.
    """


class PubDateOverrides:
    """User-set publication dates for the articles, persisted in ``<folder>/pubdates.yaml``."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME
        self.problem: str | None = None
        self._dates: dict[str, date] = {}
        try:
            self._dates = self._read()
        except PubDatesError as error:
            self.problem = str(error)

    def get(self, article_id: str) -> date | None:
        """The date the user set for ``article_id``, or None."""
        return self._dates.get(article_id)

    def items(self) -> dict[str, date]:
        """All user-set dates, by article id."""
        return dict(self._dates)

    def set(self, article_id: str, value: date | None) -> None:
        """Set (or with None, clear) the date for ``article_id`` and save it at once.

        The file is re-read first so that dates another running Newsline saved are kept. Raises
        ``PubDatesError`` when the file is broken (it is then left untouched) or cannot be written;
        the new value holds for this session either way.
        """
        if value is None:
            self._dates.pop(article_id, None)
        else:
            self._dates[article_id] = value
        try:
            on_disk = self._read()
        except PubDatesError as error:
            self.problem = str(error)
            raise
        self.problem = None
        if value is None:
            on_disk.pop(article_id, None)
        else:
            on_disk[article_id] = value
        self._dates = on_disk
        body = yaml.safe_dump(
            {key: on_disk[key].isoformat() for key in sorted(on_disk)},
            allow_unicode=True,
            default_flow_style=False,
        )
        try:
            atomic_write(self.path, HEADER + (body if on_disk else ""))
        except OSError as error:
            raise PubDatesError(f"{self.path}: could not save ({error.strerror or error})") from error

    def _read(self) -> dict[str, date]:
        """The dates on disk; raises ``PubDatesError`` naming the file, line and problem."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise PubDatesError(f"{self.path}: cannot read ({error.strerror or error})") from error
        if size > MAX_BYTES:
            raise PubDatesError(f"{self.path}: too large ({size} bytes) for a file of dates; not read")
        try:
            data = yaml.safe_load(self.path.read_bytes())
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            where = f" line {mark.line + 1}" if mark is not None else ""
            raise PubDatesError(f"{self.path}{where}: not valid YAML ({error.problem})") from error
        except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
            raise PubDatesError(f"{self.path}: cannot read ({error})") from error
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise PubDatesError(f"{self.path}: expected article ids mapped to dates, found {type(data).__name__}")
        dates: dict[str, date] = {}
        for key, value in data.items():
            day = parse_date_value(value)
            if day is None:
                raise PubDatesError(f"{self.path}: {key}: {value!r} is not a date (write YYYY-MM-DD)")
            dates[str(key)] = day
        return dates


def apply_overrides(articles: Iterable[Article], overrides: PubDateOverrides) -> None:
    """Give each article the user's date where one is set, else the date detected when loading."""
    for article in articles:
        chosen = overrides.get(article.id)
        if chosen is not None:
            article.published, article.published_from = chosen, FROM_USER
        else:
            article.published, article.published_from = article.detected_published, article.detected_from
