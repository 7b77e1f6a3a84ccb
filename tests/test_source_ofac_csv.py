"""The OFAC SDN CSV set parser, against the real July 2021 files (sdn/alt/add/sdn_comments)."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

from sanctio import sources
from sanctio.model import (
    DatePrecision,
    Identifier,
    NameType,
    ParsedList,
    ParseError,
    Record,
    RelationType,
    Schema,
)
from sanctio.sources import ofac_csv

from .conftest import DATA, EXCERPT_COUNTS, FULL_DATA, expect

SDN_DIR = DATA / "ofac-sdn-2021"
FILES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
# the full July 2021 set, or the excerpt of tests/data/lists (its raw figures in counts.json)
EXCERPT = EXCERPT_COUNTS["ofac-sdn"]
RECORDS = expect(8976, EXCERPT["records"])

pytestmark = pytest.mark.skipif(not (SDN_DIR / "sdn.csv").exists(),
                                reason="OFAC SDN CSV test data not available")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return ofac_csv.parse(SDN_DIR)


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in parsed.records}


def names_of(record: Record, name_type: NameType) -> list[str]:
    return [n.full for n in record.names if n.type == name_type]


def copy_set(tmp_path: Path) -> Path:
    """A copy of the real CSV set in tmp_path, to be broken by the test."""
    target = tmp_path / "sdn-set"
    target.mkdir()
    for name in FILES:
        shutil.copy(SDN_DIR / name, target / name)
    return target


def replace_line(path: Path, line_no: int, new: bytes) -> bytes:
    lines = path.read_bytes().split(b"\r\n")
    old = lines[line_no - 1]
    lines[line_no - 1] = new
    path.write_bytes(b"\r\n".join(lines))
    return old


# ------------------------------------------------------------------------ the real file


def test_counts_and_header(parsed: ParsedList) -> None:
    assert parsed.format == "ofac-csv" == ofac_csv.FORMAT
    assert parsed.source == "us-ofac"
    assert parsed.authority == "US OFAC"
    assert parsed.publisher_date is None
    assert parsed.title == "OFAC SDN List"
    assert len(parsed.records) == RECORDS
    assert len({r.source_id for r in parsed.records}) == RECORDS
    types = EXCERPT["sdn_types"]  # SDN_Type as the excerpt's sdn.csv writes it
    assert Counter(r.schema for r in parsed.records) == expect({
        Schema.PERSON: 4620, Schema.ORGANIZATION: 3673, Schema.VESSEL: 406,
        Schema.AIRCRAFT: 277,
    }, {Schema.PERSON: types["individual"], Schema.ORGANIZATION: types["-0-"],
        Schema.VESSEL: types["vessel"], Schema.AIRCRAFT: types["aircraft"]})
    # alt.csv has 11,910 rows: every one is a strong/former name of its record
    alt_names = sum(len(r.raw.get("alt", [])) for r in parsed.records)
    assert alt_names == expect(11910, EXCERPT["rows"]["alt.csv"])
    assert sum(len(r.raw.get("add", [])) for r in parsed.records) == expect(
        13837, EXCERPT["rows"]["add.csv"])
    # the one untidy fact: two records share the name MINISTRY OF STATE SECURITY
    assert parsed.warnings == [
        "'Linked To: MINISTRY OF STATE SECURITY' is ambiguous: several records have that name"
    ]


def test_every_record_is_complete(parsed: ParsedList) -> None:
    for r in parsed.records:
        assert r.source == "us-ofac" and r.source_id.isdigit()
        assert r.names[0].type == NameType.PRIMARY
        assert [n.type for n in r.names].count(NameType.PRIMARY) == 1
        assert r.raw["ent_num"] == r.source_id
        # white space is collapsed in names ("AEREA  S.A." in 8740), kept as is in raw
        assert " ".join(r.raw["SDN_Name"].split()) == r.primary_name
        assert r.designations, r.source_id
        for d in r.designations:
            assert d.authority == "US OFAC" and d.source == "us-ofac"
            assert d.source_id == r.source_id and d.list_name == "SDN List"
            assert d.program and "[" not in d.program and "]" not in d.program
        for code in r.nationalities + r.citizenships + r.countries:
            assert code.isupper() and code.isalpha(), (r.source_id, code)
        for ident in r.identifiers:
            assert ident.number and ident.number == ident.number.strip()
        if r.schema == Schema.PERSON and ", " in r.primary_name:
            assert r.names[0].parts["family"] == r.primary_name.split(",")[0]


def test_al_kani(by_id: dict[str, Record]) -> None:
    r = by_id["29119"]
    assert r.schema == Schema.PERSON
    assert r.primary_name == "AL-KANI, Mohamed"
    assert r.names[0].parts == {"family": "AL-KANI", "given": "Mohamed"}
    assert [d.program for d in r.designations] == ["GLOMAG"]
    assert r.designations[0].legal_basis == "Executive Order 13818"
    assert len(r.birth_dates) == 1
    dob = r.birth_dates[0]
    assert (dob.value, dob.precision, dob.circa, dob.end) == (
        "1979-05-03", DatePrecision.DAY, False, None)
    assert r.nationalities == ["LY"]
    assert r.gender == "male"
    assert r.identifiers == [Identifier(type="passport", number="F86JKFJF", country="LY")]
    assert len(r.relations) == 1
    rel = r.relations[0]
    assert rel.type == RelationType.LINKED_TO
    assert rel.target_id == "29368" and rel.target_name == "KANIYAT MILITIA"
    # alt.csv a.k.a.s are strong aliases, split into parts too
    assert names_of(r, NameType.ALIAS) == [
        "AL-KANI, Mohamed Khalifa Abderrahim Shaqaqi", "AL-KANI, Mohammed",
        "AL-KANI, Muhammad Omar",
    ]
    assert r.names[1].parts == {"family": "AL-KANI",
                                "given": "Mohamed Khalifa Abderrahim Shaqaqi"}
    assert [a.country for a in r.addresses] == ["LY"]
    assert "remarks" not in r.properties  # every remark piece was understood
    assert r.raw["Remarks"].startswith("DOB 03 May 1979; nationality Libya")


def test_kaniyat_militia(by_id: dict[str, Record]) -> None:
    r = by_id["29368"]
    assert r.schema == Schema.ORGANIZATION
    assert r.primary_name == "KANIYAT MILITIA"
    assert r.names[0].parts == {}
    weak = names_of(r, NameType.WEAK)
    assert "9TH BRIGADE" in weak and "KANIYAT" in weak and "AL-KANI MILITIA" in weak
    assert len(weak) == 7
    assert names_of(r, NameType.FORMER) == ["7TH BRIGADE", "TARHUNA 7TH BRIGADE",
                                             "TARHUNA BRIGADE"]
    assert names_of(r, NameType.ALIAS) == []  # no alt.csv rows for 29368


def test_strong_alt_names_and_former_names(parsed: ParsedList, by_id: dict[str, Record]) -> None:
    # 306 BANCO NACIONAL DE CUBA: alt.csv aka "NATIONAL BANK OF CUBA", remarks a.k.a. 'BNC'
    r = by_id["306"]
    assert names_of(r, NameType.ALIAS) == ["NATIONAL BANK OF CUBA"]
    assert names_of(r, NameType.WEAK) == ["BNC"]
    # alt.csv fka rows are former names: 369 of them in the file (some repeat a remark fka)
    types = Counter(n.type for rec in parsed.records for n in rec.names)
    assert types[NameType.PRIMARY] == RECORDS
    if FULL_DATA:
        assert types[NameType.ALIAS] >= 11523 + 18 - 5  # aka + nka rows (a few duplicates)
        assert types[NameType.FORMER] >= 369
    else:
        assert types[NameType.ALIAS] >= EXCERPT["rows"]["alt.csv"] // 2
        assert types[NameType.FORMER] >= 10


def test_vessel_with_imo(parsed: ParsedList, by_id: dict[str, Record]) -> None:
    r = by_id["15036"]
    assert r.schema == Schema.VESSEL and r.primary_name == "ARTAVIL"
    assert Identifier(type="imo", number="9187629") in r.identifiers
    assert Identifier(type="mmsi", number="572469210") in r.identifiers
    assert r.properties["call_sign"] == ["T2EU4"]
    assert r.properties["vessel_type"] == ["Crude/Oil Products Tanker"]
    assert r.properties["vessel_flag"] == ["Iran"]
    assert r.properties["tonnage"] == ["99,144"]
    assert r.properties["gross_registered_tonnage"] == ["56,068"]
    assert "IR" in r.countries
    assert set(names_of(r, NameType.FORMER)) == {"ALPHA", "ABADAN", "SHONA"}
    assert r.relations[0].target_name == "NATIONAL IRANIAN TANKER COMPANY"
    assert r.relations[0].target_id == "15117"
    vessels_with_imo = [v for v in parsed.records if v.schema == Schema.VESSEL
                        and any(i.type == "imo" and i.number.isdigit() and len(i.number) == 7
                                for i in v.identifiers)]
    assert len(vessels_with_imo) >= expect(400, 10)


def test_birth_date_ranges_and_circa(by_id: dict[str, Record]) -> None:
    nishiguchi = by_id["15496"].birth_dates
    assert len(nishiguchi) == 1
    assert (nishiguchi[0].value, nishiguchi[0].end, nishiguchi[0].precision) == (
        "1929", "1930", DatePrecision.YEAR)
    nikousokhan = by_id["15962"].birth_dates[0]  # "DOB 01 Jan 1961 to 31 Dec 1962"
    assert (nikousokhan.value, nikousokhan.end) == ("1961-01-01", "1962-12-31")
    circa = by_id["7782"].birth_dates  # "DOB circa 1951"
    assert [(d.value, d.circa, d.precision) for d in circa] == [
        ("1951", True, DatePrecision.YEAR)]
    # "DOB 1964; alt. DOB 1963 to 1965": the alt. date is an additional date
    saifullah = by_id["16455"].birth_dates
    assert [(d.value, d.end) for d in saifullah] == [("1964", None), ("1963", "1965")]
    # NAQDI: two ranges, a month and a year
    naqdi = by_id["12057"].birth_dates
    assert [(d.value, d.end, d.precision) for d in naqdi] == [
        ("1951", "1953", DatePrecision.YEAR), ("1960", "1962", DatePrecision.YEAR),
        ("1961-04", None, DatePrecision.MONTH), ("1953", None, DatePrecision.YEAR)]


def test_multiple_programmes(by_id: dict[str, Record]) -> None:
    r = by_id["12057"]  # "SDGT] [NPWMD] [IRGC] [IFSR] [IRAN-HR] [IRAN-EO13876"
    assert [(d.program, d.legal_basis) for d in r.designations] == [
        ("SDGT", "Executive Order 13224"),
        ("NPWMD", "Executive Order 13382"),
        ("IRGC", None),
        ("IFSR", "Iranian Financial Sanctions Regulations, 31 CFR part 561"),
        ("IRAN-HR", "Executive Order 13553"),
        ("IRAN-EO13876", "Executive Order 13876"),
    ]
    # the Title column, split at semicolons; OFAC repeats it in the remarks (not kept twice)
    assert r.properties["position"][0] == (
        "Brigadier General and Commander of the IRGC Basij Resistance Force")
    assert len(r.properties["position"]) == 3
    assert r.properties["remarks"] == ["Head of the Basij"]
    assert set(r.birth_places) == {"Najaf, Iraq", "Tehran, Iran"}
    assert set(r.countries) >= {"IQ", "IR"}


def test_sdn_comments_are_joined(by_id: dict[str, Record]) -> None:
    # 12300's remarks stop at "Linked To: PROMO RAI" and go on in sdn_comments.csv "Z S.A.S."
    r = by_id["12300"]
    targets = {rel.target_name: rel.target_id for rel in r.relations}
    assert targets["PROMO RAIZ S.A.S."] == "12396"
    assert targets["R D I S.A."] == "12904"  # the last piece, in sdn_comments.csv
    assert len(r.relations) == 25
    assert r.raw["sdn_comments"].startswith("Z S.A.S.; Linked To: RED MUNDIAL")
    # 28263: "a.k.a. 'snowsjo" + "hn'; Linked To: LAZARUS GROUP."
    tian = by_id["28263"]
    assert "snowsjohn" in names_of(tian, NameType.WEAK)
    assert [(x.target_name, x.target_id) for x in tian.relations] == [("LAZARUS GROUP", "27307")]


def test_identifiers_and_facts(by_id: dict[str, Record]) -> None:
    cifuentes = by_id["12300"]
    assert Identifier(type="national_id", number="7548733", country="CO",
                      note="Cedula No.") in cifuentes.identifiers
    assert Identifier(type="tax_id", number="CIVJ650513LJA", country="MX",
                      note="R.F.C.") in cifuentes.identifiers
    assert Identifier(type="national_id", number="CIVJ650513HNEFLR06", country="MX",
                      note="C.U.R.P.") in cifuentes.identifiers
    # issue and expiry text is the identifier's note
    assert Identifier(type="passport", number="G 649385", country=None,
                      note="issued 08 Sep 2006 expires 17 Jul 2011") in by_id["6944"].identifiers
    # digital currency addresses, incl. the one cut across sdn.csv / sdn_comments.csv
    secondeye = by_id["30518"]
    xbt = [i.number for i in secondeye.identifiers if i.type == "crypto_xbt"]
    assert len(xbt) == 11 and "1GqChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr" in xbt
    assert Identifier(type="crypto_eth", number="0x1da5821544e25c636c1417ba96ade4cf6d2f9b5a") \
        in secondeye.identifiers
    assert "secondeyesolution.com" in secondeye.properties["website"]
    assert "support@secondeyesolution.com" in secondeye.properties["email"]
    tian = by_id["28263"]
    assert tian.properties["secondary_sanctions_risk"] == [
        "North Korea Sanctions Regulations, sections 510.201 and 510.210"]
    assert tian.properties["transactions_prohibited"] == [
        "North Korea Sanctions Regulations section 510.214"]
    assert by_id["12057"].properties["additional_sanctions_information"] == [
        "Subject to Secondary Sanctions"]


def test_executive_order_information(by_id: dict[str, Record]) -> None:
    r = by_id["25064"]  # ESFAHAN'S MOBARAKEH STEEL COMPANY
    assert [(d.program, d.legal_basis) for d in r.designations] == [
        ("SDGT", "Executive Order 13224"),
        ("IFSR", "Iranian Financial Sanctions Regulations, 31 CFR part 561"),
        ("IFCA", "Iran Freedom and Counter-Proliferation Act of 2012"),
        ("IRAN-EO13871", "Executive Order 13871"),
    ]
    info = r.properties["sanctions_information"]
    assert info[0] == ("Executive Order 13846 information: LOANS FROM UNITED STATES FINANCIAL "
                       "INSTITUTIONS. Sec. 5(a)(i)")
    assert all(v.startswith("Executive Order 13846 information: ") for v in info)
    assert len(info) == 6


def test_links_resolve(parsed: ParsedList) -> None:
    relations = [rel for r in parsed.records for rel in r.relations]
    resolved = [rel for rel in relations if rel.target_id]
    if FULL_DATA:
        assert len(relations) == 3408
        assert len(resolved) >= 3395
    else:  # the excerpt keeps the targets of its named records (12300 links to 25)
        assert len(resolved) >= 25
    ids = {r.source_id: r for r in parsed.records}
    for rel in resolved:
        assert ids[rel.target_id].primary_name == rel.target_name


def test_unrecognised_remarks_are_kept(by_id: dict[str, Record], parsed: ParsedList) -> None:
    remarks = Counter(v for r in parsed.records for v in r.properties.get("remarks", []))
    assert remarks["ICTY indictee"] >= expect(50, 3)
    # no DOB, nationality, a.k.a. or link is left unparsed
    for text in remarks:
        assert not text.startswith(("DOB ", "nationality ", "a.k.a. ", "Linked To"))
    # a document label followed by free text is no identifier: the text is kept instead
    r = by_id["8116"]
    assert "Passport issued in Sarajevo, Bosnia-Herzegovina" in r.properties["remarks"]
    assert all(any(c.isdigit() for c in i.number) for i in r.identifiers)


def test_parse_accepts_the_sdn_csv_path_and_is_fast(parsed: ParsedList) -> None:
    # the fixture has already paid rigour's one-off country-table start-up (about 2 s)
    start = time.perf_counter()
    again = ofac_csv.parse(SDN_DIR / "sdn.csv")
    elapsed = time.perf_counter() - start
    assert len(again.records) == RECORDS
    assert again.records[0].to_dict() == parsed.records[0].to_dict()
    assert again.records[-1].to_dict() == parsed.records[-1].to_dict()
    # about 1.3 s on an idle core; the bound leaves room for a busy CI machine
    assert elapsed < 10


# ------------------------------------------------------------------------------- sniffing


def test_sniff(tmp_path: Path) -> None:
    assert ofac_csv.sniff(SDN_DIR)
    assert ofac_csv.sniff(SDN_DIR / "sdn.csv")
    assert not ofac_csv.sniff(SDN_DIR / "alt.csv")
    assert not ofac_csv.sniff(DATA / "ofac-cons-2020")
    assert not ofac_csv.sniff(DATA / "ofac-cons-2020" / "consolidated.xml")
    other = tmp_path / "other"
    other.mkdir()
    (other / "sdn.csv").write_text("name,type,program\nX,Y,Z\n")
    assert not ofac_csv.sniff(other)
    assert sources.detect(SDN_DIR) == "ofac-csv"


# ------------------------------------------------------------------------- broken input


def test_wrong_column_count_names_file_and_line(tmp_path: Path) -> None:
    d = copy_set(tmp_path)
    old = replace_line(d / "sdn.csv", 100, b'999999,"BROKEN ROW",-0- ,"SDGT"')
    assert old.split(b",")[0].isdigit()  # a real row was replaced
    with pytest.raises(ParseError) as err:
        ofac_csv.parse(d)
    assert "sdn.csv" in str(err.value) and "line 100" in str(err.value)
    assert "expected 12 fields" in str(err.value) and "found 4" in str(err.value)


def test_non_integer_ent_num(tmp_path: Path) -> None:
    d = copy_set(tmp_path)
    lines = (d / "sdn.csv").read_bytes().split(b"\r\n")
    lines[41] = b"X" + lines[41]
    (d / "sdn.csv").write_bytes(b"\r\n".join(lines))
    with pytest.raises(ParseError, match=r"sdn\.csv, line 42: ent_num 'X\d+' is not an integer"):
        ofac_csv.parse(d)


def test_duplicate_ent_num(tmp_path: Path) -> None:
    d = copy_set(tmp_path)
    lines = (d / "sdn.csv").read_bytes().split(b"\r\n")
    lines[9] = lines[2]  # ent_num 306 again on line 10
    (d / "sdn.csv").write_bytes(b"\r\n".join(lines))
    with pytest.raises(ParseError, match=r"sdn\.csv, line 10: duplicate ent_num 306"):
        ofac_csv.parse(d)


def test_broken_alt_row_names_alt_csv(tmp_path: Path) -> None:
    d = copy_set(tmp_path)
    replace_line(d / "alt.csv", 7, b'306,220,"aka"')
    with pytest.raises(ParseError) as err:
        ofac_csv.parse(d)
    assert "alt.csv" in str(err.value) and "line 7" in str(err.value)
    assert "expected 5 fields" in str(err.value)


def test_undecodable_bytes(tmp_path: Path) -> None:
    d = copy_set(tmp_path)
    replace_line(d / "sdn.csv", 3, b'306,"BANCO \x81 NACIONAL",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,'
                 b'-0- ,-0- ,-0- ,-0- ')
    with pytest.raises(ParseError) as err:
        ofac_csv.parse(d)
    assert "sdn.csv" in str(err.value) and "line 3" in str(err.value)
    assert "cannot decode" in str(err.value)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    with pytest.raises(ParseError, match=r"no sdn\.csv in this directory"):
        ofac_csv.parse(empty_dir)
    with pytest.raises(ParseError, match="no such file"):
        ofac_csv.parse(tmp_path / "missing" / "sdn.csv")
    d = copy_set(tmp_path)
    (d / "sdn.csv").write_bytes(b"")
    with pytest.raises(ParseError, match=r"sdn\.csv: the file is empty"):
        ofac_csv.parse(d)
    (d / "sdn.csv").write_bytes(b"\x1a")
    with pytest.raises(ParseError, match=r"sdn\.csv: the file has no rows"):
        ofac_csv.parse(d)


def test_data_after_end_of_file_mark(tmp_path: Path) -> None:
    d = copy_set(tmp_path)
    with (d / "sdn.csv").open("ab") as f:
        f.write(b'\r\n99999,"LATE",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')
    # the header-less sdn.csv: its rows, the 0x1A row, then the late row
    with pytest.raises(ParseError, match=rf"line {RECORDS + 2}: data after the end-of-file mark"):
        ofac_csv.parse(d)


def test_small_set_without_optional_files(tmp_path: Path) -> None:
    d = tmp_path / "small"
    d.mkdir()
    (d / "SDN.CSV").write_bytes(
        b'1,"DOE, John","individual","SDGT] [GLOMAG",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        b'"DOB circa 1970-1972; POB Khartoum Sudan; alt. nationality Sudan; citizen Egypt; '
        b'Gender Female; National ID No. 123 (Sudan) issued 2001; Linked To: ACME S.A."\r\n'
        b'2,"ACME S.A.",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        b'"Executive Order 13224 information: SOMETHING; Website acme.example"\r\n'
        b'3,"BETA LTD",-0- ,"IRGC] [SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        b'"Executive Order 13846 information: BANKING TRANSACTIONS.  Sec. 5(a)(iii)."\r\n\x1a'
    )
    assert ofac_csv.sniff(d)
    result = ofac_csv.parse(d, source="ofac-test")
    assert result.source == "ofac-test"
    assert sorted(result.warnings) == ["add.csv not found: addresses not read",
                                       "alt.csv not found: aliases not read"]
    doe, acme, beta = result.records
    assert doe.names[0].parts == {"family": "DOE", "given": "John"}
    assert [(d.program, d.legal_basis) for d in doe.designations] == [
        ("SDGT", "Executive Order 13224"), ("GLOMAG", "Executive Order 13818")]
    dob = doe.birth_dates[0]
    assert (dob.value, dob.end, dob.circa) == ("1970", "1972", True)
    assert doe.birth_places == ["Khartoum Sudan"] and doe.countries == ["SD"]
    assert doe.nationalities == ["SD"] and doe.citizenships == ["EG"]
    assert doe.gender == "female"
    assert doe.identifiers == [Identifier(type="national_id", number="123", country="SD",
                                          note="issued 2001")]
    # the closing full stop of the remarks belongs to "S.A."
    assert (doe.relations[0].target_name, doe.relations[0].target_id) == ("ACME S.A.", "2")
    assert acme.schema == Schema.ORGANIZATION
    assert acme.properties["website"] == ["acme.example"]
    assert acme.properties["sanctions_information"] == [
        "Executive Order 13224 information: SOMETHING"]
    # a programme without a known legal basis takes the Executive Order the remarks cite
    assert [(d.program, d.legal_basis) for d in beta.designations] == [
        ("IRGC", "Executive Order 13846"), ("SDGT", "Executive Order 13224")]
