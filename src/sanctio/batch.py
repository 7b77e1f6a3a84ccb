"""Screening a CSV file of any size (`sanctio screen-file`): streaming, resumable, on several
cores.

Input columns: ``name`` (required), ``schema``, ``dob``, ``country``, ``gender``, ``id``
(identifiers, ``;``-separated), ``ref`` (the caller's own id); ``--map name=FullName`` reads
other headers. Output: JSON Lines (one line per input row, in input order, the contract of
``sanctio screen --json`` plus ``row``), or CSV with the best match of each row flattened.
Memory stays constant: rows are read, screened and written in chunks. A row that cannot be
read becomes an ``error`` line naming the row and the field; the run goes on. An interrupted
run is resumed with ``--resume``: the rows already in the output are not screened again.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import orjson

from sanctio.contract import Query, QueryError, ScreenResult

FIELDS = ("name", "schema", "dob", "country", "gender", "id", "ref")
CHUNK = 2000
CSV_COLUMNS = ["row", "ref", "name", "status", "error", "score", "entity_id", "schema",
               "matched_name", "listed_name", "sources", "programs", "match_count",
               "explanation"]


@dataclass(slots=True)
class Summary:
    rows: int = 0
    alerts: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def read_rows(path: Path, mapping: dict[str, str]) -> Iterator[tuple[int, dict[str, str] | str]]:
    """Yield (row number, fields) per data row, or (row number, error text) for a row that
    cannot be read. Row numbers count data rows from 1 (the header is not a row)."""
    from sanctio.csvrows import csv_lines

    f = path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="")
    with f:
        rows = csv_lines(f)
        first = next(rows, None)
        if first is None:
            return
        if first.values is None:
            raise ValueError(f"{path}: cannot read the header line: {first.error}")
        header = [h.strip() for h in first.values]
        lookup = {h.lower(): i for i, h in enumerate(header)}
        columns: dict[str, int] = {}
        for field in FIELDS:
            source = mapping.get(field, field)
            idx = lookup.get(source.lower())
            if idx is not None:
                columns[field] = idx
        unknown = [k for k in mapping if k not in FIELDS]
        if unknown:
            raise ValueError(f"--map: unknown field(s) {', '.join(unknown)}; fields are "
                             f"{', '.join(FIELDS)}")
        if "name" not in columns:
            raise ValueError(f"{path}: no '{mapping.get('name', 'name')}' column in the header "
                             f"({', '.join(header)}); use --map name=YourHeader")
        row = 0
        for item in rows:
            values = item.values
            if values is None:
                row += 1
                yield row, f"row {row} (line {item.line}): {item.error}"
                continue
            if not values or all(not v.strip() for v in values):
                continue
            row += 1
            if len(values) > len(header):
                yield row, (f"row {row} (line {item.line}): {len(values)} fields, the "
                            f"header has {len(header)}")
                continue
            fields = {k: values[i] if i < len(values) else "" for k, i in columns.items()}
            bad = [k for k, v in fields.items() if any(0xDC80 <= ord(c) <= 0xDCFF for c in v)]
            if bad:
                yield row, (f"row {row} (line {item.line}): field {bad[0]} is not valid "
                            "UTF-8")
                continue
            yield row, fields


def build_query(fields: dict[str, str]) -> Query:
    return Query.build(
        fields.get("name"), schema=fields.get("schema") or None, dob=fields.get("dob") or None,
        country=fields.get("country") or None, gender=fields.get("gender") or None,
        identifiers=fields.get("id") or None, ref=fields.get("ref") or None)


def _error(row: int, fields: dict[str, Any], message: str, versions: dict[str, str],
           threshold: float) -> ScreenResult:
    return ScreenResult(query=fields, status="error", matches=[], list_versions=versions,
                        threshold=threshold, row=row, ref=fields.get("ref") or None,
                        error=message)


def csv_row(result: ScreenResult) -> list[Any]:
    q = result.query
    best = next((m for m in result.matches if not m.below_threshold), None)
    if best is None:
        return [result.row, result.ref or "", q.get("name", ""), result.status,
                result.error or "", "", "", "", "", "", "", "", 0, ""]
    return [
        result.row, result.ref or "", q.get("name", ""), result.status, "",
        f"{best.score:.4f}", best.entity_id, best.schema, best.matched_name, best.name,
        " ".join(sorted({f"{d.source}:{d.source_id}" for d in best.designations})),
        "; ".join(sorted({d.program or "" for d in best.designations} - {""})),
        sum(1 for m in result.matches if not m.below_threshold),
        " | ".join(e.detail for e in best.explanation),
    ]


def _completed_rows(output: Path, as_csv: bool) -> int:
    """How many rows a previous run wrote completely; a torn last line is cut off."""
    if not output.exists():
        return 0
    data = output.read_bytes()
    if not data:
        return 0
    if not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with output.open("r+b") as f:
            f.truncate(cut)
        data = data[:cut]
    lines = data.count(b"\n")
    return max(0, lines - 1) if as_csv else lines


def check_output(output: Path, resume: bool) -> None:
    """Raise FileExistsError when ``output`` holds an earlier run and ``resume`` is not set
    (nothing is overwritten unasked)."""
    if output.exists() and not resume and output.stat().st_size > 0:
        raise FileExistsError(f"{output} exists: pass --resume to continue it or --overwrite")


def screen_file(
    input_path: Path, output: Path, *, home: Path | None = None,
    mapping: dict[str, str] | None = None, threshold: float | None = None, workers: int = 1,
    resume: bool = False, progress: bool = False, limit: int = 10,
    screener: Any = None, log: TextIO | None = None, audit: bool = False,
) -> Summary:
    """Screen a CSV file into JSON Lines or CSV; returns the run's summary. With ``audit``,
    the run (finished or not) is one entry of the registry's audit chain."""
    from sanctio.registry import Registry
    from sanctio.screen import Screener

    as_csv = output.suffix.lower() == ".csv"
    done = _completed_rows(output, as_csv) if resume else 0
    check_output(output, resume)
    if screener is None:
        screener = Screener(Registry(home))
    threshold = screener.threshold if threshold is None else threshold
    versions = dict(screener.list_versions)
    summary = Summary(skipped=done)
    started = time.perf_counter()
    out = output.open("a" if done else "w", encoding="utf-8", newline="")
    writer = csv.writer(out) if as_csv else None
    if writer is not None and not done:
        writer.writerow(CSV_COLUMNS)
    rows = read_rows(input_path, mapping or {})
    status = "failed"
    bar = _progress() if progress else None
    task = bar.add_task("screening", total=None) if bar else None
    try:
        if bar:
            bar.start()
        chunk: list[tuple[int, dict[str, str] | str]] = []
        for item in rows:
            if item[0] <= done:
                continue
            chunk.append(item)
            if len(chunk) >= CHUNK:
                _run_chunk(chunk, screener, threshold, versions, workers, limit, out, writer,
                           summary)
                chunk = []
                if bar is not None and task is not None:
                    rate = summary.rows / max(time.perf_counter() - started, 1e-9)
                    bar.update(task, completed=summary.rows,
                               description=f"screening ({rate:,.0f} rows/s, "
                                           f"{summary.alerts} alerts)")
        if chunk:
            _run_chunk(chunk, screener, threshold, versions, workers, limit, out, writer,
                       summary)
        status = "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if bar is not None:
            bar.stop()
        out.close()
        summary.seconds = time.perf_counter() - started
        if audit:
            _audit_run(screener, home, input_path, output, summary, threshold, versions,
                       workers, status)
    return summary


