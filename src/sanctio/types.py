"""The public types of screening: a query, a match and a result (the output contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sanctio.model import Schema
from sanctio.sources.common import country_code, parse_date

DEFAULT_THRESHOLD = 0.80
"""Default alert threshold. A score is the estimated strength of the evidence that the query
is the listed party, from 0 to 1: 0.95 and above is an exact name with nothing conflicting,
0.80 to 0.95 is a name that differs by spelling, order, transliteration or missing parts (an
analyst should look), below 0.80 is too weak to raise an alert."""


class QueryError(ValueError):
    """A query that cannot be screened (no name, an unreadable date or country...)."""

    def __init__(self, field_name: str, message: str) -> None:
        self.field = field_name
        super().__init__(f"{field_name}: {message}")


@dataclass(slots=True)
class Query:
    name: str
    schema: Schema | None = None  # None = any
    dob: str | None = None  # ISO date at any precision (1979-05-03, 1979-05, 1979)
    country: str | None = None  # ISO alpha-2
    gender: str | None = None  # male / female
    identifiers: list[str] = field(default_factory=list)
    ref: str | None = None

    @classmethod
    def build(cls, name: str | None, schema: str | None = None, dob: str | None = None,
              country: str | None = None, gender: str | None = None,
              identifiers: list[str] | str | None = None, ref: str | None = None) -> Query:
        """Validate and normalise user input; raises QueryError naming the field at fault."""
        if name is None or not str(name).strip():
            raise QueryError("name", "a name is required")
        name = " ".join(str(name).split())
        if len(name) > 500:
            raise QueryError("name", "longer than 500 characters")
        if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name):
            raise QueryError("name", "contains control characters")
        try:
            sch = Schema.parse(schema)
        except ValueError as exc:
            raise QueryError("schema", str(exc)) from exc
        if sch == Schema.UNKNOWN:
            sch = None
        dob_iso = None
        if dob is not None and str(dob).strip():
            dv = parse_date(str(dob), strict=True)
            if dv is None:
                raise QueryError("dob", f"cannot read date {dob!r} (or no such day); use "
                                        "YYYY-MM-DD, YYYY-MM or YYYY")
            dob_iso = dv.value
        cc = None
        if country is not None and str(country).strip():
            cc = country_code(str(country))
            if cc is None:
                raise QueryError("country", f"unknown country {country!r}")
        g = None
        if gender is not None and str(gender).strip():
            gl = str(gender).strip().lower()
            if gl in ("m", "male", "man"):
                g = "male"
            elif gl in ("f", "female", "woman"):
                g = "female"
            else:
                raise QueryError("gender", f"unknown gender {gender!r}; use male or female")
        ids: list[str] = []
        if isinstance(identifiers, str):
            identifiers = [x for x in identifiers.replace(",", ";").split(";")]
        for ident in identifiers or []:
            if ident and str(ident).strip():
                ids.append(str(ident).strip())
        return cls(name=name, schema=sch, dob=dob_iso, country=cc, gender=g, identifiers=ids,
                   ref=ref if ref not in ("", None) else None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "schema": self.schema.value if self.schema else None,
            "dob": self.dob, "country": self.country, "gender": self.gender,
            "identifiers": self.identifiers, "ref": self.ref,
        }


@dataclass(slots=True)
class Evidence:
    """One thing that raised or lowered a score, readable by an analyst and by a machine."""

    feature: str  # name, token, weak_alias, dob, country, gender, schema, identifier, ...
    effect: float  # the change it made to the score (0 for the name score's own lines)
    detail: str  # words an analyst can read
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "effect": round(self.effect, 4), "detail": self.detail,
                **({"data": self.data} if self.data else {})}


@dataclass(slots=True)
class DesignationRef:
    source: str
    source_id: str
    authority: str
    program: str | None
    listed_on: str | None
    list_version: str
    reference: str | None = None
    measures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source, "source_id": self.source_id, "authority": self.authority,
            "program": self.program, "listed_on": self.listed_on,
            "list_version": self.list_version,
        }
        if self.reference:
            out["reference"] = self.reference
        if self.measures:
            out["measures"] = self.measures
        return out


@dataclass(slots=True)
class Match:
    entity_id: str
    schema: str
    score: float
    name: str  # the entity's primary name
    matched_name: str  # the list name that matched
    name_type: str  # primary, alias, weak, former, original
    designations: list[DesignationRef]
    explanation: list[Evidence]
    below_threshold: bool = False
    not_listed_by: list[str] = field(default_factory=list)  # loaded lists that do not list it

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "entity_id": self.entity_id, "schema": self.schema, "score": round(self.score, 4),
            "name": self.name, "matched_name": self.matched_name, "name_type": self.name_type,
            "designations": [d.to_dict() for d in self.designations],
            "explanation": [e.to_dict() for e in self.explanation],
            "not_listed_by": self.not_listed_by,
        }
        if self.below_threshold:
            out["below_threshold"] = True
        return out

    def summary(self) -> str:
        """One line for tables: the evidence that moved the score most."""
        parts = [e.detail for e in self.explanation if e.feature in ("name",)]
        parts += [e.detail for e in self.explanation if e.effect != 0]
        return "; ".join(parts)


@dataclass(slots=True)
class ScreenResult:
    query: dict[str, Any]
    status: str  # alert, clear, error
    matches: list[Match]
    list_versions: dict[str, str]
    threshold: float
    row: int | None = None
    ref: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.row is not None:
            out["row"] = self.row
        out.update({
            "ref": self.ref, "query": self.query, "status": self.status, "error": self.error,
            "threshold": self.threshold,
            "matches": [m.to_dict() for m in self.matches],
            "list_versions": self.list_versions,
        })
        return out
