"""Organisations known by their acronym (sanctio.text.acronyms): the acronyms a name may be
written as, a query written as one, and the screener finding a party through either, on real
rows of the UK list (tests/data/acronym: ConList 2026, its own rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.contract import Query
from sanctio.evaluate.variants import acronym as acronym_variant
from sanctio.model import Schema
from sanctio.registry import Registry
from sanctio.screen import DEFAULT_THRESHOLD, Screener, _organisations
from sanctio.text.acronyms import acronym_match, acronyms_of, as_acronym, name_key, penalty
from tests.conftest import requires_full_lists

DATA = Path(__file__).parent / "data" / "acronym"
# the UK's rows of the National Iranian Tanker Company (group 12798) and of the National
# Iranian Oil Refining and Distribution Company (12797) without those that write them NITC,
# NITCO, NIORDC: a list that has the names written out only
FULL_ONLY = DATA / "ConList-full.csv"
# the UK's rows of the Iran Liquified Natural Gas Company (12764) and of the National Iranian
# Tanker Company that write them ILNGC and NITC: a list that has the acronyms only
ACRONYMS_ONLY = DATA / "ConList-acronyms.csv"
# the UK's rows of the Mujahidin Indonesia Timur by their acronym alone (MIT, group 13304)
# and of Samara Metallurgical Plant (SMZ JSC)
THREE_LETTERS = DATA / "ConList.csv"
# the UK's rows of the Molecular Electronics Research Institute (group 15325), one of which
# writes it MERI
MERI = DATA / "ConList-meri.csv"


@pytest.mark.parametrize(("name", "first", "also"), [
    # (list names of OFAC SDN 2021, the EU and the UK 2026)
    ("National Iranian Tanker Company", "nitc", ()),
    ("EJERCITO REVOLUCIONARIO POPULAR ANTITERRORISTA DE COLOMBIA", "erpac", ("erpadc",)),
    ("PETROCHEMICAL COMMERCIAL COMPANY INTERNATIONAL", "pcci", ()),
    # (PRIVATE JOINT STOCK is the Iranian legal form: OFAC 29522 is a.k.a. AORC)
    ("ABADAN OIL REFINING COMPANY PRIVATE JOINT STOCK", "aorc", ()),
    ("Movimento Islâmico do Usbequistão", "midu", ()),
    ("ISLAMIC STATE IN THE GREATER SAHARA", "isgs", ()),
    ("NATIONAL IRANIAN OIL REFINING AND DISTRIBUTION COMPANY", "niordc", ()),
    ("SOUTH ZAGROS OIL & GAS PRODUCTION COMPANY", "szogpc", ()),
])
def test_the_acronyms_a_name_may_be_written_as(name: str, first: str,
                                                also: tuple[str, ...]) -> None:
    found = acronyms_of(name)
    assert found[0] == first, found
    assert set(also) <= set(found)


@pytest.mark.parametrize("name", [
    "Wood Group",  # two letters
    "NIOC Trading Ltd",  # an acronym inside
    "Office 39",  # a number
    "Народный фронт",  # not Latin letters (their acronyms: sanctio.text.orgwords)
    "JSC Company",  # a legal form alone
    "Torres Electronics S.A.",  # two letters beside the legal form
    "PETROCHEMICAL COMMERCIAL COMPANY FZE",  # three (PCC)
    "AO Sibirskaya Servisnaya Kompany",  # three (SSK)
])
def test_names_with_no_acronym(name: str) -> None:
    assert acronyms_of(name) == ()


@pytest.mark.parametrize(("query", "written"), [
    ("AORC LLC", "aorc"), ("AO “NIORDC”", "niordc"), ("I.R.G.C.", "irgc"), ("IRGC", "irgc"),
    ("NITC", "nitc"), ("Mary", None), ("Wood Group", None), ("LLC", None), ("PCC FZE", None),
    ("ABCDEFGHIJ", None), ("ООО", None),
    # (a legal form written with dots is one form: the acronym is the one word left)
    ("CGRC S.A.", "cgrc"), ("SVSS L.L.C", "svss"), ("SEMH S.R.L.", "semh"),
    ("Cgrc S.A.", None), ("AB CD S.A.", None),
])
def test_a_query_written_as_an_acronym(query: str, written: str | None) -> None:
    assert as_acronym(query) == written


def test_four_letters_are_a_possible_match_at_most() -> None:
    # a query written as a four-letter acronym of listed names is a possible match at the
    # threshold, for an analyst to look at; a name read as the four letters a list writes,
    # under it (the initials of other names, Kim Import Export Corporation is no KIEC of
    # Korea International Exhibition Corporation); three letters are no acronym at all
    assert 1.0 - penalty("nitc", True) == pytest.approx(DEFAULT_THRESHOLD)
    assert 1.0 - penalty("nitc", False) < DEFAULT_THRESHOLD
    for written in (True, False):
        assert 1.0 - penalty("erpac", written) > DEFAULT_THRESHOLD
        assert penalty("nitc", written) > penalty("erpac", written)
    assert 1.0 - penalty("niordc", True) > 1.0 - penalty("erpac", True)
    assert acronym_match("ERPAC", "EJERCITO REVOLUCIONARIO POPULAR ANTITERRORISTA DE "
                         "COLOMBIA") == "erpac"
    assert acronym_match("ERPAX", "EJERCITO REVOLUCIONARIO POPULAR ANTITERRORISTA DE "
                         "COLOMBIA") is None
    assert acronym_match("NITC", "NITC") is None  # (the same name: no acronym of it)


def test_the_variant_category_writes_a_companys_acronym() -> None:
    import random

    rng = random.Random(7)
    assert acronym_variant("National Iranian Tanker Company", Schema.ORGANIZATION,
                           rng) == "NITC"
    assert acronym_variant("Ali Hassan Mohamed", Schema.PERSON, rng) is None
    forms = {acronym_variant("PETROCHEMICAL COMMERCIAL COMPANY INTERNATIONAL FZE",
                             Schema.ORGANIZATION, random.Random(seed)) for seed in range(20)}
    assert forms == {"PCCI", "PCCI FZE"}


@pytest.fixture(scope="module")
def full_only(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    reg = Registry(tmp_path_factory.mktemp("acronym-full") / "home", auto_sample=False)
    assert reg.load(FULL_ONLY, source="uk").status == "loaded"
    return Screener(reg)


def test_a_query_written_as_the_acronym_finds_the_name(full_only: Screener) -> None:
    """NIORDC, written so, is read as NATIONAL IRANIAN OIL REFINING AND DISTRIBUTION
    COMPANY, the name of the only listed organisation that it is the acronym of: an alert
    (six letters), the reading in its explanation; NITC (four letters) a possible match at
    the threshold;
    a person's name, other letters, or the letters not in capitals find nothing so."""
    result = full_only.screen(Query.build(name="NIORDC", schema="Organization"))
    assert result.status == "alert" and result.matches[0].entity_id == "uk-12797", result
    top = result.matches[0]
    assert top.score == pytest.approx(1.0 - penalty("niordc", True))
    read = next(e for e in top.explanation if e.feature == "acronym")
    assert read.data["acronym"] == "NIORDC" and read.data["read_as"].startswith(
        ("NATIONAL IRANIAN OIL REFINING AND", "National Iranian Oil Refining &"))
    # (four letters: at the threshold)
    result = full_only.screen(Query.build(name="NITC", schema="Organization"), top=3)
    assert result.status == "alert" and result.matches[0].entity_id == "uk-12798", result
    assert result.matches[0].score == pytest.approx(1.0 - penalty("nitc", True))
    assert result.matches[0].score == pytest.approx(DEFAULT_THRESHOLD)
    # (of unknown kind: five letters or more, a family name in capitals is a person's)
    result = full_only.screen(Query.build(name="NIORDC"))
    assert result.status == "alert" and result.matches[0].entity_id == "uk-12797", result
    # four letters that are no word of a list name too (NITC); four that are one, a name
    # (NFTY, as KHAN or SAID in capitals on the full lists), are no acronym of unknown kind
    result = full_only.screen(Query.build(name="NITC"), top=3)
    assert result.status == "alert" and result.matches[0].entity_id == "uk-12798", result
    assert "nfty" in full_only.index.vocab and not full_only._unknown_kind_acronym("nfty")
    assert full_only._unknown_kind_acronym("nitc")
    for name, schema in (("NIORDC", "Person"), ("NIODRC", "Organization"),
                         ("Niordc", "Organization")):
        matches = full_only.screen(Query.build(name=name, schema=schema), top=3).matches
        assert not [m for m in matches if any(e.feature == "acronym" for e in m.explanation)
                    ], (name, matches)


