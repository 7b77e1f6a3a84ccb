"""The EU Financial Sanctions Files (FSF) XML parser, against the 2026 file."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from sanctio.model import DatePrecision, NameType, ParsedList, ParseError, Record, Schema
from sanctio.sources import eu_fsf

from .conftest import DATA, EXCERPT_COUNTS, FULL_DATA, expect

EU_FILE = DATA / "eu-2026" / "sanctions.xml"

pytestmark = pytest.mark.skipif(not EU_FILE.exists(), reason="EU test data not available")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    start = time.perf_counter()
    result = eu_fsf.parse(EU_FILE)
    elapsed = time.perf_counter() - start
    assert elapsed < 30, f"parsing the EU file took {elapsed:.1f}s"
    return result


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in parsed.records}


def test_counts_and_header(parsed: ParsedList) -> None:
    assert parsed.format == "eu-fsf" == eu_fsf.FORMAT
    assert parsed.source == "eu"
    assert parsed.authority == "EU Council"
    assert parsed.publisher_date == "2026-02-25"
    records = expect(5860, EXCERPT_COUNTS["eu"]["records"])
    assert len(parsed.records) == records
    assert len({r.source_id for r in parsed.records}) == records
    schemas = Counter(r.schema for r in parsed.records)
    if FULL_DATA:
        assert schemas == {Schema.PERSON: 4341, Schema.ORGANIZATION: 1519}
    else:
        assert set(schemas) == {Schema.PERSON, Schema.ORGANIZATION}
    assert parsed.warnings == []


def test_every_record_is_complete(parsed: ParsedList) -> None:
    for r in parsed.records:
        assert r.names and r.names[0].type == NameType.PRIMARY
        assert [n.type for n in r.names].count(NameType.PRIMARY) == 1
        assert len({n.full for n in r.names}) == len(r.names)
        (d,) = r.designations  # one regulation, one programme per entity in this file
        assert d.authority == "EU Council" and d.source == "eu" and d.source_id == r.source_id
        assert d.program and d.program in eu_fsf.PROGRAMMES
        assert d.reference and d.reference.startswith("EU.")
        assert d.measures == ["asset freeze"]
        assert d.listed_on is not None and len(d.listed_on) == 10
        assert d.legal_basis
        assert isinstance(r.raw, dict) and r.raw["@logicalId"] == r.source_id
        for code in r.nationalities + r.countries:
            assert len(code) == 2 and code.isupper() and code != "00"
        for ident in r.identifiers:
            assert ident.number and ident.country != "00"


def test_totals_match_the_file(parsed: ParsedList) -> None:
    # the file has 29,809 nameAlias; repeated spellings (same name in several languages)
    # are kept once
    names = [n for r in parsed.records for n in r.names]
    if FULL_DATA:
        assert 23_000 < len(names) <= 29_809
        assert sum(len(r.identifiers) for r in parsed.records) == 2430
        assert sum(1 for r in parsed.records for x in r.xrefs if x.startswith("un-ref:")) == 88
    else:
        assert len(names) > 3 * len(parsed.records)
        assert sum(1 for r in parsed.records for x in r.xrefs if x.startswith("un-ref:")) > 5
    scripts = Counter(n.script for n in names if n.type == NameType.ORIGINAL)
    assert {"Cyrl", "Arab", "Grek", "Hang", "Hani", "Hebr"} <= set(scripts)
    assert "Latn" not in scripts


def test_al_kani(by_id: dict[str, Record]) -> None:
    r = by_id["128270"]
    assert r.schema == Schema.PERSON
    assert r.gender == "male"
    names = {n.full: n for n in r.names}
    assert r.primary_name == "Abdel Rahim KHALIFA"  # the first English / no-language alias
    for alias in ("Abderrahim AL-KANI", "Abdul-Rahim AL-KANI", "Abd-al-Rahim AL-KANI"):
        assert names[alias].type == NameType.ALIAS
    assert names["Abdul-Rahim AL-KANI"].parts == {"given": "Abdul-Rahim", "family": "AL-KANI"}
    assert names["Abdarrahím AL-KÁNÍ"].lang == "sk"
    # the Arabic whole name is kept as published, missing space and all
    arabic = names["عبدالرحيمالكان ي"]
    assert (arabic.type, arabic.script, arabic.lang) == (NameType.ORIGINAL, "Arab", "ar")
    assert r.nationalities == ["LY"]
    assert [(b.value, b.precision, b.circa) for b in r.birth_dates] == [
        ("1997-09-07", DatePrecision.DAY, False)]
    assert r.birth_places == []  # the birth country is "00" (unknown)
    passport = next(i for i in r.identifiers if i.type == "passport")
    assert (passport.number, passport.country) == ("PH3854LY", None)
    assert ("other", "119970331820") in {(i.type, i.number) for i in r.identifiers}
    (d,) = r.designations
    assert d.program == "HR"
    assert d.reference == "EU.6258.63"
    assert d.listed_on == "2022-12-06"
    assert d.legal_basis == "Regulation (EU) 2022/2374 (OJ L314)"
    assert r.properties["programme"] == ["EU Global Human Rights Sanctions Regime"]
    assert "key member of the Kaniyat Militia" in r.properties["position"][0]
    assert r.xrefs == []


def test_kaniyat_militia(by_id: dict[str, Record]) -> None:
    r = by_id["128875"]
    assert r.schema == Schema.ORGANIZATION
    assert r.gender is None and r.birth_dates == []
    names = {n.full: n for n in r.names}
    # no English alias: the first alias with no language is primary
    assert r.primary_name == "Kanyat"
    assert names["Kanyat"].lang is None
    for alias in ("Kaniyat", "Al-Kaniyat", "Kaniyat Militia", "Al-Kani Militia",
                  "Tarhuna 7th Brigade", "Milice Kaniyat", "Kani-Brigade"):
        assert names[alias].type == NameType.ALIAS, alias
    assert names["Milice Kaniyat"].lang == "fr"
    greek = names["Ταξιαρχία Kani"]
    assert (greek.type, greek.script, greek.lang) == (NameType.ORIGINAL, "Grek", "el")
    # "Al-Kanijat" is published twice (de and hu): kept once, with the first language
    assert [n.full for n in r.names].count("Al-Kanijat") == 1
    assert names["Al-Kanijat"].lang == "de"
    assert r.designations[0].program == "HR"
    assert r.designations[0].reference == "EU.6273.6"
    assert "Libyan armed militia" in r.properties["position"]


def test_un_cross_reference(by_id: dict[str, Record]) -> None:
    r = by_id["6106"]  # Abu Zayd Umar DORDA, UN LYi.006
    assert r.xrefs == ["un-ref:LYi.006"]
    assert r.primary_name == "Abu Zayd Umar DORDA"
    assert r.names[0].parts == {"given": "Abu", "middle": "Zayd Umar", "family": "DORDA"}
    assert r.designations[0].program == "LBY"
    assert r.properties["programme"] == ["Libya"]
    assert "resolution 1970" in r.properties["remarks"][0]
    assert ("passport", "FK117RK0", "LY") in {
        (i.type, i.number, i.country) for i in r.identifiers}
    assert [(a.full, a.country) for a in r.addresses] == [("LIBYA", "LY")]


def test_partial_and_circa_birth_dates(by_id: dict[str, Record], parsed: ParsedList) -> None:
    qusay = by_id["20"]  # year-only birth dates
    assert [(b.value, b.precision) for b in qusay.birth_dates] == [
        ("1965", DatePrecision.YEAR), ("1966", DatePrecision.YEAR)]
    assert qusay.birth_places == ["Baghdad"]
    assert qusay.nationalities == ["IQ"]
    assert qusay.designations[0].legal_basis == "Regulation (EC) 1210/2003 (OJ L169)"
    assert qusay.designations[0].listed_on == "2003-07-08"
    abdel_hamid = by_id["25"]
    assert [(b.value, b.circa) for b in abdel_hamid.birth_dates] == [("1957", True)]
    precisions = Counter(b.precision for r in parsed.records for b in r.birth_dates)
    assert precisions[DatePrecision.MONTH] > 0
    assert precisions[DatePrecision.YEAR] > expect(500, 10)
    assert sum(b.circa for r in parsed.records for b in r.birth_dates) > expect(100, 5)


def test_islamic_calendar_dates(by_id: dict[str, Record]) -> None:
    # with a Gregorian equivalent: the same day as a Gregorian entry, so kept once
    asiri = by_id["6177"]
    assert [b.value for b in asiri.birth_dates] == ["1982-04-19", "1982-04-18"]
    assert "birth_date_other_calendar" not in asiri.properties
    # without one: not converted, kept as wording
    soleimani = by_id["127388"]
    assert soleimani.properties["birth_date_other_calendar"] == ["1343 (islamic calendar)"]
    assert "1343" not in {b.value for b in soleimani.birth_dates}
    assert soleimani.birth_places == ["Farsan, IRAN (ISLAMIC REPUBLIC OF)"]
    assert "IR" in soleimani.countries


def test_first_alias_in_russian_is_not_primary(parsed: ParsedList) -> None:
    cyrillic_first = [r for r in parsed.records if r.raw["nameAlias"]
                      and isinstance(r.raw["nameAlias"], list)
                      and r.raw["nameAlias"][0].get("@nameLanguage") == "RU"]
    assert len(cyrillic_first) > expect(100, 10)
    for r in cyrillic_first:
        if any(n.script == "Latn" for n in r.names):
            assert r.names[0].script == "Latn", r.source_id


def test_sniff(tmp_path: Path) -> None:
    assert eu_fsf.sniff(EU_FILE)
    assert not eu_fsf.sniff(DATA / "un-2026" / "consolidated.xml")
    assert not eu_fsf.sniff(DATA / "eu-2026")
    other_ns = tmp_path / "export.xml"
    other_ns.write_text('<?xml version="1.0"?><export xmlns="urn:other"/>')
    assert not eu_fsf.sniff(other_ns)


def test_wrong_root_or_namespace_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="export"):
        eu_fsf.parse(DATA / "un-2026" / "consolidated.xml")
    other_ns = tmp_path / "export.xml"
    other_ns.write_text('<?xml version="1.0"?><export xmlns="urn:other">'
                        '<sanctionEntity logicalId="1"/></export>')
    with pytest.raises(ParseError, match="namespace"):
        eu_fsf.parse(other_ns)


def test_small_file(tmp_path: Path) -> None:
    xml = tmp_path / "eu.xml"
    xml.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="{eu_fsf.NAMESPACE}" generationDate="2024-05-06T00:00:00.000+02:00">
 <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.1.1"
   logicalId="7">
  <regulation organisationType="council" publicationDate="2022-03-01" numberTitle="2022/1 (OJ L1)"
    programme="UKR"><publicationUrl>https://example.org/1</publicationUrl></regulation>
  <regulation organisationType="council" publicationDate="2014-03-17" numberTitle="269/2014"
    programme="UKR"><publicationUrl>https://example.org/0</publicationUrl></regulation>
  <regulation organisationType="council" publicationDate="2023-01-01" numberTitle="2023/9"
    programme="RUS"/>
  <subjectType code="person" classificationCode="P"/>
  <nameAlias firstName="Ivan" middleName="" lastName="PETROV" wholeName="" nameLanguage="RU"
    strong="true" gender="F" title="Dr" function="Minister"/>
  <nameAlias wholeName="Иван ПЕТРОВ" nameLanguage="RU" strong="true"/>
  <nameAlias wholeName="Vanya" nameLanguage="" strong="false"/>
  <birthdate circa="true" year="1970" monthOfYear="5" countryIso2Code="RU" city="Omsk"
    countryDescription="RUSSIAN FEDERATION"/>
  <birthdate calendarType="ISLAMIC" birthdate="1982-04-19" dayOfMonth="24" monthOfYear="6"
    year="1402" countryIso2Code="00" countryDescription="UNKNOWN"/>
  <citizenship countryIso2Code="RU"/>
  <citizenship countryIso2Code="00"/>
  <identification identificationTypeCode="id" number="123" countryIso2Code="RU"
    knownFalse="true" issuedBy="Ministry"/>
  <identification identificationTypeCode="weird" number="X9" countryIso2Code="00"
    countryDescription="Somewhere"/>
  <address street="Lenina 1" city="Omsk" zipCode="644000" region="" countryIso2Code="RU"
    countryDescription="RUSSIAN FEDERATION"/>
 </sanctionEntity>
</export>""", encoding="utf-8")
    parsed = eu_fsf.parse(xml)
    assert parsed.publisher_date == "2024-05-06"
    (r,) = parsed.records
    assert r.gender == "female"
    assert [(n.full, n.type, n.lang) for n in r.names] == [
        ("Ivan PETROV", NameType.PRIMARY, "ru"),
        ("Иван ПЕТРОВ", NameType.ORIGINAL, "ru"),
        ("Vanya", NameType.WEAK, None),
    ]
    assert r.names[0].parts == {"given": "Ivan", "family": "PETROV"}
    assert r.properties["title"] == ["Dr"] and r.properties["position"] == ["Minister"]
    assert [(d.program, d.listed_on, d.legal_basis) for d in r.designations] == [
        ("UKR", "2014-03-17", "Regulation (EU) 269/2014"),
        ("RUS", "2023-01-01", "Regulation (EU) 2023/9"),
    ]
    assert [(b.value, b.precision, b.circa, b.text) for b in r.birth_dates] == [
        ("1970-05", DatePrecision.MONTH, True, None),
        ("1982-04-19", DatePrecision.DAY, False, "24/6/1402 (islamic calendar)"),
    ]
    assert r.birth_places == ["Omsk, RUSSIAN FEDERATION"]
    assert r.nationalities == ["RU"]
    first, second = r.identifiers
    assert (first.type, first.number, first.country) == ("national_id", "123", "RU")
    assert first.note == "Ministry; known false"
    assert (second.type, second.country, second.note) == ("other", None, "weird; Somewhere")
    (addr,) = r.addresses
    assert (addr.full, addr.street, addr.city, addr.postal_code, addr.country) == (
        "Lenina 1, Omsk, 644000, RUSSIAN FEDERATION", "Lenina 1", "Omsk", "644000", "RU")
