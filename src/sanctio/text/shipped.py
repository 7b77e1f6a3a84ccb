"""Word tables shipped in ``sanctio/data`` as JSON (``{"words": {word: entry}}``), read once
per process on first use, by any thread."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any


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
                from importlib.resources import files

                try:
                    doc = json.loads(files("sanctio").joinpath("data", self.filename)
                                     .read_text("utf-8"))
                    words = {str(k): self.value(v) for k, v in doc["words"].items()}
                except (OSError, ValueError, KeyError, TypeError):
                    words = {}
                self._table.update(words or {"": ""})  # (not empty: read once)
        return self._table
