"""Screening payment messages: each party, agent, identifier, country and free-text field of a
:class:`~sanctio.payments.model.Message` against the lists and the country rules, and a
decision per message.

- **Names** of parties and agents: :meth:`Screener.screen` (the same scores and explanations
  as ``sanctio screen``), with the message's date of birth and identifiers as facts; agents
  as organisations. A match at or above the threshold holds the message; a name score of
  0.98 or more on a designated party blocks it (a name of two words or more; a name
  with a legal form, LLC or GmbH, is screened as an organisation).
- **BICs** (every agent, party ``AnyBIC``, block 1/2 of an MT103, ``/INS/`` of field 72)
  against the SWIFT/BIC identifiers of the listed parties: the same institution (the same
  first 8 characters, or the same 11) blocks the message; another branch of a listed
  branch holds it. **LEIs** that a listed party carries block; other party identifiers
  equal to a listed identifier hold.
- **Countries**: the country of each BIC and IBAN, address countries, countries of
  residence and of regulatory reporting, and region or country names in addresses and in
  free text, against the country rules (:mod:`sanctio.payments.rules`).
- **Free text** (remittance information, instructions, regulatory reporting, fields 70, 72,
  77B) through the text scanner (:mod:`sanctio.scan`): a mention of a listed party holds;
  IMO numbers in it are looked up among the listed vessels' identifiers (hold).

Decision: ``block`` > ``hold`` > ``pass``; ``error`` for a message that could not be read
(never passed: it goes back for repair).
"""

from __future__ import annotations

import multiprocessing as mp
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from sanctio.contract import Evidence, Match, Query, QueryError, ScreenResult
from sanctio.entity import norm_id
from sanctio.monitor.portfolio import Customer
from sanctio.monitor.rescreen import apply_results
from sanctio.payments.model import Message, NameField
from sanctio.payments.mt103 import read_mt103
from sanctio.payments.pacs008 import read_pacs008
from sanctio.payments.rules import CountryRule, CountryRules
from sanctio.scan import text_scanner
from sanctio.screen import Screener
from sanctio.text.normalize import analyze, wait_tagger

BLOCK_SCORE = 0.98
_RANK = {"pass": 0, "hold": 1, "block": 2}
_IMO = re.compile(r"\bIMO\s*(?:no\.?|number|nr\.?|#|:)?\s*:?\s*(\d{7})\b", re.I)
_CACHE_SIZE = 100_000


@dataclass(slots=True)
class Hit:
    """One thing that held or blocked a message, with the field that caused it."""

    kind: str  # name, bic, identifier, country, text
    decision: str  # hold or block
    path: str
    role: str
    value: str
    reason: str
    match: Match | None = None
    rule: CountryRule | None = None
    mention: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "decision": self.decision,
                               "field": self.path, "role": self.role, "value": self.value,
                               "reason": self.reason}
        if self.match is not None:
            out["match"] = self.match.to_dict()
        if self.rule is not None:
            out["rule"] = self.rule.to_dict()
        if self.mention is not None:
            out["mention"] = self.mention
        return out


@dataclass(slots=True)
class PaymentResult:
    message: Message
    decision: str  # pass, hold, block, error
    hits: list[Hit]
    threshold: float
    list_versions: dict[str, str]
    rules_version: str
    warnings: list[str] = field(default_factory=list)

    @property
    def fields(self) -> list[str]:
        out: list[str] = []
        for h in self.hits:
            if h.path not in out:
                out.append(h.path)
        return out

    @property
    def error(self) -> str | None:
        if not self.message.errors:
            return None
        return f"{self.message.label}: " + "; ".join(self.message.errors)

    def to_dict(self) -> dict[str, Any]:
        m = self.message
        return {
            "file": m.source, "index": m.index, "format": m.format, "reference": m.reference,
            "references": m.references, "decision": self.decision,
            "fields": self.fields, "reasons": [f"{h.path}: {h.reason}" for h in self.hits],
            "hits": [h.to_dict() for h in self.hits], "error": self.error,
            "errors": list(m.errors),
            "amounts": [f"{a.path}: {a.value}" for a in m.amounts],
            "screened": m.summary(), "threshold": self.threshold,
            "list_versions": self.list_versions, "country_rules": self.rules_version,
            "warnings": self.warnings + list(m.warnings),
        }


def _bic_key(bic: str) -> tuple[str, str]:
    """(institution: the first 8 characters, branch: the last 3, XXX for the head office)."""
    bic = bic.upper()
    return bic[:8], (bic[8:11] if len(bic) == 11 else "XXX")


