"""``sanctio evaluate variants``: recall on generated variants of listed names, false alerts on
generated unlisted names, and the same figures for a simple baseline, in one run.

1. A seeded sample of the registry's people and organisations, taken in turn from every
   loaded list, gives the base names; each category of :mod:`sanctio.evaluate.variants` makes
   up to ``sample`` queries, each keeping the entity it must find.
2. :mod:`sanctio.evaluate.unlisted` makes realistic parties that are on no list. One whose
   name equals a listed name after simple normalisation, or is written in Arabic or Persian
   script and reads letter by letter as a listed Latin name (:class:`ScriptCollisions`), is
   a *collision*: reported, never counted as a false alert.
3. Every query is screened once by the real :class:`~sanctio.screen.Screener` at a low
   threshold (0.5); the figures at the chosen threshold and the curves over thresholds all
   come from those scores. A variant is found at threshold *t* when its expected entity scores
   *t* or more; an unlisted query is a false alert at *t* when any entity scores *t* or more.
4. The same queries go through the baseline: rapidfuzz ``token_sort_ratio`` (score / 100)
   against every name of every loaded list, no index, no schema, no dates.
"""

from __future__ import annotations

import csv
import os
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from itertools import permutations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from sanctio.contract import DEFAULT_THRESHOLD, Match, Query, ScreenResult
from sanctio.entity import Entity, norm_name
from sanctio.evaluate import variants as gen
from sanctio.evaluate.report import render_html
from sanctio.evaluate.unlisted import Unlisted, generate_unlisted
from sanctio.model import NameType, Schema
from sanctio.text.abjad import arabic_keys, is_arabic_word, latin_keys, reads_as
from sanctio.text.normalize import analyze, to_latin

if TYPE_CHECKING:
    from sanctio.screen import Screener

LOW_THRESHOLD = 0.5
THRESHOLDS: list[float] = [round(0.5 + 0.01 * i, 2) for i in range(51)]
SCREEN_LIMIT = 50
WORST = 25

Progress = Callable[[str], None]


def sanctio_version() -> str:
    try:
        from sanctio import __version__

        return str(__version__)
    except ImportError:  # pragma: no cover

        return version("sanctio")


# ------------------------------------------------------------------------- the queries


@dataclass(slots=True)
class VariantCase:
    """A generated query and the entity it must find."""

    category: str
    query: Query
    base_name: str  # the listed name the variant was made from
    entity_id: str
    entity_name: str
    list_id: str
    detail: str = ""  # combo: the two categories; script: generated or the list's own

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "query": self.query.name,
                "base_name": self.base_name, "entity_id": self.entity_id,
                "entity_name": self.entity_name, "list": self.list_id, "detail": self.detail}


@dataclass(slots=True)
class UnlistedCase:
    party: Unlisted
    query: Query
    collision: str | None = None  # the listed name it equals, if any


def _is_latin(text: str) -> bool:
    return any(c.isalpha() for c in text) and all(
        ord(c) < 0x250 for c in text if c.isalpha())


def _home_list(entity: Entity) -> str:
    """The list an entity is drawn for: the list whose record gives its caption."""
    caption = entity.caption
    for m in entity.members:
        if m.record.primary_name == caption:
            return m.version.list_id
    return entity.members[0].version.list_id if entity.members else "?"


def eligible(entity: Entity) -> bool:
    return entity.schema in (Schema.PERSON, Schema.ORGANIZATION, Schema.UNKNOWN) and bool(
        base_name(entity))


def base_name(entity: Entity) -> str | None:
    """The listed name variants are made from: the caption, or the first Latin-script
    primary or alias name when the caption is in another script."""
    if _is_latin(entity.caption):
        return entity.caption
    for name, _ in entity.names:
        if name.type in (NameType.PRIMARY, NameType.ALIAS) and _is_latin(name.full):
            return name.full
    return None


def natural_order(name: str, schema: Schema | None) -> str:
    """A person's name in reading order: ``BIN LADIN, Usama`` -> ``Usama BIN LADIN`` (lists
    such as OFAC write family names first; the generators start from the reading order)."""
    if schema == Schema.PERSON and name.count(",") == 1:
        family, given = (p.strip() for p in name.split(","))
        if family and given:
            return f"{given} {family}"
    return name


