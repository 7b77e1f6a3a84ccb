"""The portfolio's customers as stored in the registry database: the :class:`Customer`
record, its content hash, row validation with :meth:`sanctio.contract.Query.build`, and reads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from sanctio.contract import Query, QueryError
from sanctio.db import Connection
from sanctio.model import Schema
from sanctio.monitor import ensure_schema

# ----------------------------------------------------------------------------- customers


@dataclass(slots=True)
class Customer:
    id: str
    name: str
    schema: str | None = None
    dob: str | None = None
    country: str | None = None
    gender: str | None = None
    identifiers: list[str] = field(default_factory=list)
    num: int | None = None  # row number in the customers table
    removed: bool = False
    imported_at: str | None = None
    updated_at: str | None = None

    def data(self) -> dict[str, Any]:
        """The screened data (what the content hash covers)."""
        return {"name": self.name, "schema": self.schema, "dob": self.dob,
                "country": self.country, "gender": self.gender,
                "identifiers": self.identifiers}

    @property
    def data_hash(self) -> str:
        return customer_hash(self.data())

    def query(self) -> Query:
        return Query(name=self.name, schema=Schema(self.schema) if self.schema else None,
                     dob=self.dob, country=self.country, gender=self.gender,
                     identifiers=list(self.identifiers), ref=self.id)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.data(), "removed": self.removed,
                "imported_at": self.imported_at, "updated_at": self.updated_at}


def customer_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


def build_customer(values: dict[str, str | None],
                   warnings: list[str] | None = None) -> Customer:
    """Validate one row (raises :class:`QueryError` naming the field at fault when the row
    cannot be screened: no id, no usable name). A date of birth, country, schema, gender or
    identifier that cannot be read is left out, its message appended to ``warnings``."""
    ref = (values.get("ref") or "").strip()
    if not ref:
        raise QueryError("ref", "a customer id is required")
    if len(ref) > 200:
        raise QueryError("ref", "longer than 200 characters")
    q = Query.build(values.get("name"), schema=values.get("schema"), dob=values.get("dob"),
                    country=values.get("country"), gender=values.get("gender"),
                    identifiers=values.get("id"), ref=ref)
    if warnings is not None:
        warnings.extend(q.warnings)
    return Customer(id=ref, name=q.name, schema=q.schema.value if q.schema else None,
                    dob=q.dob, country=q.country, gender=q.gender,
                    identifiers=sorted(set(q.identifiers)))


_COLS = ("num, id, name, schema, dob, country, gender, identifiers, removed, imported_at, "
         "updated_at")


def _customer(row: Any) -> Customer:
    num, cid, name, schema, dob, country, gender, idents, removed, imp, upd = tuple(row)
    return Customer(id=cid, name=name, schema=schema, dob=dob, country=country, gender=gender,
                    identifiers=orjson.loads(idents) if idents else [], num=num,
                    removed=bool(removed), imported_at=imp, updated_at=upd)


def get_customer(conn: Connection, customer_id: str) -> Customer | None:
    ensure_schema(conn)
    row = conn.execute(f"SELECT {_COLS} FROM customers WHERE id=?", (customer_id,)).fetchone()
    return _customer(row) if row is not None else None


def customers_by_num(conn: Connection, nums: Iterable[int],
                     include_removed: bool = False) -> list[Customer]:
    """Customers by row number, in row-number order."""
    out: list[Customer] = []
    ids = sorted(set(nums))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT {_COLS} FROM customers WHERE num IN ({marks})"
        if not include_removed:
            sql += " AND removed=0"
        out.extend(_customer(r) for r in conn.execute(sql + " ORDER BY num", chunk))
    return out


def iter_customers(conn: Connection, *, batch: int = 5000,
                   include_removed: bool = False) -> Iterator[Customer]:
    """Every customer in row order, read in short queries (no long read transaction)."""
    ensure_schema(conn)
    last = 0
    where = "" if include_removed else " AND removed=0"
    while True:
        rows = conn.execute(
            f"SELECT {_COLS} FROM customers WHERE num > ?{where} ORDER BY num LIMIT ?",
            (last, batch)).fetchall()
        if not rows:
            return
        for r in rows:
            yield _customer(r)
        last = int(rows[-1][0])


def count_customers(conn: Connection, include_removed: bool = False) -> int:
    ensure_schema(conn)
    sql = "SELECT COUNT(*) FROM customers" + ("" if include_removed else " WHERE removed=0")
    return int(conn.execute(sql).fetchone()[0])


def list_customers(conn: Connection, *, search: str | None = None, limit: int = 50,
                   offset: int = 0, include_removed: bool = False) -> list[Customer]:
    ensure_schema(conn)
    sql = f"SELECT {_COLS} FROM customers WHERE 1=1"
    args: list[Any] = []
    if not include_removed:
        sql += " AND removed=0"
    if search:
        sql += " AND (name LIKE ? OR id = ?)"
        args += [f"%{search}%", search]
    sql += " ORDER BY num LIMIT ? OFFSET ?"
    args += [limit, offset]
    return [_customer(r) for r in conn.execute(sql, args)]
