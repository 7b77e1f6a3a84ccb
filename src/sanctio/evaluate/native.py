"""``sanctio evaluate native``: the lists' own native-script names as queries.

The lists hold thousands of names in their own script (UN ``NAME_ORIGINAL_SCRIPT``, the UK
``Name Non-Latin Script`` column, EU name aliases in Cyrillic, Arabic, Greek, Chinese ...).
Each is a real query a screener must answer, with a known right answer: the party it belongs
to.

1. :class:`LatinOnlyRegistry` is a read-only view of a registry whose entities keep only
   their Latin-script names: every name holding a letter of another script is removed, of
   every entity. A :class:`~sanctio.screen.Screener` built on the view holds each party only
   through its Latin-script names.
2. Every native-script name of a listed party (one query per entity and distinct name; a name
   several lists give counts for each of them in the per-list figures) is screened against
   that screener; the expected hit is the entity it came from. Parties with no Latin-script
   name at all cannot be found this way and are counted as skipped, not as misses.
3. A query is *found* when its expected entity scores at or above the threshold. A miss is
   either *scored low* (the expected entity was returned, below the threshold) or *no
   candidate* (the screener did not return it at any score: the index did not retrieve it,
   or its name score was too low to be kept). For each miss the screener's own name
   comparison of the query against each Latin-script name of the expected entity tells
   whether the comparison alone would have found it.
"""

from __future__ import annotations

import csv
import os
import random
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from sanctio.contract import DEFAULT_THRESHOLD, Match, Query
from sanctio.entity import Entity, Member, norm_name
from sanctio.evaluate.report import render_native_html
from sanctio.evaluate.run import sanctio_version
from sanctio.evaluate.split import PAIRS_HELDOUT, PAIRS_SEED, split_of
from sanctio.model import Name, Schema
from sanctio.registry import Registry
from sanctio.screen import Screener

if TYPE_CHECKING:
    from sanctio.screen import Screener

THRESHOLDS: list[float] = [round(0.5 + 0.01 * i, 2) for i in range(51)]
SCREEN_LIMIT = 50
WORST = 40

Progress = Callable[[str], None]

# ---------------------------------------------------------------------------- scripts

# first word of a letter's Unicode name -> the script it is reported under
_SCRIPT_NAMES = {
    "CJK": "Han", "HIRAGANA": "Kana", "KATAKANA": "Kana", "HANGUL": "Hangul",
    "CYRILLIC": "Cyrillic", "ARABIC": "Arabic", "GREEK": "Greek", "HEBREW": "Hebrew",
    "GEORGIAN": "Georgian", "ARMENIAN": "Armenian", "THAI": "Thai", "ETHIOPIC": "Ethiopic",
    "MYANMAR": "Myanmar", "KHMER": "Khmer", "DEVANAGARI": "Devanagari", "BENGALI": "Bengali",
    "TAMIL": "Tamil", "SYRIAC": "Syriac", "THAANA": "Thaana", "LAO": "Lao", "TIBETAN": "Tibetan",
    "MONGOLIAN": "Mongolian", "GUJARATI": "Gujarati", "GURMUKHI": "Gurmukhi",
    "SINHALA": "Sinhala", "TELUGU": "Telugu", "KANNADA": "Kannada", "MALAYALAM": "Malayalam",
}
# letters that belong to no script of their own (ordinal indicators, modifier letters)
_NEUTRAL_PREFIXES = ("MASCULINE", "FEMININE", "MODIFIER")


@lru_cache(maxsize=65536)
def letter_script(ch: str) -> str | None:
    """The script of one character: ``Latin``, ``Cyrillic``, ``Han`` ...; None for a
    character that is not a letter or belongs to no script of its own."""
    if not ch.isalpha():
        return None
    if ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF:
        return "Latin"
    name = unicodedata.name(ch, "")
    if not name or name.startswith(_NEUTRAL_PREFIXES):
        return None
    first = name.split(" ", 1)[0]
    if first == "LATIN" or (first == "FULLWIDTH" and "LATIN" in name):
        return "Latin"
    return _SCRIPT_NAMES.get(first, first.title())


