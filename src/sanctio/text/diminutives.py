"""The diminutives East Slavic and Spanish given names are called by (Sasha for Aleksandr,
Seryozha for Sergei, Natasha for Natalia; Pepe for José, Paco for Francisco).

rigour's nickname symbols (``[NICK:BILL]`` on Bill and William) cover English names only. The
table is ``data/diminutives.json`` (its ``source`` says where the forms come from): each entry
gives a full name's spellings and its diminutives. :mod:`sanctio.text.symbols` gives a
diminutive the name symbols of its full name's spellings (rigour's Wikidata names and the
class of name variants learned from the lists: Aliaksandr, Oleksandr, Alexandr ...) and its
own ``[DIM:<full name>]``, which the scoring reads as a nickname. A spelling of a full name
that shares no name symbol with the entry's other spellings (the Belarusian Ryhor, Hienadz and
Zmitser for Grigory, Gennady and Dmitry) is given theirs; the others keep their own symbols
only, so two full names that share a diminutive (Slava: Vyacheslav, Vladislav, Stanislav)
stay apart from each other.
"""

from __future__ import annotations

import threading

from sanctio.text.shipped import shipped_doc

__all__ = ["DIMINUTIVE_PREFIX", "entries_spelled", "full_names"]

DIMINUTIVE_PREFIX = "[DIM:"
_TABLE: dict[str, tuple[tuple[str, ...], ...]] = {}
_SPELLED: dict[str, tuple[tuple[str, ...], ...]] = {}  # a full name's spelling -> its entries
_LOCK = threading.Lock()


def _load() -> dict[str, tuple[tuple[str, ...], ...]]:
    if _TABLE:
        return _TABLE
    with _LOCK:
        if not _TABLE:
            table: dict[str, list[tuple[str, ...]]] = {}
            spelled: dict[str, list[tuple[str, ...]]] = {}
            doc = shipped_doc("diminutives.json")
            try:
                for full, dims in doc["names"]:
                    entry = tuple(str(w) for w in full)
                    for dim in dims:
                        table.setdefault(str(dim), []).append(entry)
                    for word in entry:
                        spelled.setdefault(word, []).append(entry)
            except (ValueError, KeyError, TypeError):
                table, spelled = {}, {}  # a damaged install screens on without it
            _SPELLED.update({k: tuple(v) for k, v in spelled.items()})
            _TABLE.update({k: tuple(v) for k, v in table.items()} or {"": ()})
    return _TABLE


def full_names(tok: str) -> tuple[tuple[str, ...], ...]:
    """The full names a word is a diminutive of, each as its spellings (the first names
    it); none for any other word."""
    return (_TABLE or _load()).get(tok, ())


def entries_spelled(tok: str) -> tuple[tuple[str, ...], ...]:
    """The entries a word is a spelling of the full name of (Ryhor: Grigory's)."""
    if not _TABLE:
        _load()
    return _SPELLED.get(tok, ())
