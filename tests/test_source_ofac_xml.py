"""The OFAC sdnList XML parser, against the real consolidated (non-SDN) list of 2020-12-14."""

from __future__ import annotations

import re
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
from sanctio.sources import ofac_xml

from .conftest import DATA, EXCERPT_COUNTS, FULL_DATA, expect

CONS_FILE = DATA / "ofac-cons-2020" / "consolidated.xml"
# the full file, or the excerpt of tests/data/lists (its raw figures in counts.json)
EXCERPT = EXCERPT_COUNTS["ofac-cons"]
RECORDS = expect(376, EXCERPT["records"])

pytestmark = pytest.mark.skipif(not CONS_FILE.exists(),
                                reason="OFAC consolidated XML test data not available")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return ofac_xml.parse(CONS_FILE)


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in parsed.records}


def names_of(record: Record, name_type: NameType) -> list[str]:
    return [n.full for n in record.names if n.type == name_type]


# ------------------------------------------------------------------------ the real file


def test_counts_and_header(parsed: ParsedList) -> None:
    assert parsed.format == "ofac-xml" == ofac_xml.FORMAT
    assert parsed.source == "us-ofac-cons"  # a list of its own, not the SDN list (us-ofac)
    assert parsed.authority == "US OFAC"
    assert parsed.publisher_date == "2020-12-14"
    assert parsed.title == "OFAC Consolidated (non-SDN) Sanctions List"
    assert len(parsed.records) == RECORDS
    assert len({r.source_id for r in parsed.records}) == RECORDS
    types = EXCERPT["sdn_types"]
    assert Counter(r.schema for r in parsed.records) == expect({
        Schema.ORGANIZATION: 294, Schema.PERSON: 82},
        {Schema.ORGANIZATION: types["Entity"], Schema.PERSON: types["Individual"]})
    assert parsed.warnings == []  # Record_Count 376 matches
    # <program> elements
    assert sum(len(r.designations) for r in parsed.records) == expect(385, EXCERPT["programs"])
    if not FULL_DATA:
        return  # the name figures below are the whole file's
    akas = Counter(n.type for r in parsed.records for n in r.names if n.type != NameType.PRIMARY)
    # 85 f.k.a. (one of them weak: a weak f.k.a. is a former name too)
    assert akas[NameType.FORMER] == 85
    # 33 weak less that f.k.a. and one weak a.k.a. that repeats an earlier one
    assert akas[NameType.WEAK] == 31
    assert akas[NameType.ALIAS] == 886 - 84  # strong categories less the 84 strong f.k.a.


def test_every_record_is_complete(parsed: ParsedList) -> None:
    for r in parsed.records:
        assert r.source == "us-ofac-cons" and r.source_id.isdigit()
        assert r.names[0].type == NameType.PRIMARY
        assert [n.type for n in r.names].count(NameType.PRIMARY) == 1
        assert isinstance(r.raw, dict) and r.raw["uid"] == r.source_id
        assert r.designations
        for d in r.designations:
            assert d.authority == "US OFAC" and d.source_id == r.source_id
            assert d.list_name and d.program
        for code in r.nationalities + r.citizenships + r.countries:
            assert len(code) == 2 and code.isupper()


def test_individual_with_dob_and_pob(by_id: dict[str, Record]) -> None:
    r = by_id["9639"]
    assert r.schema == Schema.PERSON
    assert r.primary_name == "HANIYA, Ismail Abdul Salah"
    assert r.names[0].parts == {"family": "HANIYA", "given": "Ismail Abdul Salah"}
    assert names_of(r, NameType.ALIAS) == ["HANIYA, Ismail", "HANIYYA, Ismaeel"]
    assert [(d.value, d.precision) for d in r.birth_dates] == [("1962", DatePrecision.YEAR)]
    assert r.birth_places == ["Shati"]
    assert [(d.program, d.list_name) for d in r.designations] == [
        ("NS-PLC", "Non-SDN Palestinian Legislative Council (NS-PLC) List")]
    assert "remarks" not in r.properties
    assert by_id["9668"].properties["remarks"] == ["HAMAS - Hebron"]


