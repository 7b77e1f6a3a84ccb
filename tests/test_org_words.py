"""English words of Cyrillic organisation names learned from the lists
(sanctio.evaluate.learn_org_words), the shipped table and the translated reading."""

from __future__ import annotations

import csv
import json
from importlib.resources import files
from pathlib import Path

import pytest

from sanctio.contract import Query
from sanctio.evaluate.learn_org_words import learn, learn_from_registry, write_table
from sanctio.registry import Registry
from sanctio.scoring import TokenWeights, compare_forms
from sanctio.screen import Screener
from sanctio.text import orgwords
from sanctio.text.normalize import analyze
from sanctio.text.orgwords import (
    acronym_readings,
    arabic_english,
    body_acronym_reading,
    english_of,
    name_words,
    native_stem,
    place_of,
    translated_reading,
    written_table,
)

from .conftest import requires_full_lists

W = TokenWeights.uniform()


@pytest.mark.parametrize(("words", "stem"), [
    (["завод", "завода", "заводу", "заводът"], "завод"),  # Russian cases, Bulgarian article
    (["компания", "компанията", "компании"], "компан"),
    (["государственная", "государственное", "государственный"], "государственн"),
    (["банк", "банка"], "банк"),
    (["Υπουργείο", "Υπουργείου", "ΥΠΟΥΡΓΕΊΟ"], "υπουργ"),  # Greek, with or without accents
])
def test_stems_take_off_the_endings(words: list[str], stem: str) -> None:
    assert {native_stem(w) for w in words} == {stem}


def test_the_words_of_a_legal_form_are_left_to_it() -> None:
    assert name_words('Общество с ограниченной ответственностью "Ромашка"') == ["Ромашка"]


def test_competitive_linking_takes_the_word_a_stem_stands_for() -> None:
    # научн and институт both stand beside research and institute; институт looks like
    # institute, so научн is left research
    orgs = [({"научн", "институт", "x" + str(i)}, {"research", "institute", "y" + str(i)})
            for i in range(4)]
    words = learn(orgs)["words"]
    assert words["институт"]["english"] == "institute"
    assert words["научн"]["english"] == "research"
    # what fewer than three organisations give is no rule
    assert "x0" not in words


def test_the_shipped_table_and_the_translated_reading() -> None:
    doc = json.loads(files("sanctio").joinpath("data", "org_words.json").read_text("utf-8"))
    assert doc["source"]["split"] == "train"  # the heldout organisations taught nothing
    read = translated_reading("Федеральное государственное унитарное предприятие "
                              "«Уральский оптико-механический завод»")
    assert read is not None
    text, done = read
    assert dict(done)["завод"] == "plant" and dict(done)["механический"] == "mechanical"
    assert dict(done)["Уральский"] == "ural"
    # (the legal form, ФГУП written out, stays for the legal-form rules)
    assert text.startswith("Федеральное государственное унитарное предприятие")
    # the English reading meets the English name in its words
    listed = analyze("Federal State Unitary Enterprise Ural Optical and Mechanical Plant",
                     org=True)
    assert compare_forms(analyze(text, org=True), listed, W).score > compare_forms(
        analyze("Федеральное государственное унитарное предприятие «Уральский "
                "оптико-механический завод»", org=True), listed, W).score
    # Greek too; the words that only join others stay as they are
    greek = translated_reading("Υπουργείο Άμυνας της Ρωσικής Ομοσπονδίας")
    assert greek is not None and dict(greek[1])["Υπουργείο"] == "ministry"
    assert dict(greek[1])["Ομοσπονδίας"] == "federation" and "της" not in dict(greek[1])
    # a name with no Cyrillic word, or none the table knows, has no such reading
    assert translated_reading("Ural Optical Plant") is None
    assert translated_reading("Шваб") is None