class PaymentScreener:
    """Screens payment messages with a :class:`Screener`, its text scanner and the country
    rules. Built once; :meth:`screen` is called per message."""

    def __init__(self, screener: Screener, *, threshold: float | None = None,
                 text_threshold: float | None = None, block_score: float = BLOCK_SCORE,
                 rules: CountryRules | None = None) -> None:
        self.screener = screener
        self.threshold = screener.threshold if threshold is None else threshold
        self.text_threshold = text_threshold
        self.block_score = block_score
        self.rules = rules or CountryRules.load()
        self.scanner = text_scanner(screener)
        self.bics: dict[str, list[tuple[int, str]]] = {}  # BIC8 -> (entity, branch)
        self.ids: dict[str, list[tuple[int, str]]] = {}  # normalised number -> (entity, type)
        for pos, info in enumerate(screener.entities):
            for ident in info.entity.identifiers:
                num = norm_id(ident.number)
                if ident.type == "swift_bic" and len(num) in (8, 11):
                    inst, branch = _bic_key(num)
                    self.bics.setdefault(inst, []).append((pos, branch))
                elif len(num) >= 6:
                    self.ids.setdefault(num, []).append((pos, ident.type))
        self._names: dict[tuple[Any, ...], list[Match]] = {}
        self._texts: dict[str, list[Any]] = {}

    # ------------------------------------------------------------------ parts

    def _entity_match(self, pos: int, detail: str, feature: str) -> Match:
        info = self.screener.entities[pos]
        not_listed = [lid for lid in self.screener.lists if lid not in info.lists]
        return Match(entity_id=info.entity.id, schema=info.entity.schema.value, score=1.0,
                     name=info.entity.caption, matched_name=info.entity.caption,
                     name_type="primary", designations=info.designations,
                     explanation=[Evidence(feature, 0.0, detail)], not_listed_by=not_listed)

    def _screen_name(self, nf: NameField) -> list[Match]:
        key = (nf.name, nf.schema, nf.dob, tuple(nf.identifiers))
        hit = self._names.get(key)
        if hit is None:
            schema = nf.schema
            if schema is None and analyze(nf.name, org=None).legal:
                schema = "Organization"  # a legal form (LLC, GmbH, S.A.): not a person
            q = Query.build(nf.name, schema=schema, dob=nf.dob, identifiers=nf.identifiers)
            hit = self.screener.screen(q, threshold=self.threshold, limit=5).matches
            if len(self._names) >= _CACHE_SIZE:
                self._names.clear()
            self._names[key] = hit
        return hit

    def _scan(self, text: str) -> list[Any]:
        hit = self._texts.get(text)
        if hit is None:
            hit = self.scanner.scan(text, threshold=self.text_threshold, is_html=False).mentions
            if len(self._texts) >= _CACHE_SIZE:
                self._texts.clear()
            self._texts[text] = hit
        return hit

    # ------------------------------------------------------------------ screening

    def screen(self, msg: Message) -> PaymentResult:
        versions = dict(self.screener.list_versions)
        if msg.errors:
            return PaymentResult(msg, "error", [], self.threshold, versions,
                                 self.rules.version)
        hits: list[Hit] = []
        warnings: list[str] = []
        seen: set[tuple[str, str, str]] = set()

        def add(h: Hit) -> None:
            key = (h.kind, h.path, h.match.entity_id if h.match else (
                h.rule.id if h.rule else h.reason))
            if key not in seen:
                seen.add(key)
                hits.append(h)

        for nf in msg.names:
            try:
                matches = self._screen_name(nf)
            except QueryError as exc:
                warnings.append(f"{nf.path}: {exc}: not screened")
                continue
            for m in matches:
                if m.score < self.threshold:
                    continue
                name_score = float(m.explanation[0].data.get("name_score", m.score)) \
                    if m.explanation and m.explanation[0].data else m.score
                block = (min(m.score, name_score) >= self.block_score
                         and bool(m.designations) and _words(nf.name) >= 2)
                what = "agent" if nf.kind == "agent" else "party"
                add(Hit("name", "block" if block else "hold", nf.path, nf.role, nf.name,
                        f"{nf.role.replace('_', ' ')} ({what}) {nf.name!r} matched "
                        f"{m.name!r} ({_designations(m)}) with score {m.score:.2f}"
                        + (" (exact: block)" if block else ""), match=m))
        for v in msg.bics:
            inst, branch = _bic_key(v.value)
            for pos, listed_branch in self.bics.get(inst, []):
                same = listed_branch == "XXX" or listed_branch == branch
                listed = inst + ("" if listed_branch == "XXX" else listed_branch)
                m = self._entity_match(pos, f"BIC {v.value} is the SWIFT/BIC {listed} of the "
                                            "listed party" if same else
                                       f"BIC {v.value} is another branch of the listed "
                                       f"SWIFT/BIC {listed}", "identifier")
                add(Hit("bic", "block" if same else "hold", v.path, v.role, v.value,
                        f"{v.role.replace('_', ' ')} BIC {v.value} "
                        + ("is" if same else "is a branch of the institution of")
                        + f" the SWIFT/BIC {listed} of {m.name!r} ({_designations(m)})",
                        match=m))
        for v in msg.identifiers:
            for pos, typ in self.ids.get(norm_id(v.value), []):
                strong = v.kind == "lei" or typ in ("lei", "swift_bic")
                m = self._entity_match(pos, f"identifier {v.value} equals the listed {typ}",
                                       "identifier")
                add(Hit("identifier", "block" if strong else "hold", v.path, v.role, v.value,
                        f"{v.role.replace('_', ' ')} identifier {v.value} equals the {typ} of "
                        f"{m.name!r} ({_designations(m)})", match=m))
        for v in msg.countries:
            for rule in self.rules.for_country(v.value):
                add(Hit("country", rule.action, v.path, v.role, v.value,
                        f"{v.kind} country {v.value}: {rule.reason}", rule=rule))
        for v in msg.addresses:
            for rule, term in self.rules.find(v.value):
                add(Hit("country", rule.action, v.path, v.role, v.value,
                        f"address names {term!r}: {rule.reason}", rule=rule))
        for v in msg.texts:
            for mention in self._scan(v.value):
                mm = mention.match
                add(Hit("text", "hold", v.path, v.role, v.value,
                        f"{v.role.replace('_', ' ')} text mentions {mm.name!r} "
                        f"({_designations(mm)}) as {mention.text!r}, score {mm.score:.2f}",
                        match=mm, mention={"start": mention.start, "end": mention.end,
                                           "text": mention.text}))
            for rule, term in self.rules.find(v.value):
                add(Hit("country", rule.action, v.path, v.role, v.value,
                        f"{v.role.replace('_', ' ')} text names {term!r}: {rule.reason}",
                        rule=rule))
            for imo in _IMO.finditer(v.value):
                for pos, typ in self.ids.get(imo.group(1), []):
                    if typ != "imo":
                        continue
                    m = self._entity_match(pos, f"IMO {imo.group(1)} is a listed vessel's",
                                           "identifier")
                    add(Hit("identifier", "hold", v.path, v.role, imo.group(0),
                            f"text names IMO {imo.group(1)}, the vessel {m.name!r} "
                            f"({_designations(m)})", match=m))
        decision = "pass"
        for h in hits:
            if _RANK[h.decision] > _RANK[decision]:
                decision = h.decision
        hits.sort(key=lambda h: -_RANK[h.decision])
        return PaymentResult(msg, decision, hits, self.threshold, versions,
                             self.rules.version, warnings)

    def screen_many(self, messages: Iterable[Message], *, workers: int = 1
                    ) -> Iterator[PaymentResult]:
        """Screen messages in input order; ``workers`` > 1 forks processes that share this
        screener's index (copy on write); messages are read in this process."""
        if workers <= 1:
            for msg in messages:
                yield self.screen(msg)
            return

        global _WORKER
        wait_tagger()
        _WORKER = self
        ctx = mp.get_context("fork")
        with ctx.Pool(workers) as pool:
            yield from pool.imap(_work, messages, chunksize=32)


    def screen_files(self, files: list[Any], *, fmt: str | None = None, workers: int = 1
                     ) -> Iterator[tuple[str, bytes, PaymentResult | None]]:
        """Read and screen files: per message, in input order, its decision, its JSON line
        and (for a message that does not pass) the result. With ``workers`` > 1, forked
        processes each read every file and screen their share of its messages (message
        ``i`` goes to process ``i mod workers``), serialising their results themselves."""
        if workers <= 1:
            for f in files:
                for msg in read_messages(f, str(f), fmt):
                    yield _packed(self.screen(msg))
            return
        from sanctio.text.normalize import wait_tagger

        global _WORKER
        wait_tagger()
        _WORKER = self
        ctx = mp.get_context("fork")
        tasks = ((f, fmt, k, workers) for f in files for k in range(workers))
        with ctx.Pool(workers) as pool:
            shares: list[list[tuple[str, bytes, PaymentResult | None]]] = []
            for share in pool.imap(_work_share, tasks):
                shares.append(share)
                if len(shares) == workers:
                    longest = max(len(x) for x in shares)
                    for i in range(longest):
                        for x in shares:
                            if i < len(x):
                                yield x[i]
                    shares = []


