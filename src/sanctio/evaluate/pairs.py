"""Labelled name pairs: precision, recall and F1 of the screener's own name comparison.

Two layouts are read:

- the labelled pairs CSV: a header with ``name1,name2,schema,is_match`` and optionally
  ``category``, ``group`` and ``split`` (``is_match`` is 1/0, true/false or yes/no; ``schema``
  Person, Organization or empty; ``split`` e.g. train / heldout, as ``sanctio evaluate
  make-pairs`` writes it); other columns are ignored;
- the cross-script layout of ``shared/data/pairs/cross_script_pairs.csv``: no header, ``#``
  comment lines, columns ``Query,Expected Match,Min Score,Description``. Every row is a
  match; its comment section heading (``# Arabic to Latin ...``) becomes the group, and the
  pair also fails its own test when it scores below its minimum score.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sanctio.contract import Evidence
from sanctio.model import Schema

CompareFn = Callable[[str, str, Schema | None], tuple[float, list[Evidence]]]

_TRUE = {"1", "true", "yes", "y", "t", "match"}
_FALSE = {"0", "false", "no", "n", "f", "non-match", "nomatch"}


class PairsFileError(ValueError):
    """A pairs file that cannot be read; names the file and line at fault."""


@dataclass(slots=True)
class LabelledPair:
    name1: str
    name2: str
    schema: Schema | None
    is_match: bool
    category: str = ""
    group: str = ""
    min_score: float | None = None  # cross-script layout: the score the pair must reach
    note: str = ""
    line: int = 0
    split: str = ""  # train / heldout (make-pairs), empty when the file has none

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name1": self.name1, "name2": self.name2,
            "schema": self.schema.value if self.schema else None,
            "is_match": self.is_match, "category": self.category, "group": self.group,
            "line": self.line,
        }
        if self.split:
            out["split"] = self.split
        if self.min_score is not None:
            out["min_score"] = self.min_score
        if self.note:
            out["note"] = self.note
        return out


def _label(value: str, path: Path, line: int) -> bool:
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise PairsFileError(f"{path}, line {line}: is_match must be 1 or 0, not {value!r}")


def _schema(value: str | None, path: Path, line: int) -> Schema | None:
    try:
        sch = Schema.parse(value)
    except ValueError as exc:
        raise PairsFileError(f"{path}, line {line}: {exc}") from exc
    return None if sch in (None, Schema.UNKNOWN) else sch


def _data_lines(text: str) -> list[tuple[int, str]]:
    return [(i, line) for i, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def read_pairs(path: Path | str) -> list[LabelledPair]:
    """Read a pairs file in either layout (told apart by its first data line)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    lines = _data_lines(text)
    if not lines:
        raise PairsFileError(f"{path}: no pairs in the file")
    first = next(csv.reader([lines[0][1]]))
    header = [c.strip().lower() for c in first]
    if "name1" in header and "name2" in header:
        return read_labelled(path, text)
    return read_cross_script(path, text)


def read_labelled(path: Path | str, text: str | None = None) -> list[LabelledPair]:
    """The labelled layout: ``name1,name2,schema,is_match[,category][,group]``."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig") if text is None else text
    lines = _data_lines(text)
    body = "\n".join(line for _, line in lines)
    reader = csv.DictReader(io.StringIO(body))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    missing = {"name1", "name2", "is_match"} - set(fields)
    if missing:
        raise PairsFileError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    out = []
    for (lineno, _), row in zip(lines[1:], reader, strict=False):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("name1") or not row.get("name2"):
            raise PairsFileError(f"{path}, line {lineno}: name1 and name2 are required")
        out.append(LabelledPair(
            name1=row["name1"], name2=row["name2"],
            schema=_schema(row.get("schema"), path, lineno),
            is_match=_label(row["is_match"], path, lineno),
            category=row.get("category", ""), group=row.get("group", ""), line=lineno,
            split=row.get("split", "")))
    return out


def filter_split(pairs: Iterable[LabelledPair], split: str) -> list[LabelledPair]:
    """The pairs of one split (``train``, ``heldout``); a file without a ``split`` column
    cannot be filtered and raises :class:`PairsFileError`."""
    pairs = list(pairs)
    if not any(p.split for p in pairs):
        raise PairsFileError("the pairs file has no split column (write one with "
                             "`sanctio evaluate make-pairs`)")
    kept = [p for p in pairs if p.split == split]
    if not kept:
        known = sorted({p.split for p in pairs if p.split})
        raise PairsFileError(f"no pairs in split {split!r}; the file has: {', '.join(known)}")
    return kept


def read_cross_script(path: Path | str, text: str | None = None) -> list[LabelledPair]:
    """The cross-script layout: no header, ``#`` comments, ``Query,Expected Match,Min Score,
    Description``; every row a match; the comment heading above a row is its group."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig") if text is None else text
    out = []
    group = ""
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
            if heading and not heading.lower().startswith(("format", "these", "thresholds")) \
                    and ":" not in heading.split("(")[0]:
                # "Arabic to Latin (excellent performance: 0.82-0.97)" -> "Arabic to Latin"
                group = re.sub(r"\s*\([^)]*:[^)]*\)\s*$|\s*\((?:variable|good|moderate|"
                               r"excellent|exceptional)[^)]*\)\s*$", "", heading).strip()
            continue
        row = next(csv.reader([line]))
        if len(row) < 3:
            raise PairsFileError(f"{path}, line {lineno}: expected Query,Expected Match,"
                                 f"Min Score,Description")
        try:
            min_score = float(row[2])
        except ValueError as exc:
            raise PairsFileError(f"{path}, line {lineno}: Min Score {row[2]!r} is not a "
                                 f"number") from exc
        out.append(LabelledPair(
            name1=row[0].strip(), name2=row[1].strip(), schema=None, is_match=True,
            category="script", group=group, min_score=min_score,
            note=",".join(row[3:]).strip(), line=lineno))
    if not out:
        raise PairsFileError(f"{path}: no pairs in the file")
    return out


