"""Business words written short (``sanctio.text.orgshort``): the shipped table is rigour's
organisation symbols, read the way :func:`sanctio.text.orgshort.build` reads them."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from sanctio.text.normalize import GENERIC, Role, analyze, tokenize_ascii
from sanctio.text.orgshort import build, full_word
from sanctio.text.symbols import _rigour_data, rigour_version


def _shipped() -> dict[str, object]:
    doc: dict[str, object] = json.loads(
        files("sanctio").joinpath("data", "org_short.json").read_text("utf-8"))
    return doc


@pytest.mark.skipif(_rigour_data() is None, reason="rigour's compiled data not found")
def test_shipped_table_is_rigours_symbols() -> None:
    shipped = _shipped()
    if shipped["rigour"] != rigour_version():
        pytest.skip(f"table built with rigour {shipped['rigour']}, {rigour_version()} installed")
    assert build(GENERIC, tokenize_ascii)["words"] == shipped["words"]


@pytest.mark.parametrize("short,word", [("natl", "national"), ("shpg", "shipping"),
                                        ("trdg", "trading"), ("mfg", "manufacturing"),
                                        ("svcs", "services"), ("dept", "department"),
                                        ("mgmt", "management"), ("govt", "government"),
                                        ("bldg", "building"), ("rlwy", "railway")])
def test_short_forms_stand_for_their_word(short: str, word: str) -> None:
    assert full_word(short) == word


@pytest.mark.parametrize("word", ["islam", "dev", "petro", "electronic", "plant", "system"])
def test_names_words_and_translations_are_not_short_forms(word: str) -> None:
    """A person's name (Islam, Dev), another form of the word (electronic, system) or
    another word (plant, for factory) is read as written."""
    assert full_word(word) is None


def test_an_organisations_name_reads_short_forms_a_persons_does_not() -> None:
    org = analyze("Korea Samilpo Shpg Trdg Co", org=True)
    assert [t.text for t in org.scoring] == ["korea", "samilpo", "shipping", "trading", "co"]
    assert {t.role for t in org.scoring[2:]} == {Role.GENERIC}
    person = analyze("Natl Smith", org=False)
    assert [t.text for t in person.scoring] == ["natl", "smith"]


def test_muhammad_written_short_in_a_persons_name() -> None:
    for short in ("Md", "Mohd", "Muhd", "Mhd"):
        form = analyze(f"{short} Ali Khan", org=False)
        assert form.scoring[0].text in ("mohammed", "muhammad"), short
    # in a company's name too (MHD Nazier Houranieh & Sons Co): in the query and the list
    assert analyze("MHD Nazier Houranieh & Sons Co", org=True).scoring[0].text == "mohammed"


def test_a_word_written_short_with_a_full_stop() -> None:
    form = analyze("Libyan Inv. Authority", org=True)
    inv = [t for t in form.tokens if t.text == "inv"]
    assert inv and inv[0].short
    assert not [t for t in analyze("Libyan Inv Authority", org=True).tokens if t.short]
    # a business word known as it is is no short form (Co., Corp.)
    assert not [t for t in analyze("Tadbir Corp. Co.", org=True).tokens if t.short]