def sample_entities(entities: Sequence[Entity], seed: int) -> list[Entity]:
    """Every eligible entity in a seeded order that takes each loaded list in turn."""
    by_list: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        if eligible(e):
            by_list[_home_list(e)].append(e)
    rng = random.Random(f"sample:{seed}")
    queues = []
    for lid in sorted(by_list):
        items = sorted(by_list[lid], key=lambda e: e.id)
        rng.shuffle(items)
        queues.append(items)
    out: list[Entity] = []
    i = 0
    while any(queues):
        q = queues[i % len(queues)]
        if q:
            out.append(q.pop())
        i += 1
    return out


def _facts(entity: Entity, names_only: bool) -> tuple[str | None, str | None]:
    if names_only:
        return None, None
    dob = next((d.value for d in entity.birth_dates if not d.end), None)
    nat = sorted(entity.nationalities)
    return dob, (nat[0] if nat else None)


def _query_schema(entity: Entity) -> Schema | None:
    return entity.schema if entity.schema in (Schema.PERSON, Schema.ORGANIZATION) else None


def build_variants(entities: Sequence[Entity], categories: Sequence[str], per_category: int,
                   seed: int, *, names_only: bool = False, unknown_kind: bool = False
                   ) -> list[VariantCase]:
    """Up to ``per_category`` variants per category, walking the sampled entities in order
    (a category that does not apply to an entity moves on to the next one); with
    ``unknown_kind``, each query without its kind (person or organisation)."""
    order = sample_entities(entities, seed)
    out: list[VariantCase] = []
    for category in categories:
        rng = random.Random(f"{seed}:{category}")
        made = 0
        for entity in order:
            if made >= per_category:
                break
            listed = base_name(entity)
            if listed is None:
                continue
            schema = entity.schema if entity.schema != Schema.UNKNOWN else Schema.ORGANIZATION
            natural = natural_order(listed, schema)
            detail = ""
            name: str | None
            if category == "exact":
                name = listed
            elif category == "combo":
                res = gen.combo_detail(natural, schema, rng)
                name, detail = (res[0], "+".join(res[1])) if res else (None, "")
            else:
                name = gen.generate(natural, schema, category, rng)
                if category == "script":
                    detail = "generated"
                    if name is None:
                        originals = [n.full for n, _ in entity.names
                                     if n.type == NameType.ORIGINAL and not _is_latin(n.full)]
                        if originals:
                            name, detail = rng.choice(sorted(originals)), "list original"
            if not name or not name.strip() or (category != "exact" and name == listed):
                continue
            dob, country = _facts(entity, names_only)
            out.append(VariantCase(
                category=category,
                query=Query(name=" ".join(name.split()),
                            schema=None if unknown_kind else _query_schema(entity), dob=dob,
                            country=country, ref=f"{category}:{entity.id}"),
                base_name=listed, entity_id=entity.id, entity_name=entity.caption,
                list_id=_home_list(entity), detail=detail))
            made += 1
    return out


def _keys(name: str) -> set[str]:
    """Forms under which a generated name equals a listed one: as written, in Latin letters,
    and as the screener reads it (Hangul as the lists romanise Korean: 이성진 is RI SONG JIN)."""
    keys = {norm_name(name)}
    for latin in (to_latin(name), analyze(name).latin):
        if norm_name(latin):
            keys.add(norm_name(latin))
    keys.discard("")
    return keys


def collision_index(entities: Iterable[Entity]) -> dict[str, str]:
    """Normalised form -> a listed name, for every name of every entity."""
    out: dict[str, str] = {}
    for e in entities:
        for n, _ in e.names:
            for k in _keys(n.full):
                out.setdefault(k, n.full)
    return out


# the article a Latin list name writes as a word of its own (al-Kani), which an Arabic-script
# word carries glued (الكاني)
_LATIN_ARTICLES = frozenset({"al", "el"})


def _latin_words(text: str) -> list[str]:
    """The words of a Latin name as :func:`norm_name` gives them, without the article."""
    return [w for w in norm_name(text).split() if w not in _LATIN_ARTICLES]