def test_the_written_vocabulary_of_organisation_names() -> None:
    # one English word or phrase for each stem of four letters at least, and for each form
    # of a shorter stem, read as written (Νέος, new: its stem, νε, would be many a word's)
    doc = json.loads(files("sanctio").joinpath("data", "org_words_written.json").read_text(
        "utf-8"))
    seen: dict[str, str] = {}
    for entry in [*doc["cyrillic"], *doc["greek"]]:
        for form in entry["forms"].split():
            stem = native_stem(form)
            key = stem if len(stem) >= 4 else "=" + form.lower()
            assert seen.setdefault(key, entry["english"]) == entry["english"], form
    assert len(seen) == len(written_table()) >= 1000
    # a word the lists taught in part is read whole (машиностроения: machine building, where
    # the lists taught machine); the lists' word stands where the hand wrote another
    assert english_of("машиностроения") == "machine building"
    assert english_of("завода") == "plant"
    # and the names the lists translate meet their English names (they met in no word, or
    # one, as transliterated: Koreyska narodna armiya)
    listed = analyze("Korean People's Army", org=True)
    read = translated_reading("Корейска народна армия")
    assert read is not None
    assert compare_forms(analyze(read[0], org=True), listed, W).score >= 0.95
    machines = translated_reading("Центральный научно-исследовательский институт "
                                  "машиностроения")
    assert machines is not None and compare_forms(
        analyze(machines[0], org=True),
        analyze("Central Research Institute of Machine Building", org=True), W).score >= 0.9


def test_the_word_for_word_reading_and_the_lists_reading() -> None:
    # the general vocabulary reads a word the lists write as it sounds (Bank Otkritie, not
    # Opening): the screener reads the name both ways, and the lists' way keeps it
    name = "ПАО Банк Финансовая Корпорация Открытие"
    lists = translated_reading(name, everyday=False)
    assert lists is not None and "Открытие" in lists[0]
    every = translated_reading(name)
    assert every is not None and "Открытие" not in every[0]
    # the micro sign typed for mu is mu (Ισλαµικός: islamic); στρατός is an army, not what
    # the lists' table paired it with (irgc, from the Revolutionary Guards' names)
    read = translated_reading("Ισλαµικός στρατός του Άντεν")
    assert read is not None and read[0] == "islamic army of Άντεν"
    # the Greek stemmer folds Κεντρική (central) into Κέντρο (centre): the adjective is read
    # as its own word (Κεντρικές φυλακές Sanandaj: Sanandaj Central Prison)
    assert english_of("Κεντρικές") == english_of("Κεντρική", everyday=False) == "central"
    assert english_of("Κέντρο") == "center"
    # the Cyrillic words that join others are read as English joins them (на, of: left,
    # na was a name word the English name lacks)
    read = translated_reading("Главна дирекция „Вътрешни работи“ на град Москва")
    assert read is not None and read[0] == "main directorate „internal affairs“ of city moscow"
    assert compare_forms(analyze(read[0], org=True), analyze(
        "Main Directorate of Internal Affairs of the City of Moscow", org=True), W).score >= 0.95
    # but not an initial (С. П. Горбунова), nor a word of a legal form (Общество с
    # ограниченной ответственностью): read as with, they lost a company its legal form and
    # a plant its namesake in a first version
    read = translated_reading("Казанский авиационный завод имени С. П. Горбунова")
    assert read is not None and read[0].endswith("имени С. П. Горбунова")
    read = translated_reading("Общество с ограниченной ответственностью “Беспилотные Системы”")
    assert read is not None and read[0].startswith("Общество с ограниченной ответственностью")
    # по is for (Federal Service for Financial Monitoring), as the lists translate it: read
    # on, a name word, it was one the English name lacks; so in a name that gives each word
    # a capital (По), but not in one all in capitals (ПО is also an acronym, a production
    # association)
    read = translated_reading("Федеральная Служба По Финансовому Мониторингу")
    assert read is not None and read[0].startswith("federal service for finan")
    assert compare_forms(analyze(read[0], org=True), analyze(
        "Federal Service for Financial Monitoring", org=True), W).score >= 0.9
    read = translated_reading("Федеральная служба по финансовому мониторингу")
    assert read is not None and read[0].startswith("federal service for finan")
    read = translated_reading("АО КОНСТРУКТОРСКОЕ БЮРО ПО ПРОЕКТИРОВАНИЮ СУДОВ")
    assert read is not None and " ПО " in read[0]


def test_korean_organisation_names_are_read_with_their_words_in_english() -> None:
    read = translated_reading("로케트공업부")
    assert read is not None and dict(read[1]) == {"공업부": "industry ministry",
                                                  "로케트": "rocket"}
    assert compare_forms(analyze(read[0], org=True), analyze(
        "Ministry of Rocket Industry", org=True), W).score >= 0.95
    # what the table lacks is transliterated, written together or apart (남강: Namgang)
    read = translated_reading("조선남강무역회사")
    assert read is not None and read[0] == "korea 남강 trading company"
    assert compare_forms(analyze(read[0], org=True), analyze(
        "Korea Namgang Trading Company", org=True), W).score >= 0.95
    assert translated_reading("김정은") is None


