"""Foreign names written in Hangul (sanctio.text.hangul_foreign) and in Chinese characters
(sanctio.text.han_foreign): read back to the Latin spellings they transcribe and screened as
those (a Korean or Chinese bank's records and the press write a Russian's or an Arab's name
so: 블라디미르 푸틴, 弗拉基米尔·普京; 하산 나스랄라, 巴沙尔·阿萨德)."""

from __future__ import annotations

from typing import Any

import pytest

from sanctio.contract import Query
from sanctio.text import han_foreign
from sanctio.text.hangul_foreign import first_letters, looks_foreign, reads_as_foreign


@pytest.mark.parametrize(("hangul", "latin"), [
    ("블라디미르", "vladimir"), ("푸틴", "putin"), ("로만", "roman"),
    ("아브라모비치", "abramovich"), ("세르게이", "sergey"), ("세르게이", "sergei"),
    ("라브로프", "lavrov"), ("알리셰르", "alisher"), ("우스마노프", "usmanov"),
    ("올레크", "oleg"), ("데리파스카", "deripaska"), ("드미트리", "dmitry"),
    ("메드베데프", "medvedev"), ("이고르", "igor"), ("블라디미로비치", "vladimirovich"),
    ("하산", "hassan"), ("나스랄라", "nasrallah"), ("예브게니", "yevgeny"),
    ("프리고진", "prigozhin"), ("알렉산드르", "aleksandr"), ("루카셴코", "lukashenko"),
])
def test_hangul_reads_as_the_spellings_it_transcribes(hangul: str, latin: str) -> None:
    assert reads_as_foreign(hangul, latin)
    assert latin[0] in first_letters(hangul)  # (the index looks among the words so begun)


@pytest.mark.parametrize(("hangul", "latin"), [
    ("푸틴", "patin"), ("푸틴", "putina"), ("라브로프", "lebrov"), ("로만", "ramon"),
    ("세르게이", "sarah"), ("우스마노프", "smanov"), ("이고르", "igorev"),
])
def test_hangul_is_no_other_name(hangul: str, latin: str) -> None:
    assert not reads_as_foreign(hangul, latin)


def test_only_a_foreign_name_is_read_so() -> None:
    # the vowel Korean adds to a lone consonant (르, 스, 프; 블 before 라), or a middle dot
    assert looks_foreign("블라디미르 푸틴")
    assert looks_foreign("로만 아브라모비치")
    assert looks_foreign("푸틴·블라디미르")
    assert looks_foreign("이고리 세친")  # (a given name of two syllables or more before)
    # a Korean's own name has none (its ㅡ has a last consonant: 근, 은); nor Latin letters
    for name in ("김정은", "박근혜", "이병철", "최룡해", "김 정은", "남궁 민수", "Vladimir 푸틴",
                 # (written given name first, as Faker's Korean names are)
                 "정웅 김", "영식 서영 박", "상호 영철 김", "현주 이"):
        assert not looks_foreign(name), name


@pytest.mark.parametrize(("han", "latin"), [
    ("弗拉基米尔", "vladimir"), ("普京", "putin"), ("罗曼", "roman"),
    ("阿布拉莫维奇", "abramovich"), ("谢尔盖", "sergey"), ("拉夫罗夫", "lavrov"),
    ("阿利舍尔", "alisher"), ("乌斯马诺夫", "usmanov"), ("奥列格", "oleg"),
    ("德里帕斯卡", "deripaska"), ("德米特里", "dmitry"), ("梅德韦杰夫", "medvedev"),
    ("伊戈尔", "igor"), ("谢钦", "sechin"), ("巴沙尔", "bashar"), ("阿萨德", "assad"),
    ("叶夫根尼", "yevgeny"), ("普里戈津", "prigozhin"), ("拉姆赞", "ramzan"),
    ("卡德罗夫", "kadyrov"), ("亚历山大", "alexander"), ("卢卡申科", "lukashenko"),
    ("米哈伊尔", "mikhail"), ("米舒斯京", "mishustin"),
])
def test_chinese_characters_read_as_the_spellings_they_transcribe(han: str,
                                                                 latin: str) -> None:
    assert han_foreign.reads_as_foreign(han, latin)


@pytest.mark.parametrize(("han", "latin"), [
    ("普京", "patin"), ("拉夫罗夫", "lebrov"), ("罗曼", "ramon"), ("谢尔盖", "sarah"),
    ("乌斯马诺夫", "smanov"), ("伊戈尔", "igorev"),
])
def test_chinese_characters_are_no_other_name(han: str, latin: str) -> None:
    assert not han_foreign.reads_as_foreign(han, latin)