_WORKER: PaymentScreener | None = None


def _work(msg: Message) -> PaymentResult:
    assert _WORKER is not None
    return _WORKER.screen(msg)


def _packed(r: PaymentResult) -> tuple[str, bytes, PaymentResult | None]:
    return r.decision, orjson.dumps(r.to_dict()), (None if r.decision == "pass" else r)


def _work_share(task: tuple[Any, str | None, int, int]
                ) -> list[tuple[str, bytes, PaymentResult | None]]:
    """One worker's share of a file: the messages ``i`` with ``(i - 1) % n == k``."""
    path, fmt, k, n = task
    assert _WORKER is not None
    return [_packed(_WORKER.screen(msg)) for msg in read_messages(
        path, str(path), fmt, keep=lambda i: (i - 1) % n == k)]


def _words(name: str) -> int:
    """Name words of a screened name (a one-word name is never enough to block)."""
    return len(analyze(name, org=None).name_tokens)


def _designations(m: Match) -> str:
    keys = sorted({f"{d.source}:{d.source_id}" for d in m.designations})
    return ", ".join(keys[:4]) + (f" +{len(keys) - 4}" if len(keys) > 4 else "")


# --------------------------------------------------------------------------- reading files


def detect_format(head: bytes) -> str:
    """``xml`` (pacs.008) or ``mt`` (MT103), from the first bytes of a file."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "xml"
    return "mt"


def read_messages(source: Any, name: str | None = None, fmt: str | None = None,
                  keep: Callable[[int], bool] | None = None) -> Iterator[Message]:
    """The messages of a file (a Path) or of bytes: pacs.008 XML or MT103, told apart by the
    first character unless ``fmt`` (``pacs008``/``xml`` or ``mt103``/``mt``) says."""

    if fmt is None:
        if isinstance(source, Path):
            with source.open("rb") as f:
                head = f.read(4096)
        else:
            head = source[:4096] if isinstance(source, bytes) else source[:4096].encode()
        fmt = detect_format(head)
    if fmt in ("xml", "pacs008", "pacs.008"):
        data = source.encode() if isinstance(source, str) else source
        yield from read_pacs008(data, name, keep)
    elif fmt in ("mt", "mt103"):
        yield from read_mt103(source, name, keep)
    else:
        raise ValueError(f"unknown payment format {fmt!r}: pacs008 or mt103")


# --------------------------------------------------------------------------- alerts


def open_alerts(registry: Any, screener: Screener, results: Iterable[PaymentResult], *,
                threshold: float, actor: str | None = None) -> dict[str, Any]:
    """Open alerts in the monitoring queue for the held and blocked messages: one alert per
    (message, listed party), the customer id being ``payment:<file>#<index>:<reference>`` and
    its name the screened value. Country-rule holds have no listed party: they are reported
    in the results only. Returns the run's counts."""
    items: list[tuple[ScreenResult, Customer]] = []
    for r in results:
        if r.decision not in ("hold", "block"):
            continue
        m = r.message
        by_value: dict[tuple[str, str], list[Match]] = {}
        for h in r.hits:
            if h.match is not None:
                by_value.setdefault((h.path, h.value), []).append(h.match)
        for (path, value), matches in by_value.items():
            cid = f"payment:{m.source or ''}#{m.index}:{m.reference or ''}:{path}"
            items.append((ScreenResult(
                query={"name": value, "field": path, "decision": r.decision},
                status="alert", matches=matches, list_versions=r.list_versions,
                threshold=threshold, ref=cid), Customer(id=cid, name=value[:500])))
    report = apply_results(registry, screener, items, kind="payments", threshold=0.0,
                           actor=actor, trigger={"kind": "payments"})
    return {"run_id": report.run_id, **report.stats.to_dict(),
            "alert_ids": report.stats.alert_ids}


