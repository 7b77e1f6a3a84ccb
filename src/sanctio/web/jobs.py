"""Long-running console work: batch screening of an uploaded CSV and list loads.

A batch runs :func:`sanctio.batch.screen_file` (the code of ``sanctio screen-file``) in a
thread, with the service's scorer processes as its screener: the same index, the same
answers as ``POST /match``. Its progress is read by the page (polling)."""

from __future__ import annotations

import asyncio
import csv
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from sanctio import batch
from sanctio.contract import DesignationRef, Evidence, Match, Query, ScreenResult
from sanctio.monitor.audit import file_sha256, record_screening

MAX_JOBS = 50


def result_from_dict(data: dict[str, Any]) -> ScreenResult:
    """A screening result back from its JSON form (``ScreenResult.to_dict``)."""
    matches = [Match(
        entity_id=m["entity_id"], schema=m["schema"], score=float(m["score"]), name=m["name"],
        matched_name=m["matched_name"], name_type=m["name_type"],
        designations=[DesignationRef(
            source=d["source"], source_id=d["source_id"], authority=d["authority"],
            program=d.get("program"), listed_on=d.get("listed_on"),
            list_version=d["list_version"], reference=d.get("reference"),
            measures=list(d.get("measures") or [])) for d in m["designations"]],
        explanation=[Evidence(feature=e["feature"], effect=float(e["effect"]),
                              detail=e["detail"], data=e.get("data") or {})
                     for e in m["explanation"]],
        below_threshold=bool(m.get("below_threshold")),
        not_listed_by=list(m.get("not_listed_by") or [])) for m in data.get("matches", [])]
    return ScreenResult(query=data.get("query") or {}, status=data["status"], matches=matches,
                        list_versions=data.get("list_versions") or {},
                        threshold=float(data["threshold"]), row=data.get("row"),
                        ref=data.get("ref"), error=data.get("error"),
                        warnings=list(data.get("warnings") or []))


@dataclass
class Job:
    id: str
    kind: str  # batch, load
    owner: int | None  # the key id that started it (None: dev)
    owner_name: str
    title: str
    folder: Path | None = None
    total: int = 0
    done: int = 0
    state: str = "running"  # running, done, failed
    stage: str = "starting"
    error: str | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    results: list[dict[str, Any]] = field(default_factory=list)

    def status(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "stage": self.stage, "done": self.done,
                "total": self.total, "error": self.error, "summary": self.summary,
                "seconds": round((self.finished or time.monotonic()) - self.started, 1)}


class Jobs:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}

    def new(self, kind: str, owner: int | None, owner_name: str, title: str) -> Job:
        job = Job(id=secrets.token_urlsafe(12), kind=kind, owner=owner, owner_name=owner_name,
                  title=title)
        with self._lock:
            finished = [j for j in self._jobs.values() if j.state != "running"]
            while len(self._jobs) >= MAX_JOBS and finished:
                old = finished.pop(0)
                self._jobs.pop(old.id, None)
                if old.folder is not None:
                    shutil.rmtree(old.folder, ignore_errors=True)
            self._jobs[job.id] = job
        return job

    def get(self, job_id: str, owner: int | None, kind: str) -> Job | None:
        job = self._jobs.get(job_id)
        if job is None or job.kind != kind or job.owner != owner:
            return None
        return job

    def of(self, owner: int | None, kind: str) -> list[Job]:
        return [j for j in reversed(self._jobs.values()) if j.owner == owner and j.kind == kind]

    def close(self) -> None:
        for job in list(self._jobs.values()):
            if job.folder is not None:
                shutil.rmtree(job.folder, ignore_errors=True)


class PoolScreener:
    """What :func:`sanctio.batch.screen_file` needs of a screener, answered by the service's
    scorer processes (one generation for the whole run: one set of list versions)."""

    PART = 25

    def __init__(self, service: Any, loop: asyncio.AbstractEventLoop, threshold: float,
                 job: Job) -> None:
        self.service = service
        self.loop = loop
        self.gen, served = service.pool.snapshot()
        self.list_versions = dict(served.list_versions)
        self.threshold = threshold
        self.job = job

    def screen_many(self, queries: list[Query], *, threshold: float | None = None,
                    limit: int = 10, workers: int = 1) -> list[ScreenResult]:
        queries = list(queries)
        futures = [asyncio.run_coroutine_threadsafe(
            self.service.scored(self.gen, "screen", queries[i:i + self.PART], threshold,
                                limit, order=k), self.loop)
            for k, i in enumerate(range(0, len(queries), self.PART))]
        out: list[ScreenResult] = []
        for f in futures:
            part, _alerts, _errors = f.result(timeout=600)
            out.extend(result_from_dict(orjson.loads(b)) for b in part)
            self.job.done += len(part)
        return out


def count_rows(path: Path) -> int:
    with path.open("rb") as f:
        return max(0, sum(1 for line in f if line.strip()) - 1)


def run_batch(service: Any, loop: asyncio.AbstractEventLoop, job: Job, upload: Path,
              mapping: dict[str, str], threshold: float, actor: str) -> None:
    """Screen the uploaded file (in a thread): JSON Lines and CSV results, one audit entry."""
    assert job.folder is not None
    jsonl = job.folder / "results.jsonl"
    summary = batch.Summary()
    status = "failed"
    try:
        job.total = count_rows(upload)
        job.stage = "screening"
        screener = PoolScreener(service, loop, threshold, job)
        summary = batch.screen_file(upload, jsonl, mapping=mapping, threshold=threshold,
                                    screener=screener, audit=False)
        job.stage = "writing results"
        rows = []
        with jsonl.open("rb") as f, (job.folder / "results.csv").open(
                "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(batch.CSV_COLUMNS)
            for line in f:
                result = result_from_dict(orjson.loads(line))
                row = batch.csv_row(result)
                writer.writerow(row)
                rows.append(dict(zip(batch.CSV_COLUMNS, row, strict=True)))
        order = {"alert": 0, "error": 1, "clear": 2}
        rows.sort(key=lambda r: (order.get(r["status"], 3), -float(r["score"] or 0), r["row"]))
        job.results = rows
        status = "completed"
        job.summary = {"rows": summary.rows, "alerts": summary.alerts,
                       "errors": summary.errors, "seconds": round(summary.seconds, 2),
                       "list_versions": screener.list_versions}
        job.state = "done"
        job.stage = "done"
    except Exception as exc:
        job.state = "failed"
        job.stage = "failed"
        job.error = str(exc)
    finally:
        job.finished = time.monotonic()
        try:
            with service.db_lock:
                record_screening(
                    service.reader().conn, "screening.batch", queries=summary.rows,
                    alerts=summary.alerts, errors=summary.errors, threshold=threshold,
                    list_versions=getattr(job, "summary", {}).get("list_versions") or {},
                    actor=actor, command="console batch", status=status,
                    input=job.title, input_sha256=file_sha256(upload),
                    seconds=round(summary.seconds, 3))
        except Exception as exc:  # the run stands; the page says the audit entry failed
            job.error = (job.error or "") + f" (audit entry not written: {exc})"


def new_folder(home: Path) -> Path:
    base = home / "console-batches"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="batch-", dir=base))