def script_counts(text: str) -> Counter[str]:
    return Counter(s for s in map(letter_script, text) if s is not None)


def native_script(text: str) -> str | None:
    """The non-Latin script a name is written in (the most frequent one among its letters;
    Japanese when kana and Han mix), or None for a Latin-script name or one without
    letters. A name mixing Latin with another script counts as that other script."""
    counts = script_counts(text)
    counts.pop("Latin", None)
    if not counts:
        return None
    if "Kana" in counts:
        return "Japanese"
    if "Hangul" in counts:
        return "Hangul"  # Korean names may mix in Han characters
    return counts.most_common(1)[0][0]


def is_latin(text: str) -> bool:
    """True for a name with letters, all of them Latin script."""
    counts = script_counts(text)
    return bool(counts) and set(counts) == {"Latin"}


# ---------------------------------------------------------------- the Latin-only view


def latin_only(entity: Entity) -> Entity:
    """The entity with every name that holds a non-Latin letter removed (same id, schema,
    members, facts and designations)."""
    members = [Member(m.version, replace(m.record, names=[
        n for n in m.record.names if native_script(n.full) is None])) for m in entity.members]
    return Entity(entity.id, entity.schema, members, list(entity.evidence))


class LatinOnlyRegistry(Registry):
    """A read-only view of a registry whose entities keep only their Latin-script names.

    It shares the base registry's database, versions and records; only :meth:`entities`
    differs. Build a :class:`~sanctio.screen.Screener` on it to screen against the
    Latin-script names alone. Loading or judging through the view is refused.
    """

    def __init__(self, base: Registry) -> None:  # the base registry holds the state
        self._base = base
        self._view: list[Entity] | None = None
        self._view_state: str | None = None

    def __getattr__(self, name: str) -> Any:
        # everything but the entities (connection, home, caches) is the base registry's
        if name.startswith("_base"):
            raise AttributeError(name)
        return getattr(self._base, name)

    @property
    def base(self) -> Registry:
        return self._base

    def entities(self) -> list[Entity]:
        state = self._base.state_key()
        if self._view is None or self._view_state != state:
            self._view = [latin_only(e) for e in self._base.entities()]
            self._view_state = state
        return self._view

    def entity(self, ref: str) -> Entity | None:
        found = self._base.entity(ref)
        if found is None:
            return None
        return next((e for e in self.entities() if e.id == found.id), None)

    def load(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("LatinOnlyRegistry is a read-only view: load into the base registry")

    def judge(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("LatinOnlyRegistry is a read-only view: judge in the base registry")

    def close(self) -> None:
        """The view does not own the connection; closing it leaves the base open."""


# --------------------------------------------------------------------------- the cases


@dataclass(slots=True)
class NativeCase:
    """One native-script name of a listed party and the entity it must find."""

    query: str
    script: str
    entity_id: str
    entity_name: str  # the entity's first Latin-script name
    schema: Schema
    lists: list[str]  # the lists that give this name for the entity
    name_type: str
    latin_names: list[str] = field(default_factory=list)

    def to_query(self, i: int) -> Query:
        schema = self.schema if self.schema in (Schema.PERSON, Schema.ORGANIZATION) else None
        return Query(name=self.query, schema=schema, ref=f"native:{i}")

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "script": self.script, "entity_id": self.entity_id,
                "entity_name": self.entity_name, "schema": self.schema.value,
                "lists": ";".join(self.lists), "name_type": self.name_type}


def _latin_names(entity: Entity) -> list[str]:
    """The entity's distinct Latin-script names, in list order (primary names first)."""
    out: list[str] = []
    seen: set[str] = set()
    ranked = sorted(entity.names, key=lambda nm: nm[0].type != "primary")
    for name, _ in ranked:
        if native_script(name.full) is None and script_counts(name.full):
            key = norm_name(name.full)
            if key and key not in seen:
                seen.add(key)
                out.append(name.full)
    return out


def build_cases(entities: Iterable[Entity], *, sample: int | None = None, seed: int = 42
                ) -> tuple[list[NativeCase], dict[str, int]]:
    """Every native-script name of every entity (one case per entity and distinct name),
    and the names skipped per script because their entity has no Latin-script name. With
    ``sample``, at most that many cases per script, drawn with a seeded generator."""
    cases: list[NativeCase] = []
    skipped: Counter[str] = Counter()
    for entity in entities:
        by_text: dict[str, tuple[Name, list[str]]] = {}
        for name, member in entity.names:
            text = " ".join(name.full.split())
            if not text or native_script(text) is None:
                continue
            lid = member.version.list_id
            if text in by_text:
                if lid not in by_text[text][1]:
                    by_text[text][1].append(lid)
            else:
                by_text[text] = (name, [lid])
        if not by_text:
            continue
        latin = _latin_names(entity)
        for text, (name, lists) in by_text.items():
            script = native_script(text)
            assert script is not None
            if not latin:
                skipped[script] += 1
                continue
            caption = entity.caption if is_latin(entity.caption) else latin[0]
            cases.append(NativeCase(
                query=text, script=script, entity_id=entity.id, entity_name=caption,
                schema=entity.schema, lists=sorted(lists), name_type=name.type.value,
                latin_names=latin))
    cases.sort(key=lambda c: (c.script, c.entity_id, c.query))
    if sample is not None:
        rng = random.Random(f"native:{seed}")
        by_script: dict[str, list[NativeCase]] = defaultdict(list)
        for c in cases:
            by_script[c.script].append(c)
        cases = []
        for script in sorted(by_script):
            items = by_script[script]
            if len(items) > sample:
                items = sorted(rng.sample(items, sample),
                               key=lambda c: (c.entity_id, c.query))
            cases.extend(items)
    return cases, dict(sorted(skipped.items()))


# --------------------------------------------------------------------------- screening


@dataclass(slots=True)
class NativeConfig:
    sample: int | None = None  # cases per script (None: every native-script name)
    seed: int = 42
    threshold: float = DEFAULT_THRESHOLD
    workers: int = 0  # 0 = one per CPU


@dataclass(slots=True)
class NativeResult:
    case: NativeCase
    expected: float  # the expected entity's score (0 when not returned)
    expected_match: Match | None
    top: Match | None
    rank: int | None  # the expected entity's rank among the returned matches (1 = top)
    outcome: str = ""  # found / scored low / no candidate
    name_score: float = 0.0  # the name comparison alone, best Latin name of the expected
    name_best: str = ""
    explanation: str = ""


def _r(x: float, nd: int = 4) -> float:
    return round(float(x), nd)


def _brief(m: Match | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"entity_id": m.entity_id, "name": m.name, "matched_name": m.matched_name,
            "score": _r(m.score)}


def _explain(m: Match | None) -> str:
    return "" if m is None else " | ".join(e.detail for e in m.explanation)


def classify(expected: float, returned: bool, threshold: float) -> str:
    if expected >= threshold - 1e-9:
        return "found"
    return "scored low" if returned else "no candidate"


def screen_cases(screener: Screener, cases: Sequence[NativeCase], threshold: float,
                 workers: int) -> list[NativeResult]:
    """Screen every case (all scores kept, down to zero) and classify it."""
    queries = [c.to_query(i) for i, c in enumerate(cases)]
    results = screener.screen_many(queries, threshold=0.0, limit=SCREEN_LIMIT, workers=workers)
    out = []
    for case, res in zip(cases, results, strict=True):
        matches = [m for m in res.matches if not m.below_threshold]
        top = matches[0] if matches else None
        rank, em = next(((i + 1, m) for i, m in enumerate(matches)
                         if m.entity_id == case.entity_id), (None, None))
        score = em.score if em is not None else 0.0
        r = NativeResult(case, score, em, top, rank,
                         classify(score, em is not None, threshold))
        if r.outcome != "found":
            best = (0.0, "", "")
            for latin in case.latin_names:
                s, ev = screener.compare(case.query, latin, case.to_query(0).schema)
                if s > best[0]:
                    best = (s, latin, " | ".join(e.detail for e in ev))
            r.name_score, r.name_best = best[0], best[1]
            r.explanation = _explain(em) if em is not None else best[2]
        out.append(r)
    return out


def _counts(rows: Sequence[NativeResult], t: float) -> dict[str, Any]:
    n = len(rows)
    found = sum(r.outcome == "found" for r in rows)
    low = sum(r.outcome == "scored low" for r in rows)
    none = sum(r.outcome == "no candidate" for r in rows)
    wrong = sum(1 for r in rows if _wrong_alert(r, t))
    return {"n": n, "found": found, "recall": _r(found / n) if n else None,
            "scored_low": low, "no_candidate": none,
            # the comparison alone would have found it: a retrieval (index) miss
            "no_candidate_name_score_above": sum(
                1 for r in rows if r.outcome == "no candidate" and r.name_score >= t - 1e-9),
            # misses where another entity alerts instead
            "other_entity_on_top": wrong}


def _wrong_alert(r: NativeResult, t: float) -> bool:
    """A miss where another entity scores at or above the threshold (the right party
    missed, another one alerted). Found queries with another entity on top are not counted:
    that is mostly the same party listed twice and not merged."""
    return (r.outcome != "found" and r.top is not None and r.top.score >= t - 1e-9
            and r.top.entity_id != r.case.entity_id)


def _worst(rows: Sequence[NativeResult], n: int) -> list[NativeResult]:
    """The misses to show: lowest expected score first, taken from each script in turn so
    that the rarer scripts are not crowded out by Cyrillic."""
    by_script: dict[str, list[NativeResult]] = defaultdict(list)
    for r in sorted((r for r in rows if r.outcome != "found"),
                    key=lambda r: (r.expected, -r.name_score, r.case.entity_id, r.case.query)):
        by_script[r.case.script].append(r)
    order = sorted(by_script, key=lambda s: -len(by_script[s]))
    out: list[NativeResult] = []
    while len(out) < n and any(by_script[s] for s in order):
        for s in order:
            if by_script[s] and len(out) < n:
                out.append(by_script[s].pop(0))
    return out


def row_dict(r: NativeResult) -> dict[str, Any]:
    return {**r.case.to_dict(), "outcome": r.outcome, "score": _r(r.expected),
            "rank": r.rank, "top": _brief(r.top),
            "matched_name": r.expected_match.matched_name if r.expected_match else None,
            "name_score": _r(r.name_score) if r.outcome != "found" else None,
            "name_best": r.name_best or None, "explanation": r.explanation or None}


def evaluate_native(registry: Registry, cfg: NativeConfig, progress: Progress | None = None
                    ) -> dict[str, Any]:
    """Build the Latin-only screener, screen every native-script name, return the summary
    (every figure; the per-query rows under ``_rows``)."""

    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    workers = cfg.workers or (os.cpu_count() or 1)
    base = registry.base if isinstance(registry, LatinOnlyRegistry) else registry
    entities = base.entities()
    cases, skipped = build_cases(entities, sample=cfg.sample, seed=cfg.seed)
    say(f"{len(cases)} native-script names; building the Latin-only screener")
    view = LatinOnlyRegistry(base)
    t0 = time.perf_counter()
    screener = Screener(view)
    build_seconds = time.perf_counter() - t0
    say(f"screening {len(cases)} queries ({workers} workers)")
    t1 = time.perf_counter()
    rows = screen_cases(screener, cases, cfg.threshold, workers)
    screen_seconds = time.perf_counter() - t1
    screener.close()
    t = cfg.threshold

    def group(keyf: Callable[[NativeResult], Iterable[str]]) -> dict[str, Any]:
        groups: dict[str, list[NativeResult]] = defaultdict(list)
        for r in rows:
            for k in keyf(r):
                groups[k].append(r)
        return {k: _counts(v, t) for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1]))}

    scores = np.array([r.expected for r in rows]) if rows else np.zeros(0)
    by_script_rows: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_script_rows[r.case.script].append(i)
    versions = base.active_versions()
    summary: dict[str, Any] = {
        "sanctio_version": sanctio_version(),
        "seed": cfg.seed,
        "sample_per_script": cfg.sample,
        "threshold": t,
        "method": "each native-script name of a listed party screened against a screener "
                  "built from the same lists with every non-Latin-script name removed; the "
                  "expected hit is the party the name belongs to",
        "list_versions": {lid: v.label for lid, v in versions.items()},
        "registry": {"entities": len(entities), "indexed_names": len(screener.names)},
        "overall": _counts(rows, t),
        "per_script": group(lambda r: [r.case.script]),
        "per_list": group(lambda r: r.case.lists),
        "per_schema": group(lambda r: [r.case.schema.value]),
        # EU organisation names in other scripts are often translations, not spellings
        "per_script_and_schema": group(lambda r: [f"{r.case.script} / {r.case.schema.value}"]),
        # the learned tables (learn-org-words) learn from the train split alone: the heldout
        # split shows whether what they learned holds for parties they never saw
        "per_script_schema_and_split": group(lambda r: [
            f"{r.case.script} / {r.case.schema.value} / "
            f"{split_of(r.case.entity_id, PAIRS_SEED, PAIRS_HELDOUT)}"]),
        "per_name_type": group(lambda r: [r.case.name_type]),
        "skipped_no_latin_name": skipped,
        "curves": {
            "thresholds": THRESHOLDS,
            "recall": [_r(float((scores >= x - 1e-9).mean())) if len(scores) else 0.0
                       for x in THRESHOLDS],
            "recall_per_script": {
                s: [_r(float((scores[idx] >= x - 1e-9).mean())) for x in THRESHOLDS]
                for s, idx in sorted(by_script_rows.items())},
        },
        "worst_misses": [row_dict(r) for r in _worst(rows, WORST)],
        "wrong_top_matches": [row_dict(r) for r in sorted(
            (r for r in rows if _wrong_alert(r, t)),
            key=lambda r: (-(r.top.score if r.top else 0.0), r.case.query))[:WORST]],
        "timings": {"build_seconds": _r(build_seconds, 2),
                    "screen_seconds": _r(screen_seconds, 2),
                    "queries_per_second": _r(len(rows) / screen_seconds
                                             if screen_seconds else 0.0, 1),
                    "workers": workers},
    }
    summary["timings"]["evaluation_seconds"] = _r(time.perf_counter() - started, 2)
    summary["_rows"] = [row_dict(r) for r in rows]
    return summary


COLUMNS = ["script", "query", "entity_id", "entity_name", "schema", "lists", "name_type",
           "outcome", "score", "rank", "matched_name", "top", "name_score", "name_best",
           "explanation"]


def write_native_outputs(summary: dict[str, Any], output: Path) -> dict[str, Path]:
    """``summary.json``, ``native.csv`` (every query) and ``report.html`` in ``output``."""
    output.mkdir(parents=True, exist_ok=True)
    rows = summary.pop("_rows", [])
    paths = {"summary": output / "summary.json", "queries": output / "native.csv",
             "report": output / "report.html"}
    try:
        paths["summary"].write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2))
        paths["report"].write_text(render_native_html(summary), encoding="utf-8")
        with paths["queries"].open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(COLUMNS)
            for r in rows:
                vals = []
                for c in COLUMNS:
                    v = r.get(c)
                    if isinstance(v, dict):
                        v = f"{v.get('name')} [{v.get('entity_id')}] {v.get('score')}"
                    vals.append("" if v is None else v)
                w.writerow(vals)
    finally:
        summary["_rows"] = rows
    return paths
