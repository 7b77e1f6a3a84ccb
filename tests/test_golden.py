"""Every case of ../shared/golden/seed_cases.csv, against the four lists loaded together."""

from __future__ import annotations

import csv

import pytest

from sanctio.contract import Query

from .conftest import GOLDEN

CASES = list(csv.DictReader((GOLDEN / "seed_cases.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("case", CASES, ids=[c["query"] + "|" + c["note"] for c in CASES])
def test_seed_case(screener, case: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    query = Query.build(case["query"], schema=case["schema"] or None, dob=case["dob"] or None,
                        country=case["country"] or None)
    result = screener.screen(query)
    found = {f"{d.source}:{d.source_id}" for m in result.matches for d in m.designations}
    if case["expect"] == "none":
        assert result.status == "clear", [
            (m.matched_name, m.score, m.explanation[0].detail) for m in result.matches]
    else:
        expected = set(case["expect"].split("|"))
        assert result.status == "alert"
        assert found & expected, (expected, [(m.entity_id, m.score) for m in result.matches])
        # every match says which list versions it used and why it scored
        assert set(result.list_versions) == {"us-ofac", "un", "eu", "uk"}
        best = result.matches[0]
        assert best.explanation and best.explanation[0].feature == "name"
        assert all(d.list_version for d in best.designations)


def test_kaniyat_is_visibly_not_on_the_un_list(screener) -> None:  # type: ignore[no-untyped-def]
    result = screener.screen(Query.build("Kaniyat militia", schema="Organization"))
    best = result.matches[0]
    assert {d.source for d in best.designations} == {"us-ofac", "eu", "uk"}
    assert best.not_listed_by == ["un"]