def test_weak_aka_and_ids(by_id: dict[str, Record]) -> None:
    veb = by_id["17015"]  # VNESHECONOMBANK, a.k.a. (weak) VEB
    assert veb.schema == Schema.ORGANIZATION
    assert veb.primary_name == "VNESHECONOMBANK"
    assert names_of(veb, NameType.WEAK) == ["VEB"]
    assert len(names_of(veb, NameType.ALIAS)) == 2
    assert Identifier(type="swift_bic", number="BFEARUMM") in veb.identifiers
    assert Identifier(type="bik", number="044525060") in veb.identifiers
    assert veb.properties["directive"] == [
        "Executive Order 13662 Directive Determination - Subject to Directive 1"]
    assert veb.properties["email"] == ["info@veb.ru"]
    assert veb.designations[0].legal_basis == "Executive Order 13662"
    assert veb.designations[0].list_name == "Sectoral Sanctions Identifications (SSI) List"
    assert veb.addresses[0].city == "Moscow" and veb.addresses[0].postal_code == "107996"
    assert veb.addresses[0].country == "RU" and veb.countries == ["RU"]

    vtb = by_id["17013"]  # VTB BANK OAO: ids with idCountry, former names
    assert Identifier(type="registration", number="00032520", country="RU",
                      note="Government Gazette Number") in vtb.identifiers
    assert Identifier(type="tax_id", number="7702070139", country="RU") in vtb.identifiers
    assert "VNESHTORGBANK" in names_of(vtb, NameType.FORMER)
    assert vtb.properties["website"] == ["www.vtb.com"]


def test_fse_individual_with_passport(by_id: dict[str, Record]) -> None:
    r = by_id["17526"]
    assert r.primary_name == "BEKTAS, Halis"
    assert r.identifiers == [Identifier(type="passport", number="X0906223", country="CH")]
    assert r.citizenships == ["CH"]
    assert [(d.value, d.precision) for d in r.birth_dates] == [("1966-02-13", DatePrecision.DAY)]
    assert {d.list_name for d in r.designations} == {"Foreign Sanctions Evaders (FSE) List"}
    assert by_id["26182"].gender == "male"  # Gender filed as an <id>


def test_linked_to_in_remarks(parsed: ParsedList, by_id: dict[str, Record]) -> None:
    r = by_id["18267"]  # remarks "...; (Linked To: OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY)"
    assert [(x.type, x.target_id, x.target_name) for x in r.relations] == [
        (RelationType.LINKED_TO, "17022", "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY")]
    assert by_id["17022"].primary_name == "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY"
    relations = [x for rec in parsed.records for x in rec.relations]
    assert len(relations) == 276 if FULL_DATA else relations
    assert all(x.target_id in by_id for x in relations)


def test_options_override_source_and_title() -> None:
    result = ofac_xml.parse(CONS_FILE, source="us-ofac-cons", title="Custom title",
                            list_name="Consolidated")
    assert result.source == "us-ofac-cons" and result.title == "Custom title"
    assert {d.list_name for r in result.records for d in r.designations} == {"Consolidated"}
    assert {r.source for r in result.records} == {"us-ofac-cons"}


def test_sniff(tmp_path: Path) -> None:
    assert ofac_xml.sniff(CONS_FILE)
    assert not ofac_xml.sniff(DATA / "ofac-sdn-2021" / "sdn.csv")
    assert not ofac_xml.sniff(DATA / "ofac-cons-2020")
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?><CONSOLIDATED_LIST/>')
    assert not ofac_xml.sniff(other)
    assert sources.detect(CONS_FILE) == "ofac-xml"


# --------------------------------------------------------------- an SDN file with every field