def test_only_a_foreign_name_in_chinese_characters_is_read_so() -> None:
    # the middle dot between its words (and the katakana dot, as Japanese-made fonts give it)
    assert han_foreign.looks_foreign("弗拉基米尔·普京")
    assert han_foreign.looks_foreign("罗曼・阿布拉莫维奇")
    assert han_foreign.words_of("弗拉基米尔·普京") == ["弗拉基米尔", "普京"]
    # a Chinese person's own name has none
    for name in ("习近平", "陈全国", "林鄭月娥", "普京"):
        assert not han_foreign.looks_foreign(name), name


@pytest.mark.parametrize(("native", "listed", "script"), [
    ("블라디미르 푸틴", "PUTIN", "Hangul"), ("알리셰르 우스마노프", "USMANOV", "Hangul"),
    ("弗拉基米尔·普京", "PUTIN", "Chinese"), ("阿利舍尔·乌斯马诺夫", "USMANOV", "Chinese"),
    # (the Arabic article Korean writes joined, read apart: al zawahiri)
    ("아이만 알자와히리", "ZAWAHIRI", "Hangul"),
])
def test_a_foreign_name_in_hangul_or_chinese_meets_its_latin_spelling(
        latin_only: Any, native: str, listed: str, script: str) -> None:
    best = latin_only.screen(Query.build(native)).matches[0]
    assert listed in best.name.upper() and best.score >= 0.9, best
    reading = next(e for e in best.explanation if e.feature == "reading")
    assert script in reading.detail and reading.effect < 0, reading
    # a Korean's or Chinese person's own name is still read as one
    for own in ("김정은", "习近平"):
        assert not any("foreign name" in e.detail
                       for m in latin_only.screen(Query.build(own), threshold=0.5).matches
                       for e in m.explanation)


def test_a_word_of_two_likely_spellings_is_read_both_ways(latin_only: Any) -> None:
    # 니콜라스 is Nicholas and Nicolas alike: both readings are screened (Nicolas MADURO MOROS
    # was 0.69 through Nicholas alone); a word no list word spells reads as nothing at all
    from sanctio.text.hangul_foreign import plain_reading

    spellings = {"니콜라스": ["nicolas", "nicholas"], "마두로": ["maduro"]}
    read = latin_only._foreign_words(["니콜라스", "마두로"], lambda w: spellings.get(w, []),
                                     plain_reading)
    assert sorted(text for text, _ in read) == ["nicholas maduro", "nicolas maduro"]
    assert latin_only._foreign_words(["니콜라스", "김치"], lambda w: spellings.get(w, []),
                                     plain_reading) == []


@pytest.mark.parametrize(("russian", "pinyin"), [
    ("Чэнь Цюаньго", "chen quanguo"), ("Чжу Хайлунь", "zhu hailun"),
    ("Ся Баолун", "xia baolong"), ("Хо Люцзюнь", "huo liujun"), ("Ло Хуэйнин", "luo huining"),
    ("Мао Цзэдун", "mao zedong"), ("Го Шэнкунь", "guo shengkun"), ("Сюй Цилян", "xu qiliang"),
])
def test_a_chinese_name_in_russian_letters_reads_as_its_pinyin(russian: str,
                                                             pinyin: str) -> None:
    from sanctio.text.palladius import palladius_reading

    assert palladius_reading(russian) == pinyin


def test_a_russian_name_is_no_chinese_one() -> None:
    from sanctio.text.palladius import palladius_reading

    # (no Chinese family name of one syllable first or last, or a word of no syllables)
    for name in ("Иван Петров", "Сергей Ли", "Анна Каренина", "Ли", "Wang Li"):
        assert palladius_reading(name) is None, name


@pytest.mark.parametrize("russian", ["Ван Миншань", "Чжу Хайлунь"])
def test_a_chinese_name_in_russian_letters_meets_its_pinyin(latin_only: Any,
                                                            russian: str) -> None:
    best = latin_only.screen(Query.build(russian)).matches[0]
    assert best.score >= 0.95 and best.name.split()[0].upper().strip(",") in (
        "WANG", "ZHU", "MINGSHAN", "HAILUN"), best
    assert any(e.feature == "reading" and "Palladius" in e.detail for e in best.explanation)


