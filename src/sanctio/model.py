"""The data model every source parser produces and the registry stores.

A :class:`Record` is one party as one list publishes it (one OFAC ``ent_num``, one UN
``DATAID``, one EU ``logicalId``, one UK ``Group ID``). The registry merges records of the same
party from several lists into an entity; each record keeps its own designations and the raw
source text it came from, so every merge and every score can be traced back to the file.

Everything here is plain data: dataclasses with ``to_dict``/``from_dict`` for JSON storage.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar


class Schema(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"
    UNKNOWN = "Unknown"  # the list does not say (e.g. OFAC SDN entries with no SDN type)

    @classmethod
    def parse(cls, value: str | None) -> Schema | None:
        """Read a schema from user input (``person``, ``org``, ``entity``, ``vessel``…)."""
        if value is None or not value.strip():
            return None
        key = value.strip().lower()
        aliases = {
            "person": cls.PERSON, "individual": cls.PERSON, "people": cls.PERSON,
            "per": cls.PERSON, "p": cls.PERSON,
            "organization": cls.ORGANIZATION, "organisation": cls.ORGANIZATION,
            "org": cls.ORGANIZATION, "entity": cls.ORGANIZATION, "company": cls.ORGANIZATION,
            "legalentity": cls.ORGANIZATION, "e": cls.ORGANIZATION,
            "vessel": cls.VESSEL, "ship": cls.VESSEL,
            "aircraft": cls.AIRCRAFT, "plane": cls.AIRCRAFT,
            "any": cls.UNKNOWN, "unknown": cls.UNKNOWN, "thing": cls.UNKNOWN, "": cls.UNKNOWN,
        }
        if key in aliases:
            return aliases[key]
        raise ValueError(
            f"unknown schema {value!r}: use Person, Organization, Vessel, Aircraft or any"
        )


class NameType(StrEnum):
    PRIMARY = "primary"  # the list's main name for the party
    ALIAS = "alias"  # strong / good-quality a.k.a.
    WEAK = "weak"  # weak / low-quality a.k.a. (OFAC weak aka, UN "Low", UK "Low quality")
    FORMER = "former"  # f.k.a., former name
    ORIGINAL = "original"  # the name in its original (non-Latin) script


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Authority(StrEnum):
    US_OFAC = "US OFAC"
    US_CSL = "US Consolidated Screening List"
    UN_SC = "UN Security Council"
    EU_COUNCIL = "EU Council"
    UK = "UK"
    AU_DFAT = "Australia DFAT"
    CA_GAC = "Canada Global Affairs"
    CUSTOM = "Custom list"


@dataclass(slots=True)
class Name:
    """One name of a party, exactly as the list writes it, plus its parts where given."""

    full: str
    type: NameType = NameType.PRIMARY
    # name parts where the list gives them: given, middle, family, patronymic, title, ...
    parts: dict[str, str] = field(default_factory=dict)
    script: str | None = None  # ISO 15924 (Latn, Arab, Cyrl, Hans, ...) where known
    lang: str | None = None  # ISO 639 code where the list states it


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_ISO_YEAR = re.compile(r"^\d{4}$")


@dataclass(slots=True)
class DateValue:
    """A date at the precision the list states it.

    ``value`` is ISO: ``1979-05-03`` (day), ``1979-05`` (month) or ``1979`` (year). A range
    ("between 1970 and 1975", OFAC "1970 to 1975") has ``value`` at its start and ``end`` at its
    end. ``circa`` marks approximate dates ("circa 1979", UN APPROXIMATELY). ``text`` keeps the
    original wording.
    """

    value: str
    precision: DatePrecision
    circa: bool = False
    end: str | None = None
    text: str | None = None

    @classmethod
    def from_iso(cls, value: str, *, circa: bool = False, end: str | None = None,
                 text: str | None = None) -> DateValue:
        value = value.strip()
        if _ISO_DAY.match(value):
            precision = DatePrecision.DAY
        elif _ISO_MONTH.match(value):
            precision = DatePrecision.MONTH
        elif _ISO_YEAR.match(value):
            precision = DatePrecision.YEAR
        else:
            raise ValueError(f"not an ISO date: {value!r}")
        return cls(value=value, precision=precision, circa=circa, end=end, text=text)

    @property
    def year(self) -> int:
        return int(self.value[:4])


@dataclass(slots=True)
class Identifier:
    """A document or registration number: passport, national ID, IMO, tax ID, SWIFT/BIC..."""

    type: str  # normalised type: passport, national_id, imo, mmsi, tax_id, registration, ...
    number: str
    country: str | None = None  # ISO alpha-2 of the issuer where known
    note: str | None = None  # the list's own wording (issue date, "expired", ...)


@dataclass(slots=True)
class Address:
    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO alpha-2


class RelationType(StrEnum):
    LINKED_TO = "linked_to"
    LEADER_OF = "leader_of"
    MEMBER_OF = "member_of"
    OWNED_BY = "owned_by"
    FAMILY = "family"
    ASSOCIATE = "associate"


@dataclass(slots=True)
class Relation:
    type: RelationType
    target_id: str | None = None  # the target's source_id in the same list, where known
    target_name: str | None = None  # the target's name as the list writes it
    note: str | None = None


@dataclass(slots=True)
class Designation:
    """One listing of a party by one authority under one programme or regime."""

    authority: str  # an Authority value, or the custom list's authority
    source: str  # us-ofac, un, eu, uk, us-csl, au-dfat, ca-sema, or a custom list's name
    source_id: str  # the official file's identifier of the record
    list_name: str | None = None  # SDN List, Consolidated List, ...
    program: str | None = None  # GLOMAG, LIBYA, "The Libya (Sanctions) (EU Exit) Regulations 2020"
    legal_basis: str | None = None  # EO 13818, Regulation (EU) 2021/478, ...
    listed_on: str | None = None  # ISO date
    measures: list[str] = field(default_factory=list)  # asset freeze, travel ban, ...
    reason: str | None = None  # reason / statement of reasons
    reference: str | None = None  # UN reference number (QDi.129), EU reference number, UK ref


@dataclass(slots=True)
class Record:
    """One party as one list publishes it."""

    source: str  # the list: us-ofac, un, eu, uk, us-csl, ... or a custom list's name
    source_id: str  # the identifier in the official file
    schema: Schema
    names: list[Name]
    designations: list[Designation] = field(default_factory=list)
    birth_dates: list[DateValue] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)  # ISO alpha-2
    citizenships: list[str] = field(default_factory=list)  # ISO alpha-2
    countries: list[str] = field(default_factory=list)  # other linked countries, ISO alpha-2
    gender: str | None = None  # "male" / "female"
    identifiers: list[Identifier] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # other facts as the list gives them: titles, positions, vessel flag/tonnage/type,
    # aircraft model, emails, websites, digital currency addresses, remarks ...
    properties: dict[str, list[str]] = field(default_factory=dict)
    # references to other lists' records that this record itself cites (e.g. UN Ref QDi.129)
    # used for cross-list merging; free-form "kind:value" strings such as "un-ref:QDi.129"
    xrefs: list[str] = field(default_factory=list)
    # the source record as read, for audit (a dict of fields or an XML string)
    raw: Any = None

    @property
    def key(self) -> str:
        return f"{self.source}:{self.source_id}"

    @property
    def primary_name(self) -> str:
        for n in self.names:
            if n.type == NameType.PRIMARY:
                return n.full
        return self.names[0].full if self.names else ""

    def add_property(self, key: str, value: str | None) -> None:
        if value is None:
            return
        value = value.strip()
        if not value:
            return
        values = self.properties.setdefault(key, [])
        if value not in values:
            values.append(value)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return from_dict(cls, data)


@dataclass(slots=True)
class ParsedList:
    """What a parser returns: the records of one list file plus what the file says of itself."""

    source: str  # us-ofac, un, eu, uk, us-csl, au-dfat, ca-sema, or a custom list's name
    authority: str
    format: str  # the parser's format name (ofac-csv, ofac-xml, un-xml, eu-fsf, uk-conlist, ...)
    records: list[Record]
    publisher_date: str | None = None  # ISO date the publisher gives for the file, where stated
    title: str | None = None  # e.g. "OFAC SDN List", "UN Security Council Consolidated List"
    is_sample: bool = False
    warnings: list[str] = field(default_factory=list)  # untidy data skipped or repaired
    # the date of the data when the publisher states none, derived from the file's own date
    # fields (ISO, at its precision), and how it was derived
    derived_date: str | None = None
    derived_from: str | None = None
    # parts of the input that are missing (a file of a set, a column): the registry refuses
    # such a load unless asked to accept it (each item names the file and the missing part)
    incomplete: list[str] = field(default_factory=list)


class ParseError(ValueError):
    """A list file that cannot be read. Names the file and the line or element at fault."""

    def __init__(self, path: str, location: str | None, message: str) -> None:
        self.path = path
        self.location = location
        self.message = message
        where = f"{path}" + (f", {location}" if location else "")
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------- (de)serialisation helpers

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """Dataclass tree to JSON-ready data, dropping empty values to keep storage small."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if v is None or v == [] or v == {} or v is False:
                continue
            out[f.name] = to_dict(v)
        return out
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, list | tuple):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


