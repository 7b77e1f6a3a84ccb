"""Tables shipped in ``sanctio/data`` as JSON: :func:`shipped_doc` reads one; a word table
(``{"words": {word: entry}}``) is read once per process on first use, by any thread, with
:class:`ShippedWords`."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any


def shipped_doc(filename: str) -> Any:
    """The parsed JSON of ``sanctio/data/<filename>``, None when it cannot be read (a damaged
    install screens on without it)."""
    from importlib.resources import files

    try:
        return json.loads(files("sanctio").joinpath("data", filename).read_text("utf-8"))
    except (OSError, ValueError):
        return None


class ShippedWords:
    """``word -> value(entry)`` of one shipped table; empty when the file cannot be read
    (a damaged install screens on without it)."""

    def __init__(self, filename: str, value: Callable[[Any], str]) -> None:
        self.filename = filename
        self.value = value
        self._table: dict[str, str] = {}
        self._lock = threading.Lock()

    def table(self) -> dict[str, str]:
        if self._table:
            return self._table
        with self._lock:
            if not self._table:
                doc = shipped_doc(self.filename)
                try:
                    words = {str(k): self.value(v) for k, v in doc["words"].items()}
                except (ValueError, KeyError, TypeError):
                    words = {}
                self._table.update(words or {"": ""})  # (not empty: read once)
        return self._table
