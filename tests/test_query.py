"""Query validation: what a user may type, and how dates from lists and users differ."""

from __future__ import annotations

import pytest

from sanctio.contract import Query, QueryError
from sanctio.sources.common import parse_date


@pytest.mark.parametrize(("text", "iso"), [
    ("1979-05-03", "1979-05-03"), ("1979-05", "1979-05"), ("1979", "1979"),
    ("03/05/1979", "1979-05-03"), ("May 1979", "1979-05"), ("3 May 1979", "1979-05-03"),
])
def test_possible_dates_keep_their_precision(text: str, iso: str) -> None:
    assert Query.build("Someone", dob=text).dob == iso


@pytest.mark.parametrize("text", ["1979-13-45", "1979-02-30", "31/02/1979", "1979-13", "0000",
                                  "yesterday"])
def test_a_user_impossible_date_is_ignored_with_a_warning(text: str) -> None:
    """The name is still screened; the date is left out and the warning names it (strict
    callers get a QueryError naming the field instead)."""
    q = Query.build("Someone", dob=text)
    assert q.dob is None and q.name == "Someone"
    assert len(q.warnings) == 1 and q.warnings[0].startswith("dob ")
    assert text in q.warnings[0] and q.warnings[0].endswith("ignored")
    with pytest.raises(QueryError) as err:
        Query.build("Someone", dob=text, strict=True)
    assert err.value.field == "dob" and text in str(err.value)


def test_a_list_impossible_date_keeps_what_is_valid() -> None:
    """A list record with a slip in its date keeps the valid part, never an invalid date."""
    feb30 = parse_date("1979-02-30")
    assert feb30 is not None and feb30.value == "1979-02"
    month13 = parse_date("1979-13-45")
    assert month13 is not None and month13.value == "1979"
    assert parse_date("1979-02-30", strict=True) is None
