"""The UN Security Council consolidated XML parser, against the real 2026 file."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sanctio.model import DatePrecision, NameType, ParsedList, ParseError, Record, Schema
from sanctio.sources import un_xml

from .conftest import DATA, EXCERPT_COUNTS, FULL_DATA, expect

UN_FILE = DATA / "un-2026" / "consolidated.xml"
# the full file, or the excerpt of tests/data/lists (its raw figures in counts.json)
EXCERPT = EXCERPT_COUNTS["un"]
RECORDS = expect(1003, EXCERPT["records"])

pytestmark = pytest.mark.skipif(not UN_FILE.exists(), reason="UN test data not available")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return un_xml.parse(UN_FILE)


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in parsed.records}


def test_counts_and_header(parsed: ParsedList) -> None:
    assert parsed.format == "un-xml" == un_xml.FORMAT
    assert parsed.source == "un"
    assert parsed.authority == "UN Security Council"
    assert parsed.publisher_date == "2026-02-27"
    assert parsed.title == "UN Security Council Consolidated List"
    schemas = Counter(r.schema for r in parsed.records)
    assert schemas == expect({Schema.PERSON: 730, Schema.ORGANIZATION: 273},
                             {Schema.PERSON: EXCERPT["individuals"],
                              Schema.ORGANIZATION: EXCERPT["entities"]})
    assert len(parsed.records) == RECORDS
    assert len({r.source_id for r in parsed.records}) == RECORDS
    assert parsed.warnings == []


def test_every_record_is_complete(parsed: ParsedList) -> None:
    for r in parsed.records:
        assert r.source == "un"
        assert [n.type for n in r.names].count(NameType.PRIMARY) == 1
        assert r.names[0].type == NameType.PRIMARY
        assert len(r.designations) == 1
        d = r.designations[0]
        assert d.authority == "UN Security Council" and d.source_id == r.source_id
        assert d.reference and r.xrefs == [f"un-ref:{d.reference}"]
        assert d.listed_on is not None and len(d.listed_on) == 10
        assert "regime" in r.properties
        assert isinstance(r.raw, dict) and r.raw["DATAID"] == r.source_id
        for code in r.nationalities + r.countries:
            assert code.isupper()
        if r.schema == Schema.PERSON:
            assert d.measures == ["asset freeze", "travel ban", "arms embargo"]
        else:
            assert d.measures == ["asset freeze", "arms embargo"]
    # every reference prefix in the file maps to a named regime
    prefixes = {(r.designations[0].reference or "")[:2] for r in parsed.records}
    assert prefixes <= set(un_xml.REGIMES)


def test_name_type_totals(parsed: ParsedList) -> None:
    types = Counter(n.type for r in parsed.records for n in r.names)
    # 615 "Low" aliases in the file; 19 "f.k.a.", one of which (JANNAT OSHIKLARI, 6908877)
    # repeats an a.k.a. of the same entity and is kept once, as the a.k.a.
    if FULL_DATA:
        assert types[NameType.WEAK] == 615
        assert types[NameType.FORMER] == 18
    else:
        assert types[NameType.WEAK] > 0
    assert types[NameType.PRIMARY] == RECORDS
    originals = [n for r in parsed.records for n in r.names if n.type == NameType.ORIGINAL]
    assert all(n.script not in (None, "Latn") for n in originals)


def test_libya_individual_with_arabic_name_weak_aliases_and_documents(
    by_id: dict[str, Record],
) -> None:
    r = by_id["6908704"]
    assert r.schema == Schema.PERSON
    primary = r.names[0]
    assert primary.full == "Ahmad Oumar Imhamad al-Fitouri"
    assert primary.type == NameType.PRIMARY
    assert primary.parts == {"given": "Ahmad", "second": "Oumar", "third": "Imhamad",
                             "fourth": "al-Fitouri"}
    original = [n for n in r.names if n.type == NameType.ORIGINAL]
    assert [(n.full, n.script) for n in original] == [("احمد عمر امحمد الفيتوري", "Arab")]
    weak = {n.full for n in r.names if n.type == NameType.WEAK}
    assert weak == {"Al-Dabachi", "Al Ammu", "The Uncle", "Al-Ahwal", "Al Dabbashi"}
    d = r.designations[0]
    assert d.program == "Libya"
    assert d.reference == "LYi.023"
    assert d.listed_on == "2018-06-07"
    assert d.reason is not None and "resolution 1970" in d.reason
    assert r.xrefs == ["un-ref:LYi.023"]
    assert r.properties["regime"] == ["Libya (resolution 1970)"]
    assert r.properties["position"][0].startswith("Commander of the Anas al-Dabbashi militia")
    assert r.nationalities == ["LY"]
    assert [(b.value, b.precision) for b in r.birth_dates] == [("1988-05-07", DatePrecision.DAY)]
    assert r.birth_places == ["possibly Sabratha, Talil neighbourhood"]
    passport, national = r.identifiers
    assert (passport.type, passport.number, passport.country) == ("passport", "LY53FP76", "LY")
    assert passport.note == "issued 2015-09-29 in Tripoli"
    assert (national.type, national.number, national.country) == (
        "national_id", "119880387067", None)
    assert [(a.city, a.country) for a in r.addresses] == [("Garabulli", "LY"), ("Zawiya", "LY")]


def test_between_date_and_alias_notes(by_id: dict[str, Record]) -> None:
    r = by_id["6908021"]  # Bosco Taganda, born between 1973 and 1974
    assert r.primary_name == "BOSCO TAGANDA"
    (dob,) = r.birth_dates
    assert (dob.value, dob.end, dob.precision, dob.circa) == (
        "1973", "1974", DatePrecision.YEAR, False)
    assert r.gender == "male"
    assert {"Lydia", "Terminator", "Tango Romeo", "Romeo", "Major"} == {
        n.full for n in r.names if n.type == NameType.WEAK}
    assert "Lydia: When he was part of APR." in r.properties["alias_note"]
    assert r.birth_places == ["Bigogwe, Rwanda"]
    assert "RW" in r.countries and r.nationalities == ["CD"]
    assert r.designations[0].program == "DRC"


def test_approximate_dates_are_circa(parsed: ParsedList) -> None:
    circa = [d for r in parsed.records for d in r.birth_dates if d.circa]
    assert len(circa) >= expect(100, 10)  # 117 APPROXIMATELY entries, some repeat a year
    assert all(d.precision in (DatePrecision.YEAR, DatePrecision.DAY) for d in circa)


def test_entity_with_chinese_original_name(by_id: dict[str, Record]) -> None:
    r = by_id["690767"]
    assert r.schema == Schema.ORGANIZATION
    assert r.primary_name == "KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION"
    assert r.names[0].parts == {}
    assert ("朝鲜联合机械贸易会社", "Hani") in {
        (n.full, n.script) for n in r.names if n.type == NameType.ORIGINAL}
    assert "Ryonha Machinery Corp." in {n.full for n in r.names if n.type == NameType.ALIAS}
    assert r.designations[0].program == "DPRK"
    assert r.designations[0].measures == ["asset freeze", "arms embargo"]
    assert r.gender is None and r.birth_dates == []


def test_document_issued_abroad_and_aliases_with_birth_data(
    by_id: dict[str, Record], parsed: ParsedList,
) -> None:
    with_oman_passport = [
        r for r in parsed.records for i in r.identifiers
        if i.number == "03824970" and i.type == "passport"
    ]
    assert len(with_oman_passport) == 1
    ident = next(i for i in with_oman_passport[0].identifiers if i.number == "03824970")
    assert ident.country == "OM"
    assert ident.note is not None and "2014-05-04 in Muscat" in ident.note
    assert "Date of expiration: 3 May 2024" in ident.note
    # an alias's own date and place of birth become the record's
    lased = [r for r in parsed.records if "Lased Ben Heni" in {n.full for n in r.names}]
    assert len(lased) == 1
    assert "1969-02-05" in {d.value for d in lased[0].birth_dates}
    assert "Tripoli, Libya" in lased[0].birth_places


def test_no_kaniyat_on_the_un_list(parsed: ParsedList) -> None:
    # the Kaniyat militia and the al-Kani brothers are EU (HR) listings, not UN
    kani = re.compile(r"\b(al[- ]?)?kani(yat)?\b", re.IGNORECASE)
    for r in parsed.records:
        for n in r.names:
            assert not kani.search(n.full), (r.source_id, n.full)
    # while the pattern does not catch names that merely contain the letters
    assert any(n.full == "Ali Barkani" for r in parsed.records for n in r.names)


def test_sniff() -> None:
    assert un_xml.sniff(UN_FILE)
    assert not un_xml.sniff(DATA / "eu-2026" / "sanctions.xml")
    assert not un_xml.sniff(DATA / "un-2026")


def test_wrong_root_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?><export><sanctionEntity/></export>')
    with pytest.raises(ParseError, match="CONSOLIDATED_LIST"):
        un_xml.parse(other)


def test_small_file_with_every_date_form(tmp_path: Path) -> None:
    xml = tmp_path / "un.xml"
    xml.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2025-01-02T10:00:00Z">
 <INDIVIDUALS><INDIVIDUAL>
  <DATAID>1</DATAID><FIRST_NAME>IVAN</FIRST_NAME><SECOND_NAME>PETROV</SECOND_NAME>
  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>
  <LISTED_ON>2015-07-01-04:00</LISTED_ON><GENDER>Female</GENDER>
  <NAME_ORIGINAL_SCRIPT>Иван Петров</NAME_ORIGINAL_SCRIPT>
  <NATIONALITY><VALUE>na</VALUE><VALUE>Russian Federation</VALUE></NATIONALITY>
  <INDIVIDUAL_ALIAS><QUALITY>Very Low</QUALITY><ALIAS_NAME>Vanya</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>Ivan Old</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1960</YEAR>
  </INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1973 </NOTE>
  </INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1961-02-03</DATE>
  </INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>
   <NOTE>passport number 347834, expired</NOTE></INDIVIDUAL_DOCUMENT>
 </INDIVIDUAL></INDIVIDUALS>
 <ENTITIES/>
</CONSOLIDATED_LIST>""", encoding="utf-8")
    parsed = un_xml.parse(xml)
    assert parsed.publisher_date == "2025-01-02"
    (r,) = parsed.records
    assert r.gender == "female"
    assert r.nationalities == ["RU"]  # "na" is "not available", not Namibia
    assert r.designations[0].listed_on == "2015-07-01"
    assert r.properties["regime"] == ["DPRK (resolution 1718)"]
    types = {n.full: (n.type, n.script) for n in r.names}
    assert types == {
        "IVAN PETROV": (NameType.PRIMARY, "Latn"),
        "Иван Петров": (NameType.ORIGINAL, "Cyrl"),
        "Vanya": (NameType.WEAK, "Latn"),
        "Ivan Old": (NameType.FORMER, "Latn"),
    }
    assert [(d.value, d.precision, d.circa) for d in r.birth_dates] == [
        ("1960", DatePrecision.YEAR, True),
        ("1973-11", DatePrecision.MONTH, False),
        ("1961-02-03", DatePrecision.DAY, False),
    ]
    # a document without a NUMBER keeps its wording but makes no identifier
    assert r.identifiers == []
    assert r.properties["document"] == ["Passport; passport number 347834, expired"]
