"""The public types of screening: a query, a match and a result (the output contract)."""

from __future__ import annotations

import datetime as dt
import unicodedata
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
    """A query that cannot be screened at all: no name, a name without letters, an overlong
    name, control characters in the name (or, with ``strict``, any unreadable field)."""

    def __init__(self, field_name: str, message: str) -> None:
        self.field = field_name
        super().__init__(f"{field_name}: {message}")


MAX_NAME = 500
# the longest value each secondary field may have: longer is no value of that field but a
# mistake (a column shifted, a paste), refused by Query.build on every surface (the service's
# request models declare the same limits)
FIELD_LIMITS: dict[str, int] = {"schema": 32, "dob": 32, "country": 64, "gender": 16,
                                "identifier": 100, "ref": 200}
MAX_IDENTIFIERS = 20


def bad_text(value: str) -> str | None:
    """Why a text cannot be used as it is: control characters or a lone surrogate."""
    for c in value:
        o = ord(c)
        if o < 32 or 0x7F <= o < 0xA0:
            return "contains control characters"
        if 0xD800 <= o <= 0xDFFF:
            return "contains an invalid character (a lone UTF-16 surrogate)"
    return None


def _has_letter(text: str) -> bool:
    return any(unicodedata.category(c).startswith("L") for c in text)


def _shown(value: object) -> str:
    """A field's value quoted in a warning (printable, bounded)."""
    text = str(value)
    if bad_text(text):
        text = "".join(c if not bad_text(c) else "\ufffd" for c in text)
    return repr(text if len(text) <= 40 else text[:40] + "...")


def _dob_problem(text: str) -> str | None:
    """Why ``text`` is no usable date of birth (None when it is one)."""
    if bad_text(text):
        return "is not a valid date (control characters)"
    dv = parse_date(text, strict=True)
    if dv is None:
        return "is not a valid date"  # unreadable, or no such day (use YYYY-MM-DD...)
    year = int(dv.value[:4])
    if year < 1800 or dv.value > dt.date.today().isoformat()[:len(dv.value)]:
        return "is not a plausible date of birth"
    return None


@dataclass(slots=True)
class Query:
    name: str
    schema: Schema | None = None  # None = any
    dob: str | None = None  # ISO date at any precision (1979-05-03, 1979-05, 1979)
    country: str | None = None  # ISO alpha-2
    gender: str | None = None  # male / female
    identifiers: list[str] = field(default_factory=list)
    ref: str | None = None
    # what Query.build ignored, one message per field (``dob '1979-13-45' is not a valid
    # date: ignored``); carried into the result's ``warnings``
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, name: str | None, schema: str | None = None, dob: str | None = None,
              country: str | None = None, gender: str | None = None,
              identifiers: list[str] | str | None = None, ref: str | None = None, *,
              strict: bool = False) -> Query:
        """Validate and normalise user input: the one place that does (CLI, files,
        portfolio, service).

        A query that cannot be screened at all raises :class:`QueryError` naming the field:
        no name, a name without a letter (``!!!``, zero-width characters), longer than 500
        characters or with control characters; a secondary field longer than its limit
        (:data:`FIELD_LIMITS`), more than 20 identifiers. A secondary field that cannot be read (an
        impossible date, an unknown country, schema or gender, an identifier with control
        characters) is ignored with a message in ``warnings``, so that the name is still
        screened; with ``strict`` it raises QueryError instead."""
        warnings: list[str] = []

        def ignore(field_name: str, value: object, problem: str) -> None:
            if strict:
                raise QueryError(field_name, f"{_shown(value)} {problem}")
            warnings.append(f"{field_name} {_shown(value)} {problem}: ignored")

        if name is None or not str(name).strip():
            raise QueryError("name", "a name is required")
        name = " ".join(str(name).split())
        if len(name) > MAX_NAME:
            raise QueryError("name", f"longer than {MAX_NAME} characters")
        if problem := bad_text(name):
            raise QueryError("name", problem)
        if not _has_letter(name):
            raise QueryError("name", "has no letters: not a name that can be screened")
        for field_name, value in (("schema", schema), ("dob", dob), ("country", country),
                                  ("gender", gender), ("ref", ref)):
            if value is not None and len(str(value).strip()) > FIELD_LIMITS[field_name]:
                raise QueryError(field_name,
                                 f"longer than {FIELD_LIMITS[field_name]} characters")
        sch = None
        if schema is not None and str(schema).strip():
            try:
                sch = Schema.parse(str(schema)) if not bad_text(str(schema)) else None
                if sch is None:
                    raise ValueError("unknown schema")
            except ValueError:
                ignore("schema", schema, "is not a known schema (Person, Organization, "
                                         "Vessel, Aircraft)")
                sch = None
            if sch == Schema.UNKNOWN:
                sch = None
        dob_iso = None
        if dob is not None and str(dob).strip():
            dob_text = str(dob).strip()
            if problem := _dob_problem(dob_text):
                ignore("dob", dob, problem)
            else:
                dv = parse_date(dob_text, strict=True)
                dob_iso = dv.value if dv is not None else None
        cc = None
        if country is not None and str(country).strip():
            text = str(country).strip()
            cc = country_code(text) if not bad_text(text) else None
            if cc is None:
                ignore("country", country, "is not a known country")
        g = None
        if gender is not None and str(gender).strip():
            gl = str(gender).strip().lower()
            if gl in ("m", "male", "man"):
                g = "male"
            elif gl in ("f", "female", "woman"):
                g = "female"
            else:
                ignore("gender", gender, "is not a known gender (male or female)")
        ids: list[str] = []
        if isinstance(identifiers, str):
            identifiers = [x for x in identifiers.replace(",", ";").split(";")]
        if len([x for x in identifiers or [] if x and str(x).strip()]) > MAX_IDENTIFIERS:
            raise QueryError("identifiers", f"more than {MAX_IDENTIFIERS}")
        for ident in identifiers or []:
            if ident and str(ident).strip():
                text = str(ident).strip()
                if len(text) > FIELD_LIMITS["identifier"]:
                    raise QueryError("identifier",
                                     f"longer than {FIELD_LIMITS['identifier']} characters")
                if problem := bad_text(text):
                    ignore("identifier", text, problem)
                    continue
                ids.append(text)
        if ref is not None and bad_text(str(ref)):
            # the caller's own reference is echoed back: never with characters that cannot
            # be written out
            ref = "".join(c if not bad_text(c) else "\ufffd" for c in str(ref))
        return cls(name=name, schema=sch, dob=dob_iso, country=cc, gender=g, identifiers=ids,
                   ref=ref if ref not in ("", None) else None, warnings=warnings)

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
    # fields of the query that were ignored, and why (``dob '1979-13-45' is not a valid
    # date ...: ignored``): the name was screened without them
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.row is not None:
            out["row"] = self.row
        out.update({
            "ref": self.ref, "query": self.query, "status": self.status, "error": self.error,
            "threshold": self.threshold,
            "matches": [m.to_dict() for m in self.matches],
            "list_versions": self.list_versions,
            "warnings": self.warnings,
        })
        return out