@pytest.mark.parametrize(("word", "place"), [
    ("Тульский", "tula"),  # Тула: the stem and the vowel of the nominative
    ("Тульского", "tula"),
    ("Пермский", "perm"),  # Пермь
    ("Минский", "minsk"),  # a place in -ск
    ("Мінскі", "minsk"),  # Belarusian
    ("Луганська", "lugansk"),  # Ukrainian -ськ-
    ("Чебоксарское", "cheboksary"),
    ("Гродненская", "grodno"),  # its -ен- taken out
    ("Самарский", None),  # Samar and Samara both listed: left to the transliteration
    ("морские", None),  # a sea, not a place
    ("Завод", None),  # no adjective of a place
])
def test_an_adjective_of_a_place_is_read_as_the_place_the_lists_write(
        word: str, place: str | None) -> None:
    vocab = {"tula", "perm", "minsk", "lugansk", "cheboksary", "grodno", "samar", "samara",
             "mora", "mina", "permo"}
    assert place_of(word, vocab.__contains__) == place


def test_the_translated_reading_reads_places_in_an_organisations_name_only() -> None:
    vocab = {"tula", "koval"}.__contains__
    read = translated_reading("Тульский патронный завод", vocab, org=True)
    assert read is not None and dict(read[1])["Тульский"] == "tula"
    # in a name of unknown kind only beside a word the table translates: Ковальский is a
    # family name, not Koval's
    assert translated_reading("Иван Ковальский", vocab, org=None) is None
    unknown = translated_reading("Тульский завод", vocab, org=None)
    assert unknown is not None and dict(unknown[1]) == {"Тульский": "tula", "завод": "plant"}


@pytest.mark.parametrize(("name", "acronyms"), [
    ("Акционерное общество “Муромский приборостроительный завод”", ["mpz"]),  # JSC “MPZ”
    ("ОАО Балашихинский литейно-механический завод", ["blmz"]),  # each part of a compound
    ("Российские железные дороги", ["rzhd", "rzd"]),  # Ж whole or by its first letter
    ("Всероссийская государственная телевизионная и радиовещательная компания",
     ["vgtrk"]),  # (и joins the words)
    ("Казанский авиационный завод имени С. П. Горбунова", ["kaz"]),  # (named after: cut)
    ("АО Завод Янтарь", []),  # two words: no acronym
    ("НПО «Марков-Захаров»", []),  # named after people: no acronym of their names
    ("АО «Архипова, Соколова и Веселова»", []),
    ("АО НПО «Московский машиностроительный завод»", ["mmz"]),  # (НПО: an acronym itself)
    ("ООО Rustecdrone Научно-Производственное объединение", []),  # a word in Latin letters
    ("Ural Optical Plant", []),
])
def test_a_cyrillic_organisation_name_is_read_as_its_acronym(
        name: str, acronyms: list[str]) -> None:
    assert acronym_readings(name) == acronyms


ACRONYM_LIST = Path(__file__).parent / "data" / "acronym" / "ConList.csv"


def test_the_screener_finds_a_company_listed_by_its_acronym_only(tmp_path: Path) -> None:
    """The UK list's own rows of Samara Metallurgical Plant under its acronym (SMZ JSC, group
    16421 of ConList 2026) and of the Mujahidin of Western Indonesia under theirs (MIT, group
    13304), alone: the company's name in Russian finds SMZ, read as its acronym, a little
    weaker than a match of its words; a person's name of unknown kind and a name whose
    initials differ do not; nor does an acronym find a party outside the countries that
    write Cyrillic (Московский институт теплотехники is no MIT of Indonesia)."""
    reg = Registry(tmp_path / "home", auto_sample=False)
    assert reg.load(ACRONYM_LIST).status == "loaded"
    screener = Screener(reg)
    for schema in ("Organization", None):
        result = screener.screen(Query.build(name="АО Самарский металлургический завод",
                                             schema=schema))
        assert result.matches and result.matches[0].matched_name == "SMZ JSC", result
        top = result.matches[0]
        assert 0.8 <= top.score < 1.0
        read = [e for e in top.explanation if e.feature == "acronym"]
        assert read and read[0].data["read_as"] == "SMZ"
    for name, schema in (("Самарская металлургическая компания", "Organization"),
                         ("Сергей Михайлович Зайцев", None), ("Сергей Михайлович Зайцев",
                                                              "Person"),
                         ("Московский институт теплотехники", "Organization")):
        assert not screener.screen(Query.build(name=name, schema=schema)).matches
    reg.close()


