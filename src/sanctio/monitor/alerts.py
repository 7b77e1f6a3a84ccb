"""Alerts, their life cycle, and analysts' decisions that stick.

An alert links one customer and one entity: the designations, the score and its explanation,
and the list versions it was raised against. There is one alert per (customer, entity) pair;
its history is in ``alert_events`` and the analysts' decisions in ``decisions``.

States::

    open ──review──> in_review ──true_match──> escalated (block or freeze)
      │                  │   (four-eyes: the first true_match is a proposal; a second reviewer
      │                  │    confirms it with true_match, or rejects it)
      └──false_positive──┴──> closed_false_positive (with a reason)
    open / in_review ──designation removed──> closed_delisted
    open / in_review ──customer removed from the portfolio──> closed_customer_removed
    any closed state or escalated ──reopen──> open

Decisions stick: when a later screening matches the same customer and entity again, a
false-positive decision is applied again automatically as long as neither the customer's data
nor the entity's records changed since the decision (compared by content hash); if either
changed, the alert reopens and its reason says what changed. An alert closed because its
designation was removed reopens when the entity is designated again.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO, Any

import orjson

from sanctio.contract import Match, ScreenResult
from sanctio.db import Connection
from sanctio.monitor import (
    default_actor,
    ensure_schema,
    get_setting,
    now_iso,
    set_setting,
    transaction,
    webhook,
)
from sanctio.monitor.audit import record_audit
from sanctio.monitor.customers import Customer, customer_hash, get_customer


class State(StrEnum):
    OPEN = "open"
    IN_REVIEW = "in_review"
    ESCALATED = "escalated"
    CLOSED_FALSE_POSITIVE = "closed_false_positive"
    CLOSED_DELISTED = "closed_delisted"
    CLOSED_CUSTOMER_REMOVED = "closed_customer_removed"


ACTIVE_STATES = (State.OPEN, State.IN_REVIEW, State.ESCALATED)
CLOSED_STATES = (State.CLOSED_FALSE_POSITIVE, State.CLOSED_DELISTED,
                 State.CLOSED_CUSTOMER_REMOVED)
STATE_ALIASES = {
    "open": State.OPEN, "in_review": State.IN_REVIEW, "in-review": State.IN_REVIEW,
    "review": State.IN_REVIEW, "escalated": State.ESCALATED,
    "closed_false_positive": State.CLOSED_FALSE_POSITIVE,
    "false_positive": State.CLOSED_FALSE_POSITIVE, "closed-false-positive":
        State.CLOSED_FALSE_POSITIVE,
    "closed_delisted": State.CLOSED_DELISTED, "delisted": State.CLOSED_DELISTED,
    "closed-delisted": State.CLOSED_DELISTED,
    "closed_customer_removed": State.CLOSED_CUSTOMER_REMOVED,
    "closed-customer-removed": State.CLOSED_CUSTOMER_REMOVED,
}

DECISIONS = ("review", "true_match", "false_positive", "reopen", "reject")
_DECISION_ALIASES = {
    "review": "review", "in_review": "review", "in-review": "review",
    "true_match": "true_match", "true-match": "true_match", "escalate": "true_match",
    "match": "true_match", "approve": "true_match",
    "false_positive": "false_positive", "false-positive": "false_positive", "fp": "false_positive",
    "clear": "false_positive",
    "reopen": "reopen", "reject": "reject",
}
MEASURES = ("block", "freeze")

FOUR_EYES_SETTING = "four_eyes"


class DecisionError(ValueError):
    """A decision that is not allowed (wrong state, missing reason, four-eyes rule)."""


class AlertNotFound(KeyError):
    pass


def parse_state(value: str) -> State:
    key = value.strip().lower()
    if key in STATE_ALIASES:
        return STATE_ALIASES[key]
    raise ValueError(f"unknown state {value!r}; states: {', '.join(s.value for s in State)}")


def parse_decision(value: str) -> str:
    key = value.strip().lower()
    if key in _DECISION_ALIASES:
        return _DECISION_ALIASES[key]
    raise DecisionError(f"unknown decision {value!r}; decisions: {', '.join(DECISIONS)}")


def four_eyes_enabled(conn: Connection) -> bool:
    return get_setting(conn, FOUR_EYES_SETTING, "off") == "on"


def set_four_eyes(conn: Connection, enabled: bool, actor: str | None = None) -> None:
    with transaction(conn):
        set_setting(conn, FOUR_EYES_SETTING, "on" if enabled else "off")
        record_audit(conn, actor, "settings.changed", {"four_eyes": enabled})


# ------------------------------------------------------------------------------ alerts


@dataclass(slots=True)
class Alert:
    id: int
    customer_id: str
    entity_id: str
    entity_name: str | None
    entity_schema: str | None
    state: str
    score: float
    matched_name: str | None
    explanation: list[dict[str, Any]]
    designations: list[dict[str, Any]]
    list_versions: dict[str, str]
    customer_hash: str | None
    customer_snapshot: dict[str, Any]
    entity_fingerprint: str | None
    entity_records: dict[str, list[Any]]
    opened_at: str
    updated_at: str
    last_screened_at: str | None
    reason: str | None
    measure: str | None
    decided_by: str | None
    decided_at: str | None
    approved_by: str | None
    proposed_by: str | None
    proposed_measure: str | None
    proposed_reason: str | None
    reapplied: int
    decision_customer_hash: str | None = None
    decision_customer_snapshot: dict[str, Any] | None = None
    decision_entity_fingerprint: str | None = None
    decision_entity_records: dict[str, list[Any]] | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def designation_keys(self) -> list[str]:
        return [f"{d.get('source')}:{d.get('source_id')}" for d in self.designations]

    @property
    def programs(self) -> list[str]:
        return sorted({str(d["program"]) for d in self.designations if d.get("program")})

    def to_dict(self, full: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "customer_id": self.customer_id, "entity_id": self.entity_id,
            "entity_name": self.entity_name, "entity_schema": self.entity_schema,
            "state": self.state, "score": round(self.score, 4),
            "matched_name": self.matched_name, "designations": self.designations,
            "list_versions": self.list_versions, "opened_at": self.opened_at,
            "updated_at": self.updated_at, "last_screened_at": self.last_screened_at,
            "reason": self.reason, "measure": self.measure, "decided_by": self.decided_by,
            "decided_at": self.decided_at, "approved_by": self.approved_by,
            "decisions_reapplied": self.reapplied,
        }
        if self.proposed_by:
            out["pending_true_match"] = {"proposed_by": self.proposed_by,
                                         "measure": self.proposed_measure,
                                         "reason": self.proposed_reason}
        if full:
            out["customer"] = self.customer_snapshot
            out["explanation"] = self.explanation
            out["entity_fingerprint"] = self.entity_fingerprint
            out["entity_records"] = self.entity_records
            out["events"] = self.events
            out["decisions"] = self.decisions
        return out


def _json(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS, default=str).decode()


def _load(text: Any, default: Any) -> Any:
    return orjson.loads(text) if text else default


def _alert(row: Any) -> Alert:
    return Alert(
        id=row["id"], customer_id=row["customer_id"], entity_id=row["entity_id"],
        entity_name=row["entity_name"], entity_schema=row["entity_schema"], state=row["state"],
        score=row["score"], matched_name=row["matched_name"],
        explanation=_load(row["explanation"], []), designations=_load(row["designations"], []),
        list_versions=_load(row["list_versions"], {}), customer_hash=row["customer_hash"],
        customer_snapshot=_load(row["customer_snapshot"], {}),
        entity_fingerprint=row["entity_fingerprint"],
        entity_records=_load(row["entity_records"], {}), opened_at=row["opened_at"],
        updated_at=row["updated_at"], last_screened_at=row["last_screened_at"],
        reason=row["reason"], measure=row["measure"], decided_by=row["decided_by"],
        decided_at=row["decided_at"], approved_by=row["approved_by"],
        proposed_by=row["proposed_by"], proposed_measure=row["proposed_measure"],
        proposed_reason=row["proposed_reason"], reapplied=row["reapplied"],
        decision_customer_hash=row["decision_customer_hash"],
        decision_customer_snapshot=_load(row["decision_customer_snapshot"], None),
        decision_entity_fingerprint=row["decision_entity_fingerprint"],
        decision_entity_records=_load(row["decision_entity_records"], None),
    )


def _q(conn: Connection, sql: str, args: Any = ()) -> Any:
    """Run a query whose rows are read by column name (whatever the connection's own row
    factory is; PostgreSQL rows always are)."""
    if not isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, args)
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, args)


def get_alert(conn: Connection, alert_id: int) -> Alert:
    """One alert with its events and decisions; raises :class:`AlertNotFound`."""
    ensure_schema(conn)
    row = _q(conn, "SELECT * FROM alerts WHERE id=?", (int(alert_id),)).fetchone()
    if row is None:
        raise AlertNotFound(f"no alert {alert_id}")
    alert = _alert(row)
    alert.events = [
        {"ts": r["ts"], "actor": r["actor"], "event": r["event"], "from": r["from_state"],
         "to": r["to_state"], "reason": r["reason"], "details": _load(r["details"], None)}
        for r in _q(conn, "SELECT * FROM alert_events WHERE alert_id=? ORDER BY id",
                              (alert.id,))
    ]
    alert.decisions = [
        {"ts": r["ts"], "actor": r["actor"], "decision": r["decision"], "status": r["status"],
         "reason": r["reason"], "measure": r["measure"]}
        for r in _q(conn, "SELECT * FROM decisions WHERE alert_id=? ORDER BY id",
                              (alert.id,))
    ]
    return alert


def list_alerts(conn: Connection, *, state: str | Iterable[str] | None = None,
                customer_id: str | None = None, entity_id: str | None = None,
                limit: int | None = 100, offset: int = 0) -> list[Alert]:
    """Alerts, newest activity first. ``state``: one state, several, or ``active``/``closed``."""
    ensure_schema(conn)
    sql = "SELECT * FROM alerts WHERE 1=1"
    args: list[Any] = []
    states = _states(state)
    if states:
        sql += f" AND state IN ({','.join('?' * len(states))})"
        args += states
    if customer_id:
        sql += " AND customer_id=?"
        args.append(customer_id)
    if entity_id:
        sql += " AND entity_id=?"
        args.append(entity_id)
    sql += " ORDER BY updated_at DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [limit, offset]
    return [_alert(r) for r in _q(conn, sql, args)]


def _states(state: str | Iterable[str] | None) -> list[str]:
    if state is None:
        return []
    items = [state] if isinstance(state, str) else list(state)
    out: list[str] = []
    for s in items:
        if s == "active":
            out += [x.value for x in ACTIVE_STATES]
        elif s == "closed":
            out += [x.value for x in CLOSED_STATES]
        else:
            out.append(parse_state(s).value)
    return out


def count_alerts(conn: Connection) -> dict[str, int]:
    ensure_schema(conn)
    return {str(r[0]): int(r[1]) for r in
            conn.execute("SELECT state, COUNT(*) FROM alerts GROUP BY state")}


# ------------------------------------------------------------------ entity fingerprints


class EntityRecords:
    """Content fingerprints of entities: the member records (``list:source_id``) with their
    version id and record fingerprint, from the registry's persisted merge."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._cache: dict[str, dict[str, list[Any]]] = {}

    def load(self, entity_ids: Iterable[str]) -> None:
        missing = sorted({e for e in entity_ids if e not in self._cache})
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            for e in chunk:
                self._cache[e] = {}
            marks = ",".join("?" * len(chunk))
            for eid, key, vid, fp in self.conn.execute(
                    "SELECT em.entity_id, em.record_key, em.version_id, r.fingerprint "
                    "FROM entity_members em JOIN records r ON r.version_id = em.version_id "
                    f"AND r.source_id = em.source_id WHERE em.entity_id IN ({marks})", chunk):
                self._cache[eid][key] = [int(vid), str(fp)]

    def records(self, entity_id: str) -> dict[str, list[Any]]:
        if entity_id not in self._cache:
            self.load([entity_id])
        return self._cache[entity_id]

    def fingerprint(self, entity_id: str) -> str:
        return fingerprint_of(self.records(entity_id))


