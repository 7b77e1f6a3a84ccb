"""The OFSI consolidated list CSV parser: the 2026 file (2022 format) and the 2020 sample."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sanctio.model import NameType, ParsedList, ParseError, Record, Schema
from sanctio.sources import uk_conlist

from .conftest import DATA, EXCERPT_COUNTS, FULL_DATA, expect

UK_FILE = DATA / "uk-2026" / "ConList.csv"
UK_2020 = DATA / "uk-2020-sample" / "ConList.csv"
# the full 2026 file, or the excerpt of tests/data/lists (its raw figures in counts.json)
EXCERPT = EXCERPT_COUNTS["uk"]
DESIGNATIONS = expect(5151, EXCERPT["designations"])

pytestmark = pytest.mark.skipif(not UK_FILE.exists(), reason="UK test data not available")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return uk_conlist.parse(UK_FILE)


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in parsed.records}


@pytest.fixture(scope="module")
def old() -> ParsedList:
    return uk_conlist.parse(UK_2020)


def _names(rec: Record, ntype: NameType) -> list[str]:
    return [n.full for n in rec.names if n.type == ntype]


def test_counts_and_header(parsed: ParsedList) -> None:
    assert parsed.format == "uk-conlist" == uk_conlist.FORMAT
    assert parsed.source == "uk" and parsed.authority == "UK"
    assert parsed.publisher_date == "2026-02-20"
    assert parsed.warnings == []
    records = expect(5140, EXCERPT["records"])
    assert len(parsed.records) == records  # distinct Group IDs
    assert len({r.source_id for r in parsed.records}) == records
    # one row per name: every one of the 14,968 rows is kept in some record's raw
    assert sum(len(r.raw) for r in parsed.records) == expect(14968, EXCERPT["rows"])
    # 11 groups are designated under two regimes: 5,151 designations
    assert sum(len(r.designations) for r in parsed.records) == DESIGNATIONS
    schemas = Counter(r.schema for r in parsed.records)
    types = EXCERPT["group_types"]
    assert schemas == expect(
        {Schema.PERSON: 3841, Schema.ORGANIZATION: 1284, Schema.VESSEL: 15},
        {Schema.PERSON: types["Individual"], Schema.ORGANIZATION: types["Entity"],
         Schema.VESSEL: types["Ship"]})


def test_every_record_is_complete(parsed: ParsedList) -> None:
    for r in parsed.records:
        assert r.source == "uk" and r.source_id.isdigit()
        assert r.names and r.names[0].type == NameType.PRIMARY
        for d in r.designations:
            assert d.authority == "UK" and d.source == "uk" and d.source_id == r.source_id
            assert d.reference and d.program
            assert d.listed_on is not None and len(d.listed_on) == 10
            assert d.measures[0] == "asset freeze"
        assert all(row["Group ID"] == r.source_id for row in r.raw)
        for code in r.nationalities + r.countries + [a.country for a in r.addresses if a.country]:
            assert len(code) == 2 and code.isupper()


def test_mohamed_al_kani(by_id: dict[str, Record]) -> None:
    r = by_id["14105"]
    assert r.schema == Schema.PERSON
    assert r.primary_name == "Mohamed al Kani"
    assert r.names[0].parts == {"given": "Mohamed", "family": "al Kani"}
    # "Primary name variation" is an alias
    assert _names(r, NameType.ALIAS) == ["Omar al Kani"]
    (d,) = r.designations
    assert d.program == "The Libya (Sanctions) (EU Exit) Regulations 2020"
    assert d.reference == "LIB0072"
    assert d.listed_on == "2021-05-07"  # Listed On is empty: the UK date designated
    assert d.measures == ["asset freeze", "director disqualification"]
    assert d.reason and d.reason.startswith("Mohamed al-Kani is designated on the basis")
    assert "Kaniyat" in d.reason
    assert r.countries == ["LY"]
    assert r.properties["last_updated"] == ["2025-04-09"]
    assert r.xrefs == []  # a UK-only designation cites no UN reference
    assert len(r.raw) == 2 and r.raw[1]["Alias Type"] == "Primary name variation"


def test_abdurahem_al_kani(by_id: dict[str, Record]) -> None:
    r = by_id["14106"]
    assert r.primary_name == "Abdurahem al Kani"
    aliases = _names(r, NameType.ALIAS)
    assert "Abdul Rahim al Kani" in aliases
    assert "Abdul Rahim Khalifa" in aliases and "Abdurrahim Al Shaqaqi" in aliases
    assert len(aliases) == 8
    rahim = next(n for n in r.names if n.full == "Abdul Rahim al Kani")
    assert rahim.parts == {"given": "Abdul", "middle": "Rahim", "family": "al Kani"}
    assert r.designations[0].reference == "LIB0073"


def test_kaniyat_militia(by_id: dict[str, Record]) -> None:
    r = by_id["14107"]
    assert r.schema == Schema.ORGANIZATION
    assert r.primary_name == "al-Kaniyat"
    assert r.names[0].parts == {}  # an entity's name has no given/family parts
    assert set(_names(r, NameType.ALIAS)) == {
        "7th Brigade", "9th Brigade", "Al-Kani militia", "Kani Brigade", "Kaniat", "Kanyat",
        "Tarhuna 7th Brigade", "Tarhuna Brigade",
    }
    assert r.designations[0].reference == "LIB0074"
    assert "director disqualification" in r.designations[0].measures


def test_un_reference_becomes_xref(by_id: dict[str, Record], parsed: ParsedList) -> None:
    r = by_id["6894"]
    assert r.primary_name == "MOHAMAD IQBAL ABDURRAHMAN"
    assert r.xrefs == ["un-ref:QDi.086"]
    assert r.designations[0].reference == "AQD0235"
    assert "Abu Jibril Abdurrahman" in _names(r, NameType.ALIAS)
    # seven rows with the same address: one address
    assert [a.full for a in r.addresses] == [
        "Jalan Nakula, Komplek Witana Harja III Blok C 106-107, Tangerang, Indonesia"]
    assert r.addresses[0].country == "ID"
    # upper-case UN refs in the file ("QDE.", "IRI.") are written the UN's way
    xrefs = [x for rec in parsed.records for x in rec.xrefs]
    assert all(re.fullmatch(r"un-ref:[A-Z]{2}[ie]\.\d{3}", x) for x in xrefs)
    assert sum(1 for rec in parsed.records if rec.xrefs) == 1007 if FULL_DATA else xrefs


def test_non_latin_names(by_id: dict[str, Record], parsed: ParsedList) -> None:
    r = by_id["6895"]
    (original,) = [n for n in r.names if n.type == NameType.ORIGINAL]
    assert original.full == "عبد الحی عظیم عبد القادر"
    assert original.script == "Arab"
    kazakov = by_id["16744"]
    assert kazakov.primary_name == "Pavel Ivanovich KAZAKOV"
    originals = _names(kazakov, NameType.ORIGINAL)
    assert originals == ["Павел Іванавіч Казакоў", "Павел Иванович Казаков"]
    assert {n.script for n in kazakov.names if n.type == NameType.ORIGINAL} == {"Cyrl"}
    assert sum(1 for rec in parsed.records
               if any(n.type == NameType.ORIGINAL for n in rec.names)) == expect(
        2996, EXCERPT["groups_with_non_latin_names"])


def test_alias_quality_and_casing(by_id: dict[str, Record]) -> None:
    r = by_id["6897"]
    assert r.primary_name == "ABDUL MANAN AGHA"
    assert _names(r, NameType.WEAK) == ["Saiyid Abd al-Man", "Abdul Man'am Saiyid"]
    assert _names(r, NameType.ALIAS) == ["Abdul Manan"]
    # "ALias" (sic) in the file is an alias
    assert any(row["Alias Type"] == "ALias" for row in by_id["12157"].raw)
    assert "Ibrahim 'Awwad Ibrahim 'Ali al-Badri al-Samarrai'" in _names(
        by_id["12157"], NameType.ALIAS)


def test_two_regimes_two_designations(by_id: dict[str, Record]) -> None:
    r = by_id["6995"]
    refs = {d.reference: d.program for d in r.designations}
    assert refs == {
        "AQD0194": "Isil (Da'esh) and Al-Qaeda (United Nations Sanctions) (EU Exit) "
                   "Regulations 2019",
        "SOM0003": "The Somalia (Sanctions) (EU Exit) Regulations 2020",
    }


def test_ships_and_trust_services(by_id: dict[str, Record], parsed: ParsedList) -> None:
    ship = by_id["13647"]
    assert ship.schema == Schema.VESSEL and ship.primary_name == "Chon Myong 1"
    assert "M/V Chon Myong 1" in _names(ship, NameType.ALIAS)
    measures = Counter(m for r in parsed.records for d in r.designations for m in d.measures)
    assert measures["asset freeze"] == DESIGNATIONS
    if FULL_DATA:
        assert measures["trust services"] == 1696
        assert measures["transport"] == 10
    else:
        assert measures["trust services"] > 0


def test_sniff() -> None:
    assert uk_conlist.sniff(UK_FILE)
    assert uk_conlist.sniff(UK_2020)
    assert not uk_conlist.sniff(DATA / "us-csl-2023" / "csl.csv")
    assert not uk_conlist.sniff(DATA / "uk-2026")


# ------------------------------------------------------------------ the pre-2022 sample


def test_2020_sample_cp1252(old: ParsedList) -> None:
    assert old.publisher_date is None  # no "Last Updated" line in the old layout
    assert sum(len(r.raw) for r in old.records) == 77
    assert len(old.records) == 41
    assert old.warnings == []
    by_id = {r.source_id: r for r in old.records}
    # Windows-1252 quotes decoded, not mojibake
    info = by_id["13222"].properties["other_information"][0]
    assert "’2nd Army Corps’" in info and "Lugansk People´s Republic" in info
    for r in old.records:
        assert r.names[0].type == NameType.PRIMARY


def test_2020_sample_fields(old: ParsedList) -> None:
    by_id = {r.source_id: r for r in old.records}
    kim = by_id["13562"]
    assert kim.primary_name == "Kim Kyong IL"  # "Prime Alias" is the primary name
    assert [b.value for b in kim.birth_dates] == ["1979-08-01"]
    assert kim.identifiers[0].type == "passport" and kim.identifiers[0].number == "836210029"
    assert kim.properties["position"] == ["Foreign Trade Bank deputy chief representative "
                                          "in Libya"]
    assert kim.xrefs == ["un-ref:KPi.067"]  # "UN Ref.KPI.067"
    assert kim.designations[0].listed_on == "2017-12-22"
    qahtani = by_id["13349"]
    assert [b.value for b in qahtani.birth_dates] == ["1980", "1981"]  # 00/00/1980
    assert qahtani.nationalities == ["SA", "QA"]  # "1) Saudi Arabia 2) Qatar"
    assert qahtani.identifiers[0].number == "592667"
    assert qahtani.identifiers[0].country == "QA"  # "(Qatari passport ...)"
    assert qahtani.xrefs == ["un-ref:QDe.004"]
    ship = by_id["13556"]
    assert {(i.type, i.number) for i in ship.identifiers} == {
        ("imo", "8937675"), ("mmsi", "445539000")}
    assert by_id["13188"].xrefs == ["un-ref:QE.A.146.14"]


# ------------------------------------------------------------------ malformed input

HEADER_2022 = (
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,"
    "Non-Latin Script Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,"
    "Nationality,Passport Number,Passport Details,National Identification Number,"
    "National Identification Details,Position,Address 1,Address 2,Address 3,Address 4,"
    "Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,"
    "Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID"
)


def _row(**values: str) -> str:
    cols = HEADER_2022.split(",")
    return ",".join(values.get(re.sub(r"[ /-]", "_", c), "") for c in cols)


def test_small_file_with_all_columns(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    rows = [
        "Last Updated,01/02/2024",
        HEADER_2022,
        _row(Name_6="DOE", Name_1="John", Name_2="Q", Title="Dr", DOB="00/05/1970",
             Town_of_Birth="Paris", Country_of_Birth="France", Nationality="French",
             Passport_Number="X123456", Passport_Details="(France)",
             National_Identification_Number="NI99887766", Position="Director",
             Address_1="1 Main St", Post_Zip_Code="75001", Country="France",
             Name_Non_Latin_Script="Джон Доу", Non_Latin_Script_Type="Cyrillic",
             Non_Latin_Script_Language="Russian",
             Other_Information="(UK Sanctions List Ref):RUS9999 (UN Ref):QDi.999",
             Group_Type="Individual", Alias_Type="Primary Name", Regime="Russia",
             Listed_On="02/03/2022", UK_Sanctions_List_Date_Designated="01/03/2022",
             Group_ID="42"),
        _row(Name_6="DOE", Name_1="Johnny", Group_Type="Individual", Alias_Type="AKA",
             Alias_Quality="Low quality a.k.a", Regime="Russia", Group_ID="42",
             Other_Information="(UK Sanctions List Ref):RUS9999 (UN Ref):QDi.999"),
    ]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    result = uk_conlist.parse(path)
    assert result.publisher_date == "2024-02-01"
    (r,) = result.records
    assert r.source_id == "42"
    assert [(n.full, n.type) for n in r.names] == [
        ("John Q DOE", NameType.PRIMARY), ("Джон Доу", NameType.ORIGINAL),
        ("Johnny DOE", NameType.WEAK)]
    assert r.names[1].script == "Cyrl" and r.names[1].lang == "ru"
    assert r.names[0].parts == {"given": "John", "middle": "Q", "family": "DOE"}
    assert r.properties["title"] == ["Dr"] and r.properties["position"] == ["Director"]
    assert [(b.value, b.precision.value) for b in r.birth_dates] == [("1970-05", "month")]
    assert r.birth_places == ["Paris, France"]
    assert r.nationalities == ["FR"]
    assert {(i.type, i.number, i.country) for i in r.identifiers} == {
        ("passport", "X123456", "FR"), ("national_id", "NI99887766", None)}
    assert r.addresses[0].postal_code == "75001" and r.addresses[0].country == "FR"
    assert r.designations[0].listed_on == "2022-03-02"  # Listed On wins over date designated
    assert r.xrefs == ["un-ref:QDi.999"]


def test_missing_required_column(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    header = HEADER_2022.replace(",Group ID", "")
    path.write_text(f"Last Updated,20/02/2026\n{header}\nDOE,John\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        uk_conlist.parse(path)
    assert err.value.path == str(path)
    assert err.value.location == "line 2 (header)"
    assert "Group ID" in str(err.value) and str(path) in str(err.value)


def test_truncated_copy(tmp_path: Path) -> None:
    """The real file cut in the middle of a row: the error names the last, short row."""
    lines = UK_FILE.read_bytes().split(b"\r\n")[:101]
    cut = lines[100][: len(lines[100]) // 3]
    path = tmp_path / "ConList.csv"
    path.write_bytes(b"\r\n".join([*lines[:100], cut]))
    with pytest.raises(ParseError) as err:
        uk_conlist.parse(path)
    assert err.value.location == "line 101"
    assert "fields" in err.value.message and "line 2" in err.value.message
    assert str(path) in str(err.value)


def test_garbled_row_and_bad_group_id(tmp_path: Path) -> None:
    lines = UK_FILE.read_text(encoding="utf-8-sig").splitlines()[:10]
    garbled = [*lines[:5], lines[5] + ",extra,fields", *lines[6:]]
    path = tmp_path / "garbled.csv"
    path.write_text("\n".join(garbled) + "\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        uk_conlist.parse(path)
    assert err.value.location == "line 6"
    bad = [*lines[:7], lines[7].rsplit(",", 1)[0] + ",G-12"]
    path2 = tmp_path / "badgid.csv"
    path2.write_text("\n".join(bad) + "\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        uk_conlist.parse(path2)
    assert err.value.location == "line 8"
    assert "'G-12' is not a whole number" in err.value.message


def test_undecodable_bytes(tmp_path: Path) -> None:
    """Bytes that are neither UTF-8 nor Windows-1252: the error names the byte offset."""
    head = UK_FILE.read_bytes()[:5000]
    path = tmp_path / "ConList.csv"
    path.write_bytes(head[:3000] + b"\x81\x8d" + head[3000:])
    with pytest.raises(ParseError) as err:
        uk_conlist.parse(path)
    assert err.value.location == "byte 3000"
    assert str(path) in str(err.value)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ParseError, match="empty"):
        uk_conlist.parse(path)
