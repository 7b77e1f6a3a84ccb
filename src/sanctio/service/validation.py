"""Request validation of the service: a query through :meth:`sanctio.contract.Query.build`, the one
place that validates queries (the command line calls it too, so both accept and refuse the same
input with the same messages); text fields of other requests checked with the same rule for
unusable text (:func:`sanctio.contract.bad_text`)."""

from __future__ import annotations

import re
from typing import Any

from fastapi.exceptions import RequestValidationError

from sanctio.contract import Query, QueryError, ScreenResult, bad_text
from sanctio.model import Schema
from sanctio.service import schemas as S
from sanctio.service.responses import json_bytes


def check_texts(prefix: tuple[str | int, ...], values: dict[str, Any],
                errors: list[dict[str, Any]]) -> None:
    """An error for each text (or text in a list) of ``values`` that cannot be used."""
    for key, value in values.items():
        if isinstance(value, str):
            problem = bad_text(value)
            if problem:
                errors.append({"loc": [*prefix, key], "msg": problem, "type": "value_error"})
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and (problem := bad_text(item)):
                    errors.append({"loc": [*prefix, key, i], "msg": problem,
                                   "type": "value_error"})


def warm_validation() -> None:
    """Load the country tables before the first request needs them (seconds, once)."""
    Query.build("warm up", country="GB", dob="3 May 1979")
    Query.build("warm up", country="no such country")


def build_queries(items: list[S.QueryIn]) -> list[Query | str]:
    """Requests' queries as screening queries, validated by :meth:`Query.build` (the one
    place that validates: a field it cannot read is ignored with a warning in the result).
    A query that cannot be screened at all (no name, a name without letters, control
    characters in the name) is the error message of its own entry in the answer."""
    out: list[Query | str] = []
    for i, item in enumerate(items):
        try:
            out.append(Query.build(item.name, schema=item.schema_, dob=item.dob,
                                   country=item.country, gender=item.gender,
                                   identifiers=item.identifiers, ref=item.ref))
        except QueryError as exc:
            out.append(f"queries[{i}]: {exc}")
    return out


def error_entry(item: S.QueryIn, error: str, threshold: float,
                list_versions: dict[str, str]) -> bytes:
    """The result of a query that cannot be screened: status ``error``, its message, and the
    query without its unusable name."""
    ref = item.ref
    if ref is not None:  # the caller's reference, echoed back as Query.build would
        ref = Query.build("x", ref=ref).ref
    query: dict[str, Any] = {"name": None, "schema": None, "dob": None, "country": None,
                             "gender": None, "identifiers": [], "ref": ref}
    result = ScreenResult(query=query, status="error", matches=[], ref=ref, error=error,
                          list_versions=dict(list_versions), threshold=threshold)
    return json_bytes(result.to_dict())


def search_terms(body: S.SearchRequest) -> tuple[str, Schema | None]:
    """What ``POST /search`` looks up: the text with its spaces collapsed, and the schema
    (None: any); a text that cannot be used is a 422 naming the field."""
    errors: list[dict[str, Any]] = []
    check_texts(("body",), {"text": body.text, "schema": body.schema_}, errors)
    text = " ".join(body.text.split())
    if not errors and not text:
        errors.append({"loc": ["body", "text"], "msg": "a name is required",
                       "type": "value_error"})
    schema = None
    if not errors:
        try:
            schema = Schema.parse(body.schema_)
        except ValueError as exc:
            errors.append({"loc": ["body", "schema"], "msg": str(exc), "type": "value_error"})
    if errors:
        raise RequestValidationError(errors)
    return text, None if schema == Schema.UNKNOWN else schema


def list_id_ok(value: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", value) is not None
