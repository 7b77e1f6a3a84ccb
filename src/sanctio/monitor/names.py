"""The portfolio's name index: the customers' names analysed by the text layer screening uses
(:func:`sanctio.text.normalize.analyze`, by customer schema, as the screener analyses list
names) in a :class:`sanctio.index.NameIndex`, queried in the reverse direction with the
analysed names of the list entities that changed.

A customer is a candidate for a list name when the index evidence the name's tokens collect
on the customer's name (:meth:`NameIndex.candidates_scored`) reaches the screener's floor,
``MIN_EVIDENCE`` times the list name's weight (:meth:`NameIndex.query_weight`): every
customer the index reaches so, not the best few. Screening puts that floor on the customer's
side (the customer is its query): a customer whose name is a shortened form of a longer
listed name (``Ibrahim Baghdadi`` for ``ABU BAKR AL BAGHDADI, Ibrahim Awad Ibrahim``) is
screened and can alert, though its tokens are fewer than half of the listed name's. So a
customer is also a candidate when the evidence covers ``CUSTOMER_COVERAGE`` of the customer
name's own weight (higher than ``MIN_EVIDENCE``: without the screener's limit on candidates
per query, half of a customer's name, a common given name, would make thousands of
candidates in a large portfolio).

The index lives in the process: it is built from the ``customers`` table when a rescreen
needs it and kept (one portfolio at a time) until the portfolio changes (its row count,
removals, highest row number and last update, :func:`portfolio_state`). Nothing of it is
stored in the database.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from sanctio.db import Connection
from sanctio.index import NameIndex
from sanctio.model import Schema
from sanctio.monitor import database_name, ensure_schema
from sanctio.monitor.customers import iter_customers
from sanctio.screen import MIN_EVIDENCE, _org_flag
from sanctio.text.normalize import NameForm, Role, analyze, ensure_symbols

if TYPE_CHECKING:
    from sanctio.entity import Entity


CUSTOMER_COVERAGE = 0.75
"""Share of a customer name's own weight that a list name's evidence on it makes a candidate
of it whatever the list name's length (see the module's docstring)."""


@dataclass(slots=True)
class CandidateStats:
    names: int = 0  # list names looked up
    candidates: int = 0  # customers found
    build_seconds: float = 0.0  # building the index (0 when it came from the cache)
    seconds: float = 0.0  # the look-ups


def customer_form(name: str, schema: str | None) -> NameForm:
    """A customer's name as the text layer analyses it (by the customer's schema)."""
    return analyze(name, org=_org_flag(Schema(schema) if schema else None))


class CustomerIndex:
    """A :class:`NameIndex` over the analysed names of the portfolio's active customers."""

    def __init__(self, nums: list[int], forms: list[NameForm]) -> None:
        started = time.perf_counter()
        ensure_symbols([t.text for f in forms for t in f.tokens if t.role == Role.NAME]
                       + [t.orig for f in forms for t in f.tokens if t.orig])
        self.nums = np.asarray(nums, dtype=np.int64)
        self.index = NameIndex(forms)
        # each customer name's own weight, for CUSTOMER_COVERAGE
        self.weights = np.asarray([self.index.query_weight(f) for f in forms],
                                  dtype=np.float64)
        self.build_seconds = time.perf_counter() - started

    @classmethod
    def build(cls, conn: Connection) -> CustomerIndex:
        started = time.perf_counter()
        nums: list[int] = []
        forms: list[NameForm] = []
        for c in iter_customers(conn, batch=20_000):
            assert c.num is not None
            nums.append(c.num)
            forms.append(customer_form(c.name, c.schema))
        index = cls(nums, forms)
        index.build_seconds = time.perf_counter() - started
        return index

    @property
    def size(self) -> int:
        return int(self.index.size)

    def name_candidates(self, form: NameForm) -> set[int]:
        """Row numbers of the customers one analysed list name can match."""
        if not self.size:
            return set()
        found, evidence = self.index.candidates_scored(form, limit=self.size)
        if not found:
            return set()
        ids = np.asarray(found, dtype=np.int64)
        ev = np.asarray(evidence, dtype=np.float64)
        keep = ids[(ev >= MIN_EVIDENCE * self.index.query_weight(form))
                   | (ev >= CUSTOMER_COVERAGE * self.weights[ids])]
        return set(self.nums[keep].tolist())

    def candidates(self, entities: Iterable[Entity],
                   stats: CandidateStats | None = None) -> dict[int, set[str]]:
        """Customer row number -> the ids of the entities that customer could match."""
        started = time.perf_counter()
        stats = stats if stats is not None else CandidateStats()
        forms: list[tuple[str, NameForm]] = []
        for e in entities:
            org = _org_flag(e.schema)
            seen: set[tuple[str, ...]] = set()
            for name, _member in e.names:
                if not name.full.strip():
                    continue
                form = analyze(name.full, org=org)
                key = tuple(sorted(t.text for t in form.tokens)) + tuple(sorted(form.legal))
                if key and key not in seen:
                    seen.add(key)
                    forms.append((e.id, form))
        ensure_symbols([t.text for _e, f in forms for t in f.tokens if t.role == Role.NAME]
                       + [t.orig for _e, f in forms for t in f.tokens if t.orig])
        out: dict[int, set[str]] = {}
        for eid, form in forms:
            stats.names += 1
            for num in self.name_candidates(form):
                out.setdefault(num, set()).add(eid)
        stats.candidates = len(out)
        stats.seconds += time.perf_counter() - started
        return out


# ------------------------------------------------------------------ the process's cache

_LOCK = threading.Lock()
_CACHE: dict[str, tuple[tuple[Any, ...], CustomerIndex]] = {}


def portfolio_state(conn: Connection) -> tuple[Any, ...]:
    """What changes whenever a customer is added, changed, removed or back (each of these
    sets ``updated_at``; a new customer gets a higher ``num``)."""
    ensure_schema(conn)
    row = conn.execute("SELECT COUNT(*), COALESCE(SUM(removed), 0), COALESCE(MAX(num), 0), "
                       "COALESCE(MAX(updated_at), '') FROM customers").fetchone()
    return tuple(row)


def customer_index(conn: Connection, stats: CandidateStats | None = None) -> CustomerIndex:
    """The portfolio's name index: the one this process built for the portfolio's present
    state, else a new one (which replaces it)."""
    key = str(getattr(conn, "url", "") or database_name(conn))
    with _LOCK:
        state = portfolio_state(conn)
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == state:
            return hit[1]
        _CACHE.clear()  # one portfolio's index at a time
        index = CustomerIndex.build(conn)
        _CACHE[key] = (state, index)
    if stats is not None:
        stats.build_seconds += index.build_seconds
    return index


def clear_cache() -> None:
    """Forget the index built in this process (benchmarks, tests)."""
    with _LOCK:
        _CACHE.clear()
