"""Make article text safe to show in a terminal, one character for one character.

Article text is data: escape sequences and control characters must be shown, never sent to the
terminal. Each unsafe character maps to exactly one visible character, so offsets into the
original text index the visible text too.
"""

from __future__ import annotations

# C0 controls show as their Unicode "control pictures" (ESC as ␛, BEL as ␇); DEL as ␡.
_TABLE = {code: 0x2400 + code for code in range(0x20)}
_TABLE[0x7F] = 0x2421
_TABLE[ord("\t")] = ord(" ")
_TABLE[ord("\n")] = ord(" ")
_TABLE[ord("\r")] = ord(" ")
# C1 controls (CSI is U+009B) and bidirectional overrides, which would reorder what follows.
_TABLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_TABLE.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
# Line and paragraph separators would break the terminal line.
_TABLE.update({0x2028: ord(" "), 0x2029: ord(" "), 0x85: ord(" ")})


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible stand-in of the same length."""
    return text.translate(_TABLE)