# the lists' Korean syllables and how often they occur (a registry's word counts, in part)
_KOREAN_DF = {"kim": 150, "ri": 64, "li": 39, "choe": 25, "jong": 43, "chong": 32, "jon": 16,
              "chon": 21, "yong": 54, "yon": 8, "ryong": 10, "un": 35, "ung": 1, "hae": 3,
              "he": 8, "pyong": 11, "chol": 96, "gil": 15, "kil": 6, "song": 43, "son": 31,
              "il": 79, "yo": 2, "chang": 46, "ju": 13, "jun": 4, "chun": 35, "ho": 36}


@pytest.mark.parametrize(("russian", "latin"), [
    ("Ким Чен Ын", "kim jong un"), ("Ким Чжон Ын", "kim jong un"),
    ("Чхве Рён Хэ", "choe ryong hae"), ("Ри Пён Чхоль", "ri pyong chol"),
    ("Ким Ё Чжон", "kim yo jong"), ("Ри Ён Гиль", "ri yong gil"),
    ("Чо Ён Чжун", "jo yon chun"), ("Ким Ир Сен", "kim il song"), ("Ли Ён Хо", "ri yong ho"),
    ("Ким Ёнчхоль", "kim yong chol"), ("ЛИ Чхан Xo", "ri chang ho"),
])
def test_a_korean_name_in_russian_letters_reads_as_the_lists_syllables(russian: str,
                                                                       latin: str) -> None:
    from sanctio.text.kontsevich import _fold, kontsevich_readings

    read = kontsevich_readings(russian, _KOREAN_DF)
    assert 1 <= len(read) <= 4
    # (the scoring takes jong and chong, gil and kil for one syllable: either may be read)
    assert any([_fold(s) for s in text.split()] == [_fold(s) for s in latin.split()]
               for text, _ in read), read


def test_a_final_n_is_read_as_the_lists_write_it() -> None:
    from sanctio.text.kontsevich import kontsevich_readings

    # Ён is 영 (yong) or 연 (yon): the lists' commoner first, the other beside it; where the
    # lists have only one, only that one
    read = [text for text, _ in kontsevich_readings("Ри Ён Гиль", _KOREAN_DF)]
    assert read[0] == "ri yong gil" and "ri yon gil" in read
    assert [text for text, _ in kontsevich_readings("Ри Ён Гиль", {
        "ri": 5, "yong": 3, "gil": 2})] == ["ri yong gil"]


def test_a_russian_name_is_no_korean_one() -> None:
    from sanctio.text.kontsevich import kontsevich_readings

    # (no Korean family name first or last, a word of three syllables or of none, one word)
    for name in ("Иван Петров", "Ким Ирина", "Анна Ким Петровна", "Ким", "Kim Jong Un",
                 "Сергей Ли"):
        assert kontsevich_readings(name, _KOREAN_DF) == [], name


def test_a_korean_name_in_russian_letters_meets_the_lists_latin_one(latin_only: Any) -> None:
    # (Ким Чен Ын as the Russian press writes him: before, no candidate at all)
    best = latin_only.screen(Query.build("Ким Чен Ын")).matches[0]
    assert best.score >= 0.95 and best.name == "KIM, Jong Un", best
    assert any(e.feature == "reading" and "Kontsevich" in e.detail and "чен = jong" in e.detail
               for e in best.explanation), best.explanation


def test_the_korean_syllable_byon_in_russian_letters_is_no_particle() -> None:
    """Бён is 변 or 병 (Byon, Pyong), read yo: as ben, the particle, it was set aside, and Ли
    Бён Чхоль met Li Van Chol (van a particle too) on two words of three."""
    from sanctio.text.normalize import analyze

    assert [t.text for t in analyze("Ли Бён Чхоль", org=False).scoring] == [
        "li", "byon", "chkhol"]
    assert analyze("Бен Ладен", org=False).tokens[0].role.name == "PARTICLE"  # (бен is)


def test_a_word_is_parted_into_the_fewest_syllables_of_its_system() -> None:
    from sanctio.text.pieces import fewest_pieces

    # (quan, not qu + an: the fewest pieces; a letter no piece covers: none at all)
    assert fewest_pieces("chenquanguo", {"chen", "quan", "guo", "qu", "an"}, 5) == (
        "chen", "quan", "guo")
    assert fewest_pieces("chenx", {"chen"}, 5) is None
    assert fewest_pieces("quan", {"quan"}, 3) is None  # (a piece longer than allowed)