def _audit_run(screener: Any, home: Path | None, input_path: Path, output: Path,
               summary: Summary, threshold: float, versions: dict[str, str], workers: int,
               status: str) -> None:
    """One audit-chain entry for the whole run (never one per row): the input file's SHA-256
    stands for its queries."""
    from sanctio.monitor.audit import file_sha256, record_screening
    from sanctio.registry import Registry

    registry = getattr(screener, "registry", None) or Registry(home)
    record_screening(
        registry.conn, "screening.batch", queries=summary.rows, alerts=summary.alerts,
        errors=summary.errors, threshold=threshold, list_versions=versions,
        command="screen-file", status=status, input=str(input_path.resolve()),
        input_sha256=file_sha256(input_path), output=str(output.resolve()),
        resumed_after=summary.skipped, workers=workers, seconds=round(summary.seconds, 3))


def _progress() -> Any:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed:,} rows"), TimeElapsedColumn(), transient=True)


def _run_chunk(chunk: list[tuple[int, dict[str, str] | str]], screener: Any, threshold: float,
               versions: dict[str, str], workers: int, limit: int, out: TextIO,
               writer: Any, summary: Summary) -> None:
    results: list[ScreenResult | None] = [None] * len(chunk)
    queries: list[Query] = []
    slots: list[int] = []
    for i, (row, fields) in enumerate(chunk):
        if isinstance(fields, str):
            results[i] = _error(row, {}, fields, versions, threshold)
            continue
        try:
            queries.append(build_query(fields))
            slots.append(i)
        except QueryError as exc:
            results[i] = _error(row, dict(fields), f"row {row}: {exc}", versions, threshold)
    screened = screener.screen_many(queries, threshold=threshold, limit=limit, workers=workers)
    for i, res in zip(slots, screened, strict=True):
        res.row = chunk[i][0]
        results[i] = res
    for res in results:
        assert res is not None
        summary.rows += 1
        if res.status == "alert":
            summary.alerts += 1
        elif res.status == "error":
            summary.errors += 1
        if writer is not None:
            writer.writerow(csv_row(res))
        else:
            out.write(orjson.dumps(res.to_dict()).decode())
            out.write("\n")
    out.flush()