_NESTED: dict[tuple[str, str], type] = {}


def _nested_types() -> dict[tuple[str, str], type]:
    if not _NESTED:
        _NESTED.update({
            ("Record", "names"): Name,
            ("Record", "designations"): Designation,
            ("Record", "birth_dates"): DateValue,
            ("Record", "identifiers"): Identifier,
            ("Record", "addresses"): Address,
            ("Record", "relations"): Relation,
        })
    return _NESTED


_ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("Record", "schema"): Schema,
    ("Name", "type"): NameType,
    ("DateValue", "precision"): DatePrecision,
    ("Relation", "type"): RelationType,
}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Inverse of :func:`to_dict` for the model's dataclasses."""
    kwargs: dict[str, Any] = {}
    nested = _nested_types()
    for k, v in data.items():
        key = (cls.__name__, k)
        if key in nested:
            sub = nested[key]
            kwargs[k] = [from_dict(sub, x) for x in v]
        elif key in _ENUMS:
            kwargs[k] = _ENUMS[key](v)
        else:
            kwargs[k] = v
    return cls(**kwargs)


# ------------------------------------------------------------------ list versions


def period_start(value: str) -> date | None:
    """The first day of an ISO date at any precision (``2021``, ``2021-01``, ``2021-01-31``)."""
    parts = value.strip()[:10].split("-")
    try:
        nums = [int(p) for p in parts]
        return date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
    except (ValueError, IndexError):
        return None