@dataclass(slots=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, actual: bool, predicted: bool) -> None:
        if actual and predicted:
            self.tp += 1
        elif actual:
            self.fn += 1
        elif predicted:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        """None when nothing was predicted a match (precision is undefined)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """None when no pair is labelled a match (recall is undefined)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float | None:
        return (self.tp + self.tn) / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "pairs": self.total, "precision": r(self.precision), "recall": r(self.recall),
                "f1": r(self.f1), "accuracy": r(self.accuracy)}


@dataclass(slots=True)
class ScoredPair:
    pair: LabelledPair
    score: float
    predicted: bool
    explanation: str

    @property
    def agrees(self) -> bool:
        return self.pair.is_match == self.predicted

    @property
    def below_min(self) -> bool:
        return self.pair.min_score is not None and self.score < self.pair.min_score

    def to_dict(self) -> dict[str, Any]:
        out = self.pair.to_dict()
        out.update({"score": round(self.score, 4), "predicted": self.predicted,
                    "explanation": self.explanation})
        if self.pair.min_score is not None:
            out["below_min_score"] = self.below_min
        return out


@dataclass(slots=True)
class PairsReport:
    threshold: float
    overall: Confusion
    by_category: dict[str, Confusion]
    by_group: dict[str, Confusion]
    scored: list[ScoredPair] = field(default_factory=list)

    @property
    def disagreements(self) -> list[ScoredPair]:
        """Pairs where the comparison and the label disagree: missed matches first (lowest
        score first), then false matches (highest score first)."""
        missed = sorted((s for s in self.scored if not s.agrees and s.pair.is_match),
                        key=lambda s: s.score)
        false = sorted((s for s in self.scored if not s.agrees and not s.pair.is_match),
                       key=lambda s: -s.score)
        return missed + false

    @property
    def below_min(self) -> list[ScoredPair]:
        return [s for s in self.scored if s.below_min]

    @property
    def reliability(self) -> list[dict[str, Any]]:
        """See :func:`reliability`."""
        return reliability(self.scored)

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "overall": self.overall.to_dict(),
            "by_category": {k: v.to_dict() for k, v in sorted(self.by_category.items())},
            "by_group": {k: v.to_dict() for k, v in sorted(self.by_group.items())},
            "disagreements": [s.to_dict() for s in self.disagreements],
            "below_min_score": [s.to_dict() for s in self.below_min],
            "reliability": self.reliability,
            "pairs": [s.to_dict() for s in self.scored],
        }


def evaluate_pairs(pairs: Iterable[LabelledPair], compare: CompareFn,
                   threshold: float) -> PairsReport:
    """Score every pair with ``compare`` (the screener's name comparison) and count."""
    overall = Confusion()
    by_category: dict[str, Confusion] = {}
    by_group: dict[str, Confusion] = {}
    scored = []
    for p in pairs:
        score, evidence = compare(p.name1, p.name2, p.schema)
        predicted = score >= threshold
        overall.add(p.is_match, predicted)
        by_category.setdefault(p.category or "(none)", Confusion()).add(p.is_match, predicted)
        by_group.setdefault(p.group or "(none)", Confusion()).add(p.is_match, predicted)
        detail = "; ".join(e.detail for e in evidence if e.detail)
        scored.append(ScoredPair(p, score, predicted, detail))
    return PairsReport(threshold, overall, by_category, by_group, scored)


RELIABILITY_BINS = 10


def reliability(scored: Iterable[ScoredPair], bins: int = RELIABILITY_BINS
                ) -> list[dict[str, Any]]:
    """Pairs binned by score (0.0-0.1 ... 0.9-1.0, a score of 1.0 in the last bin): per bin
    the number of pairs, of true matches, and the share of true matches (None when empty).
    A score that means what it says has the share rising with the score."""
    counts = [0] * bins
    matches = [0] * bins
    for s in scored:
        i = min(bins - 1, max(0, int(s.score * bins + 1e-9)))
        counts[i] += 1
        matches[i] += s.pair.is_match
    return [{"low": round(i / bins, 4), "high": round((i + 1) / bins, 4), "count": counts[i],
             "matches": matches[i],
             "share_match": round(matches[i] / counts[i], 4) if counts[i] else None}
            for i in range(bins)]
