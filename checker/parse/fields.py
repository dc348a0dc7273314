"""Split a table line into fields, and read printed numbers.

Two text styles (domain.md §4):

* ``tsv``: cells are separated by tabs; an empty cell is a real blank (QH24, GS21B). Each cell
  becomes one field, blank cells included.
* ``space``: cells are separated by spaces and blank cells have vanished (GS24, SX23). Tokens are
  split on white space; consecutive non-numeric tokens are joined back into one text field, so
  "三、 国有资本经营预算财政拨款收入" stays one label (hazard H15).

A number is ``-?digits`` with optional thousands separators and decimals, optionally followed by
``%`` ("1,108", "12.8", "0.00", "96.50%"). Its decimals are what was printed: "1,108" has 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from checker.model import Number

_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)$")
_INTEGER = re.compile(r"^\d+$")


def parse_number(text: str, line: int) -> Number | None:
    """Read a printed number ("1,108", "-3.50%", "0.00"); None when the text is not a number."""
    t = text.strip().replace("−", "-")
    m = _NUMBER.match(t)
    if not m:
        return None
    digits = t.rstrip("%").replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None
    decimals = len(m.group(1)) if m.group(1) else 0
    return Number(value=value, decimals=decimals, text=text.strip(), line=line,
                  percent=bool(m.group(2)))


def is_integer_token(text: str) -> bool:
    """True for a token of digits only (a 行次, a subject code or a code fragment)."""
    return bool(_INTEGER.match(text))


@dataclass
class Field:
    """One field of a table line: text, or a number (``number`` set), or blank (tsv only)."""

    text: str
    line: int
    number: Number | None = None

    @property
    def blank(self) -> bool:
        """True for an empty tsv cell."""
        return not self.text

    @property
    def is_number(self) -> bool:
        """True when the field is a printed number."""
        return self.number is not None

    @property
    def is_integer(self) -> bool:
        """True when the field is digits only (no separator, no decimals)."""
        return is_integer_token(self.text)


def split_fields(text: str, line: int, style: str) -> list[Field]:
    """Split one line into fields according to the text style."""
    if style == "tsv":
        out = []
        for cell in text.split("\t"):
            cell = cell.strip()
            out.append(Field(cell, line, parse_number(cell, line) if cell else None))
        return out
    fields: list[Field] = []
    for token in text.split():
        number = parse_number(token, line)
        if number is None and fields and not fields[-1].is_number:
            fields[-1] = Field(fields[-1].text + " " + token, line)
        else:
            fields.append(Field(token, line, number))
    return fields
