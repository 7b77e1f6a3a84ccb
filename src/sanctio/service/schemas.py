"""Request and response models of the HTTP service.

Requests are validated with strict models that refuse unknown fields. Responses are serialised
straight from the screening result types with orjson (no validation on the way out); the
response models below only describe them in the OpenAPI schema, and the tests check every
response against that schema.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sanctio.contract import FIELD_LIMITS, MAX_IDENTIFIERS, MAX_NAME

MAX_BATCH = 1000
# documents what the service refuses in text fields (C0 and C1 control characters); the
# check itself is done in code so the error message can say what is wrong
NO_CONTROL_CHARS = r"^[^\x00-\x1f\x7f-\x9f]*$"

ListName = Annotated[str, Field(min_length=1, max_length=64)]

_STRICT = ConfigDict(extra="forbid", strict=True, populate_by_name=False)


# ----------------------------------------------------------------------------- requests


class QueryIn(BaseModel):
    """One party to screen: the same fields as a row of ``sanctio screen``."""

    model_config = _STRICT

    # The fields' contents are checked by Query.build, per query: a name that cannot be
    # screened (empty, no letters, over 500 characters, control characters) is an error
    # entry of its own in the answer, and a secondary field that cannot be read (an
    # impossible date, an unknown country...) is ignored with a warning in the result. Only
    # the shape (types, unknown fields, the lengths below, Query.build's FIELD_LIMITS: the
    # command line refuses the same) makes a whole body invalid (422).
    name: str = Field(description=f"The name to screen, in any script. Required: a query "
                                  f"whose name is empty, has no letters, is longer than "
                                  f"{MAX_NAME} characters or holds control characters gets "
                                  f"an error entry (status `error`).")
    schema_: str | None = Field(
        default=None, alias="schema", max_length=FIELD_LIMITS["schema"],
        description="Person, Organization, Vessel, Aircraft or any (also person, org, "
                    "entity, vessel, ...). Default: any. Unknown: ignored with a warning.")
    dob: str | None = Field(default=None, max_length=FIELD_LIMITS["dob"],
                            description="Date of birth: YYYY-MM-DD, YYYY-MM or YYYY. An "
                                        "impossible date is ignored with a warning.")
    country: str | None = Field(default=None, max_length=FIELD_LIMITS["country"],
                                description="Country: ISO 3166 alpha-2 code or an English "
                                            "name. Unknown: ignored with a warning.")
    gender: str | None = Field(default=None, max_length=FIELD_LIMITS["gender"],
                               description="male or female. Other: ignored with a warning.")
    identifiers: list[Annotated[str, Field(max_length=FIELD_LIMITS["identifier"])]] = Field(
        default_factory=list, max_length=MAX_IDENTIFIERS,
        description="Document or registration numbers (passport, IMO, tax id, ...).")
    ref: str | None = Field(default=None, max_length=FIELD_LIMITS["ref"],
                            description="Your reference for this query, returned as is.")


class MatchRequest(BaseModel):
    """A batch of queries to screen."""

    model_config = _STRICT

    queries: list[QueryIn] = Field(min_length=1, max_length=MAX_BATCH,
                                   description=f"1 to {MAX_BATCH} queries.")
    threshold: float | None = Field(
        default=None, ge=0.0, le=1.0, allow_inf_nan=False,
        description="Alert threshold from 0 to 1 (default: the server's, normally 0.80).")
    limit: int = Field(default=10, ge=1, le=100,
                       description="At most this many matches per query.")


class SearchRequest(BaseModel):
    """A quick name lookup for a user interface (prefix and fuzzy), paginated."""

    model_config = _STRICT

    text: str = Field(min_length=1, max_length=MAX_NAME, description="What the user typed.",
                      json_schema_extra={"pattern": NO_CONTROL_CHARS})
    schema_: str | None = Field(
        default=None, alias="schema", max_length=32,
        description="The kind of party looked for (Person, Organization, Vessel, Aircraft): "
                    "entities of another schema rank lower.",
        json_schema_extra={"pattern": NO_CONTROL_CHARS})
    limit: int = Field(default=20, ge=1, le=100, description="Page size.")
    offset: int = Field(default=0, ge=0, le=10_000, description="Results to skip.")


class ReloadPath(BaseModel):
    model_config = _STRICT

    path: str = Field(min_length=1, max_length=4096,
                      description="A list file (or OFAC CSV directory) on the server.")
    format: str | None = Field(default=None, max_length=32,
                               description="The list format; detected when omitted.")
    list_id: str | None = Field(default=None, max_length=64,
                                description="The list to load it as; default: its source.")
    allow_shrink: bool = Field(default=False,
                               description="Load even if it removes more than 10% of the "
                                           "list's active records.")
    allow_older: bool = Field(default=False,
                              description="Load even if the publisher dates the file before "
                                          "the active version.")
    allow_incomplete: bool = Field(default=False,
                                   description="Load an incomplete input (a file of a set or "
                                               "a column missing) with a warning.")


class ReloadRequest(BaseModel):
    """Load new list files, or run the official download, then swap the index."""

    model_config = _STRICT

    paths: list[ReloadPath] = Field(default_factory=list, max_length=20)
    download: bool = Field(default=False,
                           description="Download the official lists and load what changed.")
    lists: list[ListName] | None = Field(default=None, max_length=20,
                                    description="With download: only these lists.")
    allow_shrink: bool = Field(default=False,
                               description="With download: load even if a list loses more "
                                           "than 10% of its records.")
    allow_older: bool = Field(default=False,
                              description="With download: load even if the publisher dates "
                                          "it before the active version.")
    wait: bool = Field(default=False,
                       description="Answer only once this worker serves the new lists "
                                   "(at most 120 s).")


# ---------------------------------------------------------------------------- responses


class EvidenceOut(BaseModel):
    feature: str = Field(description="name, token, dob, country, gender, schema, identifier...")
    effect: float = Field(description="What it changed in the score.")
    detail: str = Field(description="Words an analyst can read.")
    data: dict[str, Any] | None = None


class DesignationOut(BaseModel):
    source: str
    source_id: str
    authority: str
    program: str | None
    listed_on: str | None
    list_version: str
    reference: str | None = None
    measures: list[str] | None = None


class MatchOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    entity_id: str
    schema_: str = Field(alias="schema")
    score: float = Field(ge=0.0, le=1.0)
    name: str = Field(description="The entity's primary name.")
    matched_name: str = Field(description="The listed name that matched.")
    name_type: str = Field(description="primary, alias, weak, former or original.")
    designations: list[DesignationOut]
    explanation: list[EvidenceOut]
    not_listed_by: list[str] = Field(description="Loaded lists that do not list this party.")
    below_threshold: bool | None = None


class QueryOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    name: str | None = Field(description="The name screened (null in an error entry).")
    schema_: str | None = Field(alias="schema")
    dob: str | None
    country: str | None
    gender: str | None
    identifiers: list[str]
    ref: str | None


class ScreenResultOut(BaseModel):
    """The result contract of ``sanctio screen --json``, one per query."""

    row: int | None = None
    ref: str | None
    query: QueryOut
    status: Literal["alert", "clear", "error"] = Field(
        description="`error`: the query could not be screened (no name, a name without "
                    "letters...); `error` says why, the other queries are answered.")
    error: str | None
    threshold: float
    matches: list[MatchOut]
    list_versions: dict[str, str]
    warnings: list[str] = Field(
        default_factory=list,
        description="Fields of the query that were ignored, and why (`dob '1979-13-45' is "
                    "not a valid date: ignored`): the name was screened without them.")


class MatchSummary(BaseModel):
    queries: int
    alerts: int
    errors: int


class MatchResponse(BaseModel):
    request_id: str = Field(description="Identifies this request in the audit log.")
    results: list[ScreenResultOut] = Field(description="One result per query, in order.")
    summary: MatchSummary
    list_versions: dict[str, str] = Field(description="The list versions screened against.")


class SearchResponse(BaseModel):
    results: list[MatchOut]
    offset: int
    limit: int
    next_offset: int | None = Field(description="The offset of the next page, if any.")
    list_versions: dict[str, str]


class EntityNameOut(BaseModel):
    name: str
    type: str = Field(description="primary, alias, weak, former or original.")
    list_: str = Field(alias="list")
    lang: str | None = None
    script: str | None = None
    parts: dict[str, str] | None = None


class DesignationEventOut(BaseModel):
    listed_on: str | None
    authority: str
    source: str
    source_id: str
    list_: str = Field(alias="list")
    list_name: str | None = None
    program: str | None = None
    legal_basis: str | None = None
    measures: list[str] = Field(default_factory=list)
    reference: str | None = None
    reason: str | None = None
    list_version: str


class RelationOut(BaseModel):
    type: str
    target_id: str | None = None
    target_name: str | None = None
    list_: str = Field(alias="list")
    note: str | None = None


class IdentifierOut(BaseModel):
    type: str
    number: str
    country: str | None = None
    note: str | None = None


class EntityRecordOut(BaseModel):
    list_: str = Field(alias="list")
    source_id: str
    list_version: str
    merge_evidence: list[str]


class EntityOut(BaseModel):
    """An entity as ``sanctio show --json`` prints it."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    entity_id: str
    schema_: str = Field(alias="schema")
    caption: str
    names: list[EntityNameOut]
    birth_dates: list[str] = Field(default_factory=list)
    nationalities: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    identifiers: list[IdentifierOut] = Field(default_factory=list)
    relations: list[RelationOut] = Field(default_factory=list)
    designations: list[DesignationEventOut] = Field(
        description="The designations timeline, earliest first.")
    listed_by: list[str]
    not_listed_by: list[str]
    records: list[EntityRecordOut] = Field(default_factory=list)


class ListVersionOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    version: str
    id: int
    list_: str = Field(alias="list")
    source: str
    authority: str | None
    title: str | None
    format: str
    file: str | None
    sha256: str
    publisher_date: str | None
    loaded_at: str
    record_count: int
    status: str = Field(description="active, superseded, failed (or loading)")
    error: str | None
    warnings: int
    sample: bool
    data_date: str | None = Field(default=None, description="The date of the data (ISO, at "
                                                            "its precision).")
    date_kind: str | None = Field(default=None, description="publisher (the publisher's "
                                  "date), derived (from the data's own dates) or loaded (no "
                                  "date: the load date).")
    date_note: str | None = Field(default=None, description="How the date was found.")
    age_days: int | None = Field(default=None, description="Days since the date of the data "
                                                           "(none for loaded).")


class ListStatusOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    list_: str = Field(alias="list")
    active: ListVersionOut | None
    age_seconds: float | None = Field(description="Seconds since the active version loaded.")
    age_days: int | None = Field(default=None, description="Days since the date of the active "
                                                           "version's data.")
    stale: bool = Field(default=False, description="The data is older than the age limit "
                                                   "($SANCTIO_MAX_LIST_AGE_DAYS, 30 days).")
    last_failure: ListVersionOut | None = Field(
        description="The latest failed load, if it is newer than the active version.")
    history: list[ListVersionOut]