SDN_XML = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation>
    <Publish_Date>07/02/2021</Publish_Date>
    <Record_Count>3</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>29119</uid>
    <firstName>Mohamed</firstName>
    <lastName>AL-KANI</lastName>
    <title>Commander</title>
    <sdnType>Individual</sdnType>
    <remarks>Linked To: KANIYAT MILITIA.</remarks>
    <programList><program>GLOMAG</program></programList>
    <idList>
      <id><uid>1</uid><idType>Passport</idType><idNumber>F86JKFJF</idNumber>
        <idCountry>Libya</idCountry><issueDate>01 Jan 2015</issueDate>
        <expirationDate>31 Dec 2020</expirationDate></id>
      <id><uid>2</uid><idType>Gender</idType><idNumber>Male</idNumber></id>
      <id><uid>3</uid><idType>Digital Currency Address - XBT</idType>
        <idNumber>1BitcoinAddrXYZ</idNumber></id>
      <id><uid>4</uid><idType>Strange Permit</idType><idNumber>SP-1</idNumber></id>
    </idList>
    <akaList>
      <aka><uid>5</uid><type>a.k.a.</type><category>strong</category>
        <lastName>AL-KANI</lastName><firstName>Mohammed</firstName></aka>
      <aka><uid>6</uid><type>a.k.a.</type><category>weak</category>
        <lastName>KANI</lastName></aka>
      <aka><uid>7</uid><type>f.k.a.</type><category>strong</category>
        <lastName>OLD NAME</lastName></aka>
    </akaList>
    <nationalityList><nationality><uid>8</uid><country>Libya</country>
      <mainEntry>true</mainEntry></nationality></nationalityList>
    <citizenshipList><citizenship><uid>9</uid><country>Tunisia</country>
      <mainEntry>true</mainEntry></citizenship></citizenshipList>
    <dateOfBirthList>
      <dateOfBirthItem><uid>10</uid><dateOfBirth>03 May 1979</dateOfBirth></dateOfBirthItem>
      <dateOfBirthItem><uid>11</uid><dateOfBirth>circa 1979</dateOfBirth></dateOfBirthItem>
      <dateOfBirthItem><uid>12</uid><dateOfBirth>1960 to 1962</dateOfBirth></dateOfBirthItem>
    </dateOfBirthList>
    <placeOfBirthList><placeOfBirthItem><uid>13</uid><placeOfBirth>Tarhuna, Libya</placeOfBirth>
      </placeOfBirthItem></placeOfBirthList>
  </sdnEntry>
  <sdnEntry>
    <uid>29368</uid>
    <lastName>KANIYAT MILITIA</lastName>
    <sdnType>Entity</sdnType>
    <programList><program>GLOMAG</program><program>LIBYA3</program></programList>
    <addressList><address><uid>14</uid><address1>Street 1</address1><address2>Block 2</address2>
      <city>Tarhuna</city><stateOrProvince>Murqub</stateOrProvince><country>Libya</country>
    </address></addressList>
  </sdnEntry>
  <sdnEntry>
    <uid>15036</uid>
    <lastName>ARTAVIL</lastName>
    <sdnType>Vessel</sdnType>
    <programList><program>IRAN</program></programList>
    <idList>
      <id><uid>16</uid><idType>Vessel Registration Identification</idType>
        <idNumber>IMO 9187629</idNumber></id>
      <id><uid>17</uid><idType>MMSI</idType><idNumber>572469210</idNumber></id>
    </idList>
    <vesselInfo><callSign>T2EU4</callSign><vesselType>Crude Oil Tanker</vesselType>
      <vesselFlag>Iran</vesselFlag><tonnage>99,144</tonnage>
      <grossRegisteredTonnage>56,068</grossRegisteredTonnage></vesselInfo>
  </sdnEntry>