def test_an_arabic_or_persian_company_is_read_with_its_business_words_in_english() -> None:
    # (as the lists translate: the business words and legal forms; word for word, the
    # general vocabulary too, arabic_english, tested below)
    def translated_reading(text: str, org: bool | None = True) -> tuple[str, list[
            tuple[str, str]]] | None:
        return orgwords.translated_reading(text, org=org, everyday=False)

    read = translated_reading("شرکت بنیان دانش شرق")  # Persian شرکت, company
    assert read == ("company بنیان دانش شرق", [("شرکت", "company")])
    # the legal forms written with dots, the words with their article or preposition
    assert translated_reading("إيجر شيبينغ م.د.م.س") == ("إيجر شيبينغ dmcc",
                                                        [("م.د.م.س", "dmcc")])
    office = translated_reading("مكتب حنيفة للصرافة")
    assert office is not None and office[0] == "office حنيفة exchange"
    # the English word Persian writes for an airline's (ایران ایر, Iran Air)
    assert translated_reading("ایران ایر") == ("ایران air", [("ایر", "air")])
    assert translated_reading("محمد امين") is None  # a person's name has none
    # nor, in a name of unknown kind, is one read for the words a person's name has too
    # (Mohammad Eslami, Ali Melli)
    assert translated_reading("محمد اسلامی", org=None) is None
    assert translated_reading("علی ملی", org=None) is None
    # in one known to be an organisation's, they are its words (0.47 before against the
    # Shahid Haj Ali Movahed Research Center: مرکز, تحقیقات two words more)
    center = translated_reading("مرکز تحقیقات شهید حاج علی موحد", org=True)
    assert center is not None and center[0] == "center research شهید حاج علی موحد"
    assert compare_forms(analyze(center[0], org=True), analyze(
        "Shahid Haj Ali Movahed Research Center", org=True), W).score >= 0.9
    assert translated_reading("مرکز تحقیقات شهید حاج علی موحد", org=None) is None
    irgc = translated_reading("نیروی هوافضای سپاه پاسداران انقلاب اسلامی")
    assert irgc is not None and irgc[0] == "force aerospace islamic revolutionary guard corps"
    for query, listed in (("شرکت بنیان دانش شرق", "Bonyan Danesh Shargh Private Company"),
                          ("گروه صنایع فجر", "FAJR INDUSTRIAL GROUP"),
                          ("مكتب حنيفة للصرافة", "HANIFA MONEY EXCHANGE OFFICE")):
        reading = translated_reading(query)
        assert reading is not None
        form = analyze(listed, org=True)
        assert compare_forms(analyze(reading[0], org=True), form, W).score >= 0.9
        assert compare_forms(analyze(query, org=True), form, W).score < 0.8


def test_an_arabic_or_persian_name_read_word_for_word() -> None:
    """The general vocabulary of Arabic and Persian organisation names
    (data/org_words_arabic.json), with what the words are written with before them (the
    article, و ب ل), in a name known to be an organisation's or with a business word; the
    reading as the lists translate keeps the words they write as they sound (Shargh)."""
    assert arabic_english("المقاتلة") == "fighting" == arabic_english("والمقاتلة")
    assert arabic_english("للتكنولوجيا") == arabic_english("التكنولوجيا") is not None
    assert arabic_english("محمد") is None
    # (ميليشيا, militia: the Kaniyat militia as Arabic writes it met no candidate before)
    assert arabic_english("مليشيا") == "militia" == arabic_english("الميليشيات")
    for query, listed in (("الجماعة الاسلامية المقاتلة الليبية", "LIBYAN ISLAMIC FIGHTING GROUP"),
                          ("شرکت حفاری شمال", "NORTH DRILLING COMPANY"),
                          ("مليشيا كانيات", "KANIYAT MILITIA")):
        lists, words = orgwords.translated_readings(query, org=True)
        assert words is not None and words != lists
        form = analyze(listed, org=True)
        assert compare_forms(analyze(words[0], org=True), form, W).score >= 0.9, words
        assert lists is None or compare_forms(analyze(lists[0], org=True), form,
                                              W).score < 0.8
    # not in a name of unknown kind without a business word (a person's may have the words)
    assert orgwords.translated_readings("حسن المصري", org=None) == (None, None)
    shargh = orgwords.translated_readings("شرکت بنیان دانش شرق")
    assert shargh[0] is not None and shargh[0][0] == "company بنیان دانش شرق"