def test_the_comparison_of_two_names_reads_an_acronym(full_only: Screener) -> None:
    score, evidence = full_only.compare("ERPAC", "EJERCITO REVOLUCIONARIO POPULAR "
                                        "ANTITERRORISTA DE COLOMBIA", Schema.ORGANIZATION)
    assert score == pytest.approx(1.0 - penalty("erpac", True))
    assert evidence[-1].feature == "acronym"
    score, evidence = full_only.compare("National Iranian Tanker Company", "NITC",
                                        Schema.ORGANIZATION)
    assert score == pytest.approx(1.0 - penalty("nitc", False))
    # (a person's name is no acronym)
    assert full_only.compare("ALIM", "Abdullah Latif Ibrahim Mohamed", Schema.PERSON)[0] < 0.5


def test_a_full_name_finds_the_acronym_a_list_writes(tmp_path: Path) -> None:
    """A list that writes the Iran Liquified Natural Gas Company as ILNGC alone: the name
    written out finds it, read as its acronym (five letters: an alert); NITC, four letters, a
    possible match only; the Mujahidin Indonesia Timur's MIT, three, not at all (the
    Massachusetts Institute of Technology has those initials too); a name whose initials
    differ finds nothing."""
    reg = Registry(tmp_path / "home", auto_sample=False)
    assert reg.load(ACRONYMS_ONLY, source="uk").status == "loaded"
    screener = Screener(reg)
    result = screener.screen(Query.build(name="Iran Liquified Natural Gas Company",
                                         schema="Organization"))
    assert result.status == "alert" and result.matches[0].matched_name == "ILNGC", result
    top = result.matches[0]
    assert top.score == pytest.approx(1.0 - penalty("ilngc", False))
    assert next(e for e in top.explanation if e.feature == "acronym").data["read_as"] == (
        "ILNGC")
    result = screener.screen(Query.build(name="National Iranian Tanker Company",
                                         schema="Organization"), top=3)
    assert result.status != "alert" and result.matches[0].matched_name == "NITC", result
    assert not screener.screen(Query.build(name="Iran Liquified Natural Oil Company",
                                           schema="Organization"), top=3).matches
    reg.close()
    reg = Registry(tmp_path / "three", auto_sample=False)
    assert reg.load(THREE_LETTERS).status == "loaded"
    result = Screener(reg).screen(Query.build(name="Mujahidin Indonesia Timur",
                                              schema="Organization"), top=3)
    assert not [m for m in result.matches if m.matched_name == "MIT"], result
    reg.close()