@dataclass(slots=True)
class ListVersion:
    id: int
    list_id: str
    source: str
    authority: str | None
    title: str | None
    format: str
    file_name: str | None
    sha256: str
    publisher_date: str | None
    loaded_at: str
    record_count: int
    status: str
    error: str | None
    warnings: list[str]
    is_sample: bool
    label: str
    data_date: str | None = None  # the date of the data (ISO, at its precision)
    date_kind: str = "loaded"  # publisher, derived, loaded (no date: the load date)
    date_note: str | None = None  # how the date was found

    def age_days(self, today: date | None = None) -> int | None:
        """Days since the date of the data (from the first day of its period, so a derived
        month never makes a list look younger than it is); None when the file states none."""
        if self.date_kind == "loaded" or not self.data_date:
            return None
        start = period_start(self.data_date)
        if start is None:
            return None
        return max(0, ((today or datetime.now(UTC).date()) - start).days)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.label, "id": self.id, "list": self.list_id, "source": self.source,
            "authority": self.authority, "title": self.title, "format": self.format,
            "file": self.file_name, "sha256": self.sha256,
            "publisher_date": self.publisher_date, "loaded_at": self.loaded_at,
            "record_count": self.record_count, "status": self.status, "error": self.error,
            "warnings": len(self.warnings), "sample": self.is_sample,
            "data_date": self.data_date, "date_kind": self.date_kind,
            "date_note": self.date_note, "age_days": self.age_days(),
        }