def test_the_countries_of_arabic_and_persian_organisation_names() -> None:
    """A country the name gives is the country the English name gives (ایران, Iran, read
    from the script as ayran; العراق, Iraq), and في joins the words as in does."""
    assert arabic_english("ایران") == "iran" == arabic_english("إيران")
    assert arabic_english("بليبيا") == "libya" and arabic_english("والشام") == "levant"
    for query, listed in (("القاعده في العراق", "AL-QAIDA IN IRAQ"),
                          ("الدولة الإسلامية في العراق والشام - ليبيا",
                           "ISLAMIC STATE IN IRAQ AND THE LEVANT - LIBYA"),
                          ("فرماندهی انتظامی جمهوری اسلامی ایران",
                           "Law Enforcement Forces of the Islamic Republic of Iran")):
        words = orgwords.translated_readings(query, org=True)[1]
        assert words is not None
        assert compare_forms(analyze(words[0], org=True), analyze(listed, org=True),
                             W).score >= 0.8, words


def test_cyrillic_words_the_table_lacks() -> None:
    armed = translated_reading("Вооружённые Силы Российской Федерации")
    assert armed is not None and armed[0] == "armed forces russian federation"
    listed = analyze("Armed Forces of the Russian Federation", org=True)
    assert compare_forms(analyze(armed[0], org=True), listed, W).score >= 0.95
    bulgarian = translated_reading("Държавно предприятие Belaeronavigatsia")  # Bulgarian
    assert bulgarian is not None and bulgarian[0] == "state enterprise Belaeronavigatsia"


def test_the_written_vocabulary_reads_bulgarian_and_greek_bodies() -> None:
    """The EU writes every name in Bulgarian and Greek too: the words of their bodies are in
    the written vocabulary (session 38), their articles and cases among the forms."""
    for native, english, listed in (
            ("Върховен избирателен съвет", "supreme electoral council",
             "Supreme Electoral Council"),
            ("правоохранителни сили на Ислямска република Иран",
             "law enforcement forces of islamic republic iran",
             "Law Enforcement Forces of the Islamic Republic of Iran"),
            ("Εθνικός Απελευθερωτικός Στρατός", "national liberation army",
             "National Liberation Army")):
        read = translated_reading(native)
        assert read is not None and read[0] == english, read
        assert compare_forms(analyze(read[0], org=True), analyze(listed, org=True),
                             W).score >= 0.95


def test_greek_words_the_table_lacks_and_the_words_that_join_them() -> None:
    bank = translated_reading("Ρωσική Εθνική Εμπορική Τράπεζα")
    assert bank is not None and bank[0] == "russian national commercial bank"
    listed = analyze("RUSSIAN NATIONAL COMMERCIAL BANK", org=True)
    assert compare_forms(analyze(bank[0], org=True), listed, W).score >= 0.95
    # του, της: of, as English joins the words (they were name words the English lacks)
    god = translated_reading("Οπαδοί του Θεού")
    assert god is not None and god[0] == "supporters of god"
    assert translated_reading("Γιώργος Παπαδόπουλος") is None


def test_greek_names_of_countries_guards_and_cities() -> None:
    """A country's name is not its adjective (Ενωμένη Ρωσία is United Russia, Ρωσική Εθνική
    Τράπεζα a Russian bank), a guard is a guard (the learned table gives Φρουρά the
    Revolutionary beside it in the names it learned from), and the cities and countries the
    EU's Greek names give are named as the English ones are."""
    for native, english, listed in (
            ("Ενωμένη Ρωσία", "united russia", "United Russia"),
            ("Εθνική Φρουρά της Ρωσικής Ομοσπονδίας", "national guard of russian federation",
             "National Guard of the Russian Federation"),
            ("Τμήμα Τεχνολογιών Πληροφοριών του Δήμου Μόσχας",
             "department technology information of city moscow",
             "Department of Information Technologies of the City of Moscow"),
            ("Ιρανική Αστυνομία Ηθών", "iranian police morals", "Iranian Morality Police")):
        read = translated_reading(native)
        assert read is not None and read[0] == english, read
        if native != "Ιρανική Αστυνομία Ηθών":  # (morals: morality, a word apart)
            assert compare_forms(analyze(read[0], org=True), analyze(listed, org=True),
                                 W).score >= 0.8, (native, read)