def test_an_acronym_a_list_writes_is_letters_not_a_name(tmp_path: Path) -> None:
    """MERI, a name the UK writes for the MOLECULAR ELECTRONICS RESEARCH INSTITUTE, is that
    name's acronym: letters, found as written, not the given name Mary that rigour holds as a
    variant of Meri, nor a name one letter off it; the full name still finds the party."""
    reg = Registry(tmp_path / "home", auto_sample=False)
    assert reg.load(MERI, source="uk").status == "loaded"
    screener = Screener(reg)
    result = screener.screen(Query.build(name="MERI", schema="Organization"))
    assert result.status == "alert" and result.matches[0].matched_name == "MERI", result
    for name in ("Mary", "Meru"):
        result = screener.screen(Query.build(name=name, schema="Organization"), top=3)
        assert not [m for m in result.matches if m.score >= DEFAULT_THRESHOLD], (name, result)
    result = screener.screen(Query.build(name="Molecular Electronics Research Institute JSC",
                                         schema="Organization"))
    assert result.status == "alert" and result.matches[0].entity_id == "uk-15325", result
    reg.close()


@requires_full_lists
def test_one_organisation_on_several_lists_counts_once(screener: Screener) -> None:
    """YMIG is the acronym of YA MAHDI INDUSTRIES GROUP on OFAC's list and the UN's, Ya Mahdi
    Industries Group on the EU's: one organisation, read as its name (an acronym of more
    than three organisations says too little of which: KTTC, of Korea Taesong Trading
    Company, Korea Tangun Trading Corporation and others, reads as none)."""
    assert name_key("YA MAHDI INDUSTRIES GROUP") == name_key(
        "Ya Mahdi Industries Group, LLC")
    assert name_key("CHADORMALU MINING AND INDUSTRIAL CO.") == name_key(
        "Chadormalu Mining & Industrial Company") != name_key("Chadormalu Mining")
    result = screener.screen(Query.build(name="YMIG", schema="Organization"), top=5)
    assert result.status == "alert", result
    assert {m.entity_id.split("-")[0] for m in result.matches} >= {"us", "eu", "un"}
    assert all(m.score == pytest.approx(DEFAULT_THRESHOLD) for m in result.matches)
    assert all("YMIG" in str(e.data) for m in result.matches for e in m.explanation
               if e.feature == "acronym")
    assert not screener.screen(Query.build(name="KTTC", schema="Organization"),
                               top=3).matches
    # (and one entity is one organisation, whatever spellings of its name it has: LADAI,
    # LAJNAT AL DAAWA AL ISLAMIYYA, OFAC's one entity of four spellings)
    result = screener.screen(Query.build(name="LADAI", schema="Organization"), top=3)
    assert result.status == "alert" and result.matches[0].entity_id == "us-ofac-7325", result


def test_the_organisations_an_acronym_may_be() -> None:
    """Entities that have one name (as its words say) are one organisation; one entity is
    one, whatever spellings it has; other names of other entities are others."""
    assert _organisations({"YA MAHDI INDUSTRIES GROUP": {"us-1", "un-2"},
                           "Ya Mahdi Industries Group, LLC": {"eu-3"}}) == 1
    assert _organisations({"LAJNAT AL DAAWA AL ISLAMIYYA": {"us-1"},
                           "Lajnat al-Dawa": {"us-1"}, "Jamiat": {"us-1"}}) == 1
    assert _organisations({"KOREA TAESONG TRADING COMPANY": {"un-1"},
                           "KOREA TANGUN TRADING CORPORATION": {"un-2"},
                           "Korea Tangun Trading Corporation": {"eu-3"}}) == 2