def fingerprint_of(records: dict[str, list[Any]]) -> str:
    text = "\n".join(f"{k}={v[1]}" for k, v in sorted(records.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _record_data(conn: Connection, version_id: int, key: str) -> dict[str, Any] | None:
    source_id = key.partition(":")[2]
    row = conn.execute("SELECT data FROM records WHERE version_id=? AND source_id=?",
                       (version_id, source_id)).fetchone()
    return orjson.loads(row[0]) if row is not None else None


def entity_changes(conn: Connection, old: dict[str, list[Any]] | None,
                   new: dict[str, list[Any]]) -> list[str]:
    """What changed in an entity's records, in words an analyst can read."""
    if old is None:
        return []
    out: list[str] = []
    for key in sorted(set(old) | set(new)):
        if key not in new:
            out.append(f"record {key} is no longer part of the entity")
        elif key not in old:
            out.append(f"record {key} was added to the entity")
        elif old[key][1] != new[key][1]:
            a = _record_data(conn, int(old[key][0]), key)
            b = _record_data(conn, int(new[key][0]), key)
            fields = sorted(k for k in set(a or {}) | set(b or {})
                            if (a or {}).get(k) != (b or {}).get(k))
            out.append(f"record {key} changed" + (f" ({', '.join(fields)})" if fields else ""))
    return out


def customer_changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    if old is None:
        return []
    out = []
    for k in ("name", "schema", "dob", "country", "gender", "identifiers"):
        a, b = old.get(k), new.get(k)
        if (a or None) != (b or None):
            out.append(f"customer {k}: {a!r} -> {b!r}")
    return out


# ------------------------------------------------------------------------ applying results


@dataclass(slots=True)
class RunStats:
    customers: int = 0
    alerting: int = 0
    opened: int = 0
    reopened: int = 0
    reapplied: int = 0
    updated: int = 0
    closed: int = 0
    errors: int = 0
    alert_ids: list[int] = field(default_factory=list)  # opened or reopened in this run

    def to_dict(self) -> dict[str, Any]:
        return {"customers": self.customers, "alerting": self.alerting,
                "opened": self.opened, "reopened": self.reopened,
                "decisions_reapplied": self.reapplied, "updated": self.updated,
                "closed": self.closed, "errors": self.errors}


def _match_designations(m: Match) -> list[dict[str, Any]]:
    return [d.to_dict() for d in m.designations]


def _keys_text(designations: list[dict[str, Any]]) -> str:
    keys = sorted({f"{d.get('source')}:{d.get('source_id')}" for d in designations})
    return "|" + "|".join(keys) + "|" if keys else ""


class AlertSink:
    """Applies screening results of one run: history rows, alert upserts, audit entries and
    webhook notifications, written batch by batch in transactions."""

    def __init__(self, conn: Connection, run_id: int, *, threshold: float,
                 actor: str | None = None, notify: bool | None = None,
                 batch: int = 2000) -> None:
        from sanctio.monitor import webhook

        ensure_schema(conn)
        self.conn = conn
        self.run_id = run_id
        self.threshold = threshold
        self.actor = actor or "sanctio"
        self.notify = webhook.configured(conn) if notify is None else notify
        self.batch = batch
        self.stats = RunStats()
        self.entities = EntityRecords(conn)
        self._pending: list[tuple[ScreenResult, Customer]] = []

    def add(self, result: ScreenResult, customer: Customer) -> None:
        self._pending.append((result, customer))
        if len(self._pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        ts = now_iso()
        history: list[tuple[Any, ...]] = []
        hits: list[tuple[Customer, list[Match], ScreenResult]] = []
        for result, cust in pending:
            self.stats.customers += 1
            if result.status == "error":
                self.stats.errors += 1
                history.append((cust.id, self.run_id, "error", None,
                                _json({"error": result.error})))
                continue
            matches = [m for m in result.matches
                       if not m.below_threshold and m.score >= self.threshold]
            if not matches:
                history.append((cust.id, self.run_id, "clear", None, None))
                continue
            self.stats.alerting += 1
            hits.append((cust, matches, result))
        with transaction(self.conn):
            if hits:
                self.entities.load(m.entity_id for _, ms, _ in hits for m in ms)
                existing = self._existing([c.id for c, _, _ in hits])
                for cust, matches, result in hits:
                    refs = []
                    for m in matches:
                        aid = self._upsert(cust, m, result, existing.get(cust.id, []), ts)
                        refs.append({"entity_id": m.entity_id, "score": round(m.score, 4),
                                     "alert_id": aid})
                    history.append((cust.id, self.run_id, "alert", max(m.score for m in matches),
                                    _json(refs)))
            self.conn.executemany(
                "INSERT INTO screening_history (customer_id, run_id, status, top_score, "
                "matches) VALUES (?,?,?,?,?) ON CONFLICT (customer_id, run_id) DO UPDATE SET "
                "status=excluded.status, top_score=excluded.top_score, "
                "matches=excluded.matches", history)

    def _existing(self, customer_ids: list[str]) -> dict[str, list[Alert]]:
        out: dict[str, list[Alert]] = {}
        ids = sorted(set(customer_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in _q(self.conn, f"SELECT * FROM alerts WHERE customer_id IN ({marks})",
                        chunk):
                a = _alert(r)
                out.setdefault(a.customer_id, []).append(a)
        return out

    def _upsert(self, cust: Customer, m: Match, result: ScreenResult, existing: list[Alert],
                ts: str) -> int:
        conn = self.conn
        designations = _match_designations(m)
        keys_text = _keys_text(designations)
        records = self.entities.records(m.entity_id)
        efp = fingerprint_of(records)
        cdata = cust.data()
        chash = customer_hash(cdata)
        alert = next((a for a in existing if a.entity_id == m.entity_id), None)
        if alert is None:  # the entity may have a new id after a re-merge: same designations
            mine = set(keys_text.strip("|").split("|")) - {""}
            alert = next((a for a in existing if mine & set(a.designation_keys)), None)
        fields = (m.entity_id, m.name, m.schema, m.score, m.matched_name,
                  _json([e.to_dict() for e in m.explanation]), _json(designations), keys_text,
                  _json(result.list_versions), chash, _json(cdata), efp, _json(records))
        if alert is None:
            cur = conn.execute(
                "INSERT INTO alerts (entity_id, entity_name, entity_schema, score, matched_name, "
                "explanation, designations, designation_keys, list_versions, customer_hash, "
                "customer_snapshot, entity_fingerprint, entity_records, customer_id, state, "
                "opened_at, updated_at, last_screened_at, run_id) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*fields, cust.id, State.OPEN.value, ts, ts, ts, self.run_id))
            aid = int(cur.lastrowid or 0)
            self.stats.opened += 1
            self.stats.alert_ids.append(aid)
            self._event(aid, "opened", None, State.OPEN, None,
                        {"score": round(m.score, 4), "run_id": self.run_id}, ts)
            self._announce(aid, "alert.opened", cust, m, designations, result, None)
            return aid

        aid = alert.id
        if alert.state == State.CLOSED_FALSE_POSITIVE:
            changes = customer_changes(alert.decision_customer_snapshot, cdata) \
                if alert.decision_customer_hash != chash else []
            if alert.decision_entity_fingerprint != efp:
                changes += entity_changes(conn, alert.decision_entity_records, records) \
                    or ["the entity's records changed"]
            if not changes:
                self.stats.reapplied += 1
                conn.execute("UPDATE alerts SET reapplied = reapplied + 1, last_screened_at=?, "
                             "run_id=? WHERE id=?", (ts, self.run_id, aid))
                return aid
            reason = "reopened: " + "; ".join(changes)
            self._reopen(alert, fields, reason, ts, changes)
            self._announce(aid, "alert.reopened", cust, m, designations, result, reason)
            return aid
        if alert.state in (State.CLOSED_DELISTED, State.CLOSED_CUSTOMER_REMOVED):
            why = ("reopened: the entity is designated again"
                   if alert.state == State.CLOSED_DELISTED
                   else "reopened: the customer is back in the portfolio")
            self._reopen(alert, fields, why, ts, [why])
            self._announce(aid, "alert.reopened", cust, m, designations, result, why)
            return aid
        # an active alert: refresh what it shows, note material changes
        notes = []
        if alert.customer_hash != chash:
            notes += customer_changes(alert.customer_snapshot, cdata)
        if alert.entity_fingerprint != efp:
            notes += entity_changes(conn, alert.entity_records, records)
        if set(alert.designation_keys) != set(keys_text.strip("|").split("|")) - {""}:
            notes.append("designations now: " + ", ".join(keys_text.strip("|").split("|")))
        conn.execute(
            "UPDATE alerts SET entity_id=?, entity_name=?, entity_schema=?, score=?, "
            "matched_name=?, explanation=?, designations=?, designation_keys=?, list_versions=?, "
            "customer_hash=?, customer_snapshot=?, entity_fingerprint=?, entity_records=?, "
            "last_screened_at=?, run_id=?" + (", updated_at=?" if notes else "") + " WHERE id=?",
            (*fields, ts, self.run_id, *([ts] if notes else []), aid))
        alert.entity_id = m.entity_id
        if notes:
            self.stats.updated += 1
            self._event(aid, "updated", alert.state, alert.state, "; ".join(notes),
                        {"run_id": self.run_id}, ts)
        return aid

    def _reopen(self, alert: Alert, fields: tuple[Any, ...], reason: str, ts: str,
                changes: list[str]) -> None:
        self.conn.execute(
            "UPDATE alerts SET entity_id=?, entity_name=?, entity_schema=?, score=?, "
            "matched_name=?, explanation=?, designations=?, designation_keys=?, list_versions=?, "
            "customer_hash=?, customer_snapshot=?, entity_fingerprint=?, entity_records=?, "
            "state=?, reason=?, updated_at=?, last_screened_at=?, run_id=?, measure=NULL, "
            "proposed_by=NULL, proposed_at=NULL, proposed_measure=NULL, proposed_reason=NULL "
            "WHERE id=?",
            (*fields, State.OPEN.value, reason, ts, ts, self.run_id, alert.id))
        self._event(alert.id, "reopened", alert.state, State.OPEN, reason,
                    {"changes": changes, "run_id": self.run_id}, ts)
        alert.state = State.OPEN.value
        alert.entity_id = str(fields[0])
        self.stats.reopened += 1
        self.stats.alert_ids.append(alert.id)

    def _event(self, alert_id: int, event: str, from_state: str | None, to_state: str | None,
               reason: str | None, details: dict[str, Any] | None, ts: str) -> None:
        _add_event(self.conn, alert_id, self.actor, event, from_state, to_state, reason,
                   details, ts)

    def _announce(self, alert_id: int, event: str, cust: Customer, m: Match,
                  designations: list[dict[str, Any]], result: ScreenResult,
                  reason: str | None) -> None:
        payload = {
            "event": event, "alert_id": alert_id, "state": State.OPEN.value,
            "customer": {"id": cust.id, "name": cust.name},
            "entity": {"id": m.entity_id, "name": m.name, "schema": m.schema},
            "score": round(m.score, 4), "matched_name": m.matched_name,
            "designations": designations, "list_versions": result.list_versions,
            "reason": reason, "run_id": self.run_id, "summary": m.summary(),
        }
        record_audit(self.conn, self.actor, event, {
            k: payload[k] for k in ("alert_id", "state", "customer", "entity", "score",
                                    "designations", "list_versions", "reason", "run_id")})
        if self.notify:
            from sanctio.monitor import webhook

            webhook.enqueue(self.conn, event, payload, alert_id)


def _add_event(conn: Connection, alert_id: int, actor: str, event: str,
               from_state: str | None, to_state: str | None, reason: str | None,
               details: dict[str, Any] | None, ts: str | None = None) -> None:
    conn.execute(
        "INSERT INTO alert_events (alert_id, ts, actor, event, from_state, to_state, reason, "
        "details) VALUES (?,?,?,?,?,?,?,?)",
        (alert_id, ts or now_iso(), actor, event,
         str(from_state) if from_state else None, str(to_state) if to_state else None,
         reason, _json(details) if details else None))


# --------------------------------------------------------------------- system closures


def close_delisted(conn: Connection, removed: dict[str, str], *,
                   actor: str | None = None, notify: bool | None = None) -> RunStats:
    """Apply removed designations (``{designation_key: description of the list version}``):
    open and in-review alerts whose designations are all removed close as
    ``closed_delisted`` with the reason; alerts still backed by another designation drop the
    removed one; escalated alerts stay escalated and get an event (a person must lift the
    block or freeze)."""
    ensure_schema(conn)
    actor = actor or "sanctio"
    notify = webhook.configured(conn) if notify is None else notify
    stats = RunStats()
    if not removed:
        return stats
    ts = now_iso()
    with transaction(conn):
        candidates: dict[int, Alert] = {}
        for key in removed:
            for r in _q(
                    conn,
                    "SELECT * FROM alerts WHERE designation_keys LIKE ? AND state IN (?,?,?)",
                    (f"%|{key}|%", *[s.value for s in ACTIVE_STATES])):
                candidates[r["id"]] = _alert(r)
        for alert in candidates.values():
            gone = [k for k in alert.designation_keys if k in removed]
            left = [d for d in alert.designations
                    if f"{d.get('source')}:{d.get('source_id')}" not in removed]
            why = "; ".join(f"designation {k} removed ({removed[k]})" for k in gone)
            if alert.state == State.ESCALATED:
                _add_event(conn, alert.id, actor, "delisted", alert.state, alert.state,
                           why + ("" if left else "; no designation left: review the "
                                  f"{alert.measure or 'measure'}"), {"removed": gone}, ts)
                conn.execute("UPDATE alerts SET updated_at=? WHERE id=?", (ts, alert.id))
                stats.updated += 1
                event = "alert.delisted"
            elif left:
                conn.execute(
                    "UPDATE alerts SET designations=?, designation_keys=?, updated_at=? "
                    "WHERE id=?", (_json(left), _keys_text(left), ts, alert.id))
                _add_event(conn, alert.id, actor, "updated", alert.state, alert.state,
                           why + "; still designated as " + ", ".join(
                               f"{d.get('source')}:{d.get('source_id')}" for d in left),
                           {"removed": gone}, ts)
                stats.updated += 1
                continue
            else:
                conn.execute("UPDATE alerts SET state=?, reason=?, updated_at=?, "
                             "proposed_by=NULL, proposed_at=NULL, proposed_measure=NULL, "
                             "proposed_reason=NULL WHERE id=?",
                             (State.CLOSED_DELISTED.value, why, ts, alert.id))
                _add_event(conn, alert.id, actor, "closed", alert.state,
                           State.CLOSED_DELISTED, why, {"removed": gone}, ts)
                stats.closed += 1
                event = "alert.closed"
            payload = {"event": event, "alert_id": alert.id, "customer_id": alert.customer_id,
                       "entity_id": alert.entity_id, "reason": why, "removed": gone}
            record_audit(conn, actor, "alert.closed" if event == "alert.closed"
                         else "alert.updated", payload | {
                             "state": State.CLOSED_DELISTED.value if event == "alert.closed"
                             else str(alert.state)})
            if notify:
                webhook.enqueue(conn, event, payload, alert.id)
    return stats


def close_retired_lists(conn: Connection, active_lists: set[str], *,
                        actor: str | None = None, notify: bool | None = None) -> RunStats:
    """Designations of lists that are no longer active at all (the built-in sample list steps
    aside when a real list is loaded) count as removed: see :func:`close_delisted`."""
    ensure_schema(conn)
    gone: dict[str, str] = {}
    for r in _q(conn, "SELECT designations FROM alerts WHERE state IN (?,?,?)",
                [s.value for s in ACTIVE_STATES]):
        for d in _load(r["designations"], []):
            list_id = str(d.get("list_version") or "").split("@")[0]
            if list_id and list_id not in active_lists:
                gone[f"{d.get('source')}:{d.get('source_id')}"] = f"list {list_id} retired"
    return close_delisted(conn, gone, actor=actor, notify=notify)


def close_for_removed_customers(conn: Connection, *, actor: str | None = None) -> int:
    """Close the open and in-review alerts of customers removed from the portfolio."""
    ensure_schema(conn)
    actor = actor or default_actor()
    ts = now_iso()
    n = 0
    with transaction(conn):
        rows = _q(
            conn,
            "SELECT a.id, a.state, a.customer_id, a.entity_id FROM alerts a "
            "JOIN customers c ON c.id = a.customer_id "
            "WHERE c.removed = 1 AND a.state IN (?, ?)",
            (State.OPEN.value, State.IN_REVIEW.value)).fetchall()
        for r in rows:
            reason = "the customer was removed from the portfolio"
            conn.execute("UPDATE alerts SET state=?, reason=?, updated_at=? WHERE id=?",
                         (State.CLOSED_CUSTOMER_REMOVED.value, reason, ts, r["id"]))
            _add_event(conn, r["id"], actor, "closed", r["state"],
                       State.CLOSED_CUSTOMER_REMOVED, reason, None, ts)
            record_audit(conn, actor, "alert.closed", {
                "alert_id": r["id"], "customer_id": r["customer_id"],
                "entity_id": r["entity_id"], "reason": reason,
                "state": State.CLOSED_CUSTOMER_REMOVED.value})
            n += 1
    return n


# ---------------------------------------------------------------------------- decisions


def decide(conn: Connection, alert_id: int, decision: str, *,
           actor: str | None = None, reason: str | None = None,
           measure: str | None = None) -> Alert:
    """Record an analyst's decision on an alert and move it to its new state.

    ``decision``: ``review`` (open -> in_review), ``true_match`` (-> escalated, with
    ``measure`` block or freeze; under the four-eyes rule the first true_match is a proposal
    that a different reviewer confirms with a second true_match), ``reject`` (a second
    reviewer turns down a pending true-match proposal), ``false_positive`` (-> closed, reason
    required; applied again on later screenings while nothing changes), ``reopen`` (a closed
    or escalated alert back to open, reason required)."""
    ensure_schema(conn)
    kind = parse_decision(decision)
    actor = (actor or default_actor()).strip()
    if not actor:
        raise DecisionError("a decision needs the reviewer's name")
    reason = reason.strip() if reason else None
    ts = now_iso()
    with transaction(conn):
        alert = get_alert(conn, alert_id)
        state = State(alert.state)
        four_eyes = four_eyes_enabled(conn)
        status = "applied"
        new_state = state
        updates: dict[str, Any] = {}
        if kind == "review":
            if state != State.OPEN:
                raise DecisionError(f"alert {alert.id} is {state.value}; only an open alert "
                                    "can be taken into review")
            new_state = State.IN_REVIEW
        elif kind == "true_match":
            if state not in (State.OPEN, State.IN_REVIEW):
                raise DecisionError(f"alert {alert.id} is {state.value}; a true-match decision "
                                    "applies to an open or in-review alert")
            measure = (measure or alert.proposed_measure or "freeze").strip().lower()
            if measure not in MEASURES:
                raise DecisionError(f"unknown measure {measure!r}; use block or freeze")
            if four_eyes and not alert.proposed_by:
                status = "proposed"
                new_state = State.IN_REVIEW
                updates = {"proposed_by": actor, "proposed_at": ts,
                           "proposed_measure": measure, "proposed_reason": reason}
            else:
                if four_eyes and alert.proposed_by == actor:
                    raise DecisionError(
                        f"four-eyes rule: {actor} proposed this true match; a different "
                        "reviewer must confirm it")
                if four_eyes and alert.proposed_measure and alert.proposed_measure != measure:
                    raise DecisionError(
                        f"the proposal was to {alert.proposed_measure}; confirm the same "
                        "measure or reject the proposal")
                status = "approved" if four_eyes else "applied"
                new_state = State.ESCALATED
                updates = {"measure": measure, "decided_by": alert.proposed_by or actor,
                           "decided_at": ts, "approved_by": actor if four_eyes else None,
                           "reason": reason or alert.proposed_reason,
                           "proposed_by": None, "proposed_at": None, "proposed_measure": None,
                           "proposed_reason": None}
        elif kind == "reject":
            if not alert.proposed_by:
                raise DecisionError(f"alert {alert.id} has no pending true-match proposal")
            if alert.proposed_by == actor:
                raise DecisionError("the proposer cannot reject their own proposal; "
                                    "use review or false_positive")
            if not reason:
                raise DecisionError("rejecting a proposal needs a reason")
            new_state = State.IN_REVIEW
            updates = {"proposed_by": None, "proposed_at": None, "proposed_measure": None,
                       "proposed_reason": None}
        elif kind == "false_positive":
            if state not in ACTIVE_STATES:
                raise DecisionError(f"alert {alert.id} is {state.value}; reopen it first")
            if not reason:
                raise DecisionError("a false-positive decision needs a reason (--reason)")
            new_state = State.CLOSED_FALSE_POSITIVE
            updates = {
                "reason": reason, "decided_by": actor, "decided_at": ts, "measure": None,
                "approved_by": None, "proposed_by": None, "proposed_at": None,
                "proposed_measure": None, "proposed_reason": None,
                "decision_customer_hash": alert.customer_hash,
                "decision_customer_snapshot": _json(alert.customer_snapshot),
                "decision_entity_fingerprint": alert.entity_fingerprint,
                "decision_entity_records": _json(alert.entity_records), "reapplied": 0,
            }
        elif kind == "reopen":
            if state not in (*CLOSED_STATES, State.ESCALATED):
                raise DecisionError(f"alert {alert.id} is {state.value}; only a closed or "
                                    "escalated alert can be reopened")
            if not reason:
                raise DecisionError("reopening an alert needs a reason")
            new_state = State.OPEN
            updates = {"reason": reason, "measure": None}
        updates["state"] = new_state.value
        updates["updated_at"] = ts
        sets = ", ".join(f"{k}=?" for k in updates)
        conn.execute(f"UPDATE alerts SET {sets} WHERE id=?", (*updates.values(), alert.id))
        conn.execute(
            "INSERT INTO decisions (alert_id, ts, actor, decision, status, reason, measure, "
            "customer_id, entity_id, customer_hash, entity_fingerprint) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (alert.id, ts, actor, kind, status, reason,
             measure if kind == "true_match" else None, alert.customer_id, alert.entity_id,
             alert.customer_hash, alert.entity_fingerprint))
        _add_event(conn, alert.id, actor, f"decision:{kind}" + (
            "" if status == "applied" else f":{status}"), state, new_state, reason,
            {"measure": measure} if kind == "true_match" else None, ts)
        record_audit(conn, actor, "alert.decision", {
            "alert_id": alert.id, "customer_id": alert.customer_id,
            "entity_id": alert.entity_id, "decision": kind, "status": status,
            "from": state.value, "to": new_state.value, "reason": reason,
            "measure": measure if kind == "true_match" else None,
            "customer_hash": alert.customer_hash,
            "entity_fingerprint": alert.entity_fingerprint,
        })
        return get_alert(conn, alert.id)


# ------------------------------------------------------------------------------ export

EXPORT_COLUMNS = [
    "id", "state", "customer_id", "customer_name", "entity_id", "entity_name", "score",
    "matched_name", "designations", "programs", "list_versions", "opened_at", "updated_at",
    "reason", "measure", "decided_by", "decided_at", "approved_by", "decisions_reapplied",
]


def export_alerts(conn: Connection, out: IO[str], *,
                  state: str | Iterable[str] | None = None) -> int:
    """Write alerts as CSV (one row per alert); returns the number written."""
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    n = 0
    for a in list_alerts(conn, state=state, limit=None):
        writer.writerow({
            "id": a.id, "state": a.state, "customer_id": a.customer_id,
            "customer_name": a.customer_snapshot.get("name"), "entity_id": a.entity_id,
            "entity_name": a.entity_name, "score": f"{a.score:.4f}",
            "matched_name": a.matched_name, "designations": "; ".join(a.designation_keys),
            "programs": "; ".join(a.programs),
            "list_versions": "; ".join(f"{k}={v}" for k, v in sorted(a.list_versions.items())),
            "opened_at": a.opened_at, "updated_at": a.updated_at, "reason": a.reason,
            "measure": a.measure, "decided_by": a.decided_by, "decided_at": a.decided_at,
            "approved_by": a.approved_by, "decisions_reapplied": a.reapplied,
        })
        n += 1
    return n


# ------------------------------------------------------------------- customer history


def customer_history(conn: Connection, customer_id: str) -> dict[str, Any]:
    """A customer's data, every screening run that covered them with its result, their alerts
    and the alerts' events."""
    ensure_schema(conn)
    cust = get_customer(conn, customer_id)
    if cust is None:
        raise KeyError(f"no customer {customer_id!r}")
    runs = [
        {"run_id": r["run_id"], "kind": r["kind"], "started_at": r["started_at"],
         "status": r["status"], "top_score": r["top_score"],
         "matches": _load(r["matches"], []), "list_versions": _load(r["list_versions"], {}),
         "trigger": _load(r["trigger"], None)}
        for r in _q(
            conn,
            "SELECT h.run_id, h.status, h.top_score, h.matches, s.kind, s.started_at, "
            "s.list_versions, s.trigger FROM screening_history h "
            "JOIN screening_runs s ON s.id = h.run_id WHERE h.customer_id=? ORDER BY h.run_id",
            (customer_id,))
    ]
    alerts = [get_alert(conn, a.id).to_dict(full=False) | {"events": get_alert(
        conn, a.id).events} for a in list_alerts(conn, customer_id=customer_id, limit=None)]
    return {"customer": cust.to_dict(), "screenings": runs, "alerts": alerts}