def test_the_screener_reads_a_cyrillic_company_in_english(screener) -> None:  # type: ignore[no-untyped-def]
    """The translated reading is scored beside the transliteration and says what it
    translated; a person's name is not translated."""
    result = screener.screen(Query.build(name="Гомель радио завод", schema="Organization"))
    top = result.matches[0]
    assert "Gomel Radio Plant" in top.matched_name and top.score >= 0.9, result
    read = [e for e in top.explanation if e.feature == "translation"]
    assert read and read[0].data["words"] == {"завод": "plant"}
    # an adjective of a place as the place (Гомельский, of Гомель: Gomel)
    gomel = screener.screen(Query.build(name="Гомельский радио завод", schema="Organization"))
    assert gomel.matches and "Gomel Radio Plant" in gomel.matches[0].matched_name, gomel
    assert gomel.matches[0].score >= 0.9
    read = [e for e in gomel.matches[0].explanation if e.feature == "translation"]
    assert read and read[0].data["words"] == {"Гомельский": "gomel", "завод": "plant"}
    person = screener.screen(Query.build(name="Иван Банк", schema="Person"), threshold=0.0)
    assert not [e for m in person.matches for e in m.explanation if e.feature == "translation"]


@requires_full_lists
def test_the_shipped_table_is_what_the_lists_teach(main_registry: Registry,
                                                   tmp_path: Path) -> None:
    doc = learn_from_registry(main_registry)
    shipped = json.loads(files("sanctio").joinpath("data", "org_words.json").read_text("utf-8"))
    assert doc["words"] == shipped["words"]
    out = tmp_path / "org_words.json"
    write_table(doc, out)
    assert json.loads(out.read_text("utf-8"))["words"] == shipped["words"]
    assert doc["words"]["завод"]["english"] == "plant"
    assert doc["words"]["банк"]["english"] == "bank"