# --------------------------------------------------------------------------- the service


def payment_screener(screener: Screener, threshold: float | None = None) -> PaymentScreener:
    """The screener's payment screener for a threshold: built once and kept on it."""
    kept: dict[float | None, PaymentScreener] | None = getattr(
        screener, "_payment_screeners", None)
    if kept is None:
        kept = {}
        screener._payment_screeners = kept  # type: ignore[attr-defined]
    ps = kept.get(threshold)
    if ps is None:
        ps = kept[threshold] = PaymentScreener(screener, threshold=threshold)
    return ps


def screen_payload(screener: Screener, data: bytes, fmt: str | None,
                   threshold: float | None) -> tuple[bytes, dict[str, int]]:
    """Screen the messages of one request body (``POST /payments/screen``): the response
    (serialised) and the count of each decision."""
    ps = payment_screener(screener, threshold)
    counts = {"pass": 0, "hold": 0, "block": 0, "error": 0}
    results = []
    for msg in read_messages(data, "request", fmt):
        r = ps.screen(msg)
        counts[r.decision] += 1
        d = r.to_dict()
        d.pop("file", None)
        results.append(d)
    body = {"summary": {"messages": len(results), **counts},
            "threshold": ps.threshold, "list_versions": dict(screener.list_versions),
            "country_rules": ps.rules.version, "results": results}
    return orjson.dumps(body), counts
