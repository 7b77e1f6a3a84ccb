"""The Australia DFAT XLSX and Canada SEMA XML parsers, against the real files."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from sanctio.model import DatePrecision, NameType, ParsedList, ParseError, Record, Schema
from sanctio.sources import au_dfat, ca_sema

from .conftest import DATA, EXCERPT_COUNTS, FULL_DATA, expect

AU_FILE = DATA / "au-2024" / "regulation8_consolidated.xlsx"
CA_FILE = DATA / "ca-2020" / "sema-lmes.xml"

au_only = pytest.mark.skipif(not AU_FILE.exists(), reason="AU test data not available")
ca_only = pytest.mark.skipif(not CA_FILE.exists(), reason="CA test data not available")


@pytest.fixture(scope="module")
def au() -> ParsedList:
    return au_dfat.parse(AU_FILE)


@pytest.fixture(scope="module")
def au_by_id(au: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in au.records}


@pytest.fixture(scope="module")
def ca() -> ParsedList:
    return ca_sema.parse(CA_FILE)


@pytest.fixture(scope="module")
def ca_by_id(ca: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in ca.records}


def _names(rec: Record, ntype: NameType) -> list[str]:
    return [n.full for n in rec.names if n.type == ntype]


# =================================================================== Australia DFAT


@au_only
def test_au_counts(au: ParsedList) -> None:
    assert au.format == "au-dfat" and au.source == "au-dfat"
    assert au.authority == "Australia DFAT"
    assert au.publisher_date == "2024-11-11"  # the latest Control Date
    assert au.warnings == []
    # 9,553 name rows (the sheet's 7 trailing empty rows skipped) under 3,062 distinct
    # numeric references. The data README says 3,162: every one of the 3,062 numbers has
    # exactly one unsuffixed primary row, so 3,062 is what the file holds.
    # (the excerpt of tests/data/lists: its figures in counts.json)
    excerpt = EXCERPT_COUNTS["au-dfat"]
    records = expect(3062, excerpt["records"])
    assert sum(len(r.raw) for r in au.records) == expect(9553, excerpt["rows"])
    assert len(au.records) == records
    assert len({r.source_id for r in au.records}) == records
    schemas = Counter(r.schema for r in au.records)
    types = Counter(n.type for r in au.records for n in r.names)
    assert types[NameType.PRIMARY] == records
    if FULL_DATA:
        assert schemas == {Schema.PERSON: 2316, Schema.ORGANIZATION: 746}
        assert types[NameType.ORIGINAL] == 439
        assert types[NameType.FORMER] == 4
    else:
        assert set(schemas) == {Schema.PERSON, Schema.ORGANIZATION}
        assert types[NameType.ORIGINAL] > 0 and types[NameType.FORMER] > 0


@au_only
def test_au_every_record(au: ParsedList) -> None:
    for r in au.records:
        assert r.source_id.isdigit()
        assert [n.type for n in r.names].count(NameType.PRIMARY) == 1
        assert r.names[0].type == NameType.PRIMARY
        (d,) = r.designations
        assert (d.authority, d.source, d.source_id) == ("Australia DFAT", "au-dfat", r.source_id)
        assert d.program and d.list_name == "Consolidated List"
        assert all(str(row["Reference"]).startswith(r.source_id) for row in r.raw)
        for code in r.citizenships + r.countries + [a.country for a in r.addresses if a.country]:
            # ISO alpha-2, or rigour's code for a historical country ("USSR" is SUHH)
            assert code.isupper() and code.isalpha() and (len(code) == 2 or code == "SUHH")


@au_only
def test_au_taliban_record(au_by_id: dict[str, Record]) -> None:
    r = au_by_id["2"]
    assert r.schema == Schema.PERSON
    assert r.primary_name == "MOHAMMAD HASSAN AKHUND"
    (original,) = [n for n in r.names if n.type == NameType.ORIGINAL]
    assert original.full == "محمد حسن أخوند" and original.script == "Arab"
    # "a) Approximately 1955- 1958 b) Approximately 1945-1950"
    assert [(b.value, b.end, b.circa) for b in r.birth_dates] == [
        ("1955", "1958", True), ("1945", "1950", True)]
    assert r.birth_places == ["Pashmul village, Panjwai District, Kandahar Province, "
                              "Afghanistan"]
    assert r.citizenships == ["AF"]
    assert r.addresses == []  # "NA"
    (d,) = r.designations
    assert d.program == "1988 (Taliban)"
    assert d.listed_on == "2001-01-25"  # "Listed by UN 1267 Committee on 25 January 2001"
    assert r.properties["control_date"] == ["2014-12-15"]
    assert r.raw[0]["Reference"] == "2" and r.raw[1]["Reference"] == "2a"


@au_only
def test_au_suffixed_references_and_identifiers(au_by_id: dict[str, Record]) -> None:
    r = au_by_id["1276"]  # 1276, 1276a..1276j and 1276c1..1276c4
    assert r.primary_name == "Abd Al-Rahman Ould Muhammad Al-Husayn Ould Muhammad Salim"
    assert len(r.raw) == 15 and len(r.names) == 15
    assert "Yunis al-Mauritani" in _names(r, NameType.ALIAS)
    assert r.citizenships == ["MR"]
    taliban = au_by_id["34"]  # includes reference 34c1
    assert "اختر محمد ولد نور محمد" in [n.full for n in taliban.names]
    assert {("passport", "OR1961825"), ("passport", "TR024417")} <= {
        (i.type, i.number) for i in taliban.identifiers}
    omm = au_by_id["2947"]
    assert omm.schema == Schema.ORGANIZATION
    assert ("imo", "1790183") in {(i.type, i.number) for i in omm.identifiers}


@au_only
def test_au_autonomous_listing(au_by_id: dict[str, Record]) -> None:
    r = au_by_id["2680"]
    assert r.primary_name == "Sergey Yur’yevich GLAZYEV"
    assert "Serhiy Yuriyovych HLAZEV" in _names(r, NameType.ALIAS)
    assert [(b.value, b.precision) for b in r.birth_dates] == [("1961-01-01", DatePrecision.DAY)]
    assert r.designations[0].program == "Autonomous (Russia)"
    assert r.designations[0].listed_on == "2014-06-19"  # "Listed on 19 Jun. 2014 ..."
    former = au_by_id["2943"]
    assert _names(former, NameType.FORMER) == [
        "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda", "ADF/NALU",
        "NALU"]


@au_only
def test_au_sniff(tmp_path: Path) -> None:
    assert au_dfat.sniff(AU_FILE)
    assert not au_dfat.sniff(CA_FILE)
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Reference", "Something else"])
    wb.save(other)
    assert not au_dfat.sniff(other)


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEADER = ["Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth",
          "Place of Birth", "Citizenship", "Address", "Additional Information",
          "Listing Information", "Committees", "Control Date"]


def test_au_small_workbook(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "list.xlsx", [
        HEADER,
        [7001, "John DOE", "Individual ", "Primary Name", datetime(1970, 5, 3), "a) Paris b) Lyon",
         "a) French b) Moroccan", "1 Rue X, Paris, France", "Passport no.: 12AB34567",
         "Listed on 2 March 2022", "Autonomous (Russia)", datetime(2022, 3, 2)],
        ["7001a", "Джон Доу", "Individual", "original script", None, None, None, None, None,
         None, "Autonomous (Russia)", datetime(2022, 3, 2)],
        ["7001b", "Johnny", "Individual", "aka ", None, None, None, None, None, None,
         "Autonomous (Russia)", datetime(2023, 1, 1)],
        ["7002", None, "Entity", "Primary Name", None, None, None, None, None, None, None, None],
    ])
    result = au_dfat.parse(path)
    (r,) = result.records
    assert result.publisher_date == "2023-01-01"
    assert result.warnings == [f"{path}, sheet 'Sheet1', row 5: reference 7002 has no name; "
                               "row skipped"]
    assert [(n.full, n.type) for n in r.names] == [
        ("John DOE", NameType.PRIMARY), ("Джон Доу", NameType.ORIGINAL),
        ("Johnny", NameType.ALIAS)]
    assert r.birth_dates[0].value == "1970-05-03"
    assert r.birth_places == ["Paris", "Lyon"]
    assert r.citizenships == ["FR", "MA"]
    assert r.addresses[0].full == "1 Rue X, Paris, France" and r.addresses[0].country == "FR"
    assert r.identifiers[0].number == "12AB34567"
    assert r.designations[0].listed_on == "2022-03-02"


def test_au_missing_name_column(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "list.xlsx", [
        ["Reference", "Name", "Type"], [1, "John DOE", "Individual"]])
    with pytest.raises(ParseError) as err:
        au_dfat.parse(path)
    assert err.value.path == str(path)
    assert err.value.location == "sheet 'Sheet1', row 1 (header)"
    assert "Name of Individual or Entity" in err.value.message


def test_au_bad_reference(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "list.xlsx", [
        HEADER, [1, "John DOE", "Individual", "Primary Name"],
        ["x-12", "Jane DOE", "Individual", "Primary Name"]])
    with pytest.raises(ParseError) as err:
        au_dfat.parse(path)
    assert err.value.location == "sheet 'Sheet1', row 3"
    assert "'x-12'" in err.value.message


def test_au_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"Reference,Name of Individual or Entity\n1,John\n")
    with pytest.raises(ParseError) as err:
        au_dfat.parse(path)
    assert str(path) in str(err.value) and "not a readable XLSX workbook" in err.value.message
    assert not au_dfat.sniff(path)


@au_only
def test_au_truncated_workbook(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(AU_FILE.read_bytes()[: AU_FILE.stat().st_size // 2])
    with pytest.raises(ParseError) as err:
        au_dfat.parse(path)
    assert err.value.path == str(path)


# =================================================================== Canada SEMA


@ca_only
def test_ca_counts(ca: ParsedList) -> None:
    assert ca.format == "ca-sema" and ca.source == "ca-sema"
    assert ca.authority == "Canada Global Affairs"
    assert ca.warnings == []
    records = expect(1369, EXCERPT_COUNTS["ca-sema"]["records"])
    assert len(ca.records) == records
    assert len({r.source_id for r in ca.records}) == records  # Country + Schedule + Item
    programs = Counter(r.designations[0].program for r in ca.records)
    if FULL_DATA:
        assert Counter(r.schema for r in ca.records) == {
            Schema.PERSON: 985, Schema.ORGANIZATION: 384}
        assert programs["Syria"] == 281 and programs["Russia"] == 197
        assert programs[
            "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)"] == 70
    else:
        assert {"Syria", "Russia", "Justice for Victims of Corrupt Foreign Officials "
                "Regulations (JVCFOR)"} <= set(programs)
    for r in ca.records:
        assert [n.type for n in r.names].count(NameType.PRIMARY) == 1
        (d,) = r.designations
        assert (d.authority, d.source, d.source_id) == (
            "Canada Global Affairs", "ca-sema", r.source_id)
        assert r.nationalities == []  # Country is the regulation, not a nationality
        assert r.raw["Item"] == r.source_id.rsplit("/", 1)[1]


@ca_only
def test_ca_entity_and_aliases(ca_by_id: dict[str, Record]) -> None:
    r = ca_by_id["Burma/1/1"]
    assert r.schema == Schema.ORGANIZATION and r.primary_name == "Air Bagan"
    assert _names(r, NameType.ALIAS) == ["Air Bagan Holdings Pte. Ltd.", "Air Bagan Limited"]
    d = r.designations[0]
    assert d.program == "Burma"
    assert d.legal_basis == "Special Economic Measures (Burma) Regulations"
    irgc = ca_by_id["Iran/1/39"]
    assert irgc.primary_name == "IRGC Navy"
    (french,) = [n for n in irgc.names if n.type == NameType.ALIAS]
    assert (french.full, french.lang) == ("Force navale du CGRI", "fr")


@ca_only
def test_ca_person(ca_by_id: dict[str, Record]) -> None:
    r = ca_by_id["Russia/1/94"]
    assert r.primary_name == "Andrey Igorevich AKIMOV"
    assert r.names[0].parts == {"given": "Andrey Igorevich", "family": "AKIMOV"}
    assert [b.value for b in r.birth_dates] == ["1953-09-22"]
    # a one-word alias is a given-name variant: "Andrei AKIMOV", plus the bare word as weak
    assert _names(r, NameType.ALIAS) == ["Andrei AKIMOV"]
    assert _names(r, NameType.WEAK) == ["Andrei"]
    pash = ca_by_id["Ukraine/1/121"]
    assert _names(pash, NameType.ALIAS) == ["Natalya Aleksandrovna PASHENKO"]
    maduro = ca_by_id["JVCFOR/1/1"]
    assert maduro.primary_name == "Nicolás MADURO MOROS"
    # "N/A" schedule and a missing schedule are kept apart
    assert any(sid.startswith("Zimbabwe/NA/") for sid in ca_by_id)
    assert any(sid.startswith("Venezuela/-/") for sid in ca_by_id)


@ca_only
def test_ca_sniff() -> None:
    assert ca_sema.sniff(CA_FILE)
    assert not ca_sema.sniff(DATA / "un-2026" / "consolidated.xml")
    assert not ca_sema.sniff(AU_FILE)


BORN = "DateOfBirthOrShipBuildDate-DateDeNaissanceOuDateDeConstructionDuNavire"
BILINGUAL = """<?xml version="1.0" encoding="UTF-8"?>
<data-set>
  <record>
    <Country-Pays>Russia / Russie</Country-Pays>
    <EntityOrShip-EntiteOuNavire>SPARTA IV</EntityOrShip-EntiteOuNavire>
    <TitleOrShipType-TitreOuTypeDeNavire>Cargo ship | Navire de charge
      </TitleOrShipType-TitreOuTypeDeNavire>
    <ShipIMONumber-NumeroOMIDuNavire>9743033</ShipIMONumber-NumeroOMIDuNavire>
    <BORN>2016</BORN>
    <Schedule-Annexe>1, Part 5</Schedule-Annexe>
    <Item-NumeroDarticle>3</Item-NumeroDarticle>
    <DateOfListing-DateDinscription>2023-02-24</DateOfListing-DateDinscription>
  </record>
  <record>
    <Country-Pays>Russia / Russie</Country-Pays>
    <LastName-NomDeFamille>IVANOV</LastName-NomDeFamille>
    <GivenName-Prenom>Ivan</GivenName-Prenom>
    <Aliases-Alias>Ivan Ivanovich IVANOV; Vanya</Aliases-Alias>
    <BORN>1972-08-10 or 1972-08-11</BORN>
    <Schedule-Annexe>1, Part 1</Schedule-Annexe>
    <Item-NumeroDarticle>3</Item-NumeroDarticle>
    <DateOfListing-DateDinscription>2022-03-03</DateOfListing-DateDinscription>
  </record>