</sdnList>
"""


def test_sdn_file_with_every_field(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(SDN_XML)
    assert ofac_xml.sniff(path)
    result = ofac_xml.parse(path)
    assert result.publisher_date == "2021-07-02"
    assert result.title == "OFAC SDN List"
    assert result.warnings == []
    person, militia, vessel = result.records
    assert person.primary_name == "AL-KANI, Mohamed"
    assert person.names[0].parts == {"family": "AL-KANI", "given": "Mohamed"}
    assert names_of(person, NameType.ALIAS) == ["AL-KANI, Mohammed"]
    assert names_of(person, NameType.WEAK) == ["KANI"]
    assert names_of(person, NameType.FORMER) == ["OLD NAME"]
    assert person.gender == "male"
    assert person.nationalities == ["LY"] and person.citizenships == ["TN"]
    assert person.birth_places == ["Tarhuna, Libya"] and person.countries == ["LY"]
    dates = [(d.value, d.precision, d.circa, d.end) for d in person.birth_dates]
    assert dates == [("1979-05-03", DatePrecision.DAY, False, None),
                     ("1979", DatePrecision.YEAR, True, None),
                     ("1960", DatePrecision.YEAR, False, "1962")]
    assert person.identifiers == [
        Identifier(type="passport", number="F86JKFJF", country="LY",
                   note="issued 01 Jan 2015 expires 31 Dec 2020"),
        Identifier(type="crypto_xbt", number="1BitcoinAddrXYZ"),
        Identifier(type="strange_permit", number="SP-1", note="Strange Permit"),
    ]
    assert person.properties["position"] == ["Commander"]
    assert [(x.target_id, x.target_name) for x in person.relations] == [
        ("29368", "KANIYAT MILITIA")]
    assert [d.program for d in person.designations] == ["GLOMAG"]
    assert person.designations[0].list_name == "SDN List"
    assert person.designations[0].legal_basis == "Executive Order 13818"

    assert [(d.program, d.legal_basis) for d in militia.designations] == [
        ("GLOMAG", "Executive Order 13818"), ("LIBYA3", "Executive Order 13726")]
    address = militia.addresses[0]
    assert (address.street, address.city, address.region, address.country) == (
        "Street 1, Block 2", "Tarhuna", "Murqub", "LY")
    assert address.full == "Street 1, Block 2, Tarhuna, Murqub, Libya"

    assert vessel.schema == Schema.VESSEL
    assert vessel.identifiers == [Identifier(type="imo", number="9187629"),
                                  Identifier(type="mmsi", number="572469210")]
    assert vessel.properties["call_sign"] == ["T2EU4"]
    assert vessel.properties["vessel_flag"] == ["Iran"] and vessel.countries == ["IR"]
    assert vessel.properties["gross_registered_tonnage"] == ["56,068"]


def test_record_count_mismatch_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(SDN_XML.replace("<Record_Count>3<", "<Record_Count>4<"))
    result = ofac_xml.parse(path)
    assert len(result.records) == 3
    assert result.warnings == ["Record_Count says 4 entries but the file has 3 sdnEntry elements"]


# ------------------------------------------------------------------------- broken input


def test_entity_declaration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>\n'
                    '<sdnList xmlns="http://tempuri.org/sdnList.xsd"><sdnEntry><uid>1</uid>'
                    '<lastName>&a;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>')
    with pytest.raises(ParseError) as err:
        ofac_xml.parse(path)
    assert "evil.xml" in str(err.value) and "entities" in str(err.value)


def test_truncated_file_names_a_line(tmp_path: Path) -> None:
    data = CONS_FILE.read_bytes()
    cut = data[: len(data) // 2]
    path = tmp_path / "consolidated.xml"
    path.write_bytes(cut)
    with pytest.raises(ParseError) as err:
        ofac_xml.parse(path)
    m = re.search(r"line (\d+)", str(err.value))
    assert m is not None and "consolidated.xml" in str(err.value)
    # the error is at (or just past) the end of the truncated text
    assert int(m.group(1)) >= cut.count(b"\n")


def test_bad_entries(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(SDN_XML.replace("<uid>29368</uid>", "<uid>29119</uid>"))
    with pytest.raises(ParseError, match=r"line \d+: duplicate sdnEntry uid 29119"):
        ofac_xml.parse(path)
    path.write_text(SDN_XML.replace("<sdnType>Vessel</sdnType>", "<sdnType>Ship</sdnType>"))
    with pytest.raises(ParseError, match=r"line 54: sdnEntry 15036: unknown sdnType 'Ship'"):
        ofac_xml.parse(path)
    path.write_text(SDN_XML.replace("<uid>15036</uid>", "<uid>abc</uid>"))
    with pytest.raises(ParseError, match=r"uid 'abc' is not an integer"):
        ofac_xml.parse(path)
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(ParseError, match="empty"):
        ofac_xml.parse(empty)
    wrong = tmp_path / "wrong.xml"
    wrong.write_text('<?xml version="1.0"?><other><sdnEntry/></other>')
    with pytest.raises(ParseError, match="root element is 'other'"):
        ofac_xml.parse(wrong)
