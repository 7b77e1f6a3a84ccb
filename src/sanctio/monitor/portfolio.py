"""The customer portfolio: streaming CSV import into the registry database.

A customer is one row of the portfolio file. Its columns are mapped as for ``screen-file``
(``name``, ``schema``, ``dob``, ``country``, ``gender``, ``id`` for identifiers, ``ref`` for the
customer id; ``--map name=FullName`` maps a field to another column). Rows are validated with
:meth:`sanctio.contract.Query.build`, so a customer's stored data is exactly what is screened, and
the content hash of that normalised data tells whether a customer changed between imports.

Import is streaming: rows are validated and staged in a temporary table in batches, then merged
into ``customers`` in one transaction, so a file of millions of rows needs little memory and a
failed import changes nothing. Re-importing a file updates changed customers, adds new ones and
marks the customers missing from the file as removed (unless ``keep_missing``).

The customers' names are indexed for rescreening in memory, when a list change needs it
(:mod:`sanctio.monitor.names`): nothing but the customers themselves is stored here.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from sanctio.contract import QueryError
from sanctio.csvrows import csv_lines
from sanctio.db import Connection
from sanctio.monitor import default_actor, ensure_schema, now_iso, transaction
from sanctio.monitor.alerts import close_for_removed_customers
from sanctio.monitor.audit import record_audit

# the portfolio's customer store (its own module, below alerts), re-exported here
from sanctio.monitor.customers import (  # noqa: F401
    Customer,
    build_customer,
    count_customers,
    customer_hash,
    customers_by_num,
    get_customer,
    iter_customers,
    list_customers,
)

FIELDS = ("name", "schema", "dob", "country", "gender", "id", "ref")
"""Portfolio fields: ``id`` holds identifiers (several separated by ``;``), ``ref`` the
customer id."""

_SYNONYMS = {
    "name": ("name", "full_name", "fullname"),
    "schema": ("schema", "type"),
    "dob": ("dob", "birth_date", "date_of_birth"),
    "country": ("country", "nationality"),
    "gender": ("gender", "sex"),
    "id": ("id", "identifiers", "identifier"),
    "ref": ("ref", "customer_id", "reference"),
}

BATCH = 20_000
MAX_LISTED = 100_000  # ids kept per category in an import report (counts are always exact)


class PortfolioError(ValueError):
    """A portfolio file that cannot be imported at all (missing columns, unreadable)."""


# ------------------------------------------------------------------------------ mapping


def parse_mapping(specs: Iterable[str] | None) -> dict[str, str]:
    """``["name=FullName", "ref=CustomerNo"]`` -> ``{"name": "FullName", "ref": ...}``."""
    out: dict[str, str] = {}
    for spec in specs or []:
        for part in spec.split(","):
            if not part.strip():
                continue
            key, sep, column = part.partition("=")
            key = key.strip().lower()
            if not sep or not column.strip():
                raise PortfolioError(f"bad mapping {part!r}: use FIELD=COLUMN, e.g. "
                                     "name=FullName")
            if key not in FIELDS:
                raise PortfolioError(f"unknown field {key!r} in mapping; fields: "
                                     + ", ".join(FIELDS))
            out[key] = column.strip()
    return out


def resolve_columns(header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """Field -> column index, from the explicit mapping or the column names."""
    norm = {h.strip().lower().lstrip("\ufeff"): i for i, h in enumerate(header)}
    exact = {h.strip().lstrip("\ufeff"): i for i, h in enumerate(header)}
    cols: dict[str, int] = {}
    for fld in FIELDS:
        if fld in mapping:
            col = mapping[fld]
            if col in exact:
                cols[fld] = exact[col]
            elif col.lower() in norm:
                cols[fld] = norm[col.lower()]
            else:
                raise PortfolioError(f"column {col!r} (mapped to {fld}) is not in the file; "
                                     f"columns: {', '.join(header)}")
            continue
        for syn in _SYNONYMS[fld]:
            if syn in norm:
                cols[fld] = norm[syn]
                break
    if "name" not in cols:
        raise PortfolioError("no name column: map it with --map name=COLUMN; columns: "
                             + ", ".join(header))
    if "ref" not in cols:
        raise PortfolioError("no customer id column: map it with --map ref=COLUMN; columns: "
                             + ", ".join(header))
    return cols


# ----------------------------------------------------------------------------- import


@dataclass(slots=True)
class BadRow:
    line: int
    ref: str | None
    field: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "ref": self.ref, "field": self.field,
                "message": self.message}

    def __str__(self) -> str:
        who = f" (customer {self.ref})" if self.ref else ""
        return f"line {self.line}{who}: {self.field}: {self.message}"


@dataclass(slots=True)
class ChangedCustomer:
    id: str
    fields: list[str]


@dataclass(slots=True)
class ImportReport:
    file: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    duplicates: int = 0  # repeated rows with the same id and the same data (harmless)
    bad: list[BadRow] = field(default_factory=list)
    bad_count: int = 0
    # rows imported without a field that could not be read (an impossible date, an unknown
    # country...): one per ignored field
    warnings: list[BadRow] = field(default_factory=list)
    warning_count: int = 0
    added_ids: list[str] = field(default_factory=list)
    changed_ids: list[ChangedCustomer] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)
    screen_nums: list[int] = field(default_factory=list)  # added and changed customers
    encoding: str = "utf-8"
    seconds: float = 0.0
    import_id: int | None = None
    alerts_closed: int = 0

    def to_dict(self, full: bool = False) -> dict[str, Any]:
        lim = None if full else 20
        return {
            "file": self.file, "rows": self.rows, "added": self.added,
            "changed": self.changed, "unchanged": self.unchanged, "removed": self.removed,
            "duplicates": self.duplicates, "bad": self.bad_count,
            "bad_rows": [b.to_dict() for b in self.bad[:lim]],
            "warnings": self.warning_count,
            "warning_rows": [w.to_dict() for w in self.warnings[:lim]],
            "added_ids": self.added_ids[:lim],
            "changed_ids": [{"id": c.id, "fields": c.fields} for c in self.changed_ids[:lim]],
            "removed_ids": self.removed_ids[:lim], "encoding": self.encoding,
            "seconds": round(self.seconds, 2), "alerts_closed": self.alerts_closed,
        }


_STAGE_SQL = """CREATE TEMP TABLE IF NOT EXISTS portfolio_stage (
    id TEXT PRIMARY KEY, line INTEGER NOT NULL, name TEXT NOT NULL, schema TEXT, dob TEXT,
    country TEXT, gender TEXT, identifiers TEXT, data_hash TEXT NOT NULL
)"""


def _sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0] + "\n", delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _stage_file(conn: Connection, path: Path, mapping: dict[str, str],
                encoding: str, report: ImportReport, delimiter: str | None) -> None:
    with path.open("r", encoding=encoding, newline="") as f:
        sample = f.read(65536)
        f.seek(0)
        dialect: Any = _sniff_dialect(sample)
        rows = csv_lines(f, dialect, delimiter=delimiter) if delimiter else \
            csv_lines(f, dialect)
        first = next(rows, None)
        if first is None:
            raise PortfolioError(f"{path}: the file is empty")
        if first.values is None:
            raise PortfolioError(f"{path}: line 1 (header): {first.error}")
        cols = resolve_columns(first.values, mapping)
        batch: dict[str, tuple[Any, ...]] = {}
        for item in rows:
            line, row = item.line, item.values
            if row is None:
                report.rows += 1
                _bad(report, BadRow(line, None, "line", item.error or "unreadable"))
                continue
            if not row or not any(c.strip() for c in row):
                continue
            report.rows += 1
            values = {fld: (row[i] if i < len(row) else None) for fld, i in cols.items()}
            ignored: list[str] = []
            try:
                cust = build_customer(values, ignored)
            except QueryError as exc:
                ref = (values.get("ref") or "").strip() or None
                _bad(report, BadRow(line, ref, exc.field, str(exc).split(": ", 1)[-1]))
                continue
            for w in ignored:
                report.warning_count += 1
                if len(report.warnings) < MAX_LISTED:
                    report.warnings.append(BadRow(line, cust.id, w.split(" ", 1)[0], w))
            digest = cust.data_hash
            prior = batch.get(cust.id)
            if prior is not None:
                _duplicate(report, cust.id, line, digest, prior[1], prior[8])
                continue
            batch[cust.id] = (cust.id, line, cust.name, cust.schema, cust.dob, cust.country,
                              cust.gender, orjson.dumps(cust.identifiers).decode()
                              if cust.identifiers else None, digest)
            if len(batch) >= BATCH:
                _flush_stage(conn, batch, report)
                batch = {}
        _flush_stage(conn, batch, report)


def _bad(report: ImportReport, bad: BadRow) -> None:
    report.bad_count += 1
    if len(report.bad) < MAX_LISTED:
        report.bad.append(bad)


def _duplicate(report: ImportReport, cid: str, line: int, digest: str, first_line: int,
               first_digest: str) -> None:
    if digest == first_digest:
        report.duplicates += 1
    else:
        _bad(report, BadRow(line, cid, "ref",
                            f"duplicate customer id {cid!r} with different data (first at "
                            f"line {first_line}, which is kept)"))


def _flush_stage(conn: Connection, batch: dict[str, tuple[Any, ...]],
                 report: ImportReport) -> None:
    if not batch:
        return
    ids = list(batch)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for cid, line, digest in conn.execute(
                f"SELECT id, line, data_hash FROM portfolio_stage WHERE id IN ({marks})", chunk):
            row = batch.pop(cid)
            _duplicate(report, cid, row[1], row[8], int(line), str(digest))
    conn.executemany("INSERT INTO portfolio_stage VALUES (?,?,?,?,?,?,?,?,?)",
                     list(batch.values()))


def _diff_fields(old: tuple[Any, ...], new: tuple[Any, ...]) -> list[str]:
    names = ("name", "schema", "dob", "country", "gender", "identifiers")
    return [n for n, a, b in zip(names, old, new, strict=True) if (a or None) != (b or None)]


def import_portfolio(conn: Connection, path: Path | str, *,
                     mapping: dict[str, str] | None = None, keep_missing: bool = False,
                     delimiter: str | None = None, actor: str | None = None) -> ImportReport:
    """Import (or re-import) a portfolio CSV file. See the module docstring."""
    started = time.perf_counter()
    ensure_schema(conn)
    path = Path(path)
    if not path.is_file():
        raise PortfolioError(f"{path}: no such file")
    actor = actor or default_actor()
    report = ImportReport(file=str(path))
    conn.execute(_STAGE_SQL)
    try:
        for encoding in ("utf-8-sig", "cp1252"):
            conn.execute("DELETE FROM portfolio_stage")
            fresh = ImportReport(file=str(path), encoding=encoding.replace("-sig", ""))
            try:
                _stage_file(conn, path, mapping or {}, encoding, fresh, delimiter)
            except UnicodeDecodeError:
                continue
            report = fresh
            break
        else:  # pragma: no cover - cp1252 decodes nearly anything
            raise PortfolioError(f"{path}: cannot decode the file (UTF-8 or Windows-1252)")
        ts = now_iso()
        with transaction(conn):
            _merge_stage(conn, report, ts, keep_missing)
            if report.removed:
                report.alerts_closed = close_for_removed_customers(conn, actor=actor)
            report.seconds = time.perf_counter() - started
            cur = conn.execute(
                "INSERT INTO portfolio_imports (file, started_at, finished_at, actor, rows, "
                "added, changed, unchanged, removed, bad, report) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (str(path), ts, now_iso(), actor, report.rows, report.added, report.changed,
                 report.unchanged, report.removed, report.bad_count,
                 orjson.dumps(report.to_dict()).decode()))
            report.import_id = int(cur.lastrowid or 0)
            record_audit(conn, actor, "portfolio.import", {
                "import_id": report.import_id, "file": str(path), "rows": report.rows,
                "added": report.added, "changed": report.changed, "removed": report.removed,
                "unchanged": report.unchanged, "bad": report.bad_count,
                "keep_missing": keep_missing,
            })
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.portfolio_stage")
    return report


def _merge_stage(conn: Connection, report: ImportReport, ts: str,
                 keep_missing: bool) -> None:
    """Merge the staged rows into ``customers`` (in the caller's transaction). Works set-wise
    and in chunks so that memory stays flat."""
    max_before = int(conn.execute("SELECT COALESCE(MAX(num), 0) FROM customers").fetchone()[0])

    # 1. customers whose data changed, and removed customers who are back
    conn.execute("DROP TABLE IF EXISTS temp.stage_changed")
    conn.execute(
        "CREATE TEMP TABLE stage_changed AS SELECT c.num AS num, c.removed AS was_removed, "
        "c.name AS o_name, c.schema AS o_schema, c.dob AS o_dob, c.country AS o_country, "
        "c.gender AS o_gender, c.identifiers AS o_identifiers, s.id AS id, s.line AS line, "
        "s.name AS name, s.schema AS schema, s.dob AS dob, s.country AS country, "
        "s.gender AS gender, s.identifiers AS identifiers, s.data_hash AS data_hash "
        "FROM portfolio_stage s JOIN customers c ON c.id = s.id "
        "WHERE c.removed = 1 OR c.data_hash != s.data_hash")
    cur = conn.execute(
        "SELECT num, was_removed, o_name, o_schema, o_dob, o_country, o_gender, o_identifiers, "
        "id, line, name, schema, dob, country, gender, identifiers, data_hash "
        "FROM stage_changed ORDER BY line")
    while rows := cur.fetchmany(10_000):
        updates = []
        for r in rows:
            num, was_removed, old, cid = int(r[0]), bool(r[1]), tuple(r[2:8]), str(r[8])
            new = tuple(r[10:16])
            if was_removed:
                report.added += 1
                if len(report.added_ids) < MAX_LISTED:
                    report.added_ids.append(cid)
            else:
                report.changed += 1
                if len(report.changed_ids) < MAX_LISTED:
                    report.changed_ids.append(ChangedCustomer(cid, _diff_fields(old, new)))
            report.screen_nums.append(num)
            updates.append((*new, r[16], r[9], ts, num))
        conn.executemany(
            "UPDATE customers SET name=?, schema=?, dob=?, country=?, gender=?, identifiers=?, "
            "data_hash=?, line=?, updated_at=?, removed=0, removed_at=NULL WHERE num=?", updates)
    conn.execute("DROP TABLE IF EXISTS temp.stage_changed")

    # 2. new customers
    conn.execute(
        "INSERT INTO customers (id, name, schema, dob, country, gender, identifiers, data_hash, "
        "line, imported_at, updated_at) SELECT s.id, s.name, s.schema, s.dob, s.country, "
        "s.gender, s.identifiers, s.data_hash, s.line, ?, ? FROM portfolio_stage s "
        "WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = s.id) ORDER BY s.line",
        (ts, ts))
    last = max_before
    while True:
        rows = conn.execute("SELECT num, id FROM customers WHERE num > ? ORDER BY num "
                            "LIMIT 10000", (last,)).fetchall()
        if not rows:
            break
        for num, cid in rows:
            report.added += 1
            if len(report.added_ids) < MAX_LISTED:
                report.added_ids.append(cid)
            report.screen_nums.append(int(num))
        last = int(rows[-1][0])
    staged = int(conn.execute("SELECT COUNT(*) FROM portfolio_stage").fetchone()[0])
    report.unchanged = staged - report.added - report.changed

    # 3. customers missing from the file
    if not keep_missing:
        gone = conn.execute(
            "SELECT c.num, c.id FROM customers c WHERE c.removed = 0 AND c.num <= ? "
            "AND NOT EXISTS (SELECT 1 FROM portfolio_stage s WHERE s.id = c.id)",
            (max_before,)).fetchall()
        for _num, cid in gone:
            report.removed += 1
            if len(report.removed_ids) < MAX_LISTED:
                report.removed_ids.append(cid)
        conn.executemany("UPDATE customers SET removed=1, removed_at=?, updated_at=? "
                         "WHERE num=?", [(ts, ts, g[0]) for g in gone])
