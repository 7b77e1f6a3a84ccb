"""Prometheus metrics of the screening service.

Requests, screening and the index are counted in the service process (the scorer processes
only score). List metrics (age, records, failed loads) are read from the registry database
when scraped, so they include loads done with the command line.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from sanctio.registry import max_list_age_days

if TYPE_CHECKING:
    from sanctio.registry import Registry

CONTENT_TYPE = CONTENT_TYPE_LATEST

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.075, 0.1, 0.25,
                   0.5, 1.0, 2.5, 5.0, 10.0)


def _age(iso: str | None, now: float) -> float | None:
    if not iso:
        return None
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if dt.tzinfo is None:
        return None if len(iso) > 10 else now - dt.timestamp()
    return now - dt.timestamp()


class ListCollector(Collector):
    """List metrics read from the registry when scraped."""

    def __init__(self, registry: Callable[[], Registry], lock: threading.Lock) -> None:
        self._registry = registry
        self._lock = lock

    def describe(self) -> Iterable[Metric]:
        return []

    def collect(self) -> Iterator[Metric]:
        now = time.time()
        age = GaugeMetricFamily("sanctio_list_age_seconds",
                                "Seconds since the active version of each list was loaded.",
                                labels=["list"])
        pub_age = GaugeMetricFamily(
            "sanctio_list_publisher_age_seconds",
            "Seconds since the publisher date of the active version of each list.",
            labels=["list"])
        data_age = GaugeMetricFamily(
            "sanctio_list_data_age_days",
            "Days since the date of the active version's data (the publisher's date, else one "
            "derived from the data; absent when the file states none).", labels=["list"])
        stale = GaugeMetricFamily(
            "sanctio_list_stale",
            "1 when the active version's data is older than the age limit "
            "($SANCTIO_MAX_LIST_AGE_DAYS, default 30 days).", labels=["list"])
        records = GaugeMetricFamily("sanctio_list_records",
                                    "Records in the active version of each list.",
                                    labels=["list"])
        failing = GaugeMetricFamily(
            "sanctio_list_last_load_failed",
            "1 when the latest load of a list failed (its previous version keeps serving).",
            labels=["list"])
        failures = CounterMetricFamily("sanctio_list_load_failures",
                                       "Failed loads of each list recorded in the registry.",
                                       labels=["list"])
        info = GaugeMetricFamily("sanctio_list_active_version",
                                 "The active version of each list (value 1).",
                                 labels=["list", "version", "sha256"])

        try:
            limit = max_list_age_days()
        except ValueError:
            limit = 30.0
        with self._lock:
            reg = self._registry()
            active = reg.active_versions()
            history = reg.versions()
        failed_count: dict[str, int] = {}
        latest: dict[str, tuple[int, str]] = {}
        for v in history:
            if v.status == "failed":
                failed_count[v.list_id] = failed_count.get(v.list_id, 0) + 1
            if v.status in ("failed", "active") and v.id > latest.get(v.list_id, (-1, ""))[0]:
                latest[v.list_id] = (v.id, v.status)
        for list_id, v in active.items():
            a = _age(v.loaded_at, now)
            if a is not None:
                age.add_metric([list_id], a)
            p = _age(v.publisher_date, now)
            if p is not None:
                pub_age.add_metric([list_id], p)
            days = v.age_days()
            if days is not None:
                data_age.add_metric([list_id], days)
            stale.add_metric([list_id], 1 if days is not None and days > limit
                             and not v.is_sample else 0)
            records.add_metric([list_id], v.record_count)
            info.add_metric([list_id, v.label, v.sha256[:16]], 1)
        for list_id in sorted(set(latest) | set(failed_count)):
            failing.add_metric([list_id], 1 if latest.get(list_id, (0, ""))[1] == "failed" else 0)
            failures.add_metric([list_id], failed_count.get(list_id, 0))
        yield from (age, pub_age, data_age, stale, records, failing, failures, info)


class ServiceMetrics:
    """The metrics of one worker process, with the scrape that adds up all workers."""

    def __init__(self, registry: Callable[[], Registry], lock: threading.Lock) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        r = self.registry
        self.requests = Counter("sanctio_http_requests", "HTTP requests by route and status.",
                                ["route", "method", "status"], registry=r)
        self.latency = Histogram("sanctio_http_request_duration_seconds",
                                 "HTTP request latency by route.", ["route", "method"],
                                 buckets=LATENCY_BUCKETS, registry=r)
        self.screened = Counter("sanctio_screened_queries", "Queries screened.",
                                registry=r)
        self.alerts = Counter("sanctio_alerts", "Queries screened that raised an alert.",
                              registry=r)
        self.screen_requests = Counter("sanctio_screen_requests",
                                       "Screening requests (POST /match).", registry=r)
        self.auth_failures = Counter("sanctio_auth_failures",
                                     "Requests refused: 401 (no valid key) or 403 (role).",
                                     ["status"], registry=r)
        self.index_entities = Gauge("sanctio_index_entities",
                                    "Entities in the index being served.", registry=r)
        self.index_ready = Gauge("sanctio_index_scorers",
                                 "Scorer processes serving the index.", registry=r)
        self.index_built = Gauge("sanctio_index_built_timestamp_seconds",
                                 "When the index being served was built.", registry=r)
        self.queued_tasks = Gauge("sanctio_queued_tasks",
                                  "Screening tasks waiting for an idle scorer.", registry=r)
        self.index_builds = Counter("sanctio_index_builds", "Index builds by result.",
                                    ["result"], registry=r)
        self.index_build_seconds = Histogram(
            "sanctio_index_build_seconds", "Time to build and warm up an index.",
            buckets=(0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300), registry=r)
        self.reloads = Counter("sanctio_list_reloads",
                               "List loads requested through POST /lists/reload by result.",
                               ["list", "status"], registry=r)
        self.audit_pending = Gauge("sanctio_audit_pending",
                                   "Audit rows waiting to be written.", registry=r)
        self.lists = ListCollector(registry, lock)
        r.register(self.lists)

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route, method).observe(seconds)
