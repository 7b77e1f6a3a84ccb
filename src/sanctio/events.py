"""A tiny publish/subscribe for in-process events (no framework).

The registry publishes a :class:`~sanctio.registry.ListsChanged` after each load (every
outcome: loaded, reactivated, unchanged or failed); monitoring subscribes to write the audit
trail and rescreen the portfolio (:func:`sanctio.monitor.rescreen.watch`). Inside
:meth:`Topic.batch`, events are held and delivered together when the batch ends, so that a
command loading several files rescreens once, on the final state.

Other processes sharing the database learn of a load differently: PostgreSQL's ``NOTIFY``
(:mod:`sanctio.db`), or the service's poll of the registry's state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class Topic(Generic[T]):
    """Subscribers called, in order of subscription, with each batch of events published
    (a list of one event outside :meth:`batch`). A subscriber's exception propagates to the
    publisher: subscribers that must not fail the publisher catch their own errors."""

    def __init__(self) -> None:
        self._subscribers: list[Callable[[list[T]], object]] = []
        self._held: list[T] | None = None
        self._depth = 0
        self._lock = threading.RLock()

    def subscribe(self, fn: Callable[[list[T]], object]) -> Callable[[], None]:
        """Add a subscriber; returns the function that removes it."""
        with self._lock:
            self._subscribers.append(fn)

        def unsubscribe() -> None:
            with self._lock:
                if fn in self._subscribers:
                    self._subscribers.remove(fn)
        return unsubscribe

    @property
    def subscribers(self) -> int:
        return len(self._subscribers)

    def publish(self, event: T) -> None:
        with self._lock:
            if self._held is not None:
                self._held.append(event)
                return
        self._deliver([event])

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold the events published inside, and deliver them together at the end (also
        when the block raises: what was committed has happened). Batches nest."""
        with self._lock:
            self._depth += 1
            if self._held is None:
                self._held = []
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                held: list[T] = []
                if self._depth == 0:
                    held, self._held = self._held or [], None
            if held:
                self._deliver(held)

    def _deliver(self, events: list[T]) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for fn in subscribers:
            fn(events)