class ServingOut(BaseModel):
    ready: bool
    state_key: str | None
    list_versions: dict[str, str]
    built_at: str | None
    build_seconds: float | None
    index: str | None = Field(
        None, description="built: the index was built from the registry; read: the one "
                          "stored on disk for the same list versions and code was read")
    last_error: str | None
    pid: int


class ListsResponse(BaseModel):
    lists: list[ListStatusOut]
    max_age_days: float = Field(default=30, description="The list age limit, days.")
    warnings: list[str] = Field(default_factory=list,
                                description="Lists older than the age limit.")
    registry_state_key: str
    serving: ServingOut


class LoadResultOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    path: str | None
    list_: str = Field(alias="list")
    status: Literal["loaded", "unchanged", "reactivated", "failed"]
    version: ListVersionOut | None
    error: str | None
    refused: Literal["shrink", "older", "incomplete"] | None = Field(
        default=None, description="Why a readable file was refused (the previous version "
                                  "stays active).")
    seconds: float


class ReloadResponse(BaseModel):
    ok: bool = Field(description="False when any load failed (the old version keeps serving).")
    results: list[LoadResultOut]
    registry_state_key: str
    serving: ServingOut


class HealthResponse(BaseModel):
    status: Literal["ok"]
    pid: int


class ReadyResponse(BaseModel):
    ready: bool
    workers_ready: int
    workers: int
    state_key: str | None = Field(description="What this worker serves.")
    list_versions: dict[str, str]
    worker_state_keys: dict[str, str] = Field(
        description="What each worker process serves (by process id).")
    list_age_days: dict[str, int | None] = Field(
        default_factory=dict, description="Days since the date of each active list's data.")
    warnings: list[str] = Field(
        default_factory=list,
        description="Lists older than the age limit ($SANCTIO_MAX_LIST_AGE_DAYS, 30 days); "
                    "a stale list does not make the service unready.")


class ErrorMessage(BaseModel):
    detail: str


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorList(BaseModel):
    detail: list[ErrorItem]
