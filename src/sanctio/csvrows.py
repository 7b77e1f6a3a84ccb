"""CSV input of screening (``screen-file``, ``portfolio import``): one row per line.

A name, a date or a country never spans lines, so a quoted field that is not closed on its
own line is an unclosed quote, not a multi-line value: the row is reported as an error naming
its line, and reading goes on with the next line. (The :mod:`csv` module alone would read the
rest of the file into that one field and screen it as a name.)
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

UNCLOSED_QUOTE = "unclosed quote: a quoted field does not end on its line"


class _Lines:
    """The file's lines for :func:`csv.reader`, at most one per row: when the reader asks for
    a second line to finish a row, the row ends there (``overflow``)."""

    def __init__(self, f: TextIO) -> None:
        self.f = f
        self.line_num = 0  # the physical line last read
        self.pulled = 0  # lines read for the current row
        self.overflow = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pulled:
            self.overflow = True
            raise StopIteration
        line = self.f.readline()
        if not line:
            raise StopIteration
        self.pulled += 1
        self.line_num += 1
        return line

    def start_row(self) -> None:
        self.pulled = 0
        self.overflow = False


@dataclass(slots=True)
class Row:
    line: int  # the physical line (the header is line 1)
    values: list[str] | None  # None when the line cannot be read
    error: str | None = None


def csv_lines(f: TextIO, dialect: Any = "excel", **fmt: Any) -> Iterator[Row]:
    """Rows of a CSV text (opened with ``newline=""``), one per non-empty line, each with its
    line number; an unclosed quote or another CSV error is a row with ``error`` set."""
    lines = _Lines(f)
    reader = csv.reader(lines, dialect, **fmt)
    while True:
        lines.start_row()
        try:
            values = next(reader)
        except StopIteration:
            if lines.overflow:  # the last line's quote never closed
                yield Row(lines.line_num, None, UNCLOSED_QUOTE)
                continue
            return
        except csv.Error as exc:
            yield Row(lines.line_num, None, f"unreadable CSV: {exc}")
            continue
        if lines.overflow:
            yield Row(lines.line_num, None, UNCLOSED_QUOTE)
            continue
        yield Row(lines.line_num, values)
