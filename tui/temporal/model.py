"""The value type every layer above the tagger sees."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 time expression found in a text.

    ``text[start:end] == self.text``. ``type`` is DATE, TIME, DURATION or SET; ``value`` is a TIMEX3
    value (``2018-09-05``, ``2018-W36``, ``P70Y``, ``PRESENT_REF``, ``2018-09-18/2018-09-20``, or an
    underspecified ``XXXX-WXX-3`` when the publication date is unknown); ``mod`` is a TIMEX3 modifier
    (START, END, APPROX, ...). ``anchor`` says what a relative value was resolved against: ``"dct"``
    (the publication date), the value of an earlier expression (narrative resolution), or ``None``
    for an absolute expression.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None

    def to_json(self) -> dict:
        """The gold-file form: start, end, text, type, value and mod only when set."""
        out = {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
               "value": self.value}
        if self.mod:
            out["mod"] = self.mod
        return out
