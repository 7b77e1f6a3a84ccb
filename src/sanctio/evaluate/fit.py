"""Fit the name model: the weights of the name features (:data:`sanctio.scoring.FEATURES`).

Training comparisons, all from the loaded lists and never from the held-out part:

- positives: generated variants (every category of ``evaluate variants``) of entities in
  the ``train`` part of the list pair split, each compared with the names of its own
  entity (the best one counts, as in screening); and the ``train`` positives of the list
  pair set (cross-script and spelling; aliases and translations, which no name comparison
  can see, are left out);
- negatives: realistic unlisted names (Faker, many cultures) against the candidates the
  index returns for them (the comparisons a screening really makes), and the ``train``
  negatives of the list pair set (look-alike names of different parties).

A logistic regression (scikit-learn, in the ``[dev]`` / ``[evaluate]`` extras; only the
fitted table ships) over the features gives a calibrated probability: among comparisons
scored about 0.9, about 90% are true matches in the training mixture. Positives and negatives
are weighted so that each source counts as set by ``negative_weight``; the table records
the data, seed and figures it was fitted on.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sanctio.entity import Entity
from sanctio.evaluate.listpairs import build_pairs, split_of
from sanctio.evaluate.run import build_unlisted, build_variants, collision_index
from sanctio.evaluate.variants import CATEGORIES
from sanctio.model import Schema
from sanctio.scoring import FEATURES, NameComparison, NameModel, compare_forms
from sanctio.screen import Screener, _org_flag
from sanctio.text.normalize import analyze

PAIR_SEED = 42  # the list pair split whose held-out part is never trained on


@dataclass(slots=True)
class Example:
    features: dict[str, float]
    label: int
    source: str  # variants:<category>, unlisted, pairs:<category>
    group: int = -1  # unlisted: which query (its candidates are one screening)
    note: str = ""  # the two names


def _best_against(screener: Screener, name: str, schema: Schema | None, pos: int
                  ) -> NameComparison | None:
    form = analyze(name, org=_org_flag(schema))
    best: NameComparison | None = None
    for i in screener.entity_names(pos):
        entry = screener.names[i]
        cmp = compare_forms(form, entry.form, screener.index.weights, entry.weights)
        if best is None or cmp.features.get("coverage", 0) > best.features.get("coverage", 0):
            best = cmp
    return best


def training_examples(screener: Screener, entities: Sequence[Entity], *, seed: int,
                      per_category: int, unlisted: int, candidates: int = 5,
                      pair_seed: int = PAIR_SEED) -> list[Example]:
    """The training comparisons (see the module docstring)."""
    out: list[Example] = []
    train = [e for e in entities if split_of(e.id, pair_seed) == "train"]
    for variant in build_variants(train, list(CATEGORIES), per_category, seed,
                                  names_only=True):
        pos = screener.by_id.get(variant.entity_id)
        if pos is None:
            continue
        cmp = _best_against(screener, variant.query.name, variant.query.schema, pos)
        if cmp is not None and cmp.features:
            out.append(Example(cmp.features, 1, f"variants:{variant.category}", -1,
                               f"{variant.query.name} | {variant.base_name}"))
    collisions = collision_index(entities)
    for k, case in enumerate(build_unlisted(unlisted, seed, collisions, names_only=True)):
        if case.collision:
            continue
        form = analyze(case.query.name, org=_org_flag(case.query.schema))
        found = screener.index.candidates(form, limit=4 * candidates)
        seen: set[int] = set()
        for i in found:
            entry = screener.names[i]
            if entry.entity in seen:
                continue
            seen.add(entry.entity)
            cmp = compare_forms(form, entry.form, screener.index.weights, entry.weights)
            if cmp.features:
                out.append(Example(cmp.features, 0, "unlisted", k,
                                   f"{case.query.name} | {entry.name.full}"))
            if len(seen) >= candidates:
                break
    for pair in build_pairs(entities, seed=pair_seed):
        if pair.split != "train" or pair.category in ("alias", "translation"):
            continue
        org = _org_flag(pair.schema)
        cmp = compare_forms(analyze(pair.name1, org=org), analyze(pair.name2, org=org),
                            screener.index.weights)
        if cmp.features:
            out.append(Example(cmp.features, int(pair.is_match), f"pairs:{pair.category}"))
    return out


# the direction each feature may push the score: evidence of agreement raises it, every
# conflict or gap lowers it; a fitted weight is never of the other sign (the model stays
# explainable: each feature only ever says what its name says)
SIGNS: dict[str, int] = {
    "coverage": +1, "weakest": +1, "fuzzy_share": -1, "alike_share": -1,
    "query_unmatched": -1, "list_unmatched": -1, "strongest_token": +1, "single_word": -1,
    "rarest_fuzzy": -1, "single_fuzzy": -1, "single_alike": -1, "exact_subset": +1,
    "crossed_gap": -1, "given_crossed": -1, "initial_crossed": -1, "kunya_missing": -1,
    "one_of_many": -1, "common_only": -1, "generic_only": -1, "number_conflict": -1,
    "lineage_conflict": -1, "legal_conflict": -1, "cjk_missing": -1, "family_missing": -1,
    "generic_conflict": -1, "given_missing": -1, "initial_differs": -1, "query_middle_extra": +1,
    "business_extra": -1, "patronymic_conflict": -1, "family_as_given": -1, "other_name": -1,
    "gender_conflict": -1, "company_as_person": -1, "han_missing": -1,
    "given_halved": -1, "han_company_missing": -1, "compound_missing": -1, "known_name_slip": -1,
    "person_as_company": -1,
}


# conflicts that decide identity, whatever the training data holds of them (some, like a
# father and son swapped around bin, it holds hardly at all): each lowers the logit by at
# least this much
PRIORS: dict[str, float] = {
    "lineage_conflict": -12.0, "generic_only": -4.0, "number_conflict": -1.0,
    "one_of_many": -1.0, "legal_conflict": -0.3, "common_only": -1.5, "generic_conflict": -1.5,
    "business_extra": -3.5, "given_crossed": -1.5, "initial_crossed": -3.0,
    "kunya_missing": -5.0,
    "patronymic_conflict": -3.0, "family_as_given": -3.5, "other_name": -2.0,
    "gender_conflict": -4.0, "company_as_person": -8.0, "han_missing": -3.0,
    "given_halved": -3.0, "han_company_missing": -3.0, "compound_missing": -2.5,
    "known_name_slip": -2.0, "person_as_company": -3.0,
}


def fit(examples: Sequence[Example], *, negative_weight: float = 1.0,
        c: float = 1.0) -> dict[str, Any]:
    """Fit the logistic model (L2-regularised, each weight bounded to its sign in
    :data:`SIGNS`, by SciPy's L-BFGS-B); returns the table for
    ``src/sanctio/data/name_model.json``."""
    from scipy.optimize import minimize

    names = list(FEATURES)
    x = np.array([[NameModel.inputs(e.features)[k] for k in names] for e in examples])
    y = np.array([e.label for e in examples], dtype=np.float64)
    pos = max(1, int(y.sum()))
    neg = max(1, len(y) - pos)
    sw = np.where(y == 1, 1.0, negative_weight * pos / neg)
    sw = sw / sw.sum()
    xb = np.hstack([x, np.ones((len(x), 1))])
    lam = 1.0 / (c * len(x))

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = xb @ theta
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))
        eps = 1e-12
        ll = -np.sum(sw * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        reg = 0.5 * lam * float(theta[:-1] @ theta[:-1])
        grad = xb.T @ (sw * (p - y))
        grad[:-1] += lam * theta[:-1]
        return float(ll + reg), grad

    bounds: list[tuple[float | None, float | None]] = [
        ((0.0, None) if SIGNS[k] > 0 else (None, PRIORS.get(k, 0.0))) for k in names]
    bounds.append((None, None))
    start = np.zeros(len(names) + 1)
    res = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds,
                   options={"maxiter": 5000})
    theta = res.x
    return {
        "intercept": round(float(theta[-1]), 4),
        "weights": {k: round(float(v), 4) for k, v in zip(names, theta[:-1], strict=True)},
        "trained_on": {"examples": len(examples), "positives": pos, "negatives": neg,
                       "negative_weight": negative_weight, "C": c,
                       "converged": bool(res.success)},
    }


def reliability(scores: Sequence[float], labels: Sequence[int], bins: int = 10
                ) -> list[dict[str, Any]]:
    """Share of true matches per score bin."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, s in enumerate(scores) if lo <= s < hi or (b == bins - 1 and s == 1)]
        n = len(idx)
        out.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": n,
                    "share": round(sum(labels[i] for i in idx) / n, 4) if n else None})
    return out