class ScriptCollisions:
    """The listed Latin names that an Arabic-script name reads as, letter by letter.

    A generated name in Arabic or Persian script (علي سعیدی) is a listed name written in
    the script when each of its words reads as a word of a listed Latin name (Ali SAIDI), in
    any order, the same number of words (the Latin article, al-, is the script word's own):
    each consonant as one the lists write for its letter, each long vowel as a vowel of its
    kind (:func:`sanctio.text.abjad.reads_as`, the strict reading, not the matcher's
    likeness). Such a name is a collision, as its Latin twin is, not a false alert."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        # (word count, a consonant key of one word) -> (the name's words, the name)
        self._by_key: dict[tuple[int, str], list[tuple[tuple[str, ...], str]]] = (
            defaultdict(list))
        for e in entities:
            for n, _ in e.names:
                if not _is_latin(n.full):
                    continue
                words = tuple(_latin_words(n.full))
                if not 2 <= len(words) <= 4:
                    continue
                entry = (words, n.full)
                for key in {k for w in words for k in latin_keys(w)}:
                    self._by_key[(len(words), key)].append(entry)

    def find(self, name: str) -> str | None:
        """The listed name (the first in sorted order) that ``name`` reads as, if any."""
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(is_arabic_word(w) for w in words):
            return None
        seen: set[str] = set()
        hits: list[str] = []
        for key in sorted(arabic_keys(words[0])):
            for latin, full in self._by_key.get((len(words), key), ()):
                if full in seen:
                    continue
                seen.add(full)
                if any(all(reads_as(a, b) for a, b in zip(words, order, strict=True))
                       for order in permutations(latin)):
                    hits.append(full)
        return min(hits) if hits else None


def build_unlisted(n: int, seed: int, collisions: dict[str, str], *,
                   names_only: bool = False, unknown_kind: bool = False,
                   script: ScriptCollisions | None = None,
                   shape: str = "customers") -> list[UnlistedCase]:
    """The generated unlisted parties (of the ``shape`` :func:`generate_unlisted` draws)
    as queries, each with the listed name it collides with, if any: equal to it after
    normalisation (``collisions``), or, given ``script``, in Arabic or Persian script that
    reads letter by letter as it."""
    out = []
    for i, party in enumerate(generate_unlisted(n, seed, shape=shape)):
        q = Query(name=party.name, schema=None if unknown_kind else party.schema,
                  dob=None if names_only else party.dob,
                  country=None if names_only else party.country, ref=f"unlisted:{i}")
        # (the first key in sorted order: the same label in every run)
        hit = next((collisions[k] for k in sorted(_keys(party.name)) if k in collisions), None)
        if hit is None and script is not None and party.native:
            hit = script.find(party.name)
        out.append(UnlistedCase(party, q, hit))
    return out


# --------------------------------------------------------------------------- screening


@dataclass(slots=True)
class Scored:
    """What one query's screening gave: the best match and the expected entity's score."""

    best: float
    top: Match | None
    expected: float = 0.0
    expected_match: Match | None = None


def screen_queries(screener: Screener, queries: Sequence[Query], expected: Sequence[str | None],
                   *, workers: int) -> tuple[list[Scored], float]:
    started = time.perf_counter()
    results: Iterable[ScreenResult] = screener.screen_many(
        queries, threshold=LOW_THRESHOLD, limit=SCREEN_LIMIT, workers=workers)
    out = []
    for res, exp in zip(results, expected, strict=True):
        matches = [m for m in res.matches if not m.below_threshold]
        top = matches[0] if matches else None
        sc = Scored(best=top.score if top else 0.0, top=top)
        if exp is not None:
            em = next((m for m in matches if m.entity_id == exp), None)
            if em is not None:
                sc.expected, sc.expected_match = em.score, em
        out.append(sc)
    return out, time.perf_counter() - started


class Baseline:
    """rapidfuzz ``token_sort_ratio`` of the query against every name of every loaded list
    (``utils.default_process``: lower case, non-alphanumerics removed), score / 100."""

    method = ("rapidfuzz fuzz.token_sort_ratio against every name of every loaded list "
              "(default_process), score/100; no index, no schema, no dates")

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.names: list[str] = []
        owner: list[int] = []
        self.entity_ids: list[str] = []
        self.pos: dict[str, int] = {}
        for i, e in enumerate(entities):
            self.pos[e.id] = i
            self.entity_ids.append(e.id)
            seen: set[str] = set()
            for n, _ in e.names:
                if n.full not in seen:
                    seen.add(n.full)
                    self.names.append(n.full)
                    owner.append(i)
        self.owner = np.array(owner, dtype=np.int64)
        cols: dict[int, list[int]] = defaultdict(list)
        for j, o in enumerate(owner):
            cols[o].append(j)
        self.cols = {k: np.array(v, dtype=np.int64) for k, v in cols.items()}

    def run(self, queries: Sequence[str], expected: Sequence[str | None], *, workers: int = -1,
            chunk: int = 256) -> tuple[np.ndarray, np.ndarray, list[str | None], float]:
        """(best score, expected entity's score, best entity id) per query, and seconds."""
        from rapidfuzz import fuzz, process, utils

        started = time.perf_counter()
        best = np.zeros(len(queries), dtype=np.float64)
        exp_scores = np.zeros(len(queries), dtype=np.float64)
        best_ids: list[str | None] = []
        for start in range(0, len(queries), chunk):
            part = list(queries[start:start + chunk])
            matrix = process.cdist(part, self.names, scorer=fuzz.token_sort_ratio,
                                   processor=utils.default_process, dtype=np.uint8,
                                   workers=workers)
            arg = matrix.argmax(axis=1)
            for r, a in enumerate(arg):
                qi = start + r
                best[qi] = matrix[r, a] / 100.0
                best_ids.append(self.entity_ids[int(self.owner[a])] if matrix[r, a] else None)
                exp = expected[qi]
                if exp is not None and exp in self.pos:
                    cols = self.cols.get(self.pos[exp])
                    if cols is not None and len(cols):
                        exp_scores[qi] = matrix[r, cols].max() / 100.0
        return best, exp_scores, best_ids, time.perf_counter() - started


# ---------------------------------------------------------------------------- figures


def recall_at(scores: np.ndarray, t: float) -> float:
    return float((scores >= t - 1e-9).mean()) if len(scores) else 0.0


def alerts_per_1000(scores: np.ndarray, t: float) -> float:
    return float(1000.0 * (scores >= t - 1e-9).mean()) if len(scores) else 0.0


def _r(x: float, nd: int = 4) -> float:
    return round(float(x), nd)


@dataclass(slots=True)
class Config:
    sample: int = 125  # variants per category
    unlisted: int = 5000
    seed: int = 42
    categories: list[str] = field(default_factory=lambda: list(gen.ALL_CATEGORIES))
    threshold: float = DEFAULT_THRESHOLD
    workers: int = 0  # 0 = one per CPU
    names_only: bool = False
    # queries without their kind, as a payment message or a line of text gives a name
    unknown_kind: bool = False
    # the unlisted names' shape: customer files' people and companies, or a screening test
    # file's people (evaluate.unlisted.SHAPES)
    unlisted_shape: str = "customers"


def _explain(match: Match | None) -> str:
    if match is None:
        return ""
    return " | ".join(e.detail for e in match.explanation)


def _expected_name_score(screener: Screener, case: VariantCase) -> tuple[float, str, str]:
    """The screener's name comparison of the query against each of the expected entity's
    names: (best score, that name, the explanation)."""
    best = (0.0, "", "")
    pos = screener.by_id.get(case.entity_id)
    if pos is None:
        return best
    entity = screener.entities[pos].entity
    schema = case.query.schema
    for name, _ in entity.names:
        score, ev = screener.compare(case.query.name, name.full, schema)
        if score > best[0]:
            best = (score, name.full, " | ".join(e.detail for e in ev))
    return best


def evaluate(screener: Screener, cfg: Config, progress: Progress | None = None
             ) -> dict[str, Any]:
    """Run the whole evaluation and return the summary (every figure)."""
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    workers = cfg.workers or (os.cpu_count() or 1)
    unknown = [c for c in cfg.categories if c not in gen.CATEGORIES]
    if unknown:
        raise ValueError(f"unknown categories: {', '.join(unknown)}; known: "
                         f"{', '.join(gen.ALL_CATEGORIES)}")
    entities = [e.entity for e in screener.entities]

    say("generating variants")
    t0 = time.perf_counter()
    cases = build_variants(entities, cfg.categories, cfg.sample, cfg.seed,
                           names_only=cfg.names_only, unknown_kind=cfg.unknown_kind)
    say(f"{len(cases)} variants; generating {cfg.unlisted} unlisted names")
    collisions = collision_index(entities)
    unl = build_unlisted(cfg.unlisted, cfg.seed, collisions, names_only=cfg.names_only,
                         unknown_kind=cfg.unknown_kind, script=ScriptCollisions(entities),
                         shape=cfg.unlisted_shape)
    gen_seconds = time.perf_counter() - t0

    say(f"screening {len(cases) + len(unl)} queries with Sanctio ({workers} workers)")
    v_scored, v_sec = screen_queries(screener, [c.query for c in cases],
                                     [c.entity_id for c in cases], workers=workers)
    u_scored, u_sec = screen_queries(screener, [u.query for u in unl], [None] * len(unl),
                                     workers=workers)
    s_seconds = v_sec + u_sec

    say("screening the same queries with the baseline")
    baseline = Baseline(entities)
    all_names = [c.query.name for c in cases] + [u.query.name for u in unl]
    all_exp: list[str | None] = [c.entity_id for c in cases] + [None] * len(unl)
    b_best, b_exp, _ids, b_seconds = baseline.run(all_names, all_exp)
    nv = len(cases)

    # ------------------------------------------------------------------ arrays
    cats = [c for c in cfg.categories if any(x.category == c for x in cases)]
    s_exp = np.array([s.expected for s in v_scored])
    bl_exp = b_exp[:nv]
    scored_mask = np.array([u.collision is None for u in unl], dtype=bool)
    s_unl = np.array([s.best for s in u_scored])[scored_mask] if unl else np.zeros(0)
    bl_unl = b_best[nv:][scored_mask] if unl else np.zeros(0)
    t = cfg.threshold

    def per(keyf: Callable[[VariantCase], str], arr: np.ndarray) -> dict[str, float]:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(cases):
            groups[keyf(c)].append(i)
        return {k: _r(recall_at(arr[v], t)) for k, v in sorted(groups.items())}

    def per_cat(arr: np.ndarray) -> dict[str, float]:
        return {c: _r(recall_at(arr[[i for i, x in enumerate(cases) if x.category == c]], t))
                for c in cats}

    def fa_groups(keyf: Callable[[UnlistedCase], str], arr: np.ndarray) -> dict[str, Any]:
        kept = [u for u in unl if u.collision is None]
        groups: dict[str, list[int]] = defaultdict(list)
        for i, u in enumerate(kept):
            groups[keyf(u)].append(i)
        return {k: {"n": len(v), "per_1000": _r(alerts_per_1000(arr[v], t), 2)}
                for k, v in sorted(groups.items())}

    def system(exp: np.ndarray, unl_best: np.ndarray, seconds: float) -> dict[str, Any]:
        nq = nv + len(unl)
        return {
            "recall": _r(recall_at(exp, t)),
            "recall_per_category": per_cat(exp),
            "recall_per_list": per(lambda c: c.list_id, exp),
            "recall_per_schema": per(lambda c: c.query.schema.value if c.query.schema
                                     else "Unknown", exp),
            "false_alerts": int((unl_best >= t - 1e-9).sum()),
            "false_alerts_per_1000": _r(alerts_per_1000(unl_best, t), 2),
            "false_alerts_per_1000_by_culture": fa_groups(lambda u: u.party.culture, unl_best),
            "false_alerts_per_1000_by_schema": fa_groups(lambda u: u.party.schema.value,
                                                         unl_best),
            "false_alerts_per_1000_by_script": fa_groups(
                lambda u: "native" if u.party.native else "latin", unl_best),
            "queries": nq,
            "seconds": _r(seconds, 2),
            "queries_per_second": _r(nq / seconds if seconds else 0.0, 1),
        }

    def curves(exp: np.ndarray, unl_best: np.ndarray) -> dict[str, Any]:
        return {
            "recall": [_r(recall_at(exp, x)) for x in THRESHOLDS],
            "false_alerts_per_1000": [_r(alerts_per_1000(unl_best, x), 2) for x in THRESHOLDS],
            "recall_per_category": {
                c: [_r(recall_at(exp[[i for i, y in enumerate(cases) if y.category == c]], x))
                    for x in THRESHOLDS] for c in cats},
        }

    sanctio_fig = system(s_exp, s_unl, s_seconds)
    sanctio_fig["screener_build_seconds"] = _r(getattr(screener, "build_seconds", 0.0), 2)
    sanctio_fig["workers"] = workers
    baseline_fig = system(bl_exp, bl_unl, b_seconds)
    baseline_fig["method"] = Baseline.method
    baseline_fig["names"] = len(baseline.names)
    baseline_fig["workers"] = "all CPUs (rapidfuzz workers=-1)"

    # ------------------------------------------------------------- worst cases
    say("explaining the worst misses and false alerts")
    misses = sorted((i for i in range(nv) if s_exp[i] < t), key=lambda i: (s_exp[i], i))
    # every miss, by where it was lost: scored (under the threshold), or never scored as a
    # candidate though the name comparison alone reaches the threshold (the candidate stage)
    lost = {"missed": len(misses), "scored_below_threshold": 0, "name_comparison_low": 0,
            "candidate_stage": 0}
    compared: dict[int, tuple[float, str, str]] = {}  # (each miss's name comparison, once)
    for i in misses:
        if v_scored[i].expected_match is not None:
            lost["scored_below_threshold"] += 1
            continue
        compared[i] = _expected_name_score(screener, cases[i])
        if compared[i][0] >= t - 1e-9:
            lost["candidate_stage"] += 1
        else:
            lost["name_comparison_low"] += 1
    sanctio_fig["misses"] = lost
    worst_misses = []
    for i in misses[:WORST]:
        c, s = cases[i], v_scored[i]
        name_score, best_name, why = compared.get(i) or _expected_name_score(screener, c)
        if s.expected_match is not None:
            reason = "scored below the threshold"
            why = _explain(s.expected_match)
        elif name_score >= LOW_THRESHOLD:
            reason = "not retrieved (the name comparison alone scores it " \
                     f"{name_score:.2f} against '{best_name}')"
        else:
            reason = "the name comparison scores it low"
        worst_misses.append({
            **c.to_dict(), "expected_score": _r(s.expected),
            "name_score": _r(name_score), "reason": reason, "explanation": why,
            "top_match": _match_brief(s.top),
            "baseline_expected_score": _r(bl_exp[i]),
        })
    kept = [(u, s, float(b)) for u, s, b in zip(unl, u_scored, b_best[nv:], strict=True)
            if u.collision is None]
    fas = sorted((x for x in kept if x[1].best >= t), key=lambda x: -x[1].best)
    worst_fa = [{
        **u.party.to_dict(), "score": _r(s.best), "top_match": _match_brief(s.top),
        "explanation": _explain(s.top), "baseline_score": _r(b),
    } for u, s, b in fas[:WORST]]
    b_fas = sorted((x for x in kept if x[2] >= t), key=lambda x: -x[2])
    baseline_fa = [{"name": u.party.name, "culture": u.party.culture, "score": _r(b)}
                   for u, _s, b in b_fas[:10]]

    examples: dict[str, list[dict[str, str]]] = {}
    for c in cases:
        ex = examples.setdefault(c.category, [])
        if len(ex) < 4:
            ex.append({"listed": c.base_name, "query": c.query.name, "detail": c.detail})

    versions = screener.registry.active_versions()
    per_list_sampled: dict[str, int] = defaultdict(int)
    for c in cases:
        per_list_sampled[c.list_id] += 1
    summary: dict[str, Any] = {
        "sanctio_version": sanctio_version(),
        "library_versions": _library_versions(),
        "seed": cfg.seed,
        "threshold": t,
        "low_threshold": LOW_THRESHOLD,
        "sample_per_category": cfg.sample,
        "categories": cats,
        "names_only": cfg.names_only,
        "unknown_kind": cfg.unknown_kind,
        "unlisted_shape": cfg.unlisted_shape,
        "list_versions": dict(screener.list_versions),
        "lists": {lid: {"version": v.label, "records": v.record_count,
                        "publisher_date": v.publisher_date, "sha256": v.sha256}
                  for lid, v in versions.items()},
        "registry": {"entities": len(entities), "indexed_names": len(screener.names)},
        "counts": {
            "variants": nv,
            "variants_per_category": {c: sum(1 for x in cases if x.category == c)
                                      for c in cats},
            "variants_per_list": dict(sorted(per_list_sampled.items())),
            "entities_sampled": len({c.entity_id for c in cases}),
            "script_variants_from_list": sum(1 for c in cases if c.detail == "list original"),
            "unlisted": len(unl),
            "unlisted_scored": int(scored_mask.sum()),
            "collisions": len(unl) - int(scored_mask.sum()),
        },
        "sanctio": sanctio_fig,
        "baseline": baseline_fig,
        "curves": {"thresholds": THRESHOLDS, "sanctio": curves(s_exp, s_unl),
                   "baseline": curves(bl_exp, bl_unl)},
        "worst_misses": worst_misses,
        "worst_false_alerts": worst_fa,
        "baseline_worst_false_alerts": baseline_fa,
        "collisions": [{"name": u.party.name, "listed_name": u.collision,
                        "culture": u.party.culture} for u in unl if u.collision],
        "examples": examples,
        "timings": {"generation_seconds": _r(gen_seconds, 2),
                    "sanctio_screen_seconds": _r(s_seconds, 2),
                    "baseline_seconds": _r(b_seconds, 2)},
    }
    summary["timings"]["evaluation_seconds"] = _r(time.perf_counter() - started, 2)
    summary["_rows"] = {
        "variants": [{**c.to_dict(), "score": _r(s.expected), "top": _match_brief(s.top),
                      "baseline_score": _r(float(bl_exp[i]))}
                     for i, (c, s) in enumerate(zip(cases, v_scored, strict=True))],
        "unlisted": [{**u.party.to_dict(), "collision": u.collision, "score": _r(s.best),
                      "top": _match_brief(s.top), "baseline_score": _r(float(b))}
                     for u, s, b in zip(unl, u_scored, b_best[nv:], strict=True)],
    }
    return summary


def _library_versions() -> dict[str, str]:
    """Versions of the libraries the generated names and the baseline depend on (the same
    seed gives the same names only with the same Faker)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("faker", "rapidfuzz", "rigour", "pyicu"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _match_brief(m: Match | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"entity_id": m.entity_id, "name": m.name, "matched_name": m.matched_name,
            "score": _r(m.score)}


def write_outputs(summary: dict[str, Any], output: Path) -> dict[str, Path]:
    """``summary.json``, ``report.html`` and the per-query CSVs in ``output``."""
    output.mkdir(parents=True, exist_ok=True)
    rows = summary.pop("_rows", {"variants": [], "unlisted": []})
    paths = {"summary": output / "summary.json", "report": output / "report.html",
             "variants": output / "variants.csv", "unlisted": output / "unlisted.csv"}
    paths["summary"].write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2))
    paths["report"].write_text(render_html(summary), encoding="utf-8")
    _write_csv(paths["variants"], rows["variants"],
               ["category", "query", "base_name", "entity_id", "entity_name", "list", "detail",
                "score", "top", "baseline_score"])
    _write_csv(paths["unlisted"], rows["unlisted"],
               ["name", "schema", "culture", "locale", "native", "dob", "country", "collision",
                "score", "top", "baseline_score"])
    summary["_rows"] = rows
    return paths


def _write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            vals = []
            for c in columns:
                v = r.get(c)
                if isinstance(v, dict):
                    v = f"{v.get('name')} [{v.get('entity_id')}] {v.get('score')}"
                vals.append("" if v is None else v)
            w.writerow(vals)


def parse_categories(text: str | None) -> list[str]:
    """``a,b,c`` -> the categories, checked; empty -> all."""
    if not text:
        return list(gen.ALL_CATEGORIES)
    cats = [c.strip() for c in re.split(r"[,\s]+", text) if c.strip()]
    unknown = [c for c in cats if c not in gen.CATEGORIES]
    if unknown:
        raise ValueError(f"unknown categories: {', '.join(unknown)}; known: "
                         f"{', '.join(gen.ALL_CATEGORIES)}")
    return cats
