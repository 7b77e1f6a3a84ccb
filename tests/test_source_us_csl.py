"""The US Consolidated Screening List CSV parser, against the real November 2023 file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sanctio.model import NameType, ParsedList, ParseError, Record, Schema
from sanctio.sources import us_csl

from .conftest import DATA, EXCERPT_COUNTS, FULL_DATA, expect

CSL_FILE = DATA / "us-csl-2023" / "csl.csv"
# the full file, or the excerpt of tests/data/lists (its raw figures in counts.json)
EXCERPT = EXCERPT_COUNTS["us-csl"]

pytestmark = pytest.mark.skipif(not CSL_FILE.exists(), reason="CSL test data not available")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return us_csl.parse(CSL_FILE)


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in parsed.records}


def test_counts_and_untidy_rows(parsed: ParsedList) -> None:
    assert parsed.format == "us-csl" == us_csl.FORMAT
    assert parsed.source == "us-csl"
    assert parsed.authority == "US Consolidated Screening List"
    # 4,228 rows after the header: a repeated header (line 2), 4,226 good rows and one
    # truncated 8-field row at the end; 7 _ids appear on two lists -> 4,219 records
    good_rows = expect(4226, EXCERPT["rows"])
    last_line = CSL_FILE.read_bytes().rstrip(b"\n").count(b"\n") + 1  # 4,233 in the full file
    assert parsed.warnings == [
        f"{CSL_FILE}, line 2: the header repeated; skipped",
        f"{CSL_FILE}, line {last_line}: 8 fields where the header on line 1 has 29 "
        "(truncated or garbled row); skipped",
    ]
    records = expect(4219, EXCERPT["records"])
    assert len(parsed.records) == records
    assert len({r.source_id for r in parsed.records}) == records
    rows = sum(len(r.raw) if isinstance(r.raw, list) else 1 for r in parsed.records)
    assert rows == good_rows
    assert sum(1 for r in parsed.records if isinstance(r.raw, list)) == expect(
        7, EXCERPT["ids_on_two_rows"])
    schemas = Counter(r.schema for r in parsed.records)
    if FULL_DATA:
        assert schemas == {Schema.UNKNOWN: 2039, Schema.PERSON: 1122,
                           Schema.ORGANIZATION: 1055, Schema.VESSEL: 3}
    else:
        assert set(schemas) == {Schema.UNKNOWN, Schema.PERSON, Schema.ORGANIZATION,
                                Schema.VESSEL}


def test_every_record_is_complete(parsed: ParsedList) -> None:
    lists: Counter[str] = Counter()
    for r in parsed.records:
        assert r.source == "us-csl"
        assert r.names[0].type == NameType.PRIMARY
        assert [n.type for n in r.names].count(NameType.PRIMARY) == 1
        assert r.designations
        for d in r.designations:
            assert d.authority == "US Consolidated Screening List"
            assert d.source == "us-csl" and d.source_id == r.source_id
            assert d.list_name
            lists[d.list_name] += 1
        raw = r.raw if isinstance(r.raw, list) else [r.raw]
        assert all(row["_id"] == r.source_id for row in raw)
        for code in r.nationalities + r.citizenships + r.countries:
            assert len(code) == 2 and code.isupper()
    assert len(lists) == 13
    assert "Entity List (EL) - Bureau of Industry and Security" in lists


def test_id_repeated_on_two_lists_is_one_record(by_id: dict[str, Record]) -> None:
    r = by_id["17014"]
    assert r.schema == Schema.ORGANIZATION
    assert r.primary_name == "Joint Stock Company Russian Agricultural Bank"
    # the SSI row writes the same name in capitals: not a second name
    assert [n.full for n in r.names].count("JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK") == 0
    assert "Rosselkhozbank" in [n.full for n in r.names]
    lists = {(d.list_name, d.program) for d in r.designations}
    assert lists == {
        ("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department",
         "UKRAINE-EO13662"),
        ("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department",
         "RUSSIA-EO14024"),
        ("Sectoral Sanctions Identifications List (SSI) - Treasury Department",
         "UKRAINE-EO13662"),
        ("Sectoral Sanctions Identifications List (SSI) - Treasury Department",
         "RUSSIA-EO14024"),
    }
    assert r.xrefs == ["us-ofac:17014"]
    assert isinstance(r.raw, list) and len(r.raw) == 2


def test_sdn_person(by_id: dict[str, Record]) -> None:
    r = by_id["9647"]
    assert r.schema == Schema.PERSON
    assert r.primary_name == "Mahmoud Khaled ZAHHAR"
    assert "Mahmoud al-Zahar" in [n.full for n in r.names if n.type == NameType.ALIAS]
    aka = next(n for n in r.names if n.full == "AL-ZAHAR, Mahmoud")
    assert aka.parts == {"family": "AL-ZAHAR", "given": "Mahmoud"}
    assert [b.value for b in r.birth_dates] == ["1945"]
    assert r.birth_places == ["Gaza Strip"]
    assert r.nationalities == ["PS"]
    assert r.gender == "male"
    assert {d.program for d in r.designations} == {"NS-PLC", "SDGT"}
    sdn = [d for d in r.designations if d.list_name.startswith("Specially Designated")]
    assert sdn and all(d.measures == ["asset freeze"] for d in sdn)


def test_identifiers_and_facts(by_id: dict[str, Record]) -> None:
    r = by_id["26182"]
    assert r.primary_name == "Evren KAYAKIRAN"
    assert r.identifiers[0].type == "passport"
    assert (r.identifiers[0].number, r.identifiers[0].country) == ("U00242309", "TR")
    assert r.citizenships == ["TR"] and r.countries == ["TR"]  # address "TR" is a country
    assert r.addresses == []
    assert [(b.value, b.precision.value) for b in r.birth_dates] == [("1980-02-08", "day")]
    telecom = by_id["30882"]
    ids = {(i.type, i.number) for i in telecom.identifiers}
    assert ("registration", "9111000071093019X7") in ids and ("isin", "US1694261033") in ids
    assert telecom.properties["target_type"] == ["Public Company"]
    assert "CHA US" in telecom.properties["equity_ticker"]
    assert telecom.addresses[0].country == "CN"
    assert telecom.designations[0].measures == ["securities investment prohibition"]


def test_vessel(by_id: dict[str, Record]) -> None:
    r = by_id["4238"]
    assert r.schema == Schema.VESSEL and r.primary_name == "MAR AZUL"
    assert r.properties["call_sign"] == ["CL2192"]
    assert r.properties["vessel_type"] == ["Tug"]
    assert r.properties["vessel_flag"] == ["Cuba"] and r.countries == ["CU"]
    assert r.designations[0].program == "CUBA"


def test_commerce_row_has_hash_id(by_id: dict[str, Record]) -> None:
    sid = "b6e959b59898e975daaae8fae3a8da1ec522f9f888cafc0e6401a16d"
    r = by_id[sid]
    assert r.schema == Schema.UNKNOWN  # the Entity List does not say person or company
    assert r.primary_name == "Abdul Satar Ghoura"
    (d,) = r.designations
    assert d.list_name == "Entity List (EL) - Bureau of Industry and Security"
    assert d.listed_on == "2011-11-21"
    assert d.legal_basis == "76 FR 71867"
    assert d.measures == ["export licence requirement"]
    assert [a.country for a in r.addresses] == ["AF", "AF", "PK", "PK"]
    assert r.xrefs == []  # not a Treasury record
    assert r.raw["_id"] == sid


def test_sniff(tmp_path: Path) -> None:
    assert us_csl.sniff(CSL_FILE)
    assert not us_csl.sniff(DATA / "uk-2026" / "ConList.csv")
    assert not us_csl.sniff(tmp_path)


# ------------------------------------------------------------------ malformed input


def test_no_header_is_an_error(tmp_path: Path) -> None:
    lines = CSL_FILE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "csl.csv"
    path.write_text("\n".join(lines[2:20]) + "\n", encoding="utf-8")  # header lines dropped
    with pytest.raises(ParseError) as err:
        us_csl.parse(path)
    assert err.value.path == str(path)
    assert err.value.location == "line 1"
    assert "no recognisable Consolidated Screening List header" in err.value.message


def test_truncated_copy_warns_and_loads_the_rest(tmp_path: Path) -> None:
    lines = CSL_FILE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "csl.csv"
    body = [lines[0], *lines[2:12], lines[12][:60]]  # the last row cut short
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    result = us_csl.parse(path)
    assert len(result.records) == 10
    (warning,) = result.warnings
    assert warning.startswith(f"{path}, line 12: ")
    assert "where the header on line 1 has 29" in warning


def test_row_without_name_or_id(tmp_path: Path) -> None:
    header = CSL_FILE.read_text(encoding="utf-8").splitlines()[0]
    n = len(header.split(","))
    empty = [""] * n
    no_name = list(empty)
    no_name[0] = "abc"
    no_id = list(empty)
    no_id[5] = "Somebody"
    good = list(empty)
    good[0], good[5], good[3] = "x1", "ACME Ltd", "Entity"
    path = tmp_path / "csl.csv"
    path.write_text("\n".join([header, ",".join(no_name), ",".join(no_id), ",".join(good)])
                    + "\n", encoding="utf-8")
    result = us_csl.parse(path)
    assert [r.primary_name for r in result.records] == ["ACME Ltd"]
    assert result.records[0].schema == Schema.ORGANIZATION
    assert result.warnings == [f"{path}, line 2: no name; row skipped",
                               f"{path}, line 3: no _id; row skipped"]


def test_undecodable_bytes(tmp_path: Path) -> None:
    data = CSL_FILE.read_bytes()[:4000]
    path = tmp_path / "csl.csv"
    path.write_bytes(data[:2000] + b"\x8f\x90" + data[2000:])
    with pytest.raises(ParseError) as err:
        us_csl.parse(path)
    assert err.value.location == "byte 2000"
    assert str(path) in str(err.value)