def test_the_command_writes_a_table(excerpt_home: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sanctio.cli import app

    out = tmp_path / "org_words.json"
    result = CliRunner().invoke(app, ["evaluate", "learn-org-words", "--home",
                                      str(excerpt_home), "--output", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text("utf-8"))
    assert doc["source"]["split"] == "train" and set(doc["source"]["lists"]) == {
        "us-ofac", "un", "eu", "uk"}
    assert f"{len(doc['words'])} words written" in result.output.replace("\n", " ")
    bad = CliRunner().invoke(app, ["evaluate", "learn-org-words", "--home", str(excerpt_home),
                                   "--split", "heldout", "--output", str(out)])
    assert bad.exit_code == 2


NPP_LIST = Path(__file__).parent / "data" / "acronym" / "ConList-npp.csv"


@pytest.mark.parametrize(("name", "read"), [
    # (the acronym is not written out: its three words would weigh as the name's)
    ("NPO Izhmash", None),
    ("JSC Scientific and Production Enterprise Istok",
     ("JSC NPP Istok", ("Scientific and Production Enterprise", "NPP"))),
    ("Scientific-Production Association Izhmash",
     ("NPO Izhmash", ("Scientific-Production Association", "NPO"))),
    ("Romashka LLC", None),
    ("Research Institute of Radio", None),  # (only the whole phrase is the acronym's)
])
def test_a_russian_body_acronym_and_its_english(name: str,
                                                read: tuple[str, tuple[str, str]] | None
                                                ) -> None:
    assert body_acronym_reading(name) == read


def test_the_screener_reads_npp_as_scientific_and_production_enterprise(
        tmp_path: Path) -> None:
    """The UK list's rows of JSC NPP Salyut (group 16767 of ConList 2026), split in two:
    the rows that write the acronym and those that write it out in English (their
    Cyrillic column left out: АО НПП «Салют» reads as NPP too). Each query finds the party
    through the rows of the other kind: the query read with the acronym, or the list name
    read with it, said so."""
    with NPP_LIST.open(encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    header, rows = lines[:2], lines[2:]
    short = [r for r in rows if "NPP" in r[0].split()]
    long_ = [[*r[:7], "", "", "", *r[10:]] for r in rows
             if r[0].upper().startswith("JOINT-STOCK COMPANY")]
    assert short and long_
    for part, query in ((short, "Scientific and Production Enterprise Salyut"),
                        (long_, "NPP Salyut")):
        path = tmp_path / f"{len(part)}" / "ConList.csv"
        path.parent.mkdir()
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(header + part)
        reg = Registry(tmp_path / f"home{len(part)}", auto_sample=False)
        assert reg.load(path).status == "loaded"
        result = Screener(reg).screen(Query.build(name=query, schema="Organization"))
        assert result.matches, query
        top = result.matches[0]
        assert top.score >= 0.9, (query, top.score)
        # (the query read with the acronym, or the list name read with it)
        assert any(e.feature == "translation" or "acronym the lists also write" in e.detail
                   for e in top.explanation), (query, top.matched_name)
        reg.close()


def test_a_reading_never_takes_the_place_of_a_name_the_list_writes(tmp_path: Path) -> None:
    """The whole group: its long English name read with the acronym is the alias AO (JSC)
    NPP Salyut the list also writes, and the match names the alias, not the reading."""
    reg = Registry(tmp_path / "home", auto_sample=False)
    assert reg.load(NPP_LIST).status == "loaded"
    top = Screener(reg).screen(Query.build(name="JSC NPP Salyut",
                                           schema="Organization")).matches[0]
    # (AO and JSC are one legal form: the list's first of the two is kept)
    assert top.matched_name in ("AO NPP Salyut", "JSC NPP Salyut")
    assert "read as" not in top.explanation[0].detail
    reg.close()


def test_a_word_not_translated_against_the_one_word_the_latin_name_has_more() -> None:
    """A Cyrillic company name read in English with one word the tables do not translate
    meets the list's Latin name that has one word in its place as weaker evidence, not as a
    word missing on each side; not where that word is the name's only distinctive one, nor
    an acronym, nor in a name nothing was translated in."""
    listed = analyze("PJSC “Yakutsk Fuel and Energy Company”", org=True)
    # (as the screener reads Публичное Акционерное Общество “Якутская Топливно
    # Энергетическая Компания”, Якутская the place its vocabulary holds)
    read = "Публичное Акционерное Общество “yakutsk Топливно energy company”"
    cmp = compare_forms(analyze(read, org=True), listed, W)
    gap = [p for p in cmp.pairs if p.query[0].text == "toplivno"]
    assert gap and gap[0].listed[0].text == "fuel" and "not translated" in gap[0].how
    assert 0.85 <= cmp.score < 0.95, cmp.describe()
    # a whole word of the query met: no gap to fill
    met = compare_forms(analyze("yakutsk fuel energy company", org=True), listed, W)
    assert met.score > cmp.score
    # written wholly in Cyrillic: nothing read in English, nothing to pair
    whole = compare_forms(analyze("Якутская Топливно Энергетическая Компания", org=True),
                          listed, W)
    assert not [p for p in whole.pairs if "not translated" in p.how]
    # the untranslated word is the company's own name: no business word stands for it
    other = compare_forms(analyze("ООО “Северная” construction company", org=True),
                          analyze("LLC Southern Construction Company", org=True), W)
    assert not [p for p in other.pairs if "not translated" in p.how] and other.score < 0.8
    # an adjective of a place the vocabulary lacks names another place (Самарский is no
    # AGAT), unless it begins as the list's word does (Оршанский, Orsha)
    samara = compare_forms(analyze("АО “Самарский electromechanical plant”", org=True),
                           analyze("AGAT electromechanical Plant OJSC", org=True), W)
    assert not [p for p in samara.pairs if "not translated" in p.how] and samara.score < 0.8
    orsha = compare_forms(analyze('ОАО "Оршанский aircraft repair plant"', org=True), analyze(
        "Open Joint Stock Company “Orsha Aircraft Repair Plant“", org=True), W)
    assert [p for p in orsha.pairs if "not translated" in p.how] and orsha.score >= 0.8
    # an English word whose Cyrillic the tables know (radio: радио) is less likely the word
    # they could not read: paired, and weaker (Сарапульский электрогенераторный завод is the
    # Sarapul Electric Generator Plant, not the Sarapul Radio Plant)
    radio = compare_forms(analyze("АО «sarapul Электрогенераторный plant»", org=True),
                          analyze("JSC SARAPUL RADIO PLANT", org=True), W)
    assert [p for p in radio.pairs if "know that word" in p.how] and radio.score < 0.8
    # nor a country's name (Филипините, the Philippines in Bulgarian, is no Peru); but a
    # word written alike is the word in two languages (Αφγανική, Afghan)
    peru = compare_forms(analyze("communist party of Филипините", org=True),
                         analyze("COMMUNIST PARTY OF PERU", org=True), W)
    assert not [p for p in peru.pairs if "not translated" in p.how] and peru.score < 0.8
    afghan = compare_forms(analyze("Αφγανική committee support", org=True),
                           analyze("Afghan Support Committee", org=True), W)
    assert [p.how for p in afghan.pairs if "not translated" in p.how] == [
        "a word not translated, where the Latin name has one word more"]
    assert afghan.score >= 0.8
    # an acronym (ГС, the City of Sevastopol) stands for no one word
    port = compare_forms(analyze("ГУП ГС ‘sevastopol sea port’", org=True),
                         analyze("State enterprise ‘Sevastopol commercial seaport’", org=True), W)
    assert not [p for p in port.pairs if "not translated" in p.how] and port.score < 0.8


@pytest.mark.parametrize(("english", "russian"), [
    ("Federal State Enterprise “Tambov Gunpowder Plant”",
     "Федеральное Казенное Предприятие “Тамбовский Пороховой Завод”"),
    ("FEDERAL STATE ENTERPRISE ANOZIT", "Федеральное казенное предприятие “АНОЗИТ”"),
])
def test_a_federal_enterprise_in_english_is_the_legal_form(english: str, russian: str) -> None:
    # (rigour reads State Enterprise: federal was a word of the name the Russian lacks)
    form = analyze(english, org=True)
    assert form.legal == {"soe"} and "federal" not in [t.text for t in form.scoring]
    assert analyze(russian, org=True).legal == {"soe"}


@pytest.mark.parametrize(("name", "read"), [
    ("9η Ταξιαρχία", "9 brigade"),  # the 9th Brigade, Kaniyat (η was read as the article)
    ("53η Ταξιαρχία Αντιαεροπορικών Πυραύλων", "53 brigade anti aircraft missile"),
    ("9-та бригада", "9 brigade"),  # Bulgarian (та was a word)
    ("142-й батальон", "142 battalion"),
])
def test_an_ordinal_number_in_greek_or_cyrillic_is_its_number(name: str, read: str) -> None:
    found = translated_reading(name)
    assert found is not None and found[0] == read
    # (a number with no ending stays as written: воинская часть 20924, military unit 20924)
    unit = translated_reading("воинская часть 20924")
    assert unit is not None and unit[0] == "military unit 20924"


def test_the_screener_finds_the_kaniyat_militia_by_its_greek_name(tmp_path: Path) -> None:
    """The EU's Greek and Bulgarian names of the Kaniyat militia, 9η Ταξιαρχία and 9-та
    бригада (the 9th Brigade), against the built-in sample, which writes it in Latin
    letters only (9TH BRIGADE)."""
    screener = Screener(Registry(tmp_path / "home"))
    for name in ("9η Ταξιαρχία", "9-та бригада"):
        result = screener.screen(Query.build(name=name, schema="Organization"))
        assert result.matches and "KANIYAT" in result.matches[0].name.upper(), result
    # the 7th is another brigade
    seventh = screener.screen(Query.build(name="7η Ταξιαρχία", schema="Organization"))
    assert not any("9TH" in m.matched_name.upper() for m in seventh.matches), seventh


def test_what_arabic_says_of_a_person_before_the_name_is_set_aside() -> None:
    """Arabic and Persian write an office and what completes it before a name (الرئيس السوري
    بشار الأسد; الأمين العام لحزب الله حسن نصر الله; فرمانده سپاه قدس قاسم سلیمانی): with no
    capitals to tell them apart, the office opens it and the words of the vocabulary of
    organisation names (and the bodies no table translates: Hezbollah, the Quds Force) complete
    it; the name is what follows, two words or more."""
    from sanctio.text.orgwords import arabic_office_phrase

    assert arabic_office_phrase("الرئيس السوري بشار الأسد") == ("بشار الأسد", "الرئيس السوري")
    assert arabic_office_phrase("الأمين العام لحزب الله حسن نصر الله") == (
        "حسن نصر الله", "الأمين العام لحزب الله")
    assert arabic_office_phrase("فرمانده سپاه قدس قاسم سلیمانی") == (
        "قاسم سلیمانی", "فرمانده سپاه قدس")
    assert arabic_office_phrase("وزير الدفاع أيوب") is None  # (one word left: no name)
    assert arabic_office_phrase("بشار الأسد") is None  # (no office)
    # (an office with nothing completing it is a title, or a given name: الأمين محمد حسن)
    assert arabic_office_phrase("الأمين محمد حسن") is None


def test_a_name_after_an_office_in_arabic_finds_the_person(screener) -> None:  # type: ignore[no-untyped-def]
    top = screener.screen(Query.build(name="الأمين العام لحزب الله حسن نصر الله")).matches[0]
    assert top.entity_id == "us-ofac-2686" and top.score >= 0.9
    assert any(e.feature == "reading" and "لحزب الله" in e.detail for e in top.explanation)
