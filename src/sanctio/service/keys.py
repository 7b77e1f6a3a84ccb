"""API keys of the screening service, stored hashed in the registry database.

A key is ``sanctio_<random>``, shown once when it is created. The database keeps only its
SHA-256, a short prefix to recognise it by, its role (``screen`` or ``admin``) and a label.
``admin`` includes ``screen``. Revoking a key takes effect within a second in every worker
process, which re-reads the small key table at most once a second.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sanctio.db import Connection, is_postgres, is_url, sqlite_path, write_transaction
from sanctio.db import connect as pg_connect

KEY_PREFIX = "sanctio_"
ROLES = ("screen", "admin")

KEYS_SQL = """
CREATE TABLE IF NOT EXISTS api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('screen', 'admin')),
    label TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
"""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def hash_key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def connect(db: Path | str) -> Connection:
    """The registry database (a SQLite file's path, or a URL)."""
    url = str(db) if is_url(str(db)) else f"sqlite:///{db}"
    if is_postgres(url):
        return pg_connect(url)
    conn = sqlite3.connect(sqlite_path(url), timeout=60, check_same_thread=False,
                           isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.row_factory = sqlite3.Row
    return conn


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: int
    prefix: str
    role: str
    label: str | None
    created_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "prefix": self.prefix, "role": self.role, "label": self.label,
                "created_at": self.created_at, "revoked_at": self.revoked_at,
                "active": self.active}


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a key (by id, prefix and label) with its role, or the dev user."""

    key_id: int | None
    name: str  # the key's prefix and label, or "dev"
    role: str

    def has_role(self, role: str) -> bool:
        return self.role == "admin" or self.role == role


DEV_PRINCIPAL = Principal(key_id=None, name="dev (no authentication)", role="admin")


class UnknownKey(LookupError):
    """No such key (by id or prefix), or the reference matches several keys."""


class KeyStore:
    """Create, list, revoke and check API keys in the registry database."""

    def __init__(self, db_path: Path | str, *, refresh_seconds: float = 1.0) -> None:
        """``db_path``: the registry database, a SQLite file or a URL (``postgresql://``)."""
        self.db = str(db_path)
        if not is_url(self.db):
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        self.refresh_seconds = refresh_seconds
        self._lock = threading.Lock()
        self._conn = connect(db_path)
        if is_postgres(self.db):
            with write_transaction(self._conn):
                self._conn.executescript(KEYS_SQL)
        else:
            self._conn.executescript(KEYS_SQL)
        self._snapshot: dict[str, Principal] = {}
        self._loaded_at = 0.0

    def close(self) -> None:
        self._conn.close()

    @staticmethod
    def _row(row: Any) -> ApiKey:
        return ApiKey(id=row["id"], prefix=row["prefix"], role=row["role"], label=row["label"],
                      created_at=row["created_at"], revoked_at=row["revoked_at"])

    def create(self, role: str, label: str | None = None) -> tuple[str, ApiKey]:
        """A new key: returns the key itself (shown once, never stored) and its record."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
        token = KEY_PREFIX + secrets.token_urlsafe(32)
        prefix = token[: len(KEY_PREFIX) + 6]
        with self._lock:
            cur = self._conn.execute(
                "INSERT INTO api_keys (prefix, key_hash, role, label, created_at) "
                "VALUES (?,?,?,?,?)", (prefix, hash_key(token), role, label, _now()))
            row = self._conn.execute("SELECT * FROM api_keys WHERE id=?",
                                     (cur.lastrowid,)).fetchone()
            self._loaded_at = 0.0
        return token, self._row(row)

    def list(self, *, include_revoked: bool = True) -> list[ApiKey]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM api_keys ORDER BY id").fetchall()
        keys = [self._row(r) for r in rows]
        return keys if include_revoked else [k for k in keys if k.active]

    def revoke(self, ref: str | int) -> ApiKey:
        """Revoke a key by its id or its prefix (``sanctio_AbC123``)."""
        with self._lock:
            if isinstance(ref, int) or str(ref).isdigit():
                rows = self._conn.execute("SELECT * FROM api_keys WHERE id=?",
                                          (int(ref),)).fetchall()
            else:
                rows = self._conn.execute(
                    "SELECT * FROM api_keys WHERE prefix=? OR key_hash=?",
                    (str(ref), hash_key(str(ref)))).fetchall()
            if not rows:
                raise UnknownKey(f"no API key {ref!r}")
            if len(rows) > 1:
                raise UnknownKey(f"{ref!r} matches {len(rows)} keys; revoke by id")
            key = self._row(rows[0])
            if key.active:
                self._conn.execute("UPDATE api_keys SET revoked_at=? WHERE id=?",
                                   (_now(), key.id))
            self._loaded_at = 0.0
            row = self._conn.execute("SELECT * FROM api_keys WHERE id=?", (key.id,)).fetchone()
        return self._row(row)

    def _refresh(self) -> None:
        rows = self._conn.execute(
            "SELECT id, prefix, key_hash, role, label FROM api_keys WHERE revoked_at IS NULL"
        ).fetchall()
        snapshot = {}
        for r in rows:
            name = r["prefix"] + (f" ({r['label']})" if r["label"] else "")
            snapshot[r["key_hash"]] = Principal(key_id=r["id"], name=name, role=r["role"])
        self._snapshot = snapshot
        self._loaded_at = time.monotonic()

    def authenticate(self, token: str | None) -> Principal | None:
        """The principal of a presented key, or None when it is missing, unknown or revoked."""
        if not token or not token.startswith(KEY_PREFIX) or len(token) > 200:
            return None
        digest = hash_key(token)
        age = time.monotonic() - self._loaded_at
        # revocations show within refresh_seconds; a key created a moment ago is looked up
        # again at once (at most a few times a second, whatever the number of bad keys sent)
        if age > self.refresh_seconds or (digest not in self._snapshot and age > 0.2):
            with self._lock:
                self._refresh()
        return self._snapshot.get(digest)