</data-set>
""".replace("BORN", BORN)


def test_ca_bilingual_tags_and_vessel(tmp_path: Path) -> None:
    path = tmp_path / "sema.xml"
    path.write_text(BILINGUAL, encoding="utf-8")
    assert ca_sema.sniff(path)
    ship, person = ca_sema.parse(path).records
    assert ship.schema == Schema.VESSEL and ship.source_id == "Russia/1,Part5/3"
    assert ship.primary_name == "SPARTA IV"
    assert [(i.type, i.number) for i in ship.identifiers] == [("imo", "9743033")]
    assert ship.birth_dates == [] and ship.properties["build_date"] == ["2016"]
    assert ship.properties["vessel_type"] == ["Cargo ship"]
    assert ship.designations[0].listed_on == "2023-02-24"
    assert person.source_id == "Russia/1,Part1/3"
    assert [b.value for b in person.birth_dates] == ["1972-08-10", "1972-08-11"]
    assert _names(person, NameType.ALIAS) == ["Ivan Ivanovich IVANOV", "Vanya IVANOV"]
    assert _names(person, NameType.WEAK) == ["Vanya"]


def test_ca_duplicate_record(tmp_path: Path) -> None:
    text = BILINGUAL.replace("1, Part 1", "1, Part 5").replace("IVANOV</Last", "IVANOV</Last")
    path = tmp_path / "sema.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError) as err:
        ca_sema.parse(path)
    assert err.value.location == "line 14"
    assert "line 3" in err.value.message and "Russia/1,Part5/3" in err.value.message


@ca_only
def test_ca_truncated_copy(tmp_path: Path) -> None:
    path = tmp_path / "sema.xml"
    lines = CA_FILE.read_text(encoding="utf-8").splitlines()[:200]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        ca_sema.parse(path)
    assert err.value.path == str(path)
    assert err.value.location == "line 201, column 1"  # the end of the cut file
    assert "malformed XML" in err.value.message


@ca_only
def test_ca_bad_utf8_bytes(tmp_path: Path) -> None:
    """The file declares UTF-8: a Windows-1252 byte is an error naming its line."""
    data = CA_FILE.read_bytes()
    lines = data.split(b"\n")
    n = next(i for i, line in enumerate(lines) if i > 30 and b"<Item>" in line)
    lines[n] = lines[n].replace(b"<Item>", b"<Item>\xe9")
    path = tmp_path / "sema.xml"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(ParseError) as err:
        ca_sema.parse(path)
    assert err.value.location is not None
    assert err.value.location.startswith(f"line {n + 1},")
    assert str(path) in str(err.value)


def test_ca_refuses_doctype(tmp_path: Path) -> None:
    path = tmp_path / "sema.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE data-set [<!ENTITY x "y">]>\n'
                    "<data-set><record><Country>X</Country><Item>1</Item></record></data-set>",
                    encoding="utf-8")
    with pytest.raises(ParseError, match="refused"):
        ca_sema.parse(path)


def test_ca_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        ca_sema.parse(path)
    assert err.value.location == "root element"