def summarise(examples: Sequence[Example], table: dict[str, Any], threshold: float = 0.8
              ) -> dict[str, Any]:
    """Recall of each positive source and alerts of each negative source at the threshold."""
    model = NameModel(table)
    by: dict[str, list[float]] = {}
    labels: dict[str, int] = {}
    for e in examples:
        by.setdefault(e.source, []).append(model.score(e.features))
        labels[e.source] = e.label
    rows = {}
    for src, scores in sorted(by.items()):
        hit = sum(1 for s in scores if s >= threshold) / len(scores)
        rows[src] = {"n": len(scores), ("recall" if labels[src] else "alert_rate"): round(hit, 4)}
    best: dict[int, float] = {}
    for e in examples:
        if e.group >= 0:
            best[e.group] = max(best.get(e.group, 0.0), model.score(e.features))
    if best:
        rows["unlisted (per name)"] = {
            "n": len(best), "alerts_per_1000": round(
                1000 * sum(1 for v in best.values() if v >= threshold) / len(best), 2)}
    allscores = [model.score(e.features) for e in examples]
    return {"sources": rows,
            "reliability": reliability(allscores, [e.label for e in examples])}


def write_table(table: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(table, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def shuffle_split(examples: list[Example], seed: int, share: float = 0.2
                  ) -> tuple[list[Example], list[Example]]:
    rng = random.Random(seed)
    items = list(examples)
    rng.shuffle(items)
    k = math.ceil(len(items) * share)
    return items[k:], items[:k]
