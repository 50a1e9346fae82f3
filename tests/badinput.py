"""Build the bad-input folder of issue 2: every kind of file a reader must survive.

Shared by the corpus tests, the CLI tests and the app's pilot tests, so they all face the same
files. ``EXPECTED_TEXT`` holds the files that must load, with their exact text.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

GOOD_TEXT = (
    "Talks resume in Seoul\n\n"
    "SEOUL, Sept. 17 (Reuters) - Officials from both Koreas met on Tuesday. "
    "They agreed to meet again next month.\n"
)
RICH_TEXT = (
    "Markup stays literal: [bold red]x[/bold red] and [link=http://example.com]y[/link].\n\n"
    "Escapes stay literal: \x1b[31mred\x1b[0m and a title change \x1b]0;title\x07 here.\n\n"
    "Control characters: bell \x07, backspace \x08, form feed \x0c, delete \x7f end.\n"
)
CRLF_TEXT = "Headline with CRLF\r\n\r\nThe first sentence.\r\nThe second line.\r\n"
LONG_LINE = "word " * 400_000  # 2 MB, no full stop anywhere
GOOD_JSONL_TEXT = "A good line. It has two sentences."

# File name -> the text it must load with.
EXPECTED_TEXT = {
    "good.txt": GOOD_TEXT,
    "rich_markup.txt": RICH_TEXT,
    "bom_crlf.txt": CRLF_TEXT,
    "long_line.txt": LONG_LINE,
}
# File name -> a word the error message must contain besides the file name.
EXPECTED_ERRORS = {
    "binary.txt": "binary",
    "invalid_utf8.txt": "UTF-8",
    "empty.txt": "empty",
    "nul_byte.txt": "NUL",
}


def make_bad_input_folder(path: Path) -> Path:
    """Create (or fill) the folder ``path`` with the bad-input files, and return it."""
    path.mkdir(parents=True, exist_ok=True)
    noise = random.Random(20260917)  # fixed seed: the same bytes every run
    binary = bytes(noise.randrange(256) for _ in range(4096))
    files: dict[str, bytes] = {
        "binary.txt": b"\x00\x01\x02" + binary,
        "invalid_utf8.txt": b"Caf\xc3\xa9 is fine, but this is not: \xff\xfe end.\n",
        "empty.txt": b"",
        "nul_byte.txt": b"Looks like text\x00 but has a NUL byte.\n",
        "bom_crlf.txt": b"\xef\xbb\xbf" + CRLF_TEXT.encode("utf-8"),
        "long_line.txt": LONG_LINE.encode("utf-8"),
        "rich_markup.txt": RICH_TEXT.encode("utf-8"),
        "good.txt": GOOD_TEXT.encode("utf-8"),
        "feed.jsonl": (
            json.dumps({"id": "feed-good", "title": "Good line", "text": GOOD_JSONL_TEXT}).encode("utf-8")
            + b"\n"
            + b'{"id": "feed-bad", "text": "unterminated\n'
        ),
    }
    for name, data in files.items():
        (path / name).write_bytes(data)
    return path
