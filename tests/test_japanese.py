"""Japanese names in kanji (:mod:`sanctio.text.japanese`) and the table they are read with
(:mod:`sanctio.evaluate.learn_japanese`): pure, no registry but the last test's."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.contract import Query
from sanctio.evaluate.learn_japanese import learn, read_enamdict, read_kanjidic, romaji_spellings
from sanctio.text.japanese import japanese_readings, japanese_word, spelled_in_japanese

# words of list names, as the lists' vocabulary has them, with how many names have each
DF = {"shinoda": 1, "kenichi": 2, "takayama": 1, "kiyoshi": 3, "tanoue": 1, "fumio": 2,
      "teraoka": 1, "osamu": 2, "tadashi": 6, "goto": 5, "tadamasa": 1, "shibata": 3,
      "wei": 40, "zhang": 30, "ri": 25, "kim": 90}


def known(word: str) -> bool:
    return word in DF


@pytest.mark.parametrize(("kanji", "reading"), [
    ("篠田建市", "shinoda kenichi"),  # the dictionary's family and given names
    ("篠田 建市", "shinoda kenichi"),  # a space between the two
    ("髙山清司", "takayama kiyoshi"),  # 髙, the variant form of 高 names are written with
    ("後藤忠政", "goto tadamasa"),  # a long vowel written as one (Gotou: Goto)
    ("田上不美夫", "tanoue fumio"),  # 不美夫: no dictionary name, read character by character
])
def test_a_japanese_name_in_kanji_reads_as_the_lists_spell_it(kanji: str, reading: str) -> None:
    readings = [r for r, _, _ in japanese_readings(kanji, known, DF)]
    assert reading in readings
    assert readings[0] == reading


def test_the_readings_say_which_characters_read_as_which_word() -> None:
    assert japanese_readings("篠田建市", known, DF)[0] == ("shinoda kenichi", "篠田", "建市")


def test_of_several_readings_the_one_more_list_names_have_comes_first() -> None:
    # 修 is Osamu, Tadashi, Shu...: each the vocabulary has is read, the commoner word first
    readings = [r for r, _, _ in japanese_readings("寺岡修", known, DF)]
    assert readings == ["teraoka tadashi", "teraoka osamu"]


@pytest.mark.parametrize("text", [
    "篠田建市株式会社",  # too long for a name
    "篠",  # one character
    "Shinoda 建市",  # Latin letters
    "しのだけんいち",  # kana
    "山口",  # a family name alone: no given name the vocabulary has
    "",
])
def test_other_texts_have_no_japanese_reading(text: str) -> None:
    assert japanese_readings(text, known, DF) == []


def test_a_name_with_a_family_name_of_one_character_is_left_to_chinese_and_korean() -> None:
    """Most Chinese and Korean family names have one character, most Japanese ones two: 李超
    is Li Chao, whatever Japanese reading 李 and 超 have (the lists' IKEDA, Takashi met "i
    takashi" as an initial and a given name)."""
    anything = lambda w: True  # noqa: E731
    assert japanese_readings("李超", anything, {}) == []
    assert japanese_readings("林 太郎", anything, {}) == []


def test_a_reading_whose_words_the_lists_lack_is_none() -> None:
    assert japanese_readings("篠田建市", lambda w: w == "shinoda", DF) == []


def test_a_japanese_reading_stands_for_a_list_name_spelled_as_japanese() -> None:
    assert spelled_in_japanese("SHINODA, Kenichi")
    assert spelled_in_japanese("TANOUE Fumio")
    assert spelled_in_japanese("Shinbo Yasuhisa")  # n before a consonant
    assert not spelled_in_japanese("KIM, Song Chol")  # Korean syllables
    assert not spelled_in_japanese("ZHANG, Wei")  # pinyin
    assert not spelled_in_japanese("LI Ming")
    assert not spelled_in_japanese("SHINODA, Kenichi Jr")  # three words
    assert japanese_word("tsukasa") and japanese_word("chikara") and japanese_word("ichiro")
    assert not japanese_word("chol") and not japanese_word("ming")


def test_spellings_of_a_reading_as_the_lists_write_long_vowels() -> None:
    assert romaji_spellings("gotou") == ["gotou", "goto", "gotoh"]
    assert romaji_spellings("ken'ichi") == ["kenichi"]
    assert romaji_spellings("shuuji") == ["shuuji", "shuji"]


ENAMDICT_LINES = """\
\u3000？？？ /ENAMDICT - Japanese Proper Name Dictionary File/
篠田 [しのだ] /(p,s) Shinoda/
篠田 [しばた] /(s) Shibata/
建市 [けんいち] /(u) Ken'ichi/
後藤 [ごとう] /(p,s) Gotou/
東京 [とうきょう] /(p) Toukyou/
山田太郎 [やまだたろう] /(h) Yamada Tarou/
"""
KANJIDIC_LINES = """\
# KANJIDIC JIS X 0208 Kanji Dictionary
不 3954 U4e0d B1 G4 S4 F253 フ ブ T1 ふ {negative}
美 4878 U7f8e B123 G3 S9 ビ ミ うつく.しい T1 はる よし {beauty}
夫 4957 U592b B37 G4 S4 フ フウ ブ おっと T1 お {husband}
鬱 7E3B U9b31 B192 S29 ウツ {gloom}
"""


def test_the_table_is_learned_from_the_dictionaries_files(tmp_path: Path) -> None:
    """The table keeps the readings of family and given names the vocabulary has, in its
    spellings (Gotou: Goto), and the characters' readings of the school and name-use lists
    (a grade); places and whole names of people are not kept."""
    enamdict = tmp_path / "enamdict"
    enamdict.write_bytes(ENAMDICT_LINES.encode("euc_jp"))
    kanjidic = tmp_path / "kanjidic"
    kanjidic.write_bytes(KANJIDIC_LINES.encode("euc_jp"))
    names = list(read_enamdict(enamdict))
    assert ("篠田", "shinoda", {"p", "s"}) in names
    assert all(k != "東京" and k != "山田太郎" for k, _, _ in names)
    chars = dict(read_kanjidic(kanjidic))
    assert chars["美"] == ["bi", "mi", "utsuku", "haru", "yoshi"]
    assert "鬱" not in chars  # no grade: not a character of the lists of names
    doc = learn({"shinoda", "kenichi", "goto"}, names, chars.items())
    assert doc["family"] == {"篠田": ["shinoda"], "後藤": ["goto"]}  # not Shibata: no list word
    assert doc["given"] == {"建市": ["kenichi"]}
    assert doc["chars"]["夫"] == ["fu", "fuu", "bu", "otto", "o"]


def test_the_command_writes_the_table_for_the_registrys_names(excerpt_home: Path,
                                                            tmp_path: Path) -> None:
    """``sanctio evaluate learn-japanese-names`` reads the dictionaries' files and keeps the
    readings the registry's names have (SHINODA Kenichi of the OFAC excerpt); the table it
    writes is the shipped table's shape, with the EDRDG's licence."""
    import json

    from typer.testing import CliRunner

    from sanctio.cli import app

    enamdict = tmp_path / "enamdict"
    enamdict.write_bytes(ENAMDICT_LINES.encode("euc_jp"))
    kanjidic = tmp_path / "kanjidic"
    kanjidic.write_bytes(KANJIDIC_LINES.encode("euc_jp"))
    out = tmp_path / "japanese_names.json"
    result = CliRunner().invoke(app, [
        "evaluate", "learn-japanese-names", "--home", str(excerpt_home), "--output", str(out),
        "--enamdict", str(enamdict), "--kanjidic", str(kanjidic)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text("utf-8"))
    assert doc["family"] == {"篠田": ["shinoda"]}  # (Goto: no name of the excerpt)
    assert doc["given"] == {"建市": ["kenichi"]}
    assert "Attribution-ShareAlike" in doc["license"] and "us-ofac" in doc["source"]["lists"]
    missing = CliRunner().invoke(app, [
        "evaluate", "learn-japanese-names", "--home", str(excerpt_home), "--output", str(out),
        "--enamdict", str(tmp_path / "none"), "--kanjidic", str(kanjidic)])
    assert missing.exit_code == 2


def test_screening_finds_a_japanese_name_in_kanji(screener) -> None:  # type: ignore[no-untyped-def]
    """篠田建市 is the OFAC list's SHINODA, Kenichi; the explanation says how it was read."""
    top = screener.screen(Query.build(name="篠田建市", schema="Person")).matches[0]
    assert top.entity_id == "us-ofac-13072" and top.score >= 0.95
    reading = [e for e in top.explanation if e.feature == "reading"]
    assert reading and reading[0].data["read_as"] == "shinoda kenichi"
    assert reading[0].data["words"] == {"篠田": "shinoda", "建市": "kenichi"}
    assert reading[0].effect < 0
    # a Chinese name of as many characters is read as before: no Japanese reading
    other = screener.screen(Query.build(name="张伟", schema="Person"))
    assert all(e.data.get("language") != "ja" for m in other.matches for e in m.explanation)
