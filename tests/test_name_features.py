"""Name comparison features, one by one, with no registry: each runs in milliseconds.

Scores use uniform token weights (every token equally rare), so that what is asserted is the
comparison itself, not the rarity of a token in some list.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given as hypothesis_given
from hypothesis import settings
from hypothesis import strategies as st

from sanctio.scoring import (
    KNOWN_APART_SIM,
    KNOWN_OTHER_SIM,
    NameComparison,
    TokenWeights,
    _patronymic_spellings,
    compare_forms,
    token_sim,
    typed_name_score,
)
from sanctio.text.abjad import reads_as
from sanctio.text.cantonese import (
    cantonese_reading,
    hong_kong_spelling,
    may_be_listed,
    spelled_in_cantonese,
)
from sanctio.text.normalize import (
    Role,
    analyze,
    arabic_prepare,
    arabizi_reading,
    as_generation,
    caron_reading,
    devanagari_nukta_reading,
    german_reading,
    greek_foreign_reading,
    hungarian_reading,
    j_as_kh_reading,
    known_syllable,
    korean_only,
    name_parts,
    org_tags,
    russian_nominative,
    russian_reading,
    split_compounds,
    syllable_key,
    to_latin,
    turkish_reading,
)

W = TokenWeights.uniform()


def score(a: str, b: str, org: bool | None = False) -> float:
    return compare_forms(analyze(a, org=org), analyze(b, org=org), W).score


def describe(a: str, b: str, org: bool | None = False) -> str:
    return compare_forms(analyze(a, org=org), analyze(b, org=org), W).describe()


def feature(name: str, a: str, b: str) -> float:
    """One feature of the comparison of two persons' names."""
    return compare_forms(analyze(a, org=False), analyze(b, org=False), W).features[name]


# ------------------------------------------------------------------ text layer


def test_apostrophes_and_soft_signs_never_split_a_word() -> None:
    assert analyze("Mu'ammar Sa'id").latin.split() == ["muammar", "said"]
    assert [t.text for t in analyze("Аркадьевич").tokens] == ["arkadevich"]
    assert [t.text for t in analyze("Наталья СТРЕЛЬЧУК").tokens] == ["natalya", "strelchuk"]


@pytest.mark.parametrize(("native", "latin"), [
    ("Аркадий Романович Ротенберг", "arkadiy romanovich rotenberg"),
    ("Игорь Олегович Щёголев", "igor olegovich shchegolev"),
    ("Сергій Віталійович Курченко", "serhiy vitaliyovych kurchenko"),  # Ukrainian letters
    ("Юрій Iлларіонович", "yuriy illarionovych"),  # a Latin I inside Cyrillic words
])
def test_cyrillic_is_romanised_by_bgn_pcgn_per_language(native: str, latin: str) -> None:
    assert analyze(native).latin == latin


def test_arabic_letter_forms_and_articles_as_lists_write_them() -> None:
    # hamza seat, glued article and Abd compound written together, Persian letters
    assert analyze("الأسد").latin == analyze("الاسد").latin
    assert [t.text for t in analyze("عبدالخالق الحوثي").scoring] == \
        [t.text for t in analyze("عبد الخالق الحوثي").scoring]
    assert analyze("علی").latin == analyze("علي").latin  # Persian yeh
    assert analyze("ﻣﺤﻤﺪ").latin == analyze("محمد").latin  # presentation forms
    assert "bin" in [t.text for t in analyze("فيصل بن علي").tokens]


def test_persian_text_gets_persian_sounds() -> None:
    # رضا is Reza in Persian (ض as z), Rida in Arabic
    assert score("مرتضی رضایی", "Morteza Rezaei") >= 0.8


def test_hangul_is_romanised_syllable_by_syllable() -> None:
    assert analyze("김정은").latin.split() == ["kim", "jong", "un"]
    assert analyze("리송진").latin.split() == ["ri", "song", "jin"]
    assert score("최천식", "CHOE Chun-Sik") >= 0.8


def test_syllable_keys_join_romanisations_not_different_syllables() -> None:
    assert syllable_key("jeong") == syllable_key("jong") == syllable_key("chong")
    assert syllable_key("cheol") == syllable_key("chol")
    assert syllable_key("yang") != syllable_key("yong")
    assert syllable_key("mohamed") is None


def test_a_wade_giles_syllable_is_one_syllable_not_two_of_pinyin() -> None:
    # Chiang is Wade-Giles for qiang and jiang, not the pinyin chi + ang (Chiang KAO, Qiang
    # GAO); two pinyin syllables, one of them another, are still another given name
    assert "chiang~qiang (romanisation variant)" in describe("Chiang KAO", "Qiang GAO")
    assert score("Chiang KAO", "Qiang GAO") >= 0.85
    assert score("Chiang Wei", "JIANG Wei") >= 0.9
    assert score("Guiying Su", "SU, Guiqin") < 0.5


def test_syllable_keys_of_long_open_syllables_and_other_vowels() -> None:
    # Hong Kong writes an open syllable long (Wah, Ngor), Wade-Giles shih for shi, Korean Oh
    assert syllable_key("wah") == syllable_key("wa")
    assert syllable_key("ngor") == syllable_key("ngo")
    assert syllable_key("shih") == syllable_key("shi")
    assert syllable_key("oh") == syllable_key("o")
    # no romanisation of Chinese or Korean writes these vowels: Arabic and Slavic names
    # are no syllables, compared as spellings (Аюб: Ayub, Aiub)
    assert syllable_key("ayub") is syllable_key("aiub") is syllable_key("eyad") is None
    assert score("Аюб Вахаевич КАТАЕВ", "Aiub Vakhaevich KATAEV") >= 0.9


@pytest.mark.parametrize(("jyutping", "spelling"), [
    ("zeng6", "cheng"), ("jyut6", "yuet"), ("koeng4", "keung"), ("gwok3", "kwok"),
    ("lou4", "lo"), ("ceoi4", "chui"), ("cyun4", "chuen"), ("ng4", "ng"), ("si1", "sze"),
    ("zi1", "chi"), ("bing2", "ping"), ("dang6", "tang"), ("gaa1", "ka"), ("lei5", "lee"),
])
def test_jyutping_in_the_hong_kong_spelling(jyutping: str, spelling: str) -> None:
    assert hong_kong_spelling(jyutping) == spelling


def test_chinese_names_read_in_cantonese_as_hong_kong_spells_them() -> None:
    assert cantonese_reading("林鄭月娥") == "Lam Cheng Yuet Ngo"  # two family names
    assert cantonese_reading("曾國衞") == "Chang Kwok Wai"  # 曾 as a family name (Tsang)
    assert cantonese_reading("鄧炳強") == "Tang Ping Keung"
    assert cantonese_reading("張建平") == "Cheung Kin Ping"  # 平 literary, not colloquial peng
    assert cantonese_reading("Kim 金") is None and cantonese_reading("Ким") is None
    # (a name with kana or Hangul is Japanese or Korean: not its Chinese characters alone)
    assert cantonese_reading("さゆり あすか 森") is None and cantonese_reading("김 森") is None
    assert score("Lam Cheng Yuet Ngo", "LAM CHENG, Yuet-ngor") >= 0.95
    assert score("Cheng Yeuk Wa", "CHENG, Yeuk Wah") >= 0.95
    assert score("Chang Kwok Wai", "TSANG, Kwok-wai") >= 0.95
    assert cantonese_reading("李家超") == "Lee Ka Chiu"


def test_a_cantonese_reading_stands_only_for_a_cantonese_spelling() -> None:
    assert spelled_in_cantonese("Lam Cheng Yuet Ngo", "LAM CHENG, Yuet-ngor")
    assert spelled_in_cantonese("Chang Kwok Wai", "TSANG, Erick Kwok-wai")
    assert spelled_in_cantonese("Tang Ping Keung", "TANG Pingkeung")  # written together
    # the Mandarin spelling of other characters with sounds of the same class: 趙東 is not
    # 邱東 (Dong Qiu), 蔣明 not MING Chung; a name in Chinese characters is read in Mandarin
    assert not spelled_in_cantonese("Chiu Tung", "Dong Qiu")
    assert not spelled_in_cantonese("Cheung Ming", "MING CHUNG")
    assert not spelled_in_cantonese("Lam Cheng Yuet Ngo", "林鄭月娥")
    # screened only where the lists have each syllable as Hong Kong may spell it
    vocabulary = {"lam", "cheng", "yuet", "ngor", "tsang", "kwok", "wai"}
    assert may_be_listed("Lam Cheng Yuet Ngo", vocabulary)
    assert may_be_listed("Chang Kwok Wai", vocabulary)
    assert not may_be_listed("Chiu Tung", vocabulary)


def test_cjk_syllables_are_compared_whole() -> None:
    assert score("Wang Yong", "Wang Yang") < 0.6
    assert score("Li Jiang", "Li Liang") < 0.6
    assert score("Kim Kong", "Kim Song") < 0.6
    assert score("Kim Jeong Un", "Kim Jong Un") >= 0.9
    # written apart or together, still syllable by syllable: Jian Ping is no Jiangping
    assert score("张建平", "ZHANG, Jiangping") < 0.6
    assert score("Zhang Jian Ping", "ZHANG, Jiangping") < 0.6
    assert score("Zhang Jianping", "ZHANG, Jiang Ping") < 0.6
    assert score("张江平", "ZHANG, Jiangping") >= 0.95
    assert score("Ri Kyong Chol", "RI Kyongchol") >= 0.95


@pytest.mark.parametrize(("other", "english"), [
    ("Sergej Kuzjugetovitj SJOJGU", "Sergei Kuzhugetovich SHOIGU"),  # Swedish: sj, tj, j
    ("Aleksandr Jevsejevitj CHINSJTEJN", "Alexander Evseyevich KHINSHTEIN"),  # ch as х
    ("Wiktor Wekselberg", "Viktor VEKSELBERG"),  # German and Polish w
    ("Jewgeni Prigoschin", "Yevgeny PRIGOZHIN"),  # German sch for ж
    ("Igor Setschin", "Igor SECHIN"),  # German tsch
    ("Dmitrij Medwedew", "Dmitry MEDVEDEV"),  # -ij, -y
    ("Michail Chodorkowski", "Mikhail KHODORKOVSKY"),
    ("Dmitrij Miedwiediew", "Dmitry MEDVEDEV"),  # Polish ie
    ("Siergiej Szojgu", "Sergei SHOIGU"),
    ("Sergej Koezjoegetovitsj Sjojgoe", "Sergei Kuzhugetovich SHOIGU"),  # Dutch
])
def test_a_cyrillic_name_as_other_languages_transliterate_it(other: str, english: str) -> None:
    """German, Polish, Swedish and Danish write the letters of a Russian name in their own
    way; the EU lists give such spellings as aliases, customers' files hold them."""
    assert score(other, english) >= 0.88
    assert "transliteration of another language" in describe(other, english)


@pytest.mark.parametrize(("passport", "english"), [
    ("Iurii KOVALCHUK", "Yury KOVALCHUK"),  # Ю at the start: IU
    ("Ievgenii PRIGOZHIN", "Yevgeny PRIGOZHIN"),  # Ukrainian Є: IE; -ий: -II
    ("Iakov Lvovich", "Yakov Lvovich"),  # Я: IA
    ("Iana Valerevna", "Yana Valeryevna"),
    ("Anastasiia Sergeevna", "Anastasia Sergeyevna"),  # -ия: -IIA
])
def test_a_russian_or_ukrainian_name_as_the_passports_write_it(passport: str,
                                                               english: str) -> None:
    """ICAO 9303, the passports' transliteration (Russian since 2013, Ukrainian before
    2010), writes Ю, Я and Є beginning a name IU, IA, IE, and -ий, -ия as -II, -IIA: a
    customer's file copies the passport."""
    assert score(passport, english) >= 0.9, describe(passport, english)
    given, listed = passport.split()[0], english.split()[0]
    assert score(given, listed) >= 0.9, describe(given, listed)  # (the word alone)
    # (not an English name of three letters: Ian is no Yan)
    assert score("Ian Smith", "Yan SMITH") < 0.8


def test_a_french_dj_is_no_cyrillic_letter_dropped() -> None:
    # Hadji is Haji (dj is the French j, дж), not Hadi with a j read as a glide
    assert score("Hadji", "HADI", org=None) < 0.8, describe("Hadji", "HADI", org=None)
    assert score("Dzhokhar Tamaev", "Djokhar TAMAEV") >= 0.88


def test_a_name_rigour_knows_is_no_business_word_two_letters_off() -> None:
    # Martinez is no Marine of Marine Industries; a typo one letter off stays a spelling
    assert score("Martinez Industries FZE", "Marine Industries", org=True) < 0.8
    assert "query only: martinez" in describe("Martinez Industries", "Marine Industries", org=True)
    assert score("Mzrine Industroes", "Marine Industries", org=True) >= 0.85
    # a Russian word transliterated is a spelling of the English one, a name or not (Сталь,
    # stal, is also a name)
    assert score("ООО Мечел-Сталь Менеджмент", "Mechel-Steel Management OOO", org=True) >= 0.85


def test_a_family_name_made_of_a_name_is_another_name() -> None:
    # -ov, -ev, -yeva on a name make a family name of their own: Abdullayeva is not
    # al-Abdullah, Karimov not Karim
    assert score("Saleh Abdullayeva", "Saleh AL-ABDULLAH") < 0.8
    assert score("Rustam Karimov", "Rustam KARIM") < 0.8
    assert "query only: karimov" in describe("Rustam Karimov", "Rustam KARIM")
    # Czech and Slovak -ová is any woman's family name (Kimová: KIM)
    assert "kimova~kim" in describe("Irina Geroldovna Kimová", "Irina Geroldovna KIM")
    # not the list's word longer: a field may have cut it (SIVAK of SIVAKOV)
    assert "sivak~sivakov" in describe("Yury SIVAK", "SIVAKOV, Yury")
    # the feminine of the family name is the family name
    assert score("Natalia Petrova", "Natalia PETROV") >= 0.8


@pytest.mark.parametrize(("one", "other"), [
    ("Youssef Moussa", "Yusuf MUSA"),  # French ou, ss and e
    ("Ali Jumah", "Ali JOMAA"),  # o and u, long aa, silent h
    ("Louay Hassan", "Loai HASSAN"),  # y at the end
    ("Mokhtar Belmokhtar", "Mukhtar BELMUKHTAR"),
    ("Osama bin Ladin", "Usamah BIN LADIN"),  # o and u at the start too
])
def test_spellings_of_one_arabic_name(one: str, other: str) -> None:
    assert score(one, other) >= 0.88, describe(one, other)
    assert "one Arabic name" in describe(one, other)


def test_muhammad_in_the_spellings_name_symbols_miss() -> None:
    assert "name variant (Muhammad)" in describe("Muhamed Hodzic", "Muhammad HODZIC")
    assert score("Muhamed Hodzic", "Muhammad HODZIC") >= 0.95
    assert score("Mahmoud Hodzic", "Muhammad HODZIC") < 0.8  # another name


def test_french_ph_is_f() -> None:
    assert score("Moustapha Kamal", "Mustafa KAMAL") >= 0.95
    assert "French or older romanisation" in describe("Moustapha", "Mustafa")


def test_spellings_of_one_arabic_name_are_not_other_vowels() -> None:
    # Arabic has its own vowels apart: Jamal is no Jamil, Bassam no Basim; a name with
    # nothing only Arabic names write is not folded (Lopez, Lupez; Rossi, Russi)
    for a, b in [("jamal", "jamil"), ("bassam", "basim"), ("lopez", "lupez"),
                 ("rossi", "russi"), ("gomez", "gumez"), ("hassan", "hussein"),
                 ("aamir", "amir"), ("kannan", "kanaan")]:
        assert "one Arabic name" not in describe(a, b), (a, b)
    assert "one Arabic name" not in describe("Rene Mousa", "Rana Mousa")


def test_a_title_both_names_give_keeps_one_name_of_many_a_match() -> None:
    # what is left of a name after its middle name: the title and one name
    assert feature("one_of_many", "HAJI ASHRAF", "HAJI MUHAMMAD ASHRAF") == 0.0
    assert feature("one_of_many", "ASHRAF", "HAJI MUHAMMAD ASHRAF") == 1.0
    assert feature("one_of_many", "Dr. ASHRAF", "HAJI MUHAMMAD ASHRAF") == 1.0  # another title
    assert score("HAJI ASHRAF", "HAJI MUHAMMAD ASHRAF") > score("ASHRAF", "HAJI MUHAMMAD ASHRAF")


def test_transliteration_systems_meet_on_one_letter_only() -> None:
    from sanctio.text.slavic import cyrillic_spelling_alike as alike
    assert alike("shoigu", "sjojgu") and alike("schoigu", "shoigu")
    assert alike("dmitrij", "dmitriy") and alike("jelena", "yelena")
    assert alike("elena", "yelena") and alike("wasilij", "vasiliy")
    # ш is not с, х is not h, a vowel is not dropped, a doubled letter is a spelling
    assert not alike("schulz", "sulz") and not alike("khan", "han")
    assert not alike("maria", "mara") and not alike("ball", "bal")
    assert not alike("yuri", "uri") and not alike("hassan", "hasson")
    assert not alike("bassi", "basij") and not alike("annie", "anne")
    assert not alike("riviera", "rivera") and not alike("daniel", "danel")
    assert score("Rivera Group", "GRUPO LA RIVIERA PANAMA", org=True) < 0.8
    assert score("Ball LLC", "BAL", org=True) < 0.8


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Логекс", "Logex"), ("Синезис", "Synesis"), ("Экспо", "Expo"), ("Текникс", "Technics"),
    ("Интерсервис", "Interservice"),
])
def test_a_latin_word_as_cyrillic_writes_it(cyrillic: str, latin: str) -> None:
    assert "as Cyrillic writes it" in describe(f"ООО {cyrillic}", f"{latin} LLC", org=True)
    assert score(f"ООО {cyrillic}", f"{latin} LLC", org=True) >= 0.9


def test_a_cyrillic_legal_form_is_romanised_as_the_whole_name_is() -> None:
    # a Belarusian name with і and no ў is romanised by Ukrainian rules (adkrytae), and its
    # legal form, found alone, by Russian ones (adkrytaye): the form stayed three words of
    # the name, and Belaruskali met the EU's Open Joint Stock Company “Belaruskali” at 0.08
    # (the і here is the Latin i the EU's text has)
    name = 'Адкрытае акцыянернае таварыства "Беларуськалiй"'
    assert analyze(name, org=True).legal == {"jsc"}
    assert [t.text for t in analyze(name, org=True).scoring] == ["belaruskaliy"]
    assert score(name, "Open Joint Stock Company “Belaruskali”", org=True) >= 0.9


def test_belarusian_legal_forms_rigour_lacks() -> None:
    # a foreign OOO (ИООО), a closed joint-stock company (ЗТАА), a private unitary enterprise
    assert analyze("ИООО “Дана Астра”", org=True).legal == {"llc"}
    assert analyze("ЗТАА “Дана Астра”", org=True).legal == {"jsc"}
    assert analyze("ЧУП Альфа", org=True).legal == {"llc"}
    assert score("ИООО “Дана Астра”", "Dana Astra", org=True) >= 0.95
    # in Latin letters those letters are a name (IUP, Chup)
    assert [t.text for t in analyze("Chup Chup").scoring] == ["chup", "chup"]


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("РусГидро", "RusHydro"),  # г for the h Russian has no letter for
    ("Трансконтейнер", "TransContainer"),  # the vowels as they sound: ai is ей
    ("Эйрбург", "Airburg"),
    ("Иннохаб", "Innohub"),  # u is а
])
def test_a_latin_word_as_cyrillic_writes_it_as_it_sounds(cyrillic: str, latin: str) -> None:
    assert "as Cyrillic writes it (as it sounds)" in describe(
        f"АО {cyrillic}", f"{latin} JSC", org=True)
    assert score(f"АО {cyrillic}", f"{latin} JSC", org=True) >= 0.8


def test_a_latin_word_as_cyrillic_writes_it_is_that_word_only() -> None:
    assert "as Cyrillic writes it" not in describe("ООО Лагекс", "Logex LLC", org=True)
    assert score("ООО Лагекс", "Logex LLC", org=True) < 0.8
    # as it sounds: a syllable more or less is another word (Трансконтинент is no
    # TransContent), and names have their own spellings (Серджио, Sergio)
    assert "as it sounds" not in describe("АО Трансконтинент", "TransContent JSC", org=True)
    assert "as it sounds" not in describe("Серджио Петров", "Sergei Petrov")


def test_an_aspirate_mccune_reischauer_marks_is_another_syllable() -> None:
    # Ch'un is 춘; the Revised Romanisation writes 준 Jun: two names
    assert score("최준영", "Ch’oe Ch’un-yo’ng") < 0.5
    assert score("Choe Jun Yong", "Ch’oe Ch’un-yo’ng") < 0.5
    assert score("최춘영", "Ch’oe Ch’un-yo’ng") >= 0.95
    # unmarked, the McCune-Reischauer ch is either: left to the syllable keys
    assert score("Choe Jun Yong", "Choe Chun Yong") >= 0.8
    assert score("김철", "Kim Ch'ol") >= 0.95


def test_chinese_characters_of_one_sound_are_other_names() -> None:
    # 精芯 and 景昕 are both jing xin: two companies; in Latin letters the sound is all there is
    assert score("精芯科技有限公司", "成都景昕科技有限公司", org=True) < 0.5
    assert score("精芯科技有限公司", "成都精芯科技有限公司", org=True) >= 0.85
    assert "query only: jian 建; list only: jian 剑" in describe("张建平", "张剑平")
    # the traditional and the simplified form of a character are one
    assert score("張建平", "张建平") >= 0.99
    assert score("张建平", "Zhang Jianping") >= 0.95


def test_to_latin_is_lower_ascii() -> None:
    out = to_latin("Ḥasan NAṢRALLĀH")
    assert out.isascii() and out == out.lower()


# ----------------------------------------------------------------- token features


def test_short_names_two_letters_apart_are_other_names() -> None:
    assert score("Marta Kovac", "Mark Kovac") < 0.6
    assert score("Pedro Ivanov", "Petr Ivanov") < 0.6
    # one typo in a short name is still a spelling
    assert score("Mohamed al-Kana", "Mohamed al-Kani") >= 0.85


def test_nicknames_and_names_in_other_languages() -> None:
    assert score("Sasha Ivanov", "Aleksandr Ivanov") >= 0.85
    assert score("Bill Clinton", "William Clinton") >= 0.85
    assert "nickname" in describe("Bill Clinton", "William Clinton")


def test_diminutives_and_short_nicknames_are_their_full_names() -> None:
    # rigour's nickname table: three letters are enough when it says so
    assert score("Bob Marley", "Robert Marley") >= 0.9
    assert "nickname" in describe("Bob Marley", "Robert Marley")
    # East Slavic and Spanish diminutives (data/diminutives.json), in any spelling of the
    # full name (a learned variant class: Serhiy, Siarhei) and against a patronymic the
    # query leaves out
    for nick, full in [("Seryozha Mironov", "Sergei Mironov"),
                       ("Seryozha Mironov", "Siarhei Mironau"),
                       ("Vova Putin", "Vladimir Vladimirovich PUTIN"),
                       ("Sasha Lukashenko", "Alexander Grigoryevich LUKASHENKO"),
                       ("Pepe Moreno Perez", "Jose Moreno Perez"),
                       ("Natasha Ivanova", "Natalya Ivanova")]:
        assert score(nick, full) >= 0.9, (nick, full)
        assert "nickname" in describe(nick, full), (nick, full)
    # a Belarusian or Ukrainian spelling the learned variants lack is its name's other
    # spellings' (data/diminutives.json)
    for local, russian in [("Ryhor Azaronak", "Grigoriy Azaronak"),
                           ("Hienadz Ivanov", "Gennady Ivanov"),
                           ("Zmitser Dashkevich", "Dmitry Dashkevich")]:
        assert score(local, russian) >= 0.9, (local, russian)
    # full names that share a diminutive are not one another's (Slava: Vyacheslav,
    # Vladislav), and a diminutive is no other name
    assert "nickname" not in describe("Vyacheslav Volodin", "Vladislav Volodin")
    assert "nickname" not in describe("Stanislav Volodin", "Vyacheslav Volodin")
    assert score("Seryozha Mironov", "Andrei Mironov") < 0.6


@pytest.mark.parametrize(("nick", "full"), [
    ("Jimmy Koang CHUOL", "James Koang CHUOL"), ("Bobby Sands", "Robert Sands"),
    ("Billy Kelly", "William Kelly"), ("Peggy Olson", "Margaret Olson"),
    ("Betty Ford", "Elizabeth Ford"), ("Harry Truman", "Henry Truman"),
    ("Katie Holmes", "Catherine Holmes"), ("Sandy Grant", "Alexander Grant"),
])
def test_english_pet_forms_are_their_full_names(nick: str, full: str) -> None:
    """The pet forms in -y and -ie that rigour's nickname table lacks (data/diminutives.json);
    a pet form of two full names (Teddy: Edward, Theodore) is each one's, not the other's."""
    assert score(nick, full) >= 0.9
    assert "nickname" in describe(nick, full)


def test_a_pet_form_does_not_join_two_full_names() -> None:
    assert "nickname" in describe("Teddy Brown", "Edward BROWN")
    assert "nickname" in describe("Teddy Brown", "Theodore BROWN")
    assert "nickname" not in describe("Edward Brown", "Theodore BROWN")
    assert score("Billy Kelly", "Robert Kelly") < 0.6


def test_a_word_written_without_its_vowels_is_that_word() -> None:
    for short, full in [("Nkl Platonovich Patrushev", "Nikolai Platonovich Patrushev"),
                        ("Mhmd al-Kani", "Mohammed al-Kani"),
                        ("Ahmad Vhd", "Ahmad Vahidi"),
                        ("Hbb Ben Zakir", "Habib Ben Zakir")]:
        assert score(short, full) >= 0.85, (short, full)
        assert "written without vowels" in describe(short, full), (short, full)
    assert score("BANK TJRT", "Tejarat Bank", org=True) >= 0.85
    # the consonants must be the word's, in order, its first letter kept
    for short, full in [("Ahmad Vhd", "Ahmad Hadi"), ("Mhmd Kani", "Hamid Kani"),
                        ("Ahmad Vdh", "Ahmad Vahidi")]:
        assert "written without vowels" not in describe(short, full), (short, full)
        assert score(short, full) < 0.8, (short, full)
    # a word that begins with a vowel needs four letters (Amr is a name, And a word)
    assert "written without vowels" not in describe("Amr Kadi", "Amir Kadi")
    # a title written without vowels (MLW for MAULAWI) is the title
    assert score("MLW RAJAB", "MAULAWI RAJAB") >= 0.9
    # a y may be the word's vowel: Rym is a name of its own, not Rima without vowels
    assert "written without vowels" not in describe("Rym Kadi", "Rima Kadi")
    # a list's word without vowels is an acronym, not a name written short (LLC "KRK")
    assert "written without vowels" not in describe("Kirk LLC", 'LLC "KRK"', org=True)
    # words with their vowels are compared as spellings, as before
    assert "written without vowels" not in describe("Ahmad Vahid", "Ahmad Vahidi")


def test_the_russian_dzh_is_j() -> None:
    for ru, latin in [("Dzhamal Aliev", "Jamal Aliev"), ("Dzhokhar Tsarnaev", "Jokhar Tsarnaev"),
                      ("Джалолов Джахонгир Орифович", "Jahongir Orifovich JALOLOV")]:
        assert score(ru, latin) >= 0.85, (ru, latin)


def test_a_word_written_twice_in_a_row_is_set_aside() -> None:
    assert score("Yevgeny Yevgeny Khodotov", "Yevgeny Khodotov") >= 0.95
    assert "yevgeny (written twice)" in describe("Yevgeny Yevgeny Khodotov", "Yevgeny Khodotov")
    assert score("OJSC Ural Airlines Airlines", "OJSC Ural Airlines", org=True) >= 0.95
    # (a little less than the name written once)
    assert score("Yevgeny Yevgeny Khodotov", "Yevgeny Khodotov") < score(
        "Yevgeny Khodotov", "Yevgeny Khodotov")
    # a name that has the word twice meets it twice; a word apart from its twin is a name
    assert score("Mohamed Mohamed Ali", "Mohamed Mohamed Ali") == pytest.approx(1.0)
    assert "written twice" not in describe("Ali Hassan Ali", "Hassan Ali")
    # Abdul written twice, the second heading its compound, and Abdul without vowels
    assert score("Abdul Abdul Qadeer KHAN", "KHAN, Abdul Qadeer") >= 0.95
    assert score("Abdl Qadeer KHAN", "KHAN, Abdul Qadeer") >= 0.95
    # in Arabic script a name repeats the father's or grandfather's name
    assert "written twice" not in describe("احمد خليل خليل", "KHALIL AHMED HAQQANI")
    assert score("احمد خليل خليل", "KHALIL AHMED HAQQANI") < 0.8
    # a query of one word written twice is not a listed name of that word, unless a title
    # or a legal form says the word is the name
    assert "written twice" not in describe("Mohamed Mohamed", "Mohamed")
    assert score("MAULAWI RAJAB RAJAB", "MAULAWI RAJAB") >= 0.95
    assert score("INNOPOLIS INNOPOLIS LTD", "INNOPOLIS LTD", org=True) >= 0.95


def test_a_dotted_legal_form_without_its_last_full_stop() -> None:
    cut = analyze("LOLA LOLITA 1110, S. DE R.L. DE C.V", org=None)
    whole = analyze("LOLA LOLITA 1110, S. DE R.L. DE C.V.", org=None)
    assert cut.legal == whole.legal == {"llc"}
    assert [t.text for t in cut.scoring] == [t.text for t in whole.scoring]
    # a hyphen for a space inside a legal form
    for hyphen, spaced in [
            ("PRIVATE-MILITARY COMPANY REDUT", "PRIVATE MILITARY COMPANY REDUT"),
            ("SERVICIOS CHULAVISTA, S.A. DE-C.V.", "SERVICIOS CHULAVISTA, S.A. DE C.V."),
            ("LOLA LOLITA 1110, S.-DE R.L. DE C.V.", "LOLA LOLITA 1110, S. DE R.L. DE C.V.")]:
        a, b = analyze(hyphen, org=None), analyze(spaced, org=None)
        assert a.legal == b.legal and a.legal, hyphen
        assert [t.text for t in a.scoring] == [t.text for t in b.scoring], hyphen
    # a hyphen in the name stays the name's (Stroygazmontazh-Most)
    assert [t.text for t in analyze("Stroygazmontazh-Most OOO", org=None).scoring] == [
        "stroygazmontazh", "most"]
    # one dotted word keeps its reading by its letters (K.G with AG & Co.: one form)
    assert [t.text for t in analyze("KOHS AG & Co. K.G", org=None).scoring] == ["kohs"]


def test_a_family_name_in_the_other_genders_form_with_the_same_patronymic() -> None:
    for a, b in [("Olga Vladimirovna KOROBOV", "Olga Vladimirovna KOROBOVA"),
                 ("Andrey Vladimirovich Sharonova", "Andrey Vladimirovich Sharonov")]:
        assert score(a, b) >= 0.85, (a, b)
        assert "other gender's form" in describe(a, b)
    # a man and a woman of one family: other given names, other patronymics
    assert score("Ivan Petrovich IVANOV", "Maria Petrovna IVANOVA") < 0.5
    assert score("Ivan Petrovich IVANOV", "Ivana Petrovna IVANOVA") < 0.8
    # without a patronymic the ending says another person (a wife, a sister)
    assert "other gender's form" not in describe("Sarvar ISMAILOVA", "Sarvar ISMAILOV")


def test_an_east_slavic_family_name_far_alike_is_another_family() -> None:
    """Beside the same given name and patronymic, which many people share, an East Slavic
    family name three letters apart or with the vowels of another name between the same
    consonants is another family; slips of the finger stay a spelling."""
    for a, b in [("Galina Nikolayevna Krylova", "Galina Nikolayevna KARELOVA"),
                 ("Mayya Nikolayevna Gromova", "Майя Николаевна БОЛОТОВА"),
                 ("Galina Krylova", "Galina KARELOVA")]:
        assert score(a, b) < 0.5, (a, b)
        assert "query only: " in describe(a, b)
    for a, b in [("Galina Nikolayevna Karelpva", "Galina Nikolayevna KARELOVA"),
                 ("Galina Nikolayevna Karelva", "Galina Nikolayevna KARELOVA"),
                 ("Mayya Nikolaevna Bolotva", "Майя Николаевна БОЛОТОВА")]:
        assert score(a, b) >= 0.9, (a, b)
    # one stem with the ending another language writes: the same family
    assert score("Oľga Kuznecovová", "Olga Kuzněcov") >= 0.8
    assert score("Olga Pavlovna KUZNETSOVA", "Olga Kuzněcov") >= 0.8


@pytest.mark.parametrize(("query", "listed"), [
    ("Putin Vladimir", "Vladimir Vladimirovich PUTIN"),
    ("Lukashenko Alexander", "LUKASHENKO, Alexander Ryhoravich"),
    ("Kovalchuk Yuri", "Yuri Valentinovich Kovalchuk"),  # unmarked: the patronymic says it
    ("Maduro Nicolas", "MADURO MOROS, Nicolas"),  # two family names
    # the patronymic of a father's name in -a or -ya, with no v (Ilya: Ilich, Ilyich)
    ("Maksimenko Vladimir", "Vladimir Ilich MAKSIMENKO"),
    ("Bibilov Anatoly", "Anatoly Ilyich BIBILOV"),
])
def test_a_russian_or_spanish_name_written_with_the_family_name_first(
        query: str, listed: str) -> None:
    """Russian writes the family name first (Putin Vladimir, as forms and records do), and
    so do Spanish records with two family names: neither is read as the names crossed nor
    as a family name given as a given name."""
    assert score(query, listed) >= 0.95
    for name in ("crossed_gap", "family_as_given"):
        assert feature(name, query, listed) == 0.0, name


def test_an_arabic_family_name_first_is_still_read_as_another_person() -> None:
    # Kazim Rashid may be a man named Kazim whose family is Rashid: no Russian or Spanish
    # structure says the family name came first, and Kazim is a name people are given
    assert feature("family_as_given", "Kazim Rashid", "Rashid Ali KAZIM") == 1.0
    assert score("Kazim Rashid", "Rashid Ali KAZIM") < 0.5
    # a family name that is no name people are given is no given name put last: the family
    # name first (Zuraik Ali), as against Ibrahim Abbas for Abbas EBERAHIM, a given name
    assert feature("family_as_given", "Zuraik Ali", "ZURAIK, Ali Hasan") == 0.0
    assert feature("crossed_gap", "Zuraik Ali", "ZURAIK, Ali Hasan") == 0.0
    assert score("Zuraik Ali", "ZURAIK, Ali Hasan") >= 0.9
    # (before the first given name: with the father's name, another man)
    assert feature("family_as_given", "Kasam Qaseem", "Mustafa Qassem Al KASAM") == 1.0
    assert score("Runiga Jean-Marie", "RUNIGA, Jean-Marie Rugerero") >= 0.9
    # (found only far alike, it is no family name put first: Aayan is not Aliyan)
    assert score("Aayan Jameel", "Jamil Yusuf Ahmad ALIYAN") < 0.8
    # a Spanish name put first begins with the father's family name
    assert score("Martinez-Martin", "HODWALKER MARTINEZ, Martin David") < 0.8
    # nor is a patronymic before the given name the family name first
    assert score("Vladimirovich Vladimir", "Vladimir Vladimirovich PUTIN") < 0.5
    # the article marks the family name, with its hyphen or apart: al-Baghdadi Ali, Al
    # Baghdadi Ali; without it, Ahmad Mohammed is not Mohammed al-Ahmad
    for query in ("Al-Baghdadi Ali", "Al Baghdadi Ali"):
        assert feature("family_as_given", query, "AL BAGHDADI, Ali Al-Mahmoudi") == 0.0
        assert score(query, "AL BAGHDADI, Ali Al-Mahmoudi") >= 0.85
    assert score("Ahmad Mohammed", "Mohammed al-Ahmad") < 0.8


def test_a_slip_of_the_first_letter_in_a_word_no_name_has() -> None:
    """In an organisation's name, a first letter dropped, added or another, in a word of
    five letters or more that is no name people have, is a typo (Atruktura, Uromecanica,
    nstitute), not a spelling whose first letter says another name; a query word that is a
    name of its own stays another name (Vassil, Bassil), and so does any in a person's name
    (Ladimir, Vladimir). A legal form's long word so typed is that form (PIMITED, IMITED)."""
    for query, listed in [("UROMECANICA", "EUROMECANICA"), ("Atruktura", "Struktura"),
                          ("obaev Foundation", "Lobaev Foundation"),
                          ("JSC Research nstitute of Steel", "JSC Research Institute of Steel")]:
        assert score(query, listed, org=True) >= 0.85, query
        assert "typo (first letter)" in describe(query, listed, org=True), query
    assert score("Vassil Trading", "Bassil Trading", org=True) < 0.8  # (a name of its own)
    assert score("Ravel Group", "Travel Group", org=True) < 0.8  # (short: a word of its own)
    # (a person's: the spelling whose first letter differs weighs as it did)
    assert "first letter" not in describe("Ladimir Novikov", "Vladimir NOVIKOV")
    assert "first letter" not in describe("Famil Makulu", "JAMIL MUKULU")
    for typed in ("PETRO PLUS PIMITED", "PETRO PLUS IMITED"):
        form = analyze(typed, org=True)
        assert form.legal == analyze("PETRO PLUS LIMITED", org=True).legal != frozenset()
        assert [t.text for t in form.scoring] == ["petro", "plus"], typed


def test_a_slip_of_the_first_letter_beside_a_persons_other_names_written_the_same() -> None:
    """In a person's name of three words or more whose other words are the list name's as
    written, one of them rare, the one word left that differs only in its first letter is a
    typo of it (RANK KAKOLELE BWAMBALE, Parisa Aleksandrovna DOLINA), not the list's first
    name missing; beside common names only, or one name only, or another word also
    misspelled, a first letter still says another person."""
    weights = TokenWeights({"maria": 111, "garcia": 46, "lopez": 68, "ali": 948, "jamal": 78,
                            "babamoradi": 3, "kakolele": 2, "bwambale": 2, "vladimir": 400,
                            "novikov": 20, "aleksandrovna": 112, "dolina": 1, "hamid": 200,
                            "abdallah": 500, "ahmad": 900, "hamza": 150, "nitrik": 1,
                            "amer": 40, "samer": 30, "foz": 2, "ravel": 1}, 60_000)

    def cmp(a: str, b: str) -> NameComparison:
        return compare_forms(analyze(a, org=False), analyze(b, org=False), weights)

    for query, listed in [("RANK KAKOLELE BWAMBALE", "FRANK KAKOLELE BWAMBALE"),
                          ("Parisa Aleksandrovna DOLINA", "Larisa Aleksandrovna DOLINA"),
                          ("Hamal Ali BABAMORADI", "Jamal Ali BABAMORADI"),
                          # (three other words, common ones)
                          ("AMID ABDALLAH AHMAD AL-ALI", "HAMID ABDALLAH AHMAD AL-ALI"),
                          # (beside one: a first letter dropped, leaving no list word)
                          ("amza NITRIK", "Hamza NITRIK")]:
        found = cmp(query, listed)
        assert found.score >= 0.9 and "typo (first letter)" in found.describe(), query
        assert found.features["given_missing"] == 0.0
    for query, listed in [("Daria Garcia Lopez", "Maria Garcia Lopez"),  # common names only
                          ("Hamal Ali BABAMORADE", "Jamal Ali BABAMORADI"),  # another typo
                          ("Amer Foz", "Samer Foz")]:  # (a list word: another person's name)
        found = cmp(query, listed)
        assert found.score < 0.8 and "first letter" not in found.describe(), query
    # (one name beside it: a spelling, as it was)
    assert "first letter" not in cmp("Ladimir Novikov", "Vladimir NOVIKOV").describe()
    # an organisation's word of four letters, its first dropped, where the rest is the list
    # name's: a typo where it is no list word and no name (Ravel Group is not Travel Group)
    for query, listed in [("PRO-GAIN ROUP CORPORATION", "PRO-GAIN GROUP CORPORATION"),
                          ("Chelyabinsk Metallurgical lant", "Chelyabinsk Metallurgical Plant"),
                          ("DALE OURS, S.A. DE C.V.", "DALE TOURS, S.A. DE C.V.")]:
        found = compare_forms(analyze(query, org=True), analyze(listed, org=True), weights)
        assert found.score >= 0.9 and "typo (first letter)" in found.describe(), query
    found = compare_forms(analyze("Ravel Group", org=True), analyze("Travel Group", org=True),
                          weights)
    assert found.score < 0.8, found.describe()


def test_names_that_differ_in_their_first_sound_or_ending_of_origin() -> None:
    # a name beginning with a vowel and one with a consonant, two letters apart or more:
    # two names (إحسان, Ihsan; حسن, Hasan), not one sounding alike
    assert score("Ihsaan Jameel", "HASAN, Jamil") < 0.8
    assert "ihsaan~" not in describe("Ihsaan Jameel", "HASAN, Jamil")
    assert token_sim(analyze("Ihsaan").scoring[0], analyze("Hasan").scoring[0]) == (
        0.5, "another name (other first letter)")
    # one letter apart stays a spelling, and y is a vowel's glide (Yevgeny, Evgeny)
    assert score("Brahim Yahia", "Ibrahim Yahia") >= 0.85
    assert "other first letter" not in describe("Yevgen Prigozhin", "Evgeny Prigozhin")
    assert score("Yevgen Prigozhin", "Evgeny Prigozhin") >= 0.8
    # two consonants of other sounds heading words two letters apart or more: two names
    # (Anastasiya Baranova against Anastasiya KAPRANOVA was 0.85 as a spelling, a false
    # alert), where a first letter of the same sound is a romanisation (Charif, Sharif;
    # Cemal, Jamal) and one letter apart a typo
    assert score("Anastasiya Baranova", "Anastasiya Kapranova") < 0.8
    assert token_sim(analyze("Baranova").scoring[0], analyze("Kapranova").scoring[0]) == (
        0.5, "another name (other first sound)")
    for a, b in [("charif", "sharif"), ("cemal", "jamal"), ("baranova", "paranova"),
                 ("baranova", "karanova")]:
        assert "first sound" not in token_sim(analyze(a).scoring[0], analyze(b).scoring[0])[1]
    for a, b in [("yarovaya", "jarovaja"), ("walid", "oualid")]:
        assert token_sim(analyze(a).scoring[0], analyze(b).scoring[0])[0] > 0.5, (a, b)
    # -i and -ani, two families of one stem
    assert "other ending of origin" in describe("Ali Saidani", "Ali Saidi")
    assert score("Ali Saidani", "Ali Saidi") < 0.9


def test_a_word_cut_off_is_the_last_the_query_meets_in_the_list_order() -> None:
    def cut(name: str):  # type: ignore[no-untyped-def]
        form = analyze(name)
        last = replace(form.scoring[-1], short=True)
        return replace(form, tokens=[*form.tokens[:-1], last],
                       scoring=[*form.scoring[:-1], last], cut=True)

    def cut_score(name: str, listed: str) -> float:
        return compare_forms(cut(name), analyze(listed, org=False), W).score

    # Ahmed Garbaya cut off is Ahmed Garb; Ahmad Garba is not Garbaya Ahmed cut off
    assert cut_score("Ahmed Garb", "Ahmed Garbaya") >= 0.9
    assert cut_score("Ahmed Garb", "GARBAYA, Ahmed") >= 0.9  # (in its order Ahmed Garbaya)
    assert cut_score("Ahmad Garba", "Garbaya Ahmed") < 0.8
    # nor cut after a word the query lacks: Aleksander Koch is a name of its own, not
    # Aleksander Viktorovich KOCHKIN cut off
    assert cut_score("Aleksander Viktorovich Koch", "Aleksander Viktorovich KOCHKIN") >= 0.9
    assert cut_score("Aleksander Koch", "Aleksander Viktorovich KOCHKIN") < 0.8
    # a list word written twice is met in its order: the cut word is the second
    assert cut_score("Daniel BARRERA BARRE", "BARRERA BARRERA, Daniel") >= 0.9
    # or in the order the list writes the name, family name first: the field held it so
    # (GAGLOEV Vladimi was no match at all, DAHI Yasin Ahma 0.73)
    assert cut_score("GAGLOEV Vladimi", "GAGLOEV, Vladimir") >= 0.9
    assert cut_score("DAHI Yasin Ahma", "DAHI, Yasin Ahmad") >= 0.9
    assert cut_score("SANCHEZ REY German Gonzal", "SANCHEZ REY, German Gonzalo") >= 0.9
    # in neither order, still no cut: Aleksander Koch before Viktorovich
    assert cut_score("Aleksander Koch", "KOCHKIN, Aleksander Viktorovich") < 0.8
    # a company's comma says nothing of the order of its words
    org = compare_forms(cut("AGRICULTURAL, MEDICAL, AND INDUSTRI"), analyze(
        "AGRICULTURAL, MEDICAL, AND INDUSTRIAL RESEARCH CENTER", org=True), W)
    assert "industri~industrial (written short)" in org.describe()


def test_japanese_names_in_hepburn_and_kunrei_romanisation() -> None:
    for hepburn, kunrei in [("Fujio Chiba", "Huzio Tiba"), ("Chizuo Matsumoto", "Tizuo Matumoto"),
                            ("Shoko Asahara", "Syoko Asahara"), ("Jiro Suzuki", "Ziro Suzuki"),
                            ("Ryuichi Kato", "Ryuuichi Katou")]:
        assert score(hepburn, kunrei) >= 0.9, (hepburn, kunrei)
    assert "romanisation variant (Japanese)" in describe("Fujio Chiba", "Huzio Tiba")
    # words that are not made of Japanese syllables are not read so
    assert "Japanese" not in describe("Martin Tiba", "Marchin Tiba")


def test_two_words_of_the_script_written_as_one_in_latin_letters() -> None:
    # the first word's last letter ends a word: a silent h (بوسته, Busta), a final y
    assert score("أحمد بوسته جي", "Ahmed BUSTAJI") >= 0.9
    assert "written apart" in describe("أحمد بوسته جي", "Ahmed BUSTAJI")
    assert reads_as("بوسته\u200cجي", "bustaji") and not reads_as("بوستهجي", "bustaji")


def test_the_arabic_dh_as_persian_writes_it() -> None:
    # ذ, ض and ظ: dh in Arabic, z in Persian, which writes the short i as e
    assert score("Ridha Ebadzadeh SEMNANI", "SEMNANI, Reza Ebadzadeh") >= 0.9
    assert "as Persian writes it" in describe("Dhiya Rahmani", "Ziya Rahmani")
    # not without the dh: Hadi is no Hazi
    assert "as Persian writes it" not in describe("Hadi Rahmani", "Hazi Rahmani")


def test_a_letter_off_a_french_or_older_romanisation_is_a_spelling() -> None:
    # Ibraheem is Ibrahim as the English-speaking lists write the long vowel; Ebrahim is a
    # letter off that (0.79 before, the two differences never met as one)
    sim, how = token_sim(analyze("Ibraheem", org=False).tokens[0],
                         analyze("Ebrahim", org=False).tokens[0])
    assert sim >= 0.85 and how == "spelling", how
    assert score("MAHMUDZADEH, Ibraheem", "Ebrahim MAHMUDZADEH") >= 0.9
    # the same word folded stays the romanisation's own, at 0.9
    assert "moustafa~mustapha (spelling (French or older romanisation))" in describe(
        "Moustafa Kamel", "Mustapha Kamel")


def test_the_arabic_q_as_persian_writes_it() -> None:
    """Persian says ق (q) as غ (gh) and writes it so, with e for the short i and o for u:
    Sadegh is Sadiq, Yaghoubi Yaqubi, Eshagh Ishaq; at the head of a short name gh and q are
    two letters of two names (Ghazi, Qazi; Ghadir, Qadir)."""
    for a, b in (("Sadegh", "Sadiq"), ("Naghdi", "Naqdi"), ("Yaghoubi", "Yaqubi"),
                 ("Bagher", "Baqir"), ("Haghighi", "Haqiqi"), ("Eshagh", "Ishaq"),
                 ("Ghalibaf", "Qalibaf")):
        sim, how = token_sim(analyze(a, org=False).tokens[0], analyze(b, org=False).tokens[0])
        assert sim >= 0.9 and "Persian" in how, (a, b, how)
    assert score("YAGHOUBI, Hossein", "YAQUBI, Hosein") >= 0.9
    assert score("Sadegh Naghdi", "Sadiq Naqdi") >= 0.9
    for a, b in (("Ghazi", "Qazi"), ("Ghadir", "Qadir"), ("Gholam", "Qolam")):
        sim, how = token_sim(analyze(a, org=False).tokens[0], analyze(b, org=False).tokens[0])
        assert "Persian" not in how and sim < 0.9, (a, b, how)


def test_father_and_son_around_bin_are_not_swapped() -> None:
    same = score("Hasan bin Ali al-Tamimi", "Hasan bin Ali al-Tamimi")
    swapped = score("Hasan bin Ali al-Tamimi", "Ali bin Hasan al-Tamimi")
    assert same == pytest.approx(1.0)
    assert swapped < 0.8
    assert "swapped" in describe("Hasan bin Ali al-Tamimi", "Ali bin Hasan al-Tamimi")


def test_a_son_named_as_his_father_is_no_swap() -> None:
    # (MOHAMED BEN MOHAMED: the query's typo in one Mohamed aligns its exact one with either)
    listed = "MEHDI BEN MOHAMED BEN MOHAMED KAMMOUN"
    assert score("MEHDI BEN MOHAMES BEN MOHAMED KAMMLOUN", listed) >= 0.9
    assert score("MEHDI BEN MOHAMED BEN MOHAMES KAMMLOUN", listed) >= 0.9
    assert "swapped" not in describe("MEHDI BEN MOHAMES BEN MOHAMED KAMMLOUN", listed)
    # names that differ stay swapped
    assert score("MEHDI BEN MOHAMED BEN ALI KAMMOUN", "MEHDI BEN ALI BEN MOHAMED KAMMOUN") < 0.8


def test_generation_numbers_of_funds_decide() -> None:
    assert score("Alpha Capital Fund II", "Alpha Capital Fund III", org=True) < 0.8
    assert score("Alpha Capital Fund II", "Alpha Capital Fund II", org=True) == \
        pytest.approx(1.0)
    # a roman numeral is not read as a legal form
    assert not analyze("Alpha Capital Fund II", org=True).legal


def test_company_words_written_together_and_legal_form_typos() -> None:
    assert score("HAVINBANK LIMITED", "HAVIN BANK LIMITED", org=True) >= 0.9
    assert score("HAVIN BANK COMPNAY LIMITED", "HAVIN BANK COMPANY LIMITED", org=True) >= 0.95


def test_more_titles_are_set_aside() -> None:
    for title in ("Maulavi", "Mawlawi", "Qari", "Mufti", "Alhaj", "Ustad"):
        assert score(f"{title} Abdul Rahman Zahid", "Abdul Rahman Zahid") >= 0.95, title


def test_a_long_title_with_a_typo_is_a_title() -> None:
    # one typo in a title of seven letters or more, where titles go (first, after others):
    # His Excelelncy ERIC BADEGE was 0.80, the typo an extra name of the query
    assert score("His Excelelncy ERIC BADEGE", "Eric BADEGE", org=None) >= 0.95
    assert score("Honourabel John Mwangi", "John MWANGI", org=None) >= 0.95
    assert analyze("Ayatolah Ali Khamenei").tokens[0].role == Role.TITLE
    # not where a name goes, nor a name a letter from a title (Michaela, Caption)
    assert analyze("Ahmad Generale Khan").tokens[1].role == Role.NAME
    assert analyze("Michaela Smith").tokens[0].role == Role.NAME


def test_a_company_of_unknown_kind_has_no_titles() -> None:
    # a business word makes a name of unknown kind a company's, as a legal form does: its
    # first word is a name, no title set aside (Bishop Import Export Corporation met SAD
    # Import Export Company 0.996, Bishop ignored: a false alert of the unlisted names)
    assert analyze("Bishop Import Export Corporation", org=None).tokens[0].role == Role.NAME
    assert score("Bishop Import Export Corporation", "SAD Import Export Company",
                 org=None) < 0.5
    assert analyze("Sheikh Trading", org=None).tokens[0].role == Role.NAME
    # a person's name of unknown kind keeps its titles (General is one, not a business word)
    assert analyze("Bishop Desmond Tutu", org=None).tokens[0].role == Role.TITLE
    assert analyze("General Ahmed Saleh", org=None).tokens[0].role == Role.TITLE
    assert score("General Ahmed Saleh", "Ahmed SALEH", org=None) >= 0.95


def test_words_of_a_family_firm_are_business_words() -> None:
    # Sons, Brothers, Partners, Hermanos, Fils: a firm's kind, no name of its own (Hassan
    # Brothers met HASSAN TRADING as a name word more)
    for firm in ("Hassan Brothers", "Hassan & Sons", "Hassan Hermanos", "Hassan Fils",
                 "Hassan Partners"):
        assert [t.role for t in analyze(firm, org=True).tokens] == [Role.NAME, Role.GENERIC]
    assert score("Hassan Brothers", "HASSAN TRADING", org=True) < 0.5
    assert score("Hassan Brothers", "HASSAN BROS", org=True) >= 0.95


def test_a_title_that_is_a_given_name_is_not_dropped_alone() -> None:
    # Amir Abbas is not the alias "Abbas"
    assert score("Amir Abbas", "Abbas") < 0.8
    assert score("Sayyid Hassan Nasrallah", "Hassan Nasrallah") >= 0.95


@pytest.mark.parametrize(("query", "listed"), [
    ("Amir Ali Mohammadi", "Hodjatoleslam Ali KHAN MOHAMMADI"),
    ("امیر علی محمدی", "حجت الاسلام علی خان محمدی"),  # (the EU writes him so too)
    ("Malik Ali Hassan", "Ali HASSAN"),
])
def test_a_title_that_is_more_often_a_given_name_is_one_where_the_other_lacks_it(
        query: str, listed: str) -> None:
    """Amir, Malik and Mirza open the names of the lists as given names (Amir Ali HAJIZADEH,
    Malik HASAN, امیر خان متقی): where one name has the word and the other not, it is a given
    name one has and the other lacks, not a title set aside; where both have it, the names
    agree as before (in any script)."""
    assert score(query, listed) < 0.8, describe(query, listed)
    assert "ignored: amir" not in describe(query, listed)
    assert score("Amir Ali Hajizadeh", "Amir Ali HAJIZADEH") == pytest.approx(1.0)
    assert score("امیر خان متقی", "Amir Khan Muttaqi") >= 0.95
    assert score("Sheikh Ali Hassan", "Ali HASSAN") >= 0.95  # (a title only)


def test_slavic_family_names_with_other_stems_are_other_families() -> None:
    """Arkhipova and Arshinova share their ending, not their stem (two letters of six apart):
    two families, though the whole words are 0.8 alike; the stems of one family in any
    transliteration (Kudryavtsev, Kudriavtsev; Tsvetkov, Cvetkov) and one typo stay a
    spelling."""
    sim, how = token_sim(analyze("Arkhipova", org=False).tokens[0],
                         analyze("Arshinova", org=False).tokens[0])
    assert sim <= 0.65 and how.startswith("another family name"), how
    assert score("Yelena Yegorovna Arkhipova", "Alena Igorevna ARSHINOVA") < 0.8
    # and as Cyrillic writes the list's name (Алёна Игоревна АРШИНОВА, 0.84 before)
    assert score("Yelena Yegorovna Arkhipova", "Алёна Игоревна АРШИНОВА") < 0.8
    for a, b in (("Kudryavtsev", "Kudriavtsev"), ("Tsvetkov", "Cvetkov"),
                 ("Kuznetsova", "Kouznetsova"), ("Kostrubitskiy", "Kostrubtiskiy"),
                 ("Litsoev", "Lirsoev"), ("Hussein", "Hoosein")):
        sim, how = token_sim(analyze(a, org=False).tokens[0], analyze(b, org=False).tokens[0])
        assert sim >= 0.9, (a, b, how)


def test_a_name_word_one_first_letter_off_a_business_word_is_another_word() -> None:
    """Ravel is no Travel, Kannan Ravel no KANAAN TRAVEL: a typo seldom drops the first
    letter, and the name word is then the one word the names share."""
    assert score("Ravel-Kannan", "KANAAN TRAVEL", org=True) < 0.8
    assert score("Kanaan Travels", "KANAAN TRAVEL", org=True) > 0.9


def test_the_same_comparison_in_any_order_of_calls() -> None:
    pairs = [("Mohamed Salah", "Muhammad Salah"), ("محمد صلاح", "Mohamed Salah"),
             ("Юрий Ковальчук", "Yuri Kovalchuk"), ("김정은", "Kim Jong Un"),
             ("Sasha Ivanov", "Aleksandr Ivanov")]
    first = [score(a, b) for a, b in pairs]
    second = [score(a, b) for a, b in reversed(pairs)][::-1]
    assert first == second


def test_arabic_script_consonants_are_read_from_the_script() -> None:
    from sanctio.text.abjad import arabic_keys, latin_keys

    # ظ is written z, dh, d or th; th is one letter or two (Fathi)
    assert arabic_keys("كاظم") & latin_keys("kathim")
    assert arabic_keys("كاظم") & latin_keys("kazem")
    assert arabic_keys("فتحي") & latin_keys("fathi")
    assert not arabic_keys("كاظم") & latin_keys("karim")
    assert score("حیدر پسندیده", "Heidar PASANDIDEH") >= 0.8
    assert score("منير ادنوف", "Monir ADANOV") >= 0.8


def test_a_russian_name_as_arabic_writes_it() -> None:
    """Arabic writes the ch of a foreign name as ت and ش (أبراموفيتش: Abramovich), and a
    hamza's seat, or the ي it is folded to, before the long i it begins (ميخائيل: Mikhail);
    تش is still two letters in an Arabic name (تشرين: Tishreen)."""
    from sanctio.text.abjad import arabic_keys, latin_keys

    assert reads_as("أبراموفيتش", "abramovich") and reads_as("فلاديميروفيتش", "vladimirovich")
    assert arabic_keys("أبراموفيتش") & latin_keys("abramovich")
    assert reads_as("تشرين", "tishreen")
    for written in ("ميخائيل", "ميخاييل"):
        assert reads_as(written, "mikhail") and reads_as(written, "mikhayil")
    assert reads_as("إسماعيل", "ismail") and not reads_as("ميخائيل", "mikhal")
    assert score("رومان أبراموفيتش", "Roman ABRAMOVICH") >= 0.9
    assert score("ميخائيل ميشوستين", "Mikhail MISHUSTIN") >= 0.9


def test_two_consonants_need_the_written_long_vowels() -> None:
    assert score("فهد سعود الزهراني", "Fahd Saud al-Zahrani") >= 0.8
    assert score("فهد سعود الزهراني", "Fahd Said al-Zahrani") < \
        score("فهد سعود الزهراني", "Fahd Saud al-Zahrani")
    assert "swd~said (same consonants" not in describe("فهد سعود الزهراني", "Fahd Said al-Zahrani")


@pytest.mark.parametrize(("native", "listed"), [
    ("سيد علي مظلوم", "Seyed Ali Mazloum"),
    ("الشيخ محمد حسن", "Mohamed Hassan"),  # with its article
    ("اللواء علي مملوك", "Ali MAMLOUK"),  # Arab military ranks: major general
    ("العميد ماهر الأسد", "Maher AL-ASAD"),  # brigadier
    ("الدكتور أيمن الظواهري", "Ayman AL-ZAWAHIRI"),
    ("سرلشکر محمد باقری", "Mohammad BAGHERI"),  # Iran's: major general
    ("سرتیپ حسین سلامی", "Hossein SALAMI"),  # brigadier
    ("آیت‌الله علی خامنه‌ای", "KHAMENEI, Ali"),  # Ayatollah with a half space
])
def test_arabic_script_titles_are_set_aside(native: str, listed: str) -> None:
    assert score(native, listed) >= 0.9, describe(native, listed)
    assert "ignored" in describe(native, listed)


@pytest.mark.parametrize(("native", "listed"), [
    ("بشارالاسد", "AL-ASSAD, Bashar"),  # a name glued to the next one's article
    ("عبدالرحيمالكاني", "Abdul Rahim al-Kani"),
    ("نورالدين زنكي", "Nur al-Din ZANKI"),
    ("أبو دعاء", "Abu Du'a"),  # دعاء read as a name, not as the particle da
])
def test_arabic_script_glued_articles_and_no_latin_particles(native: str, listed: str) -> None:
    assert score(native, listed) >= 0.9, describe(native, listed)


def test_arabic_script_words_with_a_l_inside_stay_whole() -> None:
    # the a-l of a word, and Allah glued to the name before it, are no article
    for word in ("جلال", "كمال", "نصرالله", "عبدالله"):
        assert len(analyze(word, org=False).tokens) == 1, word


def test_arabic_script_titles_that_are_names_only_where_they_open_it() -> None:
    # Sardar opening a name is a rank; after a name it is the name (Sardar, Amid, Mohandes)
    assert analyze("سردار قاسم سلیمانی", org=False).tokens[0].role.name == "TITLE"
    assert score("حسن عميد", "Hassan AMID") >= 0.9


def test_korean_family_names_in_their_list_spellings() -> None:
    assert score("YI YEONG MU", "RI YONG MU") >= 0.9
    assert score("Park Chol", "Pak Chol") >= 0.9
    assert score("Kim Chol", "Pak Chol") < 0.6


def test_a_transposition_inside_a_romanised_syllable_is_a_typo() -> None:
    assert score("SHANGHAI GANG QAUN TRADE CO.", "SHANGHAI GANG QUAN TRADE CO.", org=True) >= 0.9


def test_legal_forms_written_with_diacritics() -> None:
    form = analyze("ASCOTEC SCIENCE Gesellschaft mit beschränkter Haftung", org=True)
    assert form.legal == {"llc"}
    assert score("ASCOTEC SCIENCE Gesellschaft mit beschränkter Haftung", "ASCOTEC SCIENCE GMBH",
                 org=True) == pytest.approx(1.0)


@pytest.mark.parametrize(("native", "listed", "legal"), [
    ('Публичное Акционерное Общество "Сатурн"', "JSC Saturn", "jsc"),
    ('Акционерное общество "ШВАБЕ"', "Joint Stock Company “Shvabe”", "jsc"),
    ("Товариство з обмеженою відповідальністю Ромашка", "Romashka LLC", "llc"),
    ("Акционерно дружество „Чебоксарска“", "JSC Cheboksarska", "jsc"),
])
def test_legal_forms_written_in_cyrillic(native: str, listed: str, legal: str) -> None:
    # rigour's tables hold the forms as written; their transliteration is no Latin form
    assert analyze(native, org=True).legal == {legal}
    assert score(native, listed, org=True) == pytest.approx(1.0)


@pytest.mark.parametrize(("written", "listed", "legal"), [
    ("Bolt Technology OÜ", "BOLT TECHNOLOGY LLC", "llc"),  # Estonian osaühing
    ("Maersk Line A/S", "MAERSK LINE JSC", "jsc"),  # Danish aktieselskab
    ("VABO-2005 EOOD", "VABO-2005 LLC", "llc"),  # Bulgarian, one owner
    ("SAF TECH S.L.", "SAF TECH SRL", "llc"),  # Spanish
    ("AL ZAHRA GENERAL TRADING W.L.L.", "AL ZAHRA GENERAL TRADING LLC", "llc"),  # Gulf
    ("Akcinė bendrovė Zaliv Shipyard", "JSC Zaliv Shipyard", "jsc"),  # Lithuanian
    ("Ανώνυμη Εταιρεία Naftan", "JSC Naftan", "jsc"),  # Greek
    ("Aqua Fleet Management Məhdud Məsuliyyətli Cəmiyyəti", "Aqua Fleet Management LLC",
     "llc"),  # Azerbaijani
    ("Barnaultransmash Nyrt", "Barnaultransmash Nyrt.", "jsc"),  # Hungarian, stop left out
    ("Shvabe Aktiebolaget", "Shvabe JSC", "jsc"),
    ("PERUVIAN PRECIOUS METALS S.A.C.", "PERUVIAN PRECIOUS METALS SA", "jsc"),  # not S.A + C
    ("GULF INSURANCE GROUP K.S.C.P.", "GULF INSURANCE GROUP JSC", "jsc"),  # not K + S.C.
    ("Niru Battery Sazi Sahami Khass", "NIRU BATTERY SAZI JSC", "jsc"),  # Iranian
    # Mexican and Honduran forms as OFAC writes them
    ("CLUB DEPORTIVO MORUMBI, ASOCIACION CIVIL", "CLUB DEPORTIVO MORUMBI, A.C.", "ngo"),
    ("INVERSIONES GARZA, S. DE R.L.", "INVERSIONES GARZA S DE RL", "llc"),
    ("FUNDACION PUENTES, I.A.P.", "FUNDACION PUENTES A.C.", "ngo"),
    # the Belarusian republican unitary enterprise (rigour reads унитарное предприятие and
    # leaves Республиканское a word of the name: 0.41 against the EU's Beltamozhservice)
    ("Республиканское унитарное предприятие “Белтаможсервис”",
     "Republican Unitary Enterprise Beltamozhservis", "soe"),
    ("Republican unitary enterprise “TSENTRKURORT”", "ЦЕНТРКУРОРТ", "soe"),
    ("Рэспубліканскае унітарнае прадпрыемства Белшына", "Belshyna", "soe"),
    # with a typo, glued, without vowels (the words of the form as typed)
    ("Repblican unitary enterprise “TSENTRKURORT”", "TSENTRKURORT", "soe"),
    ("Republicanunitary enterprise “TSENTRKURORT”", "TSENTRKURORT", "soe"),
    ("Rpblcn unitary enterprise “TSENTRKURORT”", "TSENTRKURORT", "soe"),
    # the private one is a company of one owner (ЧУП: an OOO)
    ("Private Unitary Enterprise Minotor", "Minotor LLC", "llc"),
    # Russian and Ukrainian state enterprises in Latin letters, as the lists write them
    # (rigour reads them in Cyrillic, or the last three words of ФГУП): 0.69 before, the
    # form's words names the other writes not
    ("Федеральное казенное предприятие \"Комбинат \"Каменский\"",
     "Federalnoe Kazennoe Predpriyatie Kombinat Kamenski", "soe"),
    ("FEDERALNOE KAZENNOE PREDPRIIATIE KOMBINAT KAMENSKI", "Kombinat Kamenski", "soe"),
    ("Federalnoe Gosudarstvennoe Unitarnoe Predpriyatie Romashka",
     "ФГУП Ромашка", "soe"),
    ("Gosudarstvenoye predpriyatiye Sevastopolski morskoy torgovy port",
     "Государственное предприятие Севастопольский морской торговый порт", "soe"),
    ("Derzhavne pidpryiemstvo Antonov", "Державне підприємство Антонов", "soe"),
    # the EU's Bulgarian for an open joint stock company (rigour reads акционерно дружество
    # alone, and Отворено, open, was a word of the name: Naftan 0.57) and the Belarusian
    # joint stock company
    ("Отворено акционерно дружество „Naftan“", "Open Joint Stock Company “Naftan”", "jsc"),
    ("Затворено акционерно дружество „Naftan“", "JSC Naftan", "jsc"),
    ("Акцыянернае таварыства 2566 Завод", "JSC 2566 Zavod", "jsc"),
    # and the EU's Greek for a joint stock company
    ("Εταιρία κατά μετοχές “Lenpromtransproyekt”", "LENPROMTRANSPROYEKT", "jsc"),
])
def test_legal_forms_rigour_lacks(written: str, listed: str, legal: str) -> None:
    # (from the ISO 20275 code list, data/legal_forms.json): before, each was a name word
    # the list name lacks, and the name fell to 0.41-0.64
    assert analyze(written, org=True).legal == {legal}
    assert score(written, listed, org=True) >= 0.95


def test_a_dotted_legal_form_spaced_and_dotted_words_read_whole() -> None:
    # a space after each full stop (the Czech and Slovenian way): 0.61 and 0.57 before
    for spaced, dotted in [("Bizon, s. r. o.", "BIZON S.R.O."), ("OKENIT d. d.", "OKENIT D.D."),
                           ("Vulkan, d. o. o.", "VULKAN D.O.O.")]:
        assert analyze(spaced, org=True).legal == analyze(dotted, org=True).legal != set()
        assert score(spaced, dotted, org=True) == pytest.approx(1.0)
    # a form of two letters spaced is a person's initials in a name of unknown kind
    assert not analyze("KHAN S. A.", org=None).legal
    assert analyze("Zorbex S. A.", org=True).legal == {"jsc"}
    # S.A.L. is a form of its own (the Lebanese SA), not S.A with an L left, nor SAL a typo
    # of SARL: the two spellings are one form
    assert analyze("OVLAS TRADING S.A.L.", org=True).legal == analyze(
        "OVLAS TRADING SAL", org=True).legal == {"jsc"}
    assert [t.text for t in analyze("OVLAS TRADING S.A.L.", org=True).tokens] == [
        "ovlas", "trading"]
    # a form typed letter by letter with spaces and no full stops (S A, C A, S L, K G, S DE R
    # L, S A DE C V: rigour reads L L C and S R L so, not these): 0.81 before, S A query only
    for spaced, written in [("Banco Nacional de Cuba S A", "BANCO NACIONAL DE CUBA S.A."),
                            ("Comercial Lara C A", "Comercial Lara C.A."),
                            ("Trafigo S L", "Trafigo S.L."), ("Wendt K G", "Wendt KG"),
                            ("Grupo Vortex S de R L", "Grupo Vortex S. de R.L."),
                            ("Grupo Vortex S A de C V", "Grupo Vortex S.A. de C.V.")]:
        assert analyze(spaced, org=True).legal == analyze(written, org=True).legal != set(), (
            spaced)
        assert [t.text for t in analyze(spaced, org=True).scoring] == [
            t.text for t in analyze(written, org=True).scoring]
    assert score("Banco Nacional de Cuba S A", "BANCO NACIONAL DE CUBA", org=True) >= 0.95
    # another form after the letters (OFAC writes INMOBILIARIA ROFI S A; a query adds Ltd)
    assert analyze("INMOBILIARIA ROFI S A Ltd", org=True).legal == {"jsc", "llc"}
    assert score("INMOBILIARIA ROFI S A Ltd", "INMOBILIARIA ROFI S A", org=True) >= 0.95
    # of unknown kind, only beside a business word (BANCO, Trading): else a person's initials
    assert analyze("Banco Nacional de Cuba S A", org=None).legal == {"jsc"}
    assert not analyze("KHAN S A", org=None).legal
    assert not analyze("Maria Fernanda Lopez S A", org=None).legal
    assert not analyze("Banco A B C", org=True).legal  # (no form is ABC)
    # a short form before another (SAL, Limited) still ends the name; a typo in EOOD is one
    assert analyze("Noumayriye-1057 Sal, Limited", org=True).legal == {"jsc", "llc"}
    assert score("VABO-2005 EOD", "VABO-2005 EOOD", org=True) >= 0.95


def test_a_short_business_word_is_no_typo_of_a_list_name_word() -> None:
    # Tic. (Ticaret, trade) is the business word as written: before, tic~tir (spelling)
    # made Seven Tic. the 7th of Tir at 0.88 (an unlisted Turkish company, seed 2026)
    assert score("Seven Tic.", "7th of Tir", org=True) < 0.5
    assert score("Nord Bank", "NORD BANG", org=True) < 0.5
    # a typo of the business word is one still, and the name word as written matches
    assert score("Nord Bnak", "NORD BANK", org=True) >= 0.95
    assert score("Seven Tir", "7th of Tir", org=True) >= 0.95


def test_short_legal_forms_rigour_lacks_end_a_company_name_only() -> None:
    # AB, OU, SAL: the last word of a company's name, or of one with a business word
    assert analyze("Zorbex Trading AB", org=None).legal == {"jsc"}
    assert [t.text for t in analyze("AB Trading", org=True).tokens] == ["ab", "trading"]
    # not the end of a name that may be a person's (Wei Ou, the Chinese family name)
    assert [t.text for t in analyze("Wei Ou", org=None).tokens] == ["wei", "ou"]
    assert not analyze("Wei Ou", org=None).legal


def test_typos_inside_abdul_and_titles_set_aside_on_one_side() -> None:
    assert score("AGDUL HAKIM MURAD", "ABDUL HAKIM MURAD") == pytest.approx(1.0)
    assert score("Abdoul Manan Nyazi", "Abdul Manan Nyazi") == pytest.approx(1.0)
    assert score("RAJAB MAULAWI", "MAULAWI RAJAB") >= 0.9


def test_crossed_order_with_a_missing_name_is_a_feature() -> None:
    assert feature("crossed_gap", "Ahmad Suleiman", "Yousef Suleiman al-Ahmad") == 1.0
    assert feature("crossed_gap", "Musa Mohammed", "KALIM, Mohammed Musa") == 1.0
    # a dropped middle name, in either way of writing the list name, is not crossed
    assert feature("crossed_gap", "Aiub Kataev", "KATAEV, Aiub Vakhaevich") == 0.0
    assert feature("crossed_gap", "Aiub Kataev", "Aiub Vakhaevich KATAEV") == 0.0


def test_given_names_crossed_with_the_family_name_missing_is_a_feature() -> None:
    # Mahmud son of Ali is not Ali son of Mahmoud (the list name has its family name more)
    assert feature("given_crossed", "Mahmud Ali", "Ali Mahmoud ABBAS") == 1.0
    assert score("Mahmud Ali", "Ali Mahmoud Abbas") < score(
        "Ali Mahmud", "Ali Mahmoud Abbas") - 0.1
    # the family name written first is the same order of the given names
    assert feature("given_crossed", "ABBAS Ali", "Ali Mahmoud ABBAS") == 0.0
    assert feature("given_crossed", "Abbas Mahmoud", "Ali Mahmoud ABBAS") == 0.0
    assert feature("given_crossed", "Musa Mohammed", "KALIM, Mohammed Musa") == 1.0
    assert feature("given_crossed", "Mohammed Kalim", "KALIM, Mohammed Musa") == 0.0
    # all names there: a reordering, not another person
    assert feature("given_crossed", "Mahmoud Ali Abbas", "Ali Mahmoud ABBAS") == 0.0
    # Chinese and Korean syllables are no given names in an order
    assert feature("given_crossed", "Un Jong", "KIM Jong Un") == 0.0


def test_a_kunya_is_a_name_of_its_own() -> None:
    # Abu Bakr ("father of Bakr") is not Bakr, on either side, joined or apart
    assert feature("kunya_missing", "Bakr Hassan", "Abu Bakr Hassan") == 1.0
    assert feature("kunya_missing", "Abubakar Shekau", "Bakar SHEKAU") == 1.0
    assert feature("kunya_missing", "Youcef Talbi", "یوسف ابوطالبی") == 1.0
    assert score("Bakr Hassan", "Abu Bakr Hassan") < 0.8
    assert score("Youcef Talbi", "Yousef ABOUTALEBI") < 0.8
    # written together or apart, the same name; Umm too
    assert feature("kunya_missing", "Abubakar Shekau", "Abu Bakar SHEKAU") == 0.0
    assert score("Abubakar Shekau", "Abu Bakar SHEKAU") >= 0.95
    # an initial stands for the compound; a kunya glued into the other side's word is there
    assert feature("kunya_missing", "M AL ADNANI", "ABOU MOHAMED AL ADNANI") == 0.0
    assert feature("kunya_missing", "Sergei ABU KOV", "Sergei ABUKOV") == 0.0
    assert feature("kunya_missing", "Hassan", "Umm Hassan") == 1.0
    # Abu met only by a word of other letters is not there (إباء, Iba', a given name)
    assert feature("kunya_missing", "إباء آل جعفر", "Abu Jaafar") == 1.0
    assert score("إباء آل جعفر", "Abu Jaafar") < 0.8
    assert feature("kunya_missing", "ابو جعفر", "Abu Jaafar") == 0.0


def test_abu_before_another_word_is_another_kunya() -> None:
    # Abu Yasser ("father of Yasser") is not Yasser Abou, whose Abou is a family name; a
    # list name written FAMILY, Given puts Abu first (MALIK, Abu: Abu Malik)
    assert "another kunya" in describe("Yasser Abou", "Abu Yasser")
    assert score("Yasser Abou", "Abu Yasser") < 0.5
    assert score("Malik Abou", "MALIK, Abu") < 0.5
    assert score("Abu Ali Yasser", "Ali Abu Yasser") < 0.5
    # the same kunya, whatever stands around it, and in a list's comma order
    assert score("Abu Yasser", "YASSER, Abu") == 1.0
    assert score("Yasser Abu Malik", "Abu Malik Yasser") == 1.0
    assert feature("lineage_conflict", "Abu Bakr al-Baghdadi", "Abu Bakr Baghdadi") == 0.0


def test_another_patronymic_is_another_father() -> None:
    assert feature("patronymic_conflict", "Vladimir Borislavovich Zaytsev",
                   "Vladimir Egorovich ZAITSEV") == 1.0
    assert score("Vladimir Borislavovich Zaytsev", "Vladimir Egorovich ZAITSEV") < 0.5
    # one name without its patronymic, or the same one written otherwise, is no conflict
    assert feature("patronymic_conflict", "Vladimir Zaytsev", "Vladimir Egorovich ZAITSEV") == 0.0
    assert score("Alexander Jurjevich Ivanov", "Aleksandr Yurievich IVANOV") >= 0.9
    # in the French or older spellings (oo, ou for u) too: Yooryevich is Yuryevich
    assert score("Dmitry Yooryevich GORITSKY", "Dmitry Yuryevich GORITSKY") >= 0.9
    assert score("Kazbek Kootsookovich TAYSAEV", "Kazbek Kutsukovich TAYSAEV") >= 0.9


def test_a_family_name_given_as_a_given_name_is_another_person() -> None:
    # the list marks its family name; the query has it first and ends with a given name
    assert feature("family_as_given", "Ismail Yusuf", "Yousef ISMAIL") == 1.0
    assert feature("family_as_given", "Kazim Raashid", "KAZIM, Rashid Taan") == 1.0
    assert score("Kazim Raashid", "KAZIM, Rashid Taan") < 0.8
    # آل marks the family name in the script: تالا آل حسين is Tala of the Al Hussein
    assert feature("family_as_given", "تالا آل حسين", "Hossein TALA") == 1.0
    # a query that marks the list's family name as its own is read in its own order
    for query in ("ISMAIL Yousef", "ISMAIL, Yousef", "Yousef Ismail", "ISMAIL YOUSEF"):
        assert feature("family_as_given", query, "Yousef ISMAIL") == 0.0
        assert score(query, "Yousef ISMAIL") == 1.0
    assert feature("family_as_given", "حسين آل تالا", "Hossein TALA") == 0.0
    # a list name in mixed case writes its family name last: Hossein Tala is Tala's
    assert feature("family_as_given", "تالا آل حسين", "Hossein Tala") == 1.0
    assert feature("family_as_given", "حسين آل تالا", "Hossein Tala") == 0.0
    assert feature("family_as_given", "تالا آل حسين", "HOSSEIN TALA") == 0.0  # no saying


def test_a_family_name_before_initials_is_the_family_name_first() -> None:
    # Family I. O., as Russian and the lists write it, with or without full stops: the
    # family name first is no given name (a given name at the end would be)
    for query in ("Rotenberg A R", "ROTENBERG A. R.", "Rotenberg Arkady R"):
        assert feature("family_as_given", query, "Arkady Romanovich ROTENBERG") == 0.0
        assert score(query, "Arkady Romanovich ROTENBERG") >= 0.8
    assert score("Kovalchuk Yuri V", "Yuriy Valentinovich KOVALCHUK") >= 0.9
    assert score("Nasrallah H.", "NASRALLAH, Hasan") >= 0.8
    # (a Russian name, which has a patronymic, is written with the family name first without
    # initials too: Rotenberg Arkady, Rukavishnikova Irina)
    assert feature("family_as_given", "Rotenberg Arkady", "Arkady Romanovich ROTENBERG") == 0.0
    # and its words meet the list name's in its order, as I. RUKAVISHNIKOVA does: a dropped
    # middle name, no crossing
    for query in ("RUKAVISHNIKOVA I.", "I. RUKAVISHNIKOVA"):
        assert feature("crossed_gap", query, "Irina Valeryevna RUKAVISHNIKOVA") == 0.0
        assert feature("exact_subset", query, "Irina Valeryevna RUKAVISHNIKOVA") == 1.0
        assert score(query, "Irina Valeryevna RUKAVISHNIKOVA") >= 0.85
    assert feature("crossed_gap", "Rukavishnikova Irina", "Irina Valeryevna RUKAVISHNIKOVA") == 0.0
    assert feature("crossed_gap", "Valeryevna Irina", "Irina Valeryevna RUKAVISHNIKOVA") == 1.0


def test_an_initial_in_another_romanisation_of_a_cyrillic_name() -> None:
    # Евгений is Yevgeniy (BGN/PCGN) and Evgeny (ICAO): E. is its initial, and Y. Elena's
    assert "e~yevgeniy (initial)" in describe("E. V. Prigozhin", "Yevgeniy Viktorovich PRIGOZHIN")
    assert score("E. V. Prigozhin", "Yevgeniy Viktorovich PRIGOZHIN") >= 0.8
    assert "y~elena (initial)" in describe("Y. Mizulina", "Elena MIZULINA")
    assert "i~yulia (initial)" in describe("I. Navalnaya", "Yulia NAVALNAYA")
    # not any other letter: E. is no Yakov's initial, nor A. Yevgeniy's
    assert "(initial)" not in describe("E. Prigozhin", "Yakov PRIGOZHIN")
    assert "(initial)" not in describe("A. Prigozhin", "Yevgeniy PRIGOZHIN")


def test_y_before_an_initial_is_an_initial_not_the_spanish_and() -> None:
    assert [t.text for t in analyze("Kovalchuk Y V", org=False).scoring] == [
        "kovalchuk", "y", "v"]
    assert score("Kovalchuk Y V", "Yuriy Valentinovich KOVALCHUK") >= 0.8
    # between two names it joins them (Garcia y Lopez), as before
    assert [t.text for t in analyze("Garcia y Lopez", org=False).scoring] == [
        "garcia", "lopez"]


def test_the_explanation_says_what_weighed_against_a_name() -> None:
    said = describe("Ismail Yusuf", "Yousef ISMAIL")
    assert "against it: the list name marks its family name" in said
    assert "against it" not in describe("Yousef Ismail", "Yousef ISMAIL")
    assert "another father" in describe("Vladimir Borislavovich Zaytsev",
                                        "Vladimir Egorovich ZAITSEV")


def test_a_name_whose_al_stands_before_its_last_word_is_not_read_reversed() -> None:
    from sanctio.screen import _reversed_reading

    assert _reversed_reading("تالا آل حسين") is None  # Tala of the Hussein family
    assert _reversed_reading("محمد بن سلمان آل سعود") is None
    assert _reversed_reading("الكاني الرحيم عبد") == "عبد الرحيم الكاني"


def test_words_aligned_as_other_names_are_no_spelling() -> None:
    # found alike, and known as other names: another person
    for query, listed in (("Salah Hamadi", "Salah HAMAD"), ("Mohammed Kaddouri",
                                                             "Mohammed Khaddour"),
                          ("سعيد آل سعود", "سعيد سعيد")):
        assert feature("other_name", query, listed) == 1.0, query
        assert score(query, listed) < 0.8, query
    assert feature("other_name", "Salah Hamad", "Salah HAMAD") == 0.0
    # a letter from another known name is as often a typo (Maria, Marina); a name read from
    # the script with other letters, as often written by a Latin speller (موساف, Musaev)
    assert feature("other_name", "Maria Vladimirovna SECHINA", "Marina Vladimirovna SECHINA") == 0.0
    assert "other letters (read from the script)" in describe("حامد سليم", "Ahmed SALEM")


def test_a_name_of_the_script_and_another_known_name_are_two_names() -> None:
    """محمد (Muhammad) has the consonants of Mahmoud, whose long ou it does not write, and
    rigour knows both names, as two: they are not aligned as one name written in another
    script. Either alone is no evidence (French writes a short u so, Mouhamed; rigour files
    ایمان and Iman apart); a spelling rigour does not know is read by the letters."""
    assert "mahmoud~mhmd" not in describe("Mahmoud Jabr", "محمد جابر")
    assert score("Mahmoud Jabr", "محمد جابر") < 0.8
    assert score("محمود جابر", "Mahmoud JABIR") >= 0.9
    assert score("Muhammad Jabr", "محمد جابر") >= 0.9
    assert "same letters" in describe("Aymen Djebbar", "أيمن جابر")  # Djebbar: not known
    assert "another known name" not in describe("Mouhamed Jabr", "محمد جابر")
    assert "another known name" not in describe("Iman Afshari", "ایمان افشاری")


def test_names_rigour_knows_apart_in_cyrillic_too() -> None:
    # Romanov and Rusanov are two family names, written in Latin or in Cyrillic letters
    assert score("Sergey Georgiyevich Romanov", "Сергей Георгиевич РУСАНОВ") < 0.5


def test_a_syllable_read_from_a_chinese_character_is_no_short_form() -> None:
    # 丹 (dan) is no short form of a Western name
    assert score("何丹", "HE, Daniel Y.") < 0.5
    assert score("何丹", "He Dan") == 1.0
    # nor a spelling of a Latin given name of two syllables: 秀 (xiu) is no Xifu (0.80 before)
    assert score("秀美 張", "CHANG, Xifu") < 0.5
    assert "xiu~xifu" not in describe("秀美 張", "CHANG, Xifu")
    assert score("张喜福", "CHANG, Xifu") >= 0.95


def test_wade_giles_ssu_is_pinyin_si() -> None:
    # 旭 (xu, Wade-Giles hsu) is no Ssu (si: 思, 斯); 0.97 against WANG, Ssu before
    assert syllable_key("ssu") == syllable_key("si") != syllable_key("xu")
    assert score("旭 王", "WANG, Ssu") < 0.5
    assert score("思 王", "WANG, Ssu") >= 0.95


def test_a_persian_compound_given_name_is_no_middle_name() -> None:
    # علی رضا is Alireza, not Ali with a middle name the list leaves out
    assert feature("query_middle_extra", "علی رضا شمشیری", "Ali Shamshiri") == 0.0
    assert score("علی رضا شمشیری", "Ali Shamshiri") < score("علی شمشیری", "Ali Shamshiri") - 0.2
    # a first name written as one compound already: the next word is a middle name
    assert feature("query_middle_extra", "محمدرضا مدرس خیابانی", "Mohammad Reza KHIABANI") == 1.0
    # a middle name in Latin letters, or a patronymic, still is one
    assert feature("query_middle_extra", "Ali Reza Shamshiri", "Ali Shamshiri") == 1.0


# ------------------------------------------------------------- Arabic script, letter by letter


def test_a_long_i_the_latin_writes_is_written_in_the_script() -> None:
    # ee, ei between two consonants is a ی the Arabic-script word writes: حسنی is Hasani
    assert score("حسنی", "Hosseini") < 0.8 <= score("حسینی", "Hosseini")
    assert score("كرم", "Kareem") < 0.8 <= score("كريم", "Kareem")
    assert score("حسنی", "Hasani") >= 0.8
    # the French ou is no long vowel: Mouhamed is محمد
    assert score("محمد علي", "Mouhamed Ali") >= 0.8


@pytest.mark.parametrize(("arabic", "latin"), [
    ("عيسى", "issa"), ("يحيى", "yahia"), ("لونيسي", "lounici"), ("شاوي", "chaoui"),
    ("جمال", "djamel"), ("حسين", "husayn"), ("حسين", "hussein"), ("عبدالله", "abdullah"),
    ("بشارالاسد", "basharassad"), ("زارعپور", "zarepour"), ("طه", "taha"),
])
def test_arabic_script_read_letter_by_letter(arabic: str, latin: str) -> None:
    from sanctio.text.abjad import reads_as
    from sanctio.text.normalize import arabic_prepare

    assert reads_as(arabic_prepare(arabic).replace(" ", ""), latin)


@pytest.mark.parametrize(("arabic", "latin"), [
    ("حسين", "hasan"),  # the long vowel ي is not in Hasan: another name
    ("محمد", "mahmoud"),  # محمود has a و
    ("جلالی", "jalaa"),  # a long vowel never vanishes
    ("صنایعی", "sinie"),
])
def test_arabic_script_long_vowels_must_be_read(arabic: str, latin: str) -> None:
    from sanctio.text.abjad import reads_as
    from sanctio.text.normalize import arabic_prepare

    assert not reads_as(arabic_prepare(arabic).replace(" ", ""), latin)


@pytest.mark.parametrize(("native", "listed"), [
    ("يحيى جوادي", "YAHIA DJOUADI"), ("جمال لونيسي", "DJAMEL LOUNICI"),
    ("سلوى عبدالله", "Salwa ABDULLAH"), ("عیسی زارع پور", "Issa ZAREPOUR"),
    ("بشارالاسد", "Bashar AL-ASSAD"), ("حافظ مخلوف", "Hafez Makhlouf"),
])
def test_arabic_script_names_as_people_write_them(native: str, listed: str) -> None:
    assert score(native, listed) >= 0.9, describe(native, listed)


def test_arabic_script_other_names_stay_apart() -> None:
    assert score("حسين علي", "Hasan Ali") < 0.8


def test_arabic_script_compound_finds_its_list_spelling_as_candidate() -> None:
    from sanctio.index import NameIndex

    names = ["HIDAYATULLAH", "SHAMSUDDIN", "Abdol Hossein Khosrow PANAH", "Ali Hassan"]
    index = NameIndex(analyze(n, org=False) for n in names)
    for query, want in [("هدايت الله", 0), ("شمس الدین", 1), ("عبدالحسین خسروپناه", 2)]:
        form = analyze(query, org=False)
        ids, evidence = index.candidates_scored(form)
        assert ids and ids[0] == want, query
        # enough evidence to pass the screener's floor (half the query's weight)
        assert evidence[0] >= 0.5 * index.query_weight(form), query


def test_a_missing_family_name_marked_by_the_list_is_a_feature() -> None:
    from sanctio.scoring import TokenWeights as TW

    def feats(a: str, b: str) -> dict[str, float]:
        return compare_forms(analyze(a, org=False), analyze(b, org=False), TW.uniform()).features

    # the list writes FAMILY, Given, or the family name in capitals
    assert feats("Musa Mohammed", "KALIM, Mohammed Musa")["family_missing"] == 1.0
    assert feats("Mohammed Musa", "Mohammed Musa Kalim")["family_missing"] == 0.0  # unmarked
    assert feats("Mohammed Kalim", "KALIM, Mohammed Musa")["family_missing"] == 0.0
    assert feats("Mohammed Ali", "Mohammed Ali DURGHAM")["family_missing"] == 1.0
    assert score("Musa Mohammed", "KALIM, Mohammed Musa") < score(
        "Mohammed Kalim", "KALIM, Mohammed Musa")


def test_a_missing_last_name_of_an_unmarked_name_of_common_words_is_a_feature() -> None:
    """A name in mixed case with no family name marked ends with it: a query with the given
    and the father's name only, both common, is another person (Jamal Ali is not Jamal Ali
    Babamoradi); not where a word it meets is rare (Laurent Nkunda), nor for a Russian's
    name and patronymic (Sergei Vitalievich)."""
    weights = TokenWeights({"jamal": 78, "ali": 949, "babamoradi": 3, "laurent": 6,
                            "nkunda": 9, "batware": 2, "sergei": 164, "vitalievich": 13,
                            "petrov": 39, "mohammad": 2_000, "reza": 700, "naqdi": 4},
                           60_000)

    def cmp(a: str, b: str):  # type: ignore[no-untyped-def]
        return compare_forms(analyze(a, org=False), analyze(b, org=False), weights)

    missing = cmp("Jamal Ali", "Jamal Ali Babamoradi")
    assert missing.features["family_missing"] == 1.0 and missing.score < 0.8
    assert cmp("Jamal Babamoradi", "Jamal Ali Babamoradi").score >= 0.9
    assert cmp("Laurent Nkunda", "Laurent Nkunda Batware").features["family_missing"] == 0.0
    assert cmp("Sergei Vitalievich", "Sergei Vitalievich Petrov").features[
        "family_missing"] == 0.0
    # a name in capitals with no comma is in its natural order too (the UN's FIRST SECOND
    # THIRD names; OFAC and the lists in capitals put a comma after a family name written
    # first): Mohammad Reza is not MOHAMMAD REZA NAQDI
    assert cmp("JAMAL ALI", "JAMAL ALI BABAMORADI").features["family_missing"] == 1.0
    caps = cmp("Mohammad Reza", "MOHAMMAD REZA NAQDI")
    assert caps.features["family_missing"] == 1.0 and caps.score < 0.8
    assert cmp("Mohammad Reza", "NAQDI, Mohammad Reza").features["family_missing"] == 1.0
    assert cmp("Laurent Nkunda", "LAURENT NKUNDA BATWARE").features["family_missing"] == 0.0


def test_a_company_named_after_someone_else_is_no_typo() -> None:
    """A company's one word of its own that is a name people have, a slip away from the
    list's word, is another name (Bauer, BAJER; Marion, Morion; Ramos Group, RAMOR GROUP);
    a slip that spells no name is a typo (RAHAG, MITEV); a spelling of the same name, or a
    person's name, is judged as before."""
    def org(a: str, b: str) -> dict[str, float]:
        return compare_forms(analyze(a, org=True), analyze(b, org=True), W).features

    for query, listed in (("Bauer OHG mbH", "BAJER S.R.L."), ("Marion", "JSC “Morion”"),
                          ("Ramos Group Ltd", "RAMOR GROUP")):
        assert org(query, listed)["known_name_slip"] == 1.0, query
        assert score(query, listed, org=True) < 0.8, query
    for query, listed in (("RAHAG LTD", "RAHAT LTD"), ("MITEV", "MITEC"),
                          ("DALPRIBLR", "PJSC DALPRIBOR")):
        assert org(query, listed)["known_name_slip"] == 0.0, query
        assert score(query, listed, org=True) >= 0.8, query
    assert org("Bauer Trading", "BAUER TRADING")["known_name_slip"] == 0.0  # the same word
    # two letters swapped, a spelling folded (French ou), a word read from Cyrillic
    assert org("LLC Darke", "LLC Drake")["known_name_slip"] == 0.0
    assert org("MAHROUS GROUP", "MAHRUS GROUP")["known_name_slip"] == 0.0
    assert org("АО «Сухой»", "JSC SUKHOI")["known_name_slip"] == 0.0
    assert org("Bauer Mueller", "BAJER MUELLER")["known_name_slip"] == 0.0  # two names
    assert feature("known_name_slip", "Marion Petit", "Morion PETIT") == 0.0  # a person
    # two names rigour knows as other ones, a letter apart (Hamdi, Hadi): another founder too
    assert org("Hamdi Shipping Corporation", "HADI SHIPPING COMPANY LIMITED")[
        "known_name_slip"] == 1.0
    assert score("Hamdi Shipping Corporation", "HADI SHIPPING COMPANY LIMITED", org=True) < 0.8


def test_a_two_word_name_with_another_known_name_is_another_person() -> None:
    """In a person's name of two words, a word that is a name people have, a letter or two
    from the list's, which rigour knows as another name, is half the name: another person
    (Khalil Kaddour, Khalid KADDOUR), however the other word agrees. A typo that spells no
    name, or one inside a longer name, is judged as before."""
    for query, listed in (("Khalil Kaddour", "Khalid KADDOUR"), ("Nadim Qaasim", "QASIM, Naim"),
                          ("Abel Camarillo", "CARRILLO, Abel")):
        assert feature("known_name_slip", query, listed) == 1.0, query
        assert score(query, listed) < 0.8, query
    # an i where the list has an a: another name of Arabic (Jamil, Jamal; Bashir, Bashar),
    # an e for either the same (Majed, Majid; Ahmed, Ahmad)
    for query, listed in (("Amir Cherif", "Amar SHERIF"), ("Jamil Hassan", "Jamal HASSAN"),
                          ("Bashir Ali", "Bashar ALI")):
        assert "another known name" in describe(query, listed), query
        assert score(query, listed) < 0.8, query
    for query, listed in (("Majid Ali", "Majed ALI"), ("Ahmed Yusuf", "Ahmad YUSUF")):
        assert score(query, listed) >= 0.9, query
    for query, listed in (("Khalix Kaddour", "Khalid KADDOUR"),  # no name: a typo
                          ("Khalil Kaddour", "KHALIL KADDOUR"),  # the same name
                          ("Vitor Petrovich VODOLATSKY", "Viktor Petrovich VODOLATSKY")):
        assert feature("known_name_slip", query, listed) == 0.0, query
        assert score(query, listed) >= 0.8, query


def test_two_initials_written_as_one_word_are_two_initials() -> None:
    """IVANKOVICH VV, as Russian papers write a given name and patronymic: two initials; a
    word of two consonants that is a title, a short form or a family name stays a word."""
    assert [t.text for t in analyze("IVANKOVICH VV").scoring] == ["ivankovich", "v", "v"]
    assert [t.text for t in analyze("vv ivankovich").scoring] == ["v", "v", "ivankovich"]
    assert score("IVANKOVICH VV", "Valery Valerevich IVANKOVICH") >= 0.85
    assert [t.text for t in analyze("Md Salim").scoring] == ["mohammed", "salim"]
    assert [t.text for t in analyze("Ng Kim Hock").scoring] == ["ng", "kim", "hock"]
    assert "dr" not in [t.text for t in analyze("Dr Ahmed Salim").scoring]
    assert [t.text for t in analyze("VV").scoring] == ["vv"]  # no name beside it
    assert analyze("VV TRADING LLC", org=True).scoring[0].text == "vv"


def test_a_korean_syllable_drops_only_the_initials_romanisations_drop() -> None:
    # 이 is Lee, Ri, Yi; 류 Ryu, Yu; 노 Noh, Roh: the initial written or dropped; 전 (Jon)
    # is not 연 (Yon), whatever names the two spellings share
    assert score("리명수", "Yi Myong Su") >= 0.95
    assert score("류경", "Yu Kyong") >= 0.95 and score("노광철", "Roh Kwang Chol") >= 0.95
    assert "jon~yon" not in describe("전정남", "Cho’ng Nam Yo’n")
    assert score("전정남", "Cho’ng Nam Yo’n") < 0.8


def test_a_korean_family_name_of_one_vowel_is_a_syllable_not_an_initial() -> None:
    # 오 is O (McCune-Reischauer, Revised) and Oh (as South Koreans write it): one syllable,
    # not the initial of another name, with the rest of the name or in Hangul
    assert "o~oh (romanisation variant)" in describe("O Kuk Ryol", "OH Guk Ryeol")
    assert score("O Su Yong", "Oh Su Yong") >= 0.9
    assert score("오수용", "O Su Yong") >= 0.9 and score("오수용", "Oh Su Yong") >= 0.9
    # another syllable is still another (O is not U), and an initial of a longer name is one
    assert score("O Su Yong", "U Su Yong") < 0.8
    assert token_sim(analyze("O").scoring[0], analyze("Oleg").scoring[0])[1] == "initial"


def test_a_korean_family_name_unmarked_is_known_by_the_name_itself() -> None:
    """A Korean name of three syllables with no comma or capitals has its family name at
    one end: a family name only Korea has says which (Young Han Park, KIM SONG CHOL); a
    syllable that also ends Chinese given names (Jun, Yu, Lee) says nothing."""
    assert feature("family_missing", "Yong Han", "Young Han Park") == 1.0
    assert feature("family_missing", "Young Park", "Young Han Park") == 0.0
    assert feature("family_missing", "Song Chol", "KIM SONG CHOL") == 1.0
    assert feature("family_missing", "Kim Chol", "KIM SONG CHOL") == 0.0
    assert feature("family_missing", "Wei Jun", "Zhang Wei Jun") == 0.0  # no Korean family
    assert feature("family_missing", "Han Park", "Young Han Parker") == 0.0  # no syllable
    assert score("Yong Han", "Young Han Park") < 0.8 <= score("Young Park", "Young Han Park")


def test_organisation_words_are_not_given_names() -> None:
    # Oliver / Oli are one given name; as company words they are only two spellings
    assert "name variant" not in describe("Oliver Logistics Limited", "OLI", org=True)
    assert score("Ball LLC", "BAL", org=True) < 0.8
    assert "nickname" in describe("Bill Smith", "William SMITH")


def test_different_business_words_are_a_conflict() -> None:
    f = compare_forms(analyze("Aryan Group", org=True), analyze("Aryan Bank", org=True),
                      W).features
    assert f["generic_conflict"] == 1.0
    assert score("Aryan Group", "Aryan Bank", org=True) < score(
        "Aryan Group", "Aryan Trading Group", org=True)


def test_a_sector_rigour_does_not_file_is_a_business_word() -> None:
    """The activity of a company (Foods, Textiles, Farm) is a business word as rigour's
    tagger's sectors are, its plural too (Hotels, Metals): Lata Foods is no LAMA FOODS, whose
    name word is another known name; Lama Food is. A plural of a kind of body is no sector
    (Corps is no corporation)."""
    assert org_tags("foods") == org_tags("foodstuffs") == frozenset({"[DOMAIN:FOOD]"})
    assert org_tags("hotels") == org_tags("hotel") != frozenset()
    assert org_tags("metals") == org_tags("metal") != frozenset()
    assert org_tags("corps") == frozenset() and org_tags("farms") != org_tags("agro")
    # (nor is any word with an s after it: Tekniks, Текникс, is no plural of teknik)
    assert org_tags("tekniks") == frozenset()
    assert analyze("Lata Foods", org=True).tokens[-1].role == Role.GENERIC
    assert score("Lata Foods", "LAMA FOODS S.A.R.L.", org=True) < 0.8
    assert score("Lama Food", "LAMA FOODS S.A.R.L.", org=True) > 0.95
    # (Moses Agro is no Moshe's Farm: two businesses)
    assert score("Moses Agro Inc.", "Moshe's Farm", org=True) < 0.8


def test_a_missing_first_name_and_a_different_first_letter_are_features() -> None:
    def feats(a: str, b: str) -> dict[str, float]:
        return compare_forms(analyze(a, org=False), analyze(b, org=False), W).features

    assert feats("Ahmad Suleiman", "Yousef Suleiman al-Ahmad")["given_missing"] == 1.0
    assert feats("Yousef al-Ahmad", "Yousef Suleiman al-Ahmad")["given_missing"] == 0.0
    # FAMILY, Given: the first name is the one after the comma
    assert feats("Kalim Musa", "KALIM, Mohammed Musa")["given_missing"] == 1.0
    assert feats("Ahmed Amrouche", "Ahmed Jarrouche")["initial_differs"] > 0.0
    assert feats("Ahmed Jarouche", "Ahmed Jarrouche")["initial_differs"] == 0.0
    assert score("Ahmed Amrouche", "Ahmed Jarrouche") < score("Ahmed Jarouche", "Ahmed Jarrouche")


def test_a_first_name_left_out_before_two_rare_names_is_the_name_one_goes_by() -> None:
    """People go by a middle name (Bosco Ntaganda for Jean Bosco NTAGANDA); a first name
    left out before one rare name and a common one is another man of the family (Ibrahim
    Ghalawanji, Khalifa Ibrahim's father's name)."""
    weights = TokenWeights({"ibrahim": 400, "mohammed": 900}, 10_000)

    def sc(a: str, b: str) -> float:
        return compare_forms(analyze(a, org=False), analyze(b, org=False), weights).score

    assert sc("Bosco Ntaganda", "Jean Bosco NTAGANDA") >= 0.85
    assert sc("Amuri Yakutumba", "William Amuri YAKUTUMBA") >= 0.85
    assert sc("Ignacio Gonzalez Parada", "GONZALEZ PARADA, Juvencio Ignacio") >= 0.85
    assert sc("Ibrahim Ghalawanji", "Khalifa Ibrahim GHALAWANJI") < 0.8
    assert sc("Bosco Ntaganda", "Jean Bosco NTAGANDA") > sc(
        "Ibrahim Ghalawanji", "Khalifa Ibrahim GHALAWANJI") + 0.1
    # the two words of one hyphenated family name are one name, not a middle name and a
    # family name: Jean Pierre is a given name, no Gabriel JEAN-PIERRE (0.91 before)
    assert sc("Jean Pierre", "Gabriel JEAN-PIERRE") < 0.8
    assert sc("Gabriel Jean Pierre", "Gabriel JEAN-PIERRE") >= 0.9


@pytest.mark.parametrize(("query", "listed"), [
    ("Mirahmad Nooshin", "NOOSHIN, Seyed Mirahmad"),  # FAMILY, Title Given
    ("Hafiz Saeed", "SAEED, Hafiz Mohammad"),  # (and the title read as a name)
    ("Sadegh Hosseini", "Sardar Seyed Sadegh Hosseini"),  # Sardar: an IRGC general's title
])
def test_a_title_opens_the_given_names_after_the_family_name(query: str, listed: str) -> None:
    assert score(query, listed) >= 0.9, describe(query, listed)


@pytest.mark.parametrize(("query", "listed", "org"), [
    ("PJSVC DALPRIBOR", "PJSC DALPRIBOR", True),  # a typo in a legal-form acronym
    ("ALEVKURP OJSX", "ALEVKURP OJSC", True),
    ("Nawras ALID", "AL-ID, Nawras", False),  # a short name written with its article
    ("Sheikh Y AL-MADANI", "YUSUF AL-MADANI", False),  # Y after a title is an initial
    ("A. YAROSHUK", "Alexander Georgievich YAROSHUK", False),  # initial, patronymic dropped
])
def test_variants_people_write(query: str, listed: str, org: bool) -> None:
    assert score(query, listed, org=org) >= 0.85, describe(query, listed, org=org)


@pytest.mark.parametrize(("query", "listed"), [
    ("FUTURE AGE SHIPPING LEEMITED", "FUTURE AGE SHIPPING LIMITED"),  # ee for i
    ("Limited Liability Kompany Sonatek", "Limited Liability Company Sonatek"),  # k for c
    ("Sonatek Korporation", "Sonatek Corporation"),
    ("KOREA SAMMA SHIPPING KO", "KOREA SAMMA SHIPPING CO"),  # Ko for Co after a business word
    ("KAIKAI TECHNOLOGY KO., LTD.", "KAIKAI TECHNOLOGY CO., LTD."),
])
def test_legal_form_words_spelt_as_they_sound(query: str, listed: str) -> None:
    assert score(query, listed, org=True) >= 0.95, describe(query, listed, org=True)


def test_a_word_spelled_as_it_sounds_is_a_spelling() -> None:
    # ee for i, w for v, c for k at the start of a word, where no other rule reads them
    assert score("Veenston NICHOLLS EASTMAN", "NICHOLLS EASTMAN, Winston") >= 0.9
    assert score("Koral Energy DMCC", "Coral Energy DMCC", org=True) >= 0.9
    assert score("CORYO BANK", "KORYO BANK", org=True) >= 0.9
    # a soft c at the start is no k (Cesar, Cyrus), a hard one is (Coral)
    assert "as it sounds" not in describe("Cesar Haddad", "Kesar Haddad")
    assert "as it sounds" in describe("Coral Haddad", "Koral Haddad")
    # s and z, th and t are other names in the languages the lists romanise
    assert "as it sounds" not in describe("Siyad Sabagh", "Ziyad Sabbagh")
    assert "as it sounds" not in describe("Tamer Hassan", "Thamer Hassan")


def test_ko_is_a_name_where_no_business_word_is_before_it() -> None:
    # a Korean family name goes first; Ko after a person's name stays the name it is
    assert [t.text for t in analyze("KO CHOL HO", org=None).scoring] == ["ko", "chol", "ho"]
    assert "ko" in [t.text for t in analyze("Kim Sun Ko", org=None).scoring]


def test_an_initial_in_a_company_name_is_no_evidence() -> None:
    # "A Russian" in a text is not Russian Agricultural Bank
    assert score("A Russian", "Russian Agricultural Bank", org=None) < 0.8
    # nor with no business word or legal form beside it: „A Patak” (the Hungarian article)
    # is no Pathak-Andra
    assert score("Pathak-Andra", "„A Patak”", org=True) < 0.8
    assert "(initial)" not in describe("Pathak-Andra", "„A Patak”", org=True)
    # a person's initials stay initials
    assert score("A. Patak", "Andras Patak") >= 0.8


def test_chinese_syllables_are_never_particles() -> None:
    # 彬 is bin, a given-name syllable, not "son of"
    assert score("倪高彬", "Gaobin NI") >= 0.95, describe("倪高彬", "Gaobin NI")


def test_a_middle_name_only_the_query_has_is_a_feature() -> None:
    f = compare_forms(analyze("Natalia Alexejevna SERGUNINOVA", org=False),
                      analyze("Natalia Serguninova", org=False), W).features
    assert f["query_middle_extra"] == 1.0
    assert score("Natalia Alexejevna SERGUNINOVA", "Natalia Serguninova") >= 0.8
    # an extra first or last name is not a middle name
    assert compare_forms(analyze("Natalia Serguninova Petrova", org=False),
                         analyze("Natalia Serguninova", org=False),
                         W).features["query_middle_extra"] == 0.0
    # a query written FAMILY, Given Middle has its middle name last as written, between the
    # given and the family name in its natural order (Mohammad Mahdi Da'emi ATTARAN)
    comma = compare_forms(analyze("ATTARAN, Mohammad Mahdi Da'emi", org=False),
                          analyze("ATTARAN, Mohammad Mahdi", org=False), W)
    assert comma.features["query_middle_extra"] == 1.0 and comma.score >= 0.8
    assert compare_forms(analyze("JONES, Natalia Serguninova", org=False),
                         analyze("Natalia Serguninova", org=False),
                         W).features["query_middle_extra"] == 0.0


def test_a_word_read_as_particle_on_one_side_and_name_on_the_other() -> None:
    # 안 is the family name An; the list's AN looks like the article an-
    assert score("안정혁", "AN Jong Hyok") >= 0.95, describe("안정혁", "AN Jong Hyok")


@pytest.mark.parametrize(("native", "listed"), [
    ("نور الدين بن علي", "NOUREDDINE BEN ALI"),  # a compound over its article, one word
    ("عز الدين اسماعيل", "Ezzedine ISMAEL"),  # however short its first word
    ("امین الله امین قدوس", "AMINULLAH AMIN QUDDUS"),
    ("جلال الدين حقانى", "JALLALOUDINE HAQQANI"),
])
def test_arabic_compounds_written_apart_meet_their_latin_spelling(native: str, listed: str
                                                                   ) -> None:
    assert score(native, listed) >= 0.9, describe(native, listed)


def test_a_chinese_given_name_in_another_reading_is_a_candidate() -> None:
    from sanctio.index import NameIndex

    # 勒 is read lei by ICU; the list writes the given name as one word, Lecheng
    index = NameIndex(analyze(n, org=False) for n in ["Dong Lecheng", "Dong Li", "Zhou Lei"])
    form = analyze("董勒成", org=False)
    ids, evidence = index.candidates_scored(form)
    assert ids[0] == 0 and evidence[0] >= 0.5 * index.query_weight(form)


def test_a_persian_compound_given_name_written_together_is_a_candidate() -> None:
    from sanctio.index import NameIndex

    # محمدجواد (Mohammad Javad as one word): no list word reads as it, its two parts do
    names = ["ZARIF, Mohammad Javad", *(f"Zarif {g}" for g in ("Ali", "Hamid", "Reza", "Omid")),
             "Javad Karimi", "Mohammad Zarei"]
    index = NameIndex(analyze(n, org=False) for n in names)
    ids, _ = index.candidates_scored(analyze("محمدجواد ظریف", org=False), limit=3)
    assert ids[0] == 0
    assert score("محمدجواد ظریف", "ZARIF, Mohammad Javad") >= 0.9


def test_seyed_glued_to_the_name_it_honours_is_a_title() -> None:
    # سیدحسن: Seyed Hassan; a family name made of Seyed stays whole (سیدزاده, سیدی)
    assert [t.text for t in analyze("سیدحسن نصرالله").scoring] == \
        [t.text for t in analyze("سید حسن نصرالله").scoring]
    assert score("سیدحسن نصرالله", "NASRALLAH, Hasan") >= 0.9
    assert len(analyze("علی سیدزاده").scoring) == len(analyze("علی سیدی").scoring) == 2


def test_an_armed_group_by_another_word() -> None:
    from sanctio.index import NameIndex

    assert score("Al Kaniyat Brigade", "KANIYAT MILITIA", org=True) >= 0.9
    assert score("Aryan Group", "Aryan Bank", org=True) < 0.8  # business words still differ
    index = NameIndex(analyze(n, org=True) for n in ["KANIYAT", "AL-KANIYAT", "KANIYAT MILITIA"])
    ids, _ = index.candidates_scored(analyze("Al Kaniyat Brigade", org=True))
    assert ids[0] == 2  # the name with the group word comes first


@pytest.mark.parametrize(("native", "listed"), [
    ("امیرعلی حاجیزاده", "Amir Ali HAJIZADEH"),  # Amir is a name here, not a title
    ("اميرخان متقي", "AMIR KHAN MOTAQI"),
    ("مرادی علی-رضا", "Ali-Reza MORADI"),  # each part of a hyphenated word read
    ("یوسف ابوطالبی", "Yousef ABOUTALEBI"),  # Abu glued to the name
    ("اللهکرم عزیزی", "Allah-Karam AZIZI"),  # Allah glued to the name
    ("الهیان زهره", "Zohreh ELAHIAN"),  # a word that opens with al- read whole
    ("عبد القدوس مظهری", "ABDUL QUDDUS MAZHARI"),  # ظ written zh
    ("محمد الله مطيع", "MOHAMMADULLAH MATI"),
    ("ثناء اللہ غفاری", "SANAULLAH GHAFARI"),  # Urdu heh goal
    ("محمد مسعود اظہر علوی", "MOHAMMED MASOOD AZHAR ALVI"),
    ("علي كوكك", "Ali KOCAK"),  # a short vowel between two k the script writes once each
    ("علی خامنه‌ای", "KHAMENEI, Ali Husseini"),  # -ei after a half space (ZWNJ)
    ("مجتبی خامنه ای", "KHAMENEI, Mojtaba"),  # ... or a space
    ("سيد علي خامنه اي", "KHAMENEI, Ali Husseini"),  # ... with the Arabic letters (session 60)
])
def test_persian_and_urdu_names_as_people_write_them(native: str, listed: str) -> None:
    assert score(native, listed) >= 0.9, describe(native, listed)


@pytest.mark.parametrize(("native", "listed"), [
    ("حسين جلیلی", "Hassan Gul"),  # two l's a long vowel parts are two letters (Jalili)
    ("دليل", "Adili"),
    ("محمد الله", "Mohammed Ali"),  # Allah is never Ali
])
def test_arabic_script_letters_a_long_vowel_parts_stay_two(native: str, listed: str) -> None:
    assert score(native, listed) < 0.8, describe(native, listed)


def test_allah_and_abu_candidates_in_the_index() -> None:
    from sanctio.index import NameIndex

    names = ["MOHAMMADULLAH MATI", "Mohammed Ali Mati", "Yousef ABOUTALEBI"]
    index = NameIndex(analyze(n, org=False) for n in names)
    for query, want in [("محمد الله مطيع", 0), ("یوسف ابوطالبی", 2)]:
        form = analyze(query, org=False)
        ids, evidence = index.candidates_scored(form)
        assert want in ids, query
        assert evidence[ids.index(want)] >= 0.5 * index.query_weight(form), query


def test_a_typo_in_a_romanised_syllable_is_weak_evidence() -> None:
    # CHOIL and KEWANG are no syllable of any romanisation: a letter off CHOL and KWANG
    assert score("KIM CHOIL NAM", "KIM CHOL NAM") >= 0.8, describe("KIM CHOIL NAM", "KIM CHOL NAM")
    assert score("Kewang Ho PAK", "PAK, Kwang Ho") >= 0.8
    # yong and yang are two syllables: no typo of one another
    assert score("Kim Yong Nam", "Kim Yang Nam") < 0.6


@pytest.mark.parametrize(("query", "listed"), [
    ("RI PYONG CHUO", "RI PYONG CHUL"),  # chuo is pinyin only
    ("CHO YON CUN", "CHO YON CHUN"),
    ("Ri Cang Dae", "Ri Chang Dae"),
])
def test_a_syllable_korean_does_not_write_is_a_typo_in_a_korean_name(query: str,
                                                                     listed: str) -> None:
    assert score(query, listed) >= 0.8, describe(query, listed)
    assert "a letter off (syllable)" in describe(query, listed)


def test_words_that_look_like_syllables_in_other_names_are_words() -> None:
    # (bie and biel both read as syllables; Gordon Koang Biel is no Chinese or Korean name)
    assert score("Grdon Koang Bie", "Gordon Koang Biel") >= 0.8
    assert score("Gordon Koang Bie", "Gordon Koang Biel") >= 0.8
    # in a name of syllables, one is whole still (sun and sung are two)
    assert score("Gordon Koang Sun", "Gordon Koang Sung") >= 0.8
    assert score("Kim Yong Sun", "Kim Yong Sung") < 0.6


def test_a_syllable_as_a_korean_passport_spells_it_is_no_typo() -> None:
    # Soo, Choi, Joon, Hee are how South Koreans write 수, 최, 준, 희: a letter off SOK and
    # CHO, they are other syllables, not typos of those (Kim Chul-soo is no KIM SOK CHOL)
    for query, listed in [("Kim Chul-soo", "KIM SOK CHOL"), ("Kim Soo-jin", "Kim Jin-Sok"),
                          ("Choi Young-chul", "Cho Yong Chol")]:
        assert score(query, listed) < 0.8, describe(query, listed)
        assert "a letter off (syllable)" not in describe(query, listed)
    # (nor is Choo, 추, a typo of CHOL)
    assert score("KIM CHOO NAM", "KIM CHOL NAM") < 0.8
    # as spellings of the syllable the list writes they stay one name (KANG CHOL SU)
    assert score("Kang Chul-soo", "KANG CHOL SU") >= 0.9, describe("Kang Chul-soo", "KANG CHOL SU")
    assert score("Choi Young-ho", "CHOE Yong Ho") >= 0.9
    # and Hee, 희 as passports spell it, is the romanisations' Hui in a Korean name (KIM
    # KYONG HUI: kyong is Korean's only), not in another (Hee is Hokkien's 许: WANG HUI)
    assert score("Kim Kyung-hee", "KIM KYONG HUI") >= 0.9
    assert "as a Korean passport spells it" in describe("Kim Kyung-hee", "KIM KYONG HUI")
    assert score("Wang Hee", "WANG HUI") < 0.8


def test_a_syllable_either_language_writes_stays_another_one() -> None:
    # (a Korean syllable a letter off: another syllable, as in a name with no syllable only
    # Korean writes: WANG CHUN may be Chinese, and cun a syllable of it)
    assert score("RI PYONG CHIL", "RI PYONG CHUL") < 0.6
    assert score("Wang Cun", "WANG CHUN") < 0.6


@pytest.mark.parametrize(("query", "listed"), [
    ("VTB Bank (Public Jont-Stock Company)", "VTB Bank (Public Joint-Stock Company)"),
    ("VTB Bank (Public Jointstock Company)", "VTB Bank (Public Joint-Stock Company)"),
    ("PRIVATE, MILITARY COMPANY REDUT", "PRIVATE MILITARY COMPANY REDUT"),
    ("PROIVATE MILITRY COMPANY REDUT", "PRIVATE MILITARY COMPANY REDUT"),
])
def test_legal_forms_with_typos_and_punctuation(query: str, listed: str) -> None:
    assert analyze(query, org=True).legal == analyze(listed, org=True).legal != frozenset()
    assert score(query, listed, org=True) >= 0.9, describe(query, listed, org=True)


@pytest.mark.parametrize("query", [
    # a typo in a word of a state enterprise's form, a short word beside the others too
    "Federal Stqte Unitary Enterprise “Main Radio Frequency Centre”",
    "Federal, Staate Unitary Entefprise “Main Radio Frequency Centre”",
    # a word of the form written twice
    "Federal State Unitary Enterprise Enterprise “Main Radio Frequency Centre”",
    # written short beside another word of the form
    "Federal State Unitary Ent. “Main Radio Frequency Centre”",
    "Fed. State Unitary Enterprise “Main Radio Frequency Centre”",
    # written without its vowels
    "Federal Stt Unitary Entrprs “Main Radio Frequency Centre”",
])
def test_a_legal_form_with_a_typo_or_a_word_twice_is_the_form(query: str) -> None:
    listed = "Federal State Unitary Enterprise “Main Radio Frequency Centre”"
    for org in (True, None):
        q, r = analyze(query, org=org), analyze(listed, org=org)
        assert q.legal == r.legal != frozenset()
        assert [t.text for t in q.scoring] == [t.text for t in r.scoring]
    # a plural is no typo of a short word of a form (United States Limited); a word
    # written short away from a form's words is the query's own (Dr. Ahmed Ent. Khan)
    assert "states" in [t.text for t in analyze("United States Limited", org=True).scoring]
    assert "ent" in [t.text for t in analyze("Dr. Ahmed Ent. Khan").scoring]
    prvt = analyze("PRVT MILITARY COMPANY REDUT", org=True)
    assert prvt.legal == analyze("PRIVATE MILITARY COMPANY REDUT", org=True).legal != frozenset()
    assert [t.text for t in prvt.scoring] == ["redut"]
    assert "bmw" in [t.text for t in analyze("BMW Limited", org=True).scoring]


@pytest.mark.parametrize(("query", "listed"), [
    ("SERVICIOS CHULAVISTA, S.A. DEC.V.", "SERVICIOS CHULAVISTA, S.A. DE C.V."),
    ("SERVICIOS CHULAVISTA, S.A.DE C.V.", "SERVICIOS CHULAVISTA, S.A. DE C.V."),
    ("SERVICIOS CHULAVISTA SA DE CV", "SERVICIOS CHULAVISTA, S.A. DE C.V."),
    ("LOLA LOLITA 1110, S. DER.L. DE C.V.", "LOLA LOLITA 1110, S. DE R.L. DE C.V."),
    ("LOLA LOLITA 1110, S.DE R.L. DE C.V.", "LOLA LOLITA 1110, S. DE R.L. DE C.V."),
])
def test_the_mexican_legal_forms_however_spaced(query: str, listed: str) -> None:
    q, r = analyze(query, org=True), analyze(listed, org=True)
    assert q.legal == r.legal != frozenset()
    assert [t.text for t in q.scoring] == [t.text for t in r.scoring]
    # (de c.v. inside a word is none: Casa de Cveta)
    assert "cveta" in [t.text for t in analyze("CASA DE CVETA SA", org=True).scoring]


@pytest.mark.parametrize(("query", "listed"), [
    ("SINSMS PTE. Limited", "SINSMS PTE. LTD."),
    ("Hanil Pvt. Ltd.", "Hanil Pvt Ltd"),
    ("Hanil Sdn. Berhad", "Hanil Sdn Bhd"),
    ("Shoon Energy Pte Limit", "Shoon Energy Pte Limited"),  # (cut off at the end)
    ("SERVICIOS CHULAVISTA, S.A. DE C.V. C.V.", "SERVICIOS CHULAVISTA, S.A. DE C.V."),
])
def test_the_asian_private_companies_however_stopped(query: str, listed: str) -> None:
    q, r = analyze(query, org=True), analyze(listed, org=True)
    assert q.legal == r.legal != frozenset()
    assert [t.text for t in q.scoring] == [t.text for t in r.scoring]


@pytest.mark.parametrize("query", [
    # as the lists spell the Russian limited company in Latin letters (OTVETSTVENNOSTYU 31
    # times in the four lists, OBSCHESTVO, OTVESTVENNOSTYU) and with a typo in a word
    "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU POISK-IT",
    "Obschestvo s Ogranichennoy Otvestvennostyu Poisk-IT",
    "Obshchestvo S Ograinchennoi Otvetstvennistiu Poisk-IT",
    "Obshchestvo S Ogranichennoi Ogranichennoi Otvetstvennostiu Poisk-IT",
    # a typo in a word spelt as the lists spell it (OBSHCHEXSTVO; OTVETSTFENNOSTYU, a letter
    # from OTVETSTVENNOSTYU, two from rigour's otvetstvennostiu; OTVETSTVENNOSTYJ)
    "OBSHCHEXSTVO S OGRANICHENNOI OTVETSTFENNOSTYU POISK-IT",
    "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYJ POISK-IT",
])
def test_a_russian_legal_form_in_latin_letters_however_spelt(query: str) -> None:
    listed = "Obshchestvo S Ogranichennoi Otvetstvennostiu Poisk-IT"
    for org in (True, None):
        q, r = analyze(query, org=org), analyze(listed, org=org)
        assert q.legal == r.legal == analyze("Poisk-IT LLC", org=org).legal != frozenset()
        assert [t.text for t in q.scoring] == [t.text for t in r.scoring] == ["poisk", "it"]
    # a joint-stock company too, its society written with sch
    assert [t.text for t in analyze("Zakrytoe Aktsionernoe Obschestvo Taatta",
                                    org=True).scoring] == ["taatta"]
    # a name written in Cyrillic keeps its transliteration's spelling, whose forms are found
    # in the Cyrillic (публичное акционерное общество: publichnoye aktsionernoye ...)
    for native, legal in (("Публичное акционерное общество Росбанк", "jsc"),
                          ("ТОВАРИЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ ТАУКЗ", "llp")):
        form = analyze(native, org=True)
        assert len(form.scoring) == 1 and legal in form.legal, native


def test_a_plural_written_short_keeps_its_s() -> None:
    # Ents. for Enterprises, as the lists' abbreviations write it
    assert "ents~enterprises (written short)" in describe(
        "KAFAK ENTS. LIMITED", "KAFAK ENTERPRISES LIMITED", org=True)
    assert score("KAFAK ENTS. LIMITED", "KAFAK ENTERPRISES LIMITED", org=True) >= 0.95


@pytest.mark.parametrize(("query", "listed"), [
    ("Sergei Viktorovitch SEROFF", "Sergei Viktorovich SEROV"),
    ("Pavel Nikolayevittch GUSEFF", "Pavel Nikolayevitch GUSEV"),
    ("Markowitsch", "Markovich"),
])
def test_older_spellings_of_russian_endings(query: str, listed: str) -> None:
    assert score(query, listed) >= 0.95, describe(query, listed)


@pytest.mark.parametrize(("native", "latin"), [
    ("Алег Леанiдавiч ВОIНАЎ", "aleh leanidavich voinau"),  # Belarusian as the lists write it
    ("Роман Александрович ГOBOP", "roman aleksandrovich govor"),  # Latin O, B, P after Г
    ("Анна Борисовна COPOKA", "anna borisovna soroka"),  # a word typed in Latin look-alikes
])
def test_cyrillic_names_as_typed(native: str, latin: str) -> None:
    assert " ".join(t.text for t in analyze(native, org=False).tokens) == latin


def test_a_business_word_in_the_query_makes_words_compared_as_text() -> None:
    # MACK GROUP is no nickname of the organisation MAK: company words are compared as text
    assert "name variant" not in describe("Mack Group", "MAK", org=True)


@pytest.mark.parametrize(("word", "other"), [
    ("جلیلی", "جلالی"),  # Jalili, Jalali: the long vowels are written
    ("کریمی", "کرمی"),  # Karimi, Karami
    ("ظفری", "صفری"),  # Zafari, Safari: another letter
])
def test_two_names_in_the_script_with_other_letters_stay_apart(word: str, other: str) -> None:
    from sanctio.scoring import token_sim

    a, b = analyze(word, org=False).scoring[0], analyze(other, org=False).scoring[0]
    # no spelling of one another, whatever their transliterations share
    assert token_sim(a, b)[0] <= 0.6, token_sim(a, b)


def test_spellings_in_the_script_still_meet() -> None:
    assert score("اسمعيل هنية", "إسماعيل هنيه") >= 0.95  # an alif left out
    assert score("معمر القذافي", "معمر القذافى") >= 0.95  # alef maqsura


@pytest.mark.parametrize(("query", "listed"), [
    ("Imam INAYATULLAH", "INAYATULLAH"),  # a title that is also a name, first
    ("BILAL BINMARWAN", "BILAL BIN MARWAN"),  # bin glued to the father's name
    ("ADBULLAH ANSHORI", "ABDULLAH ANSHORI"),  # a typo inside the head of an Abd compound
    ("ABCDULLAH ASHORI", "ABDULLAH ANSHORI"),
    ("Abuaoqassem VALAGOHSR", "Abualqassem VALAGOHAR"),  # an Abu compound is no Abd typo
    ("ابولقسم فلجوهر", "ABOLGHASEM VALAGOHAR"),  # Abu before the article's lam read whole
])
def test_titles_particles_and_compounds_with_typos(query: str, listed: str) -> None:
    assert score(query, listed) >= 0.85, describe(query, listed)


def test_a_word_one_letter_from_an_abd_head_is_no_abd_compound_without_its_name() -> None:
    # the head of an Abd compound with a typo (ADBULLAH, AGDULRAHMAN) is Abd only before a
    # name Abd heads: ABSOLUTE was read Abd-ute (ABSOLUTE CHAMPIONSHIP AKHMAT scored 0.43
    # against itself in a name of unknown kind), Adelmohammad Abd Mohammad, Afdeling Abd-ing
    for word, parts in [("adbullah", ["abd", "lah"]), ("agdulrahman", ["abd", "rahman"]),
                        ("avdulkarim", ["abd", "karim"]), ("absolute", ["absolute"]),
                        ("adelmohammad", ["adelmohammad"]), ("afdeling", ["afdeling"]),
                        ("adolfofonnegra", ["adolfofonnegra"])]:
        assert split_compounds(word) == parts, word
    assert [t.text for t in analyze("ABSOLUTE CHAMPIONSHIP AKHMAT", org=None).scoring] == [
        "absolute", "championship", "akhmat"]


@pytest.mark.parametrize(("native", "listed"), [
    ("איתמר בן גביר", "Itamar BEN-GVIR"),  # ב as v, בן as ben
    ("אילי פדרמן", "Ely FEDERMAN"),  # פ as f
    ("יששכר מן", "Issachar MANN"),
])
def test_hebrew_names_read_letter_by_letter(native: str, listed: str) -> None:
    assert score(native, listed) >= 0.9, describe(native, listed)


@pytest.mark.parametrize("native", ["בצלאל סמוטריץ'", "בצלאל סמוטריץ׳", "בצלאל סמוטריץ’"])
def test_a_hebrew_letter_with_a_geresh_reads_as_its_foreign_sound(native: str) -> None:
    # צ׳ is ch (Smotrich), not ts or z: 0.37 before (the geresh, an ASCII apostrophe or
    # ׳, was dropped and the letter read as tsadi)
    assert score(native, "Bezalel SMOTRICH") >= 0.9, describe(native, "Bezalel SMOTRICH")
    assert reads_as("ג'ורג'", "george") and reads_as("ז'בוטינסקי", "zhabotinsky")
    assert not reads_as("סמוטריץ", "smotrich")  # (without it, a tsadi: ts, tz, z)


def test_hebrew_letters_still_tell_names_apart() -> None:
    assert score("אילי פדרמן", "Ely FRIEDMAN") < score("אילי פדרמן", "Ely FEDERMAN") - 0.1


def test_chinese_company_words_are_read_as_the_lists_translate_them() -> None:
    # 宁波欧腾机械有限公司: Ningbo Outeng Machinery Co., Ltd (机械 machinery, 有限公司 Co., Ltd)
    assert score("宁波欧腾机械有限公司", "Ningbo Outeng Machinery Co., Ltd", org=True) >= 0.95
    assert score("金华市海润动力科技有限公司", "Jinhua Hairun Power Technology Co., Ltd",
                 org=True) >= 0.95  # 市 (city) left out, 动力 power, 科技 technology
    # 数控 CNC (session 30; 石化 stays syllables: 辽阳石化公司 read as Liaoyang Petrochemical
    # Company would be a city and business words, which Yang Liao, a person, meets)
    assert score("东莞圣寅数控设备有限公司", "Dongguan Shengyin CNC Equipment Co., LTD",
                 org=True) >= 0.95


# ------------------------------------------------------------------ session 5


@pytest.mark.parametrize(("native", "latin"), [
    ("أسامة المالكي", "Osama AL-MALIKI"),  # a word with its article, then ال inside it
    ("عزالدين اسماعيل", "Ezzedine ISMAEL"),  # al-Din glued to a short head, assimilated
    ("اسدالله جعفری", "Asadollah JAFARI"),  # no Abd compound in the script (no typos there)
    ("آبسالان پرویز", "Parviz ABSALAN"),  # nor in Latin, where the rest is too short
])
def test_arabic_script_words_with_al_inside(native: str, latin: str) -> None:
    assert score(native, latin) >= 0.85, describe(native, latin)


def test_a_latin_spelling_begins_as_the_arabic_word_does() -> None:
    # أحمد begins with alif: Ahmad, not Hamadi; معيض with mim: not Omidi
    assert "same consonants" not in describe("Fares Hamadi", "فراس أحمد")
    assert score("Fares Hamadi", "فراس أحمد") < 0.8
    assert score("Ahmad Fares", "فراس أحمد") >= 0.85


@pytest.mark.parametrize(("a", "b"), [
    ("Hashemi ALAWI", "Hashem ALAWI"), ("Karimi MOUSSA", "Karim MOUSSA"),
    # or a spelling of the name with the same consonants (Hamid, Hashim, Kareem)
    ("Hamidi SALAH", "Hamad SALAH"), ("Hashemi ALAWI", "Hashim ALAWI"),
    ("Karimi MOUSSA", "Kareem MOUSSA"),
])
def test_the_i_of_origin_makes_another_name(a: str, b: str) -> None:
    assert "-i of origin" in describe(a, b)
    # weaker than a typo in the same place (Hashem, Hashen)
    typo = b.split()[0][:-1] + "x " + b.split()[1]
    assert score(a, b) < score(typo, b) - 0.05
    # the list name's -i dropped from the query is as often a typo (SALAVAT for SALAVATI);
    # its stem spelled otherwise too, the name it is of (Hamad is not HAMIDI)
    dropped = a.split()[0][:-1] == b.split()[0]
    assert ("-i of origin" in describe(b, a)) is not dropped


def test_a_name_ending_in_h_takes_the_i_as_the_same_name() -> None:
    # (Abdullahi is the Hausa form of Abdullah, however spelt)
    assert "-i of origin" not in describe("Abdullahi AHMED", "Abdallah AHMED")
    assert score("Abdullahi AHMED", "Abdallah AHMED") >= 0.9


@pytest.mark.parametrize(("a", "b"), [
    ("Salima Hocine", "Hosein Salimi"), ("Karima HASSAN", "Karimi HASSAN"),
    ("Maria ROSSA", "Maria ROSSI"), ("Rahima Yusuf", "Rahimi Yusuf"),
])
def test_the_feminine_a_and_the_i_of_origin_are_two_names(a: str, b: str) -> None:
    """One stem, the feminine -a against the -i of origin or descent: either way round,
    another name (Salima is no Salimi, as Karima is no Karimi)."""
    assert "the feminine -a, the -i of origin" in describe(a, b)
    assert "the feminine -a, the -i of origin" in describe(b, a)
    assert score(a, b) < 0.8 and score(b, a) < 0.8
    # not the two forms of one Slavic family name, nor a spelling of the same ending
    assert "the feminine -a" not in describe("Anna KOWALSKA", "Anna KOWALSKI")
    assert score("Yousef KARIMI", "Yousef KARIMY") >= 0.9


def test_the_feminine_form_of_a_given_name_is_another_name_in_cyrillic_too() -> None:
    # Александра is Aleksandra, a woman's name: no Aleksandr, in Latin letters or not
    for query in ("Aleksandra Petukhov", "Александра Петухов"):
        _, how = token_sim(analyze(query, org=False).tokens[0],
                           analyze("Aleksandr", org=False).tokens[0])
        assert how == "another name (the feminine form)", how
        assert score(query, "Aleksandr Yurievich Petukhov") < 0.8
    assert score("Александр Петухов", "Aleksandr Yurievich Petukhov") >= 0.9


def test_the_i_of_origin_makes_another_name_in_the_script_too() -> None:
    # both as written: معروف (Maruf) is not مروفی (Maroufi), عباس not عباسی
    assert "-i of origin" in describe("حسین معروف", "حسین مروفی")
    assert score("حسین معروف", "حسین مروفی") < 0.8
    assert score("عباس کریمی", "عباس کریم") < 0.8
    # a final ya in both, in its Arabic or Persian form, is one name
    assert score("علي كريمي", "علی کریمی") >= 0.9


def test_an_arabic_word_whose_transliteration_spells_a_latin_name_is_not_that_name() -> None:
    # عماري (Ammari) is written "mary" without its ʿayn: no Mary, which begins otherwise
    assert score("Mary", "عماري") < 0.6
    assert score("Ammari", "عماري") >= 0.85
    # a transliteration that is the Latin word and begins alike stays the same word
    assert score("Dara", "دارا") == 1.0


def test_two_consonants_left_of_a_long_latin_word_are_no_match() -> None:
    # Medvedev, its v's read as vowels and its d's as one, leaves m-d: no معيض
    assert score("علي معيض", "Ilya MEDVEDEV") < 0.6
    # a Latin word of few consonants still meets its Arabic spelling (داود, Davoud)
    assert token_sim(analyze("داود").scoring[0], analyze("Davoud").scoring[0])[0] >= 0.8


def test_a_companys_acronym_beside_its_name_is_no_word_more() -> None:
    # DCB: the initials of DAEDONG CREDIT BANK, on either side
    assert "dcb (its acronym)" in describe(
        "DAEDONG CREDIT BANK (DCB)", "Dae-Dong Credit Bank", org=True)
    assert score("DAEDONG CREDIT BANK (DCB)", "Dae-Dong Credit Bank", org=True) >= 0.95
    assert score("Daedong Credit Bank", "DAEDONG CREDIT BANK (DCB)", org=True) >= 0.95
    # or of its words with a letter more of one (HQN: HaQqani Network; 0.88 before, the UN's
    # name of the network a word longer than the EU's and OFAC's)
    assert "list only" not in describe("Haqqani Network", "HAQQANI NETWORK (HQN)", org=True)
    assert "hqn (its acronym)" in describe("HAQQANI NETWORK (HQN)", "Haqqani Network", org=True)
    assert score("Haqqani Network", "HAQQANI NETWORK (HQN)", org=True) >= 0.95
    # a word that is no such acronym stays a word more
    assert score("DAEDONG CREDIT BANK (XYZ)", "Dae-Dong Credit Bank", org=True) < 0.8
    assert score("Haqqani Network", "HAQQANI NETWORK (HQX)", org=True) < score(
        "Haqqani Network", "HAQQANI NETWORK (HQN)", org=True) - 0.04
    # and a person's initials are no acronym (a name is not restated so)
    assert "its acronym" not in describe("Kim Jong Un KJU", "Kim Jong Un")


def test_russian_state_enterprise_forms_typed_in_latin_letters_are_legal_forms() -> None:
    # FGUP (ФГУП) and FSUE, its English acronym: the form rigour knows written out
    for name in ("FGUP Kvant", "FSUE Kvant", "Kvant FSUE", "GUP Kvant"):
        assert analyze(name, org=True).legal == frozenset({"soe"}), name
        assert [t.text for t in analyze(name, org=True).scoring] == ["kvant"], name
    assert score("FSUE Alexandrov NITI", "ФГУП Нити Александрова", org=True) >= 0.9
    # in a name of unknown kind too (the list's is an organisation's): the same reading
    assert analyze("FGUP Kvant", org=None).legal == frozenset({"soe"})
    # SUE, ANO, TOO are words of names too: left as they are
    assert [t.text for t in analyze("Sue Smith", org=None).scoring] == ["sue", "smith"]


def test_a_legal_form_typed_without_its_diacritics_is_the_legal_form() -> None:
    # rigour writes Anonim Şirketi, Société Anonyme, Osakeyhtiö with their diacritics:
    # typed without them they are the same forms, not name words
    for name, form in (("S-MIKRON ELEKTRIK ANONIM SIRKETI", "jsc"),
                       ("Total Societe Anonyme", "jsc"), ("Nokia Osakeyhtio", "llc"),
                       ("STROYGAZMONTAZH reszvenytarsasag", "jsc")):
        form_of = analyze(name, org=True)
        assert form_of.legal == frozenset({form}), name
        assert "anonim" not in [t.text for t in form_of.scoring], name
    # and Societe is no typo of Society where it is a word of the form
    assert [t.text for t in analyze("Total Societe Anonyme", org=True).scoring] == ["total"]
    assert score("S-MIKRON ELEKTRONIK ANONIM SIRKETI", "S-MİKRON ELEKTRONİK ANONİM ŞİRKET",
                 org=True) >= 0.95
    # a short form of the folded table is a name word (Tü, Cía): left as it is
    assert [t.text for t in analyze("Hong Tu Shiye", org=True).scoring] == [
        "hong", "tu", "shiye"]
    assert "cia" in [t.text for t in analyze("Ma Cia Trading", org=True).scoring]


def test_private_before_a_legal_form_is_part_of_it() -> None:
    # the Ukrainian private joint-stock company, India's Private Limited / Pvt Ltd
    for name in ("PRIVATE JOINT-STOCK COMPANY MAKO HOLDING", "Mako Holding Private Limited",
                 "MAKO HOLDING (PVT) LTD."):
        assert [t.text for t in analyze(name, org=True).scoring] == ["mako", "holding"], name
    assert score("PRIVATE JOINT-STOCK COMPANY MAKO HOLDING", "MAKO HOLDING", org=True) >= 0.95
    # a Private that is no legal form's stays a word
    assert "private" in [t.text for t in analyze("Private Mako Holding", org=True).scoring]


def test_a_company_s_name_of_unknown_kind_is_no_person() -> None:
    # a legal form or a business word of its own makes a name of unknown kind a company's,
    # named after someone perhaps: no match for that person
    for query, listed in (("Yasir Shipping Ltd", "Hajji Yasir"),
                          ("Bykov Limited", "БЫКОВ, Александр")):
        cmp = compare_forms(analyze(query, org=None), analyze(listed, org=False), W)
        assert cmp.features["company_as_person"] == 1.0, query
        assert cmp.score < 0.5, query
        assert "a company's name" in cmp.describe()
    # a person's name of unknown kind, a title or a name word the lists share with
    # business words in it, is none
    for query, listed in (("General Ahmad Wahidi", "Ahmad VAHIDI"),
                          ("Islam Karimov", "Islam KARIMOV")):
        cmp = compare_forms(analyze(query, org=None), analyze(listed, org=False), W)
        assert cmp.features["company_as_person"] == 0.0, query
        assert cmp.score >= 0.9, query
    # a company named with the whole of a person's name (two words or more) may be his
    cmp = compare_forms(analyze("Igor Viktorovich MATRUS Corporation", org=None),
                        analyze("Igor Viktorovich MATRUS", org=False), W)
    assert cmp.features["company_as_person"] == 0.0 and cmp.score >= 0.8
    # nor is a company's name against a company's
    assert feature_of("Yasir Shipping Ltd", "Yasir Shipping Company", None, True,
                      "company_as_person") == 0.0
    # names joined with and are a firm of partners, no one person, whatever they share of
    # his name; Spanish y joins one person's two family names
    for query, listed in (("Mendoza, Martin and Torres", "MELGOZA TORRES, Martin"),
                          ("Smith & Jones", "Smith JONES")):
        cmp = compare_forms(analyze(query, org=None), analyze(listed, org=False), W)
        assert cmp.features["company_as_person"] == 1.0 and cmp.score < 0.5, query
        assert "names joined with and" in cmp.describe()
    cmp = compare_forms(analyze("Jose Ortega y Gasset", org=None),
                        analyze("ORTEGA Y GASSET, Jose", org=False), W)
    assert cmp.features["company_as_person"] == 0.0 and cmp.score >= 0.9


def test_a_company_named_with_a_person_s_one_word_alias_is_no_match() -> None:
    # a legal form says a company: named Leblanc or Martin, it is no person listed under
    # the one word LEBLANC or MARTIN, however exactly it writes it
    for query, listed in (("Leblanc S.A.R.L.", "LEBLANC"), ("Martin PLC", "MARTIN")):
        cmp = compare_forms(analyze(query, org=None), analyze(listed, org=False), W)
        assert cmp.features["company_as_person"] == 1.0, query
        assert cmp.score < 0.5, (query, cmp.score)


def test_a_name_of_unknown_kind_with_a_legal_form_has_no_titles() -> None:
    # a company's General is a business word, no general's rank to set aside
    form = analyze("Rajata General Trading Co., Ltd.", org=None)
    assert [(t.text, t.role) for t in form.tokens][:2] == [
        ("rajata", Role.NAME), ("general", Role.GENERIC)]
    cmp = compare_forms(form, analyze("Rahat Trading Company", org=True), W)
    assert "general" in [t.text for t in cmp.unmatched_query]
    # a person's rank is still a title
    assert analyze("General Ahmad Wahidi", org=None).tokens[0].role == Role.TITLE


def test_a_given_name_is_no_typo_of_a_legal_form_acronym() -> None:
    # Sara, Saul, Lida are a letter from SARL, LTDA: in a name of unknown kind, a person's
    for name, given in (("Sara Khaldi", "sara"), ("Saul Goodman", "saul"),
                        ("Lida Ivanova", "lida")):
        form = analyze(name, org=None)
        assert not form.legal and given in [t.text for t in form.scoring], name
    assert compare_forms(analyze("Sara Khaldi", org=None),
                         analyze("AL KHALDI COMPANY LLC", org=True), W).score < 0.8
    # an acronym's letters, or a business word beside it, still say a legal form
    assert analyze("PJSVC DALPRIBOR", org=None).legal
    assert analyze("HAVIN BANK SRAL", org=None).legal
    assert analyze("OUJSC Ural Airlies", org=None).legal


def test_a_name_with_its_legal_form_at_one_end_has_no_typo_of_one_at_the_other() -> None:
    # SARV SHIPPING COMPANY LIMITED: Sarv (a cypress) is a name, no SARL with a slip
    form = analyze("SARV SHIPPING COMPANY LIMITED", org=True)
    assert "sarv" in [t.text for t in form.scoring] and form.legal == {"llc"}
    assert compare_forms(analyze("Sem Shipping Co.", org=True), form, W).score < 0.8
    assert analyze("PJSVC DALPRIBOR", org=True).legal == {"jsc"}  # alone, still one


def test_an_arabic_script_word_is_no_typo_of_a_legal_form() -> None:
    # صارم (Sarem) reads sarm, which a typist's SARL with a slip would be: no legal form
    form = analyze("صارم آل معيض", org=None)
    assert not form.legal
    assert "sarm" in [t.text for t in form.scoring]
    assert analyze("HAVIN BANK SRAL", org=True).legal  # a Latin one typed with a slip still is
    # and so is one typed in Latin letters beside the script
    assert analyze("أشرف القيزاني, Limtied", org=None).legal


def test_the_one_letter_words_of_a_cyrillic_organisation_name_link_its_words() -> None:
    # и, в (and, in) are no letters of an acronym: Ирак и в Изтока is no Iraq IV
    form = analyze("Ислямска държава в Ирак и в Изтока", org=True)
    assert not any(t.number for t in form.tokens)
    assert [t.text for t in form.scoring] == ["islyamska", "drzhava", "irak", "iztoka"]
    assert [t.text for t in analyze("Завод и в Москве", org=True).scoring] == [
        "zavod", "moskve"]
    # letters written with full stops are an acronym still
    assert [t.text for t in analyze("ЗАО «И.В.К.»", org=True).scoring] == ["ivk"]
    assert [t.text for t in analyze("ООО «Т.Р.К.»", org=True).scoring] == ["trk"]


def test_a_name_read_from_the_arabic_script_is_no_business_word_it_does_not_spell() -> None:
    # کرمانی (Kermani) has letters in common with Company, no spelling of it
    cmp = compare_forms(analyze("آرش کرمانی", org=None), analyze("ARCH COMPANY", org=True), W)
    assert "krmany~company" not in cmp.describe()
    assert cmp.score < 0.8
    # the word the script spells is one (کمپانی, Kampani)
    assert compare_forms(analyze("کمپانی آرش", org=None), analyze("ARCH COMPANY", org=True),
                         W).score >= 0.9


def test_an_alif_opening_a_word_before_a_long_vowel_may_be_that_vowel() -> None:
    # ایمان is Iman (or Eman), ایرج Iraj, اوباما Obama: the alif only carries the ی or و
    # that follows it, so the Latin need not write a vowel for each
    assert reads_as("ایمان", "iman") and reads_as("ایمان", "eman")
    assert reads_as("ایرج", "iraj") and reads_as("اوباما", "obama")
    assert reads_as("ایمانی\u200cنژاد", "imaninejad")
    # the alif and the vowel letter read as a vowel still: a consonant y is no reading
    assert not reads_as("ایمان", "yman")
    # a compound written apart, as Persian writes -nejad, meets the Latin written as one
    assert score("احسان ایمانی نژاد", "Ehsan IMANINEJAD") >= 0.9


def test_an_alif_opening_a_word_after_its_article_carries_any_vowel() -> None:
    # الاسلام is al-Islam, الامام al-Imam: the alif after the article opens the word
    assert reads_as("الاسلام", "alislam") and reads_as("الامام", "alimam")
    assert reads_as("الاحمد", "alahmad")
    # inside a word it is a long a still (كامل is Kamil, not Kimil)
    assert not reads_as("كامل", "kimil")
    assert compare_forms(analyze("أنصار الاسلام", org=True), analyze("ANSAR AL-ISLAM", org=True),
                         W).score >= 0.9
    # the words of Islamic bodies are Arabic's own, in other forms: الاسلامي is Islamic's
    # (where Company is no word a name in the script has: see above)
    assert "aslamy~islamic" in compare_forms(analyze("التراث الاسلامي", org=True),
                                             analyze("Turath Islamic", org=True), W).describe()


def test_an_organisation_named_by_its_syllables_is_all_of_them() -> None:
    # Chong Chon Gang beside Shipping Co. Ltd. is three syllables of a name, as a person's
    # are: Gang Zhong lacks one
    listed = "Chong Chon Gang Shipping Co. Ltd."
    assert feature_of("Gang Zhong", listed, None, True, "cjk_missing") == 1.0
    assert compare_forms(analyze("Gang Zhong", org=None), analyze(listed, org=True),
                         W).score < 0.8
    # its business words are no syllables
    assert feature_of("Chong Chon Gang", listed, True, True, "cjk_missing") == 0.0
    assert feature_of("Chong Chon Gang Shipping", listed, True, True, "cjk_missing") == 0.0


def test_letters_spelled_out_in_a_name_of_unknown_kind_with_a_legal_form_are_one_word() -> None:
    # a legal form makes the name a company's, whose letters with full stops are its
    # acronym (I.C.E.), as in a name known to be an organisation's
    for org in (None, True):
        assert [t.text for t in analyze("ARCHI CENTRE I.C.E. Ltd", org=org).scoring] == [
            "archi", "centre", "ice"], org
    # a person's initials stay letters
    assert [t.text for t in analyze("J. R. R. Tolkien", org=None).scoring] == [
        "j", "r", "r", "tolkien"]
    # so a business word does: the letters are the company's acronym, one word as in a
    # name known to be a company's
    assert [t.text for t in analyze("I.S.I. TRADING", org=None).scoring] == ["isi", "trading"]
    # three letters or more beside a word rigour files under a sector or a kind of body
    # (H.M.M. FUNDACION scored 0 against FUNDACION H.M.M. in a name of unknown kind)
    assert [t.text for t in analyze("H.M.M. FUNDACION", org=None).scoring] == [
        "hmm", "fundacion"]
    assert [t.text for t in analyze("CONSTRUCTORA-H.L.P.", org=None).scoring] == [
        "constructora", "hlp"]
    # a person's two initials beside such a word stay letters
    assert [t.text for t in analyze("J. R. House", org=None).scoring] == ["j", "r", "house"]
    # not a word that links names or qualifies a title (J. and K., the General)
    assert [t.text for t in analyze("J. K. of Arc", org=None).scoring][:2] == ["j", "k"]


def test_legal_forms_written_short_of_their_last_word() -> None:
    # Joint Stock, Open Joint Stock, Limited Liability without Company (the table has them
    # only whole), Sociedad Limitada, the Bahraini B.S.C.: forms, not name words that the
    # list name lacks (JOINT-STOCK PROTON scored 0 against JOINT-STOCK COMPANY PROTON)
    for name, form in [("Open Joint Stock Verkhnevolzhsky", "jsc"),
                       ("Verkhnevolzhsky Joint Stock", "jsc"), ("JOINT-STOCK PROTON", "jsc"),
                       ("Limited Liability Eliars", "llc"), ("Eliars Sociedad Limitada", "llc"),
                       ("FUTOURE BANK B.S.C.", "jsc")]:
        found = analyze(name, org=None)
        assert found.legal == frozenset({form}), name
        assert not {"joint", "stock", "liability", "sociedad", "bsc"} & {
            t.text for t in found.scoring}, name
    for query, listed in [("JOINT-STOCK PROTON", "JOINT-STOCK COMPANY PROTON"),
                          ("Limited Liability Eliars", "Limited Liability Company Eliars"),
                          ("FUTOURE BANK B.S.C.", "FUTURE BANK B.S.C.")]:
        assert compare_forms(analyze(query, org=None), analyze(listed, org=True),
                             W).score >= 0.9, query
    # the words alone, or in another order, are no form
    assert analyze("Joint Venture Stock", org=None).legal == frozenset()
    # a word of a form without its vowels, its y kept (Joint-stock cmpny: cmpny was a name
    # word once Joint-stock was a form, 0.74 against Joint-stock company VTB Registrar)
    assert compare_forms(analyze("Joint-stock cmpny VTB Registrar", org=None), analyze(
        "Joint-stock company VTB Registrar", org=True), W).score >= 0.95
    assert [t.text for t in analyze("HAVIN BANK CMPNY LIMITED", org=None).scoring] == [
        t.text for t in analyze("HAVIN BANK COMPANY LIMITED", org=None).scoring]
    # the Mexican rural production company, dotted or not (45 OFAC names; in a name of
    # unknown kind its letters were initials, AGRICOLA ALEGRE S.P.R. DE R.L. 0.41 against
    # AGRICOLA COSTA ALEGRE S.P.R. DE R.L.)
    for name in ("AGRICOLA ALEGRE S.P.R. DE R.L.", "AGRICOLA ALEGRE SPR DE RL"):
        assert [t.text for t in analyze(name, org=None).scoring] == ["agricola", "alegre"]
        assert analyze(name, org=None).legal == frozenset({"llc"})
    # written out, as OFAC's a.k.a. of AGRICOLA RUELAS, S.P.R. DE R.I. has it: the unlimited
    # liability form, never a typo of the limited one (ILIMITADA was read LIMITADA, and the
    # a.k.a. scored 0.16 against its own entity's name)
    written = "'AGRICOLA RUELAS', SOCIEDAD DE PRODUCCION RURAL DE RESPONSABILIDAD ILIMITADA"
    assert analyze(written, org=True).legal == frozenset({"lp"}) == analyze(
        "AGRICOLA RUELAS, S.P.R. DE R.I.", org=True).legal
    assert [t.text for t in analyze(written, org=True).scoring] == ["agricola", "ruelas"]
    assert analyze("X SOCIEDAD ILIMITADA", org=True).legal != frozenset({"llc"})


def test_a_roman_numeral_in_a_name_of_unknown_kind_with_a_business_word_is_a_number() -> None:
    # as in a name known to be a company's: RIM INVESTMENTS II CORP. is 2 (it was ii, a
    # name word, 0.56 against RIM GROUP INVESTMENTS II CORP.)
    assert [t.text for t in analyze("RIM INVESTMENTS II CORP.", org=None).scoring] == [
        "rim", "investments", "2", "corp"]
    assert compare_forms(analyze("RIM INVESTMENTS II CORP.", org=None), analyze(
        "RIM GROUP INVESTMENTS II CORP.", org=True), W).score >= 0.9
    # a person's generation stays a word of the name, as written
    assert "iii" in [t.text for t in analyze("John Smith III", org=None).scoring]


def test_a_company_s_name_in_chinese_characters_is_all_its_characters() -> None:
    # 辽阳石化公司 (Liaoyang Petrochemical Company) is no Yang Liao: its name is two syllables
    # and the business word the characters say (石化, petrochemical; a person's name has
    # none), far below the threshold (0.96 when 石化 was first read as a business word)
    for query in ("Yang Liao", "Liao Yang"):
        assert feature_of(query, "辽阳石化公司", None, True, "han_company_missing") == 1.0
        assert compare_forms(analyze(query, org=None), analyze("辽阳石化公司", org=True),
                             W).score < 0.6, query
    # the name whole, in characters or in Latin letters, is it (石化 read as the lists
    # translate it: Liaoyang Petrochemical Company)
    for query in ("Liao Yang Petrochemical Company", "Liaoyang Petrochemical"):
        assert compare_forms(analyze(query, org=None), analyze("辽阳石化公司", org=True),
                             W).score >= 0.9, query
    # and a person's name in characters is not a company's (张伟, Zhang Wei)
    assert feature_of("Zhang Wei", "张伟", None, False, "han_company_missing") == 0.0


def test_company_on_one_side_only_is_no_business_word_more() -> None:
    # Company says no more than a legal form: Mako Holding Company is Mako Holding
    for query, listed in (("Mako Holding", "Mako Holding Company"),
                          ("Hanifa Exchange", "Hanifah Exchange Company")):
        assert feature_of(query, listed, True, True, "business_extra") == 0.0, query
        assert score(query, listed, org=True) >= 0.9, query
    # a business word that says what the company does still does (Rey SARL is no REY
    # INVESTMENT COMPANY), and Company beside a name alone says it is a company's
    assert feature_of("Rey SARL", "REY INVESTMENT COMPANY", True, True, "business_extra") == 1.0
    assert feature_of("Khaldi EP", "AL KHALDI COMPANY LLC", True, True, "business_extra") == 1.0


def test_more_business_words_beside_one_both_names_have_say_more_of_that_business() -> None:
    # (Воткинский завод, Votkinsk Plant, is the Votkinsk Machine Building Plant; Stanex Group
    # Holding the STANEX GROUP LLP: 0.5-0.7 before, as another company of that name)
    for query, listed in (("Votkinsk Plant", "Votkinsk Machine Building Plant"),
                          ("Stanex Group Holding", "STANEX GROUP LLP"),
                          ("Zaliv Shipyard", "Zaliv Shipbuilding Plant Shipyard")):
        assert feature_of(query, listed, True, True, "business_extra") == 0.0, query
        assert feature_of(listed, query, True, True, "business_extra") == 0.0, query
        assert score(query, listed, org=True) >= 0.9, query
    # the name alone, or with Company only, is as before (Saha Trading FZE is no SAHA)
    assert feature_of("Saha Trading FZE", "SAHA", True, True, "business_extra") == 1.0
    assert feature_of("Dey Shipping Co., Ltd.", "DEY COMPANY", True, True,
                      "business_extra") == 1.0


def feature_of(a: str, b: str, org_a: bool | None, org_b: bool | None, name: str) -> float:
    return compare_forms(analyze(a, org=org_a), analyze(b, org=org_b), W).features[name]


def test_allah_in_latin_letters_is_only_the_name_of_god() -> None:
    # علی (Ali) reads as Alla letter by letter, and is no Allah (Allah-Karam AZIZI)
    assert "ly~allah" not in describe("علی عزیزی", "Allah-Karam AZIZI")
    assert score("علی عزیزی", "Allah-Karam AZIZI") < 0.8
    assert score("عبد الله عزیزی", "Abd Allah AZIZI") >= 0.85


def test_ch_is_no_transliteration_of_c() -> None:
    # kh, sh, gh and the like with and without their h are one letter; ch and c are two
    assert "transliteration (h)" in describe("Mikail Kani", "Mikhail Khani")
    assert "carter~charter (transliteration (h))" not in describe(
        "Green-Carter", "LLC CHARTER GREEN LIGHT", org=True)
    assert score("Green-Carter", "LLC CHARTER GREEN LIGHT", org=True) < 0.8


def test_the_i_of_origin_is_not_abdullahi_nor_a_company_word() -> None:
    assert score("Abdullahi KABIR", "Abdullah KABIR") >= 0.8
    assert "-i of origin" not in describe("Dynast Trading", "Dynasty Trading", org=True)


def test_a_missing_first_or_family_name_is_no_dropped_middle_name() -> None:
    # the query has only given names: the family name the list marks is missing
    assert score("Jean Pierre", "Jean Pierre NIRAGIRE") < 0.8
    assert score("Ahmad Suleiman", "Yousef Suleiman AL-AHMAD") < 0.8
    # a middle name dropped is still a match
    assert score("Jean NIRAGIRE", "Jean Pierre NIRAGIRE") >= 0.8


@pytest.mark.parametrize(("native", "latin"), [
    ("لؤي المنجد", "Louay AL-MUNAJJED"), ("عبدالقادر حقاني", "Abdulqader HAQQANI"),
    ("بشار سجاد", "Bashshar SAJJAD"),
])
def test_doubled_consonants_read_from_one_letter(native: str, latin: str) -> None:
    # the script writes a doubled consonant once (with a shadda, mostly left out)
    spellings = latin.lower().replace("al-", "").split()[-2:]
    for word, spelling in zip(native.split(), spellings, strict=True):
        assert reads_as(word, spelling), (word, spelling)
    assert score(native, latin) >= 0.9


def test_two_word_religious_titles_are_titles() -> None:
    for name in ("حجت الاسلام علی خان محمدی", "Hojjat al-Eslam Ali KHAN MOHAMMADI"):
        assert [t.text for t in analyze(name).scoring][-3:-2] != ["aslam"]
        assert not {"aslam", "eslam"} & {t.text for t in analyze(name).scoring}
    assert score("حجت الاسلام علی خان محمدی", "Hodjatoleslam Ali KHAN MOHAMMADI") >= 0.9
    # a given name that is also a title head stays a name
    assert [t.text for t in analyze("Hojjat GHADERI").scoring] == ["hojjat", "ghaderi"]
    # Hojjat with Allah is the given name Hojjatollah, not the title
    assert [t.text for t in analyze("سید حجت الله قریشی").scoring] == ["hjt", "allh", "qryshy"]
    assert score("سید حجت الله قریشی", "Seyed Hojjatollah QUREISHI") >= 0.9


def test_abd_before_a_short_word_with_its_article() -> None:
    assert next(t.text for t in analyze("عبد الحی عظیم").scoring) == "abdhy"
    assert score("عبد الحی ناصر", "ABDUL HAI NASER") >= 0.9


def test_son_of_glued_in_a_chain_of_son_of() -> None:
    chain = analyze("سيف الله بن عمر بن محمد بنحسين")
    assert [t.text for t in chain.tokens].count("bin") == 3
    # outside a chain, and before a d (بندر, Bandar), a word starting بن stays whole
    assert next(t.text for t in analyze("بندر بن سلطان").tokens) == "bndr"
    assert score("سيف الله بن عمر بن محمد بنحسين",
                 "SEIFALLAH BEN OMAR BEN MOHAMED BEN HASSINE") >= 0.85


def test_one_syllable_is_not_a_given_name_of_two() -> None:
    assert "one syllable of a two-syllable name" in describe("Ming CHEN", "Mingguo CHEN")
    assert score("Ming CHEN", "Mingguo CHEN") < 0.8
    assert score("Mingguo CHEN", "Ming Guo CHEN") >= 0.9  # written apart is the same name


def test_a_persian_or_arabic_name_in_the_script_ends_with_its_family_name() -> None:
    # Mahdi Ali Babaei: the query lacks the family name, not a middle name
    assert score("Mahdi Ali", "مهدی علی بابایی") < score("Mahdi Babaei", "مهدی علی بابایی")
    assert score("Mahdi Ali", "مهدی علی بابایی") < 0.8


def test_different_business_words_are_different_companies() -> None:
    assert score("Aryan Group", "Aryan Bank", org=True) < 0.8
    assert score("Aryan Group", "Aryan Group LLC", org=True) >= 0.9


@pytest.mark.parametrize(("query", "listed"), [
    ("DOOSTAN INTERNATIONAL Co", "DOOSTAN INTERNATIONAL COMPANY"),
    ("Stroygazmontazh Corp (SGM Group)", "Stroygazmontazh Corporation (SGM Group)"),
    ("Rosoboron Holdings", "Rosoboron Holding"),
])
def test_business_words_by_their_short_forms(query: str, listed: str) -> None:
    assert "the same business word" in describe(query, listed, org=True)
    assert score(query, listed, org=True) >= 0.9


def test_three_letters_apart_with_other_consonants_is_another_name() -> None:
    assert score("Tamam RAASHID", "Tamam RA'AD") < 0.8
    # the same consonants written with other vowels stay a spelling (Yusuf, Youssef)
    assert score("Yusuf KHALIL", "Youssef KHALIL") >= 0.8


@pytest.mark.parametrize(("query", "listed"), [
    ("Habib BENKADDOUR", "Habib Ben Kaddour"), ("Erika DELVALLE", "Erika del Valle"),
    ("Sami BENSALEH", "Sami BEN SALEH"),
])
def test_particles_written_together_with_the_name(query: str, listed: str) -> None:
    assert score(query, listed) >= 0.9, describe(query, listed)


def test_open_syllables_keep_u_and_o_apart() -> None:
    # 수 (su) is not 서 / 소 (so); 朱 (zhu) is not 周 (zhou); before a final consonant the
    # customary and Wade-Giles spellings write u for o (Jung, Jeong; hung, hong)
    assert syllable_key("su") != syllable_key("so")
    assert syllable_key("zhu") != syllable_key("zhou")
    assert syllable_key("jung") == syllable_key("jeong")
    assert syllable_key("moon") == syllable_key("mun")
    assert syllable_key("joo") == syllable_key("ju")


# ------------------------------------------------------- variants: typos, forms, initials


def test_the_tens_from_sixty_to_ninety_are_number_words() -> None:
    """A name of unknown kind with NINETY-NINTH reads as the organisation's, its number words
    as numbers (99TH LIGHT INFANTRY DIVISION), as it does with TWENTY-FIRST."""
    from sanctio.screen import number_words_of

    assert number_words_of("NINETY-NINTH LIGHT INFANTRY DIVISION") == ["ninety"]
    assert number_words_of("Seventy Seven Brigade") == ["seventy", "seven"]


def test_an_ordinal_followed_by_punctuation_is_still_a_number() -> None:
    assert next(t.text for t in analyze("27TH, SCIENTIFIC CENTER", org=True).tokens) == "27"
    assert score("27TH, SCIENTIFIC CENTER", "27TH SCIENTIFIC CENTER", org=True) == \
        pytest.approx(1.0)


def test_a_word_of_look_alikes_takes_the_script_of_the_rest_of_the_name() -> None:
    # Cyrillic Н, Е and Ѕ, Р in a Latin name are Latin letters
    assert [t.text for t in analyze("TНЕ OXYTECH", org=True).tokens] == ["the", "oxytech"]
    assert [t.text for t in analyze("SPRING ЅР FARM", org=True).tokens] == \
        ["spring", "sp", "farm"]
    # a Cyrillic name keeps its Cyrillic words
    assert analyze("Анна Борисовна COPOKA").latin == "anna borisovna soroka"


@pytest.mark.parametrize("typo", ["ABDUKL", "ABBDUL", "ABDYL", "ABCEL", "ABDUK", "ABDUO", "ABDLU",
                                  "BDUL", "SBDUL", "QBDUL"])  # (its first letter slipped)
def test_a_typo_inside_abdul_is_still_abd(typo: str) -> None:
    assert score(f"{typo} QUDDUS MAZHARI", "ABDUL QUDDUS MAZHARI") == pytest.approx(1.0)


def test_abd_with_its_first_letter_slipped_in_a_compound() -> None:
    assert score("BDULLAH YAHYA AL HAKIM", "ABDULLAH YAHYA AL HAKIM") == pytest.approx(1.0)
    assert score("Sbdolfatah Ahvazian", "Abdolfatah Ahvazian") == pytest.approx(1.0)
    # (a word that begins so but is no Abdul is a name of its own: Bdeir, Bdour)
    for word in ("bdeir", "bdour"):
        assert next(t.text for t in analyze(word.upper() + " MUSA").tokens) == word


def test_names_one_letter_from_abdul_are_left_alone() -> None:
    for word in ("abdou", "abduh", "ahdal", "abdall", "abdah", "abdun"):
        assert next(t.text for t in analyze(word.upper() + " MUSA").tokens) == word


def test_legal_forms_with_a_typo_or_co_for_company() -> None:
    assert analyze("ALPA TRADING Ftree Zone Company", org=True).legal == {"llc"}
    assert analyze("PRIVATE MILITARY Co. REDUT", org=True).legal == \
        analyze("PRIVATE MILITARY COMPANY REDUT", org=True).legal == {"mil"}
    assert analyze("X Jont Stock Co", org=True).legal == {"jsc"}


def test_words_of_a_legal_form_left_over_are_no_name() -> None:
    assert score("OFFICE 39 Corporation", "OFFICE 39", org=True) >= 0.95
    assert score("E. X. Company", "E. X. Co.", org=True) >= 0.95
    assert score("Hapjanggang Trading Corp.", "Hapjanggang Trading Corporation",
                 org=True) >= 0.95
    assert score("STANEX GROUP LIABILITY PARTNERSHIP",
                 "STANEX GROUP LIMITED LIABILITY PARTNERSHIP", org=True) >= 0.95
    # another business word beside them is still evidence of another company
    assert score("Usamah Investments Co.", "AL-USAMAH COMPANY", org=True) < score(
        "Usamah Co.", "AL-USAMAH COMPANY", org=True) - 0.1
    # a form word set aside leaves a one-word name one word: no better than without it
    assert score("KOHS AG Co.", "KOHAS AG", org=True) == pytest.approx(
        score("KOHS AG", "KOHAS AG", org=True))


def test_the_article_glued_to_the_word_before_it() -> None:
    assert score("SAIFAL-DIN AL-MASHHADANI", "SAIF-AL-DIN AL-MASHHADANI") >= 0.95
    assert score("Muhammad BADRAL-DIN", "BADR-AL-DIN, Muhammad") >= 0.95


def test_a_number_in_digits_against_a_name_that_is_the_number_word() -> None:
    assert score("Sergey Yurievich 10", "Sergey Yurievich TEN") >= 0.95
    assert score("Sergey Yurievich 11", "Sergey Yurievich TEN") < 0.8


def test_a_title_with_a_typo_opening_a_name_is_set_aside() -> None:
    assert score("Pof. RYU JIN SOK", "RYU JIN SOK") >= 0.95
    assert score("Muullah TARIQ AZIZ", "TARIQ AZIZ") >= 0.95
    # a word the lists have as a name is not taken for a title (Hadi, one letter off Haji)
    known = TokenWeights({"hadi": 3, "tariq": 3, "aziz": 3}, 1000)
    assert compare_forms(analyze("Hadi Tariq Aziz", org=False), analyze("Tariq Aziz", org=False),
                         known).score < 0.8


def test_an_initial_stands_for_a_hyphenated_given_name() -> None:
    assert score("KO C", "KO CH'O'L-CHAE") >= 0.9
    assert score("T. PAK", "PAK, To-Chun") >= 0.9
    # (two given names written apart are two names: one initial is not both)
    assert score("T. PAK", "PAK, To Chun") < score("T. PAK", "PAK, To-Chun")


def test_y_between_initials_is_an_initial() -> None:
    assert [t.role.name for t in analyze("S M Y AL-AHMAD").tokens][:3] == ["NAME"] * 3
    assert analyze("Garcia y Lopez").tokens[1].role.name == "PARTICLE"


def test_candidates_for_typos_in_short_words_and_glued_articles() -> None:
    from sanctio.index import NameIndex

    names = ["BANK TEJARAT", "PARS AVIATION", "Al-ARABI TRADING COMPANY", "Ahmed Dib",
             "Adib Shaban", "Adib Salameh", "Adib Mayaleh"]
    index = NameIndex(analyze(n, org=None) for n in names)
    for query, want in [("Bnk Tejarat", 0), ("PAR AVIATION", 1), ("AlARABO TRADING", 2),
                        ("A Dib", 3), ("A. Dib", 3)]:
        ids, _ = index.candidates_scored(analyze(query, org=None))
        assert ids and ids[0] == want, query


def test_a_slip_of_the_finger_in_a_one_word_company_name() -> None:
    # a key for its neighbour, two letters swapped: a typo
    assert score("RAHAG LTD", "RAHAT LTD", org=True) >= 0.8
    assert score("MIETC", "MITEC", org=True) >= 0.8
    # a letter left out, or one far away on the keyboard, is as often another name
    from sanctio.text.normalize import keyboard_slip

    assert score("RAHAP LTD", "RAHAT LTD", org=True) < 0.8
    assert score("MITEL", "MITEC", org=True) < 0.8
    assert not keyboard_slip("kalia", "kalita")
    assert keyboard_slip("inayatulah", "inayatullah")  # (a doubled letter written once)
    # two slips in a long word (a neighbouring key, a doubled letter written once)
    assert score("AGFOESPINSL S.A.", "AGROESPINAL S.A.", org=True) >= 0.8
    assert score("IBAYATULAH", "INAYATULLAH", org=True) >= 0.8
    assert score("EUROECANCA", "EUROMECANICA", org=True) < 0.8


def test_a_word_the_lists_have_is_no_slip_of_the_finger() -> None:
    known = TokenWeights({"salmi": 2, "salim": 3}, 1000)
    assert compare_forms(analyze("Salmi", org=True), analyze("SALIM S.A.", org=True),
                         known).score < 0.8
    # (the same two letters swapped in a word no list has: a slip)
    assert score("Salmi", "SALIM S.A.", org=True) >= 0.8


def test_a_title_word_before_the_comma_is_the_family_name() -> None:
    assert [t.role.name for t in analyze("HAJJI, Muhammad Fawzi", org=False).tokens] == \
        ["NAME"] * 3
    assert score("Muhammad HAJJI", "HAJJI, Muhammad Fawzi") >= 0.9
    assert analyze("Haji Muhammad Fawzi", org=False).tokens[0].role.name == "TITLE"


def test_an_initial_of_the_list_names_title_is_set_aside() -> None:
    assert score("M RAJAB", "MAULAWI RAJAB") >= 0.9
    assert score("K RAJAB", "MAULAWI RAJAB") < 0.8


def test_a_number_word_with_a_slip_of_the_finger_in_a_company_name() -> None:
    assert [t.text for t in analyze("FOURTHH OCEAN GMBH & Co. KG", org=True).tokens][:2] == \
        ["4", "ocean"]
    assert score("FOURTHH OCEAN GMBH & Co. KG", "FOURTH OCEAN GMBH & CO KG", org=True) >= 0.9
    # a plural is no slip; a person's name is never read as a number
    assert next(t.text for t in analyze("SECONDS LTD", org=True).tokens) == "seconds"
    assert next(t.text for t in analyze("FOURTHH Smith", org=False).tokens) == "fourthh"


def test_an_initial_of_a_title_is_no_word_of_the_name() -> None:
    # M. for MAULAWI set aside leaves one word against one: a slip in it is still a typo
    assert score("M. RAAJB", "MAULAWI RAJAB") >= 0.8


def test_a_slip_of_the_finger_in_another_spelling_of_the_name() -> None:
    # AMHED is AHMED mistyped; AHMED is AHMAD in another transliteration
    assert score("NAJMUDDIN FARAJ AMHED", "NAJMUDDIN FARAJ AHMAD") >= 0.9
    assert "sounds alike" in describe("NAJMUDDIN FARAJ AMHED", "NAJMUDDIN FARAJ AHMAD")
    # two vowels apart with the same consonants is another name, slip or not (Corlu, Coral)
    assert "sounds alike" not in describe("Corlu Energy", "Coral Energy", org=True)
    # the consonants as written: SHMID (Šmíd in English letters) is no SIMIC with a slip,
    # though SHMIC has SIMIC's consonants once sh is read as s
    assert score("Milan Shmid", "SIMIC, Milan") < 0.8
    assert "sounds alike" not in describe("Milan Shmid", "SIMIC, Milan")
    # and ends as the list word does: RAHAYU is no RAHATU (RAHAT with a vowel more) mistyped
    assert "sounds alike" not in describe("Rahayu Trading FZE", "Rahat Trading Company",
                                          org=True)
    assert score("Rahayu Trading FZE", "Rahat Trading Company", org=True) < 0.8


def test_a_legal_form_acronym_with_its_full_stops_elsewhere() -> None:
    assert analyze("C.M.V. CARNES SA.S.", org=True).legal == {"llc"}
    assert score("FRESNO HOME S.A..S.", "FRESNO HOME S.A.S.", org=True) == pytest.approx(1.0)
    # forms read whole as written stay as they are
    assert analyze("X S.A. de C.V.", org=True).legal == {"jsc"}
    # (and one inside the name is read the same whether another form follows or not)
    assert score("First East Export Bank, P.L.C, Limited", "First East Export Bank, P.L.C",
                 org=True) >= 0.95


def test_a_one_word_company_inside_a_longer_business_name() -> None:
    # Saha Trading FZE is not SAHA, nor Wafa Shipping LLC Al Wafa: another company of the
    # name is as likely; an armed group's words are no business words (Kaniyat Militia)
    assert score("Saha Trading FZE", "SAHA", org=True) < 0.8
    assert "business_extra" in compare_forms(
        analyze("Wafa Shipping LLC", org=True), analyze("Al Wafa", org=True), W).features
    assert compare_forms(analyze("Wafa Shipping LLC", org=True), analyze("Al Wafa", org=True),
                         W).features["business_extra"] == 1.0
    assert compare_forms(analyze("Kaniyat Militia", org=True), analyze("KANIYAT", org=True),
                         W).features["business_extra"] == 0.0


def test_sector_words_rigour_knows_are_business_words() -> None:
    # rigour's organisation tagger files chemicals, consulting, zavod as sectors: a query of
    # business words only is no company whose one name word it lacks
    form = analyze("Eastnine Chemicals Consulting Zavod", org=True)
    roles = {t.text: t.role for t in form.tokens}
    assert roles == {"eastnine": Role.NAME, "chemicals": Role.GENERIC,
                     "consulting": Role.GENERIC, "zavod": Role.GENERIC}
    assert score("Company Chemicals Co.", "EASTNINE CHEMICALS CO., LTD.", org=True) < 0.5
    assert score("De Consulting Co.", "Sahel Engineering Consulting Co.", org=True) < 0.5
    # in a person's name, or a name of unknown kind, they are names (Saiful Islam)
    assert analyze("Saiful Islam", org=None).tokens[1].role == Role.NAME
    # names of one body are no sector words (al-Qaida, Hezbollah)
    assert analyze("Kataib Hezbollah", org=True).tokens[1].role == Role.NAME
    # a one-word company with a business word the other name lacks: another company
    assert score("Rice LLC", "Rice Shipping", org=True) < 0.8
    # two words of one sector or kind of body are one business word (a short form, another
    # language); a name of business words only still matches itself, and written apart
    assert "the same business word (center)" in describe(
        "Al-Akhtar Medical Cntr", "Al-Akhtar Medical Centre", org=True)
    assert score("Kirov Zavod", "Kirov Plant", org=True) >= 0.95
    assert score("Polo Holdings", "POLO TRADING", org=True) < 0.5
    assert score("ACADEMY OF NATIONAL DEFENSE SCIEN", "ACADEMY OF NATIONAL DEFENSE SCIENCE",
                 org=True) >= 0.9
    assert score("RENTAS DE CAP ITAL S.A.", "RENTAS DE CAPITAL S.A.", org=True) >= 0.95
    # a number alone is no name either, nor two business words with a word left over
    assert score("Seven Ltd.", "7th Brigade", org=True) < 0.5
    assert score("Le Import Export Inc.", "SAD Import Export Company", org=True) < 0.5


def test_pinyin_tells_q_from_j_and_x_from_s() -> None:
    assert score("Wei QIAO", "Wei JIAO") < 0.5  # 乔 and 焦
    assert score("XU Wei", "SU Wei") < 0.5  # 徐 and 苏
    # Wade-Giles writes them alike, and meets either
    assert score("HSU Wei", "XU Wei") >= 0.9
    assert score("CHING Chen", "QING Chen") >= 0.9


def test_a_syllable_read_from_a_chinese_character_is_its_pinyin() -> None:
    # 畅 is chang in pinyin; Zhang is pinyin of another character (张), which Wade-Giles
    # writes Chang, never the other way round
    assert score("雷畅", "LEI Zhang") < 0.5
    assert "query only: chang" in describe("雷畅", "LEI Zhang")
    # the Wade-Giles and Cantonese spellings of the character's own syllable still meet it
    assert score("张雷", "CHANG Lei") >= 0.9
    assert score("张雷", "ZHANG Lei") >= 0.95
    assert score("徐伟", "HSU Wei") >= 0.9
    # and between two Latin names Chang may be Wade-Giles for Zhang
    assert score("CHANG Lei", "ZHANG Lei") >= 0.85


def test_name_symbols_never_bridge_another_korean_vowel() -> None:
    # rigour's symbols put 장 (Jang) and Cho under one Wikidata name: the syllables differ
    assert score("장영철", "CHO Yong Chol") < 0.5
    assert score("장영철", "JANG Yong Chol") >= 0.95
    assert score("이영철", "LEE Yong Chol") >= 0.95


def test_a_cyrillic_name_with_its_legal_form_typed_in_latin_stays_cyrillic() -> None:
    # OOO typed in Latin letters does not make СТАН a Latin word of look-alikes (CTAH)
    assert [t.text for t in analyze('OOO "Стан"', org=True).scoring] == ["stan"]
    assert [t.text for t in analyze("OOO Рухсервомотор", org=True).scoring] == [
        "rukhservomotor"]
    assert [t.text for t in analyze("SPRING ЅР FARM", org=True).scoring][1] == "sp"


def test_arabic_b_writes_the_p_of_foreign_names() -> None:
    assert "same letters" in describe("عمر باتك", "UMAR PATEK")
    assert score("عمر باتك", "UMAR PATEK") >= 0.9


def test_one_word_read_from_the_script_is_weak_alone() -> None:
    # کمالی reads as Kamali and as Camelia: one word alone is one of many Latin words
    single = compare_forms(analyze("کمالی", org=True), analyze("CAMELIA", org=True), W)
    assert single.features["single_alike"] == 1.0
    two = compare_forms(analyze("محمد کمالی"), analyze("Mohammad KAMALI"), W)
    assert two.features["single_alike"] == 0.0
    # (below the 0.92 of the reading itself, as a one-word spelling is)
    assert score("کمالی", "CAMELIA", org=True) < 0.9


def test_an_armed_group_with_group_in_its_name_is_the_group() -> None:
    # KANIYET MILITIA GROUP in a payment is the KANIYAT MILITIA: the list name has a word of
    # its kind, the query one more (with the lists' weights it holds the payment: see
    # tests/test_payments.py, MTKNY0002)
    assert compare_forms(analyze("KANIYET MILITIA GROUP", org=True),
                         analyze("KANIYAT MILITIA", org=True), W).features[
        "business_extra"] == 0.0


def test_two_known_names_with_another_first_letter_are_not_aligned() -> None:
    # Gohar and Zohar, Tali and Ali are names of their own, not spellings of each other
    assert "list only: zohar" in describe("Gohar Sabah", "Zohar SABAH")
    assert score("Gohar Sabah", "Zohar SABAH") < 0.8
    assert score("Ghanem Tali", "Ali GHANEM") < 0.8
    # a typo inside a word often spells some rare name (Eric as Eri): still a typo
    assert score("Eri Badege", "Eric BADEGE") >= 0.9
    # and spellings of one name share their symbols (Yousef, Yusuf)
    assert score("Yusuf Ismail", "Yousef ISMAIL") >= 0.9
    # another first letter for the same first sound is a romanisation, not another name:
    # the French Charif is the English Sharif
    assert score("Ammar Charif", "Ammar al-Sharif") >= 0.9


def test_two_known_names_apart_do_not_sound_alike() -> None:
    # Garba (Hausa) and Gharbi (Arabic) share their consonants, and rigour knows both as
    # names of their own: a spelling likeness, not the "sounds alike" boost
    garba, gharbi = analyze("Garba").tokens[0], analyze("Gharbi").tokens[0]
    assert token_sim(garba, gharbi)[1] != "sounds alike"
    assert score("Abdullahi Garba", "Abdullah AL-GHARBI") < 0.8
    # a misspelling of one name keeps its likeness (Hasen / Hassan)
    assert token_sim(analyze("Hasen").tokens[0], analyze("Hassan").tokens[0])[0] >= 0.8


def test_a_spelling_of_another_known_name() -> None:
    def sim(a: str, b: str) -> tuple[float, str]:
        return token_sim(analyze(a).tokens[0], analyze(b).tokens[0])

    # names rigour knows apart, a letter from each other: weak evidence (Caron is not the
    # company CARLON; a typo spelling another real name is rare)
    assert sim("Caron", "Carlon") == (KNOWN_APART_SIM, "spelling of another known name")
    assert sim("Marina", "Maria")[0] <= KNOWN_APART_SIM
    # with the same consonants, one name rigour holds under two entries stays a spelling
    assert sim("Yahia", "Yahya")[0] > 0.8
    # and a typo that spells no name stays a typo
    assert sim("Petorv", "Petrov")[0] >= 0.9


@pytest.mark.parametrize(("query", "listed"), [
    ("Djamila Achour", "Jamila ASHOUR"),  # dj for j, ch for sh (French)
    ("Mouhamed Saidou", "Muhamed SAIDU"),  # ou for u
    ("Salihah Amer AL-QASIR", "Saliha Amer AL-QASIR"),  # a silent h at the end
    ("Youssef Tcherkezov", "Youssef CHERKEZOV"),  # tch and ch for one sound
])
def test_french_and_older_romanisations(query: str, listed: str) -> None:
    assert score(query, listed) >= 0.9, describe(query, listed)
    # and a Chinese syllable keeps its consonant: Chen is not Shen
    assert score("Chen Wei", "Shen Wei") < 0.8


@pytest.mark.parametrize("spelling", ["ABDALLA", "Abdulla", "Abdallah", "Abdellah", "Abdulah"])
def test_abdullah_with_or_without_its_h(spelling: str) -> None:
    assert score(f"{spelling} Hamdok", "Abdullah HAMDOK") >= 0.9, describe(
        f"{spelling} Hamdok", "Abdullah HAMDOK")
    # Abd al-Ala (عبد الأعلى) is another name, whatever its Latin spelling
    assert score("عبد الأعلى حمدوك", "Abdullah HAMDOK") < 0.8


def test_letters_of_an_acronym_written_apart() -> None:
    assert [t.text for t in analyze("I A C INTERNATIONAL INC.", org=True).scoring] == [
        "iac", "international"]
    assert score("I A C INTERNATIONAL INC.", "IAC INTERNATIONAL INC.", org=True) == 1.0
    # in a Cyrillic name too, so that the initials of its namesake meet the Latin ones
    assert score('ОАО "ЭХМЗ им Н.Д. Зелинского"', "JSC N.D. Zelinsky EHMZ", org=True) >= 0.85
    # a person's initials stay initials
    assert [t.text for t in analyze("S M Y AL-AHMAD", org=False).scoring][:3] == ["s", "m", "y"]


def test_greek_as_the_lists_and_greek_passports_read_it() -> None:
    # BGN/PCGN: β is v, μπ b, ντ d, γκ g, η i; δ is d and χ ch, as the lists write them
    assert to_latin("Ντίνος Μπακογιάννης") == "dinos bakoyiannis"
    assert to_latin("ΧΡΙΣΤΟΔΟΥΛΟΣ Γ. ΒΑΣΙΛΕΙΑΔΗΣ") == "christodoulos g. vasiliadis"
    assert score("ΧΡΙΣΤΟΔΟΥΛΟΣ Γ. ΒΑΣΙΛΕΙΑΔΗΣ", "Christodoulos Georgiou VASSILIADES") >= 0.9
    assert score("Αλί Άκμπαρ Σαλάχι", "Ali Akbar SALEHI") >= 0.9


def test_a_particle_ending_a_persons_name_is_a_name() -> None:
    # Das, Le, Van stand before no name there: Anish Das is no Anish alone (which met the
    # alias Anis at 0.91), as DAS, Anish is not
    for name in ("Anish Das", "DAS, Anish", "अनिश दास"):
        assert "das" in [t.text for t in analyze(name, org=False).scoring], name
        assert score(name, "Anis") < 0.8, name
    assert [t.text for t in analyze("Nguyen Thi Le", org=False).scoring][-1] == "le"
    # a particle before a name stays one
    assert [t.text for t in analyze("Maria das Dores", org=False).scoring] == ["maria", "dores"]


def test_devanagari_as_hindi_names_are_written_in_latin_letters() -> None:
    # the inherent vowel of a final consonant is not said, but after a cluster; ś is sh
    assert to_latin("अमित शर्मा") == "amit sharma"
    assert to_latin("कृष्ण मिश्र") == "krishna mishra"
    assert to_latin("प्रिया सिंह") == "priya singh"
    assert to_latin("चन्द्र छाया") == "chandra chhaya"
    assert score("दाऊद इब्राहिम", "Dawood IBRAHIM") >= 0.9
    assert score("मोहम्मद", "Mohammad") >= 0.9
    # Rai is no Raya, whose rigour symbol Bushra shares (0.81 before)
    assert score("आशा जौहर राय", "Bushra Al Asad") < 0.5


@pytest.mark.parametrize(("query", "listed"), [
    ("генерал-полковник Александр Дворников", "Aleksandr DVORNIKOV"),
    ("полковник Іван Петренко", "Ivan PETRENKO"),  # Ukrainian: polkovnyk
    ("Συνταγματάρχης Jules Mutebutsi", "Jules MUTEBUTSI"),  # Greek: colonel
    ("Υποστράτηγος Innocent Kaina", "Innocent KAINA"),  # major general
])
def test_ranks_written_in_cyrillic_or_greek_are_titles(query: str, listed: str) -> None:
    assert score(query, listed) >= 0.95, describe(query, listed)


def test_azerbaijani_schwa_is_an_a() -> None:
    assert [t.text for t in analyze("Ənvər Məmmədov").tokens] == ["anvar", "mammadov"]
    assert to_latin("Səbuhi") == "sabuhi"
    assert to_latin("Ŧest ƒoo") == "test foo"  # letters with no decomposition: ICU's
    assert score("Elnur Məmmədov", "Elnur MAMMADOV") == 1.0


def test_one_letter_read_from_a_short_script_word_is_no_initial() -> None:
    # ألمع is not al + the initial M of Mohammad
    assert "initial" not in describe("جود ألمع", "Gud Mullah Mohammad Hassan")
    assert score("جود ألمع", "Gud Mullah Mohammad Hassan") < 0.8


def test_a_script_word_read_letter_by_letter_begins_as_the_latin() -> None:
    # عتاب begins with ʿayn: Atab, not Taeb
    assert score("عتاب آل حسين", "TAEB, Hussayn") < 0.8
    assert score("عتاب حسين", "Atab HUSSAYN") >= 0.9


def test_a_chinese_or_korean_syllable_more_in_the_query_is_another_given_name() -> None:
    # 장영철 is Jang Yong Chol: the given name Yong-chol, not Chol
    cmp = compare_forms(analyze("장영철"), analyze("JANG Chol"), W)
    assert cmp.features["cjk_missing"] == 1.0 and cmp.features["query_middle_extra"] == 0.0
    assert cmp.score < 0.8
    assert score("Jang Yong Chol", "JANG Yong Chol") == 1.0


def test_a_word_more_in_the_middle_of_a_company_name_is_another_company() -> None:
    # a middle name a person's query has over the list name is often left out of lists;
    # a company's is another company (Rice & Thomas Shipping, Rice Shipping)
    assert score("Rice & Thomas Shipping Inc.", "Rice Shipping", org=True) < 0.8
    assert score("Natalia Alexejevna Serguninova", "Natalia SERGUNINOVA") >= 0.8


def test_two_script_words_with_other_letters_are_not_aligned() -> None:
    # مهسا (Mahsa) is not محسن (Mohsen): both written in the script
    assert score("مهسا کریمی", "محسن کریمی") < 0.8


def test_an_arabic_or_persian_y_begins_with_a_consonant() -> None:
    # یزدی is Yazdi, not Izadi (ایزدی); و may be a vowel in French spellings (Ouelid)
    assert score("محمد یزدی", "Mohammad YAZDI") >= 0.9
    assert score("محمد یزدی", "Mohammed Saeed IZADI") < 0.8
    assert "same letters" in describe("ولید", "Ouelid", org=None)


def test_a_business_word_more_is_no_middle_name() -> None:
    cmp = compare_forms(analyze("Dey Shipping Co., Ltd.", org=True),
                        analyze("DEY COMPANY", org=True), W)
    assert cmp.features["business_extra"] == 1.0
    assert cmp.features["query_middle_extra"] == 0.0


def test_patronymics_of_other_fathers_are_not_spellings() -> None:
    # Danilovich and Aleksandrovich end alike; their fathers are Danil and Aleksandr
    assert "list only: aleksandrovich" in describe("Андрей Данилович Поляков",
                                                   "Andrey Aleksandrovich POLYAKOV")
    assert score("Андрей Данилович Поляков", "Andrey Aleksandrovich POLYAKOV") < 0.8
    # one father in two languages or spellings is one
    assert score("Андрей Александрович Поляков", "Andrey Alexandrovich POLYAKOV") >= 0.9
    assert score("Андрій Миколайович Поляков", "Andrey Nikolaevich POLYAKOV") >= 0.85
    assert score("Тетяна Георгіївна БРАТЧЕНКО", "Tetiana Georgiivna BRATCHENKO") >= 0.85
    assert score("Инна Владимировна МИЩЕНКО", "Inna Volodymyrovna MISHCHENKO") >= 0.85
    # a father's name in -a or -ya makes its patronymic with no v: Ilyich is Ilya's son,
    # no Petrovich, and the same father in two spellings (Ильич: Ilich)
    assert score("Vladimir Petrovich MAKSIMENKO", "Vladimir Ilich MAKSIMENKO") < 0.8
    assert score("Владимир Ильич Максименко", "Vladimir Ilich MAKSIMENKO") >= 0.95
    assert score("Anatoly Ilyich BIBILOV", "Anatoly Ilich BIBILOV") >= 0.95


def test_a_word_of_two_letters_is_joined_only_as_a_particle_or_syllable() -> None:
    # UM AIR (a brand) is no spelling of Umair; Al Kani, Jong Un and Abdul Haq are
    assert score("Umair Inc", "UM AIR", org=True) < 0.8
    assert score("Kim Jong Un", "Kim Jongun") == 1.0
    assert score("Abdul Haq", "ABDULHAQ") == 1.0
    assert score("HAVINBANK LIMITED", "HAVIN BANK LIMITED", org=True) == 1.0


def test_a_hangul_vowel_keeps_its_latin_vowel() -> None:
    # 중 (u) is Jung or Joong, never Jong; 종 (o) is Jong, never Jung; 정 (eo) is either
    assert score("이중수", "Jong-Su RI") < 0.8
    assert score("이중수", "Jung-Su RI") == 1.0
    assert score("조종수", "CHO Jung Su") < 0.8
    assert score("김정은", "KIM Jong Un") == 1.0
    assert score("김정은", "Kim Jung Eun") >= 0.9


def test_glued_words_in_arabic_presentation_forms_are_split() -> None:
    # a final or isolated form of a letter that joins on both sides ends its word
    assert [t.text for t in analyze("ﻣﻮﺳﻰﺩﻭﺩﻳﻦ").tokens] == ["mwsy", "dwdyn"]
    assert score("ﻣﻮﺳﻰﺩﻭﺩﻳﻦ", "Mousa DUDIN") >= 0.9
    assert [t.text for t in analyze("ﻣﺤﻤﺪ ﻋﻠﻲ").tokens] == ["mhmd", "ly"]


def test_a_korean_family_name_spelling_only_where_the_list_has_the_family_name() -> None:
    # Lee, Yi and Ri are one family name (이); in LI, Yi the Yi is the given name
    assert score("Lee Min Ho", "YI, Min Ho") >= 0.9
    assert score("Li Li", "LI, Yi") < 0.8


def test_candidates_for_a_sun_letter_article_and_a_title_given_name() -> None:
    from sanctio.index import NameIndex

    # عزالدين is Ezzedine (the article's l taken by the d); امیرعلی is Amir Ali, whose Amir
    # the list name's analysis reads as a title
    names = ["Ezzedine ISMAEL", "Ismail Ahmad", "Ismail Omar", "Amir Ali HAJIZADEH",
             "Ali Reza HAJIZADEH"]
    index = NameIndex(analyze(n, org=False) for n in names)
    for query, want in [("عزالدين اسماعيل", 0), ("امیرعلی حاجیزاده", 3)]:
        form = analyze(query, org=False)
        ids, evidence = index.candidates_scored(form)
        assert ids and ids[0] == want, query
        assert evidence[0] >= 0.9 * index.query_weight(form), query


def test_abd_glued_to_the_name_before_it_and_the_persian_doctor() -> None:
    assert [t.text for t in analyze("نظر محمدعبد البصیر").tokens] == ["nzr", "mhmd", "abdbsyr"]
    assert score("نظر محمدعبد البصیر", "NAZIR MOHAMMAD ABDUL BASIR") >= 0.9
    # دکتر (Doctor, as Persian writes it) is a title
    assert "query only" not in describe("دکتر سيد محمد حسيني", "Sayyid Mohammad HOSSEYNI")


def test_a_patronymic_more_in_the_query_is_a_middle_name_wherever_it_stands() -> None:
    # Russian writes Family Given Patronymic: the patronymic last is no family name
    cmp = compare_forms(analyze("ПЫЖИК Юрий Николаевич", org=False),
                        analyze("Yuri PYZHIK", org=False), W)
    assert cmp.features["query_middle_extra"] == 1.0
    assert cmp.score >= 0.8


def test_a_name_written_in_two_scripts_is_screened_in_each() -> None:
    from sanctio.text.normalize import script_parts

    assert script_parts("Abou Mouhadjir (ابو مهاجر)") == ["Abou Mouhadjir", "ابو مهاجر"]
    assert script_parts("Agha Jan Alizai اغا جان عالیزی") == ["Agha Jan Alizai",
                                                             "اغا جان عالیزی"]
    # Chinese and Korean write a whole name as one word
    assert script_parts("Jin Tiesan (金铁三)") == ["Jin Tiesan", "金铁三"]
    assert script_parts("Kim Jong Un (김정은)") == ["Kim Jong Un", "김정은"]
    # one script, or a legal form typed in Latin letters: one name
    assert script_parts("Mohamed al-Kani") == []
    assert script_parts("AO Корпорация Комета") == []
    # nor business words in Latin letters after a name in another script: a company's name
    # (رضا زاده and Sons was screened as the person رضا زاده: a false alert, 0.90)
    assert script_parts("رضا زاده and Sons") == []
    assert script_parts("شرکت فولاد Trading Company Ltd") == []


def test_one_letter_of_an_abjad_script_standing_alone_is_a_fragment() -> None:
    # عماري س: the س is a fragment of a cut name, no word of it; عز (Izz) is a word
    assert [t.role.name for t in analyze("عماري س").tokens] == ["NAME", "PARTICLE"]
    assert analyze("عز الدين اسماعيل").tokens[0].role.name == "NAME"
    # a letter that never joins the next is parted from its word by PDF extraction
    assert [t.role.name for t in analyze("محمد ر ستمی").tokens] == ["NAME", "NAME", "NAME"]
    assert score("محمد ر ستمی", "ROSTAMI Mohammad") >= 0.9


def test_initials_stand_for_the_names_in_their_order() -> None:
    # Russian documents write a family name and the initials of the given name and the
    # patronymic: Кадыров Р.А. is Ramzan Akhmatovich, not Aleksandr Romanovych
    right = score("Кадыров Р.А.", "KADYROV, Ramzan Akhmatovich")
    crossed = score("Кадыров Р.А.", "KADYROV, Aleksandr Romanovych")
    assert right >= 0.8 > crossed
    assert "initials in another order" in describe("R. A. Kadyrov", "Aleksandr Romanovich Kadyrov")


def test_cantonese_readings_are_kept_in_the_cache_folder(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """ToJyutping's dictionary takes most of a second and 70 MB to load: its readings of
    each character are read once into a small file of the cache folder, then from it."""
    from sanctio.text import cantonese

    monkeypatch.setenv("SANCTIO_CACHE", str(tmp_path))
    cantonese._readings.cache_clear()
    cantonese.cantonese_reading.cache_clear()
    try:
        assert cantonese.cantonese_reading("鄧炳強") == "Tang Ping Keung"
        files = list(tmp_path.glob("cantonese-readings-*.json"))
        assert len(files) == 1 and files[0].stat().st_size > 100_000
        cantonese._readings.cache_clear()
        cantonese.cantonese_reading.cache_clear()
        assert cantonese.cantonese_reading("鄧炳強") == "Tang Ping Keung"  # from the file
        assert cantonese._readings()["強"][:2] == ["koeng4", "koeng5"]
    finally:
        cantonese._readings.cache_clear()
        cantonese.cantonese_reading.cache_clear()


@pytest.mark.parametrize(("native", "listed"), [
    ("Ігор Гіркін", "Igor Vsevolodovich GIRKIN"),  # Ihor Hirkin by the Ukrainian romanisation
    ("Євген Пригожин", "Yevgeny PRIGOZHIN"),  # Yevhen Pryhozhyn
])
def test_a_russians_name_in_ukrainian_letters_read_with_russian_ones(native: str,
                                                                     listed: str) -> None:
    reading = russian_reading(native)
    assert reading is not None and score(reading, listed) >= 0.85, describe(reading, listed)
    # (its own romanisation, Ihor Hirkin, meets the list's only as a spelling, the Ukrainian
    # h for the Russian g: ukrainian_h_alike)
    assert score(reading, listed) > score(native, listed)
    assert russian_reading("Евгений Пригожин") is None  # Russian letters: read as they are


@pytest.mark.parametrize(("native", "read", "listed"), [
    ("Χαμάς", "hamas", "Hamas"),  # χ for the h of Arabic (chamas in a Greek's name)
    ("Άιμαν αλ-Ζαουάχρι", "aiman al-zawahri", "Ayman al-ZAWAHIRI"),  # ου before a vowel: w
    ("Αλ Κάιντα", "al kaida", "Al-Qaida"),  # ντ for d (kainda)
    ("Τζαμπχάτ αλ-Νούσρα", "jabhat al-nusra", "Jabhat al-Nusrah"),  # τζ j, ου u
    ("ΧΟΥΘΙ", "huthi", "HUTI"),
])
def test_a_foreign_name_in_greek_letters_read_as_greek_writes_other_languages(
        native: str, read: str, listed: str) -> None:
    reading = greek_foreign_reading(native)
    assert reading == read
    assert score(reading, listed) >= 0.85, describe(reading, listed)
    assert score(reading, listed) > score(native, listed) + 0.1  # (as a Greek's name is read)


def test_a_greek_name_without_those_letters_has_no_foreign_reading() -> None:
    assert greek_foreign_reading("Σωματείο Αλ-Ακσά") is None  # (read as it is already)
    # (μπ b, ντ d; a micro sign for μ, as PDF text gives it)
    assert greek_foreign_reading("Ωσάµα Μπιν Λάντεν") == "osama bin laden"
    assert greek_foreign_reading("Hamas") is None
    assert greek_foreign_reading("Хамас") is None


@pytest.mark.parametrize(("written", "listed"), [
    ("Sergej Šojgu", "Sergei SHOIGU"),  # Czech and Slovak: š for sh (0.79 as Sojgu)
    ("Aljaksej Chlyščankau", "Aliaksey KHLYSZCZANKAU"),  # ch for kh, č for ch (0.76)
    ("Jewgienij Prigożyn", "Yevgeniy PRIGOZHIN"),  # Polish ż for zh (0.87)
    ("Leanid Tšuro", "Leanid Mikalaevich CHURO"),  # Finnish tš for ch (0.59)
    ("Viktor Janukovytš", "Viktor Fedorovych YANUKOVYCH"),  # (0.61)
])
def test_a_russians_name_in_another_languages_transliteration(written: str,
                                                             listed: str) -> None:
    reading = caron_reading(written)
    assert reading is not None and score(reading, listed) >= 0.9, describe(reading, listed)
    assert score(reading, listed) > score(written, listed) + 0.05
    assert caron_reading("Sergei Shoigu") is None and caron_reading("Сергей Шойгу") is None


@pytest.mark.parametrize(("written", "listed"), [
    # the EU's own Czech and Slovak names of the women its English names list
    ("Jekatěrina Mizulinová", "Ekaterina Mikhailovna MIZULINA"),  # -a: -ová (0.61)
    ("Nina Dorochovová", "Nina Viktorovna DOROKHOVA"),  # -ova: -ovová, ch for kh (0.0)
    ("Julia Klymenková", "Yulia Aleksandrovna KLYMENKO"),  # -o: -ová (0.68)
    ("Tatiana Šotiková", "Tatiana Viktorovna SHOTIK"),  # after the consonant (0.68)
    ("Elena Podolnajová", "Elena Victorovna PODOLNAYA"),  # -aya: -ajová (0.58)
])
def test_a_womans_family_name_with_the_czech_feminine(written: str, listed: str) -> None:
    reading = caron_reading(written) or written
    assert max(score(written, listed), score(reading, listed)) >= 0.9, describe(reading, listed)
    assert "the Czech or Slovak feminine -ová" in describe(reading, listed)


def test_the_czech_feminine_is_no_other_name() -> None:
    # only with its accent (a Russian Ivanova is no Czech Ivanová of Ivan), and no masculine
    # -ov of its stem (Dorochovová is Dorokhova, not Mr DOROKHOV)
    assert "Czech" not in describe("Nina Dorochovova", "Nina DOROKHOVA")
    assert score("Nina Dorochovová", "Nina DOROKHOV") < 0.5
    assert score("Nina Dorochovová", "Nina DOROKHOVA") >= 0.9
    assert score("Jana Kalinová", "Jana KOVALENKO") < 0.5


@pytest.mark.parametrize(("written", "listed"), [
    ("Alexej Ďumin", "Alexey Gennadyevich DYUMIN"),  # ď before a vowel: dy (0.61)
    ("Anna Paľuch", "Anna Borisovna PALIUKH"),  # ľ: ly, ch: kh (0.66)
    ("Igor Bagňuk", "Igor Borisovich BAGNYUK"),  # ň: ny (0.75)
    ("Alla Barchatnová", "Alla Viktorovna BARKHATNOVA"),  # ch for kh, -ová, no caron (0.77)
])
def test_a_czech_or_slovak_soft_consonant_is_the_soft_vowel_after_it(written: str,
                                                                    listed: str) -> None:
    reading = caron_reading(written)
    assert reading is not None and score(reading, listed) >= 0.9, describe(reading, listed)
    # (before a consonant, the soft sign: dropped)
    assert to_latin(caron_reading("Oľga Nikišinová") or "") == "olga nikishinova"


def test_a_czech_j_is_the_soft_vowel_after_t_s_d_z() -> None:
    # Tjulin, Lisjuk, Chudaverdjan are Tyulin, Lisyuk, Khudaverdyan in Czech; Swedish reads
    # tj, sj as one letter (Tjernov, Sjojgu): both are spellings
    for written, listed in (("Valerij Tjulin", "Valery Evgenyevich TYULIN"),
                            ("Alexej Lisjuk", "Alexei Vassilyevich LISYUK"),
                            ("Tigran Chudaverdjan", "Tigran Oganesovich KHUDAVERDYAN"),
                            ("Sergej Sjojgu", "Sergei SHOIGU")):
        assert score(written, listed) >= 0.85, describe(written, listed)


@pytest.mark.parametrize(("written", "listed"), [
    ("Jevgenijus Prigožinas", "Yevgeny PRIGOZHIN"),  # Lithuanian -ijus, -as (0.01)
    ("Arkadijus Rotenbergas", "Arkady ROTENBERG"),  # (0.21)
    ("Romanas Abramovičius", "Roman ABRAMOVICH"),  # -ius after a soft consonant (0.27)
    ("Ramzanas Kadyrovas", "Ramzan KADYROV"),  # (0.32)
    ("Olegas Deripaska", "Oleg DERIPASKA"),  # (0.04)
    ("Jevgeņijs Prigožins", "Yevgeny PRIGOZHIN"),  # Latvian -ijs, -s
])
def test_a_mans_name_with_the_lithuanian_or_latvian_ending(written: str, listed: str) -> None:
    reading = caron_reading(written) or written
    assert max(score(written, listed), score(reading, listed)) >= 0.88, describe(written, listed)


def test_the_baltic_ending_is_no_other_name() -> None:
    # a word before the ending is the name only if four letters or more and alike to it
    assert score("Ramzanas Kadyrovas", "Ramzan KARIMOV") < 0.5
    assert "Lithuanian" not in describe("John Williams", "John WILLIAM")  # (one letter more)
    assert score("James Marks", "MARK, James") < 0.8  # (Latvian's -s after -ov, -in only)
    assert score("Karim Abbas", "Karim ABBA") < 0.8  # (no ending after a vowel)


@pytest.mark.parametrize(("written", "listed"), [
    ("Ivan Halavaty", "Ivan Ivanovich GOLOVATY"),  # the EU's Czech name of him (0.0)
    ("Siarhei Hirhel", "Siarhei GIRGEL"),  # two h for g, no Slavic ending (0.0)
    ("Vasyl Hnatiuk", "Vasily GNATYUK"),  # (0.0)
    ("Ihar Hutnik", "Ihar GUTNIK"),  # (0.89)
    # given names as the Ukrainian passport writes them (-ii), the Russian ones listed
    ("Hennadii Petrenko", "Gennady PETRENKO"),  # (0.03)
    ("Heorhii Petrenko", "Georgy PETRENKO"),  # (0.03)
    ("Hryhorii Petrenko", "Grigory PETRENKO"),  # (0.03)
])
def test_the_ukrainian_or_belarusian_h_for_the_russian_g(written: str, listed: str) -> None:
    assert score(written, listed) >= 0.93, describe(written, listed)
    assert "the Ukrainian or Belarusian h for the Russian g" in describe(written, listed)


def test_an_h_for_a_g_outside_slavic_names_is_another_name() -> None:
    # one h, no Slavic ending: English and German names (Hall, Gall; Hunter, Gunter)
    for written, listed in (("Anna Hall", "Anna GALL"), ("Hans Hunter", "Hans GUNTER"),
                            ("John Hill", "John GILL")):
        assert score(written, listed) < 0.5, describe(written, listed)


@pytest.mark.parametrize(("written", "listed"), [
    ("Beşar Esad", "Bashar AL-ASSAD"),  # ş sh, e a (0.0: no candidate)
    ("Ebu Bekir el-Bağdadi", "Abu Bakr al-Baghdadi"),  # ğ gh, el- al- (0.64)
    ("Eymen ez-Zevahiri", "Ayman AL-ZAWAHIRI"),  # v w (0.03)
    ("Ebu Muhammed el-Culani", "Abu Muhammad AL-JAWLANI"),  # c j
])
def test_a_name_of_arabic_origin_as_turkish_writes_it(written: str, listed: str) -> None:
    reading = turkish_reading(written)
    assert reading is not None and score(reading, listed) >= 0.85, describe(reading, listed)
    assert score(reading, listed) > score(written, listed) + 0.1


@pytest.mark.parametrize(("written", "listed"), [
    ("Dschalaluddin Haqqani", "Jalaluddin HAQQANI"),  # dsch j (0.01: another word)
    ("Abu Mohammed al-Dscholani", "Abu Muhammad AL-JOLANI"),  # (0.01)
    ("Dschamil Dschabir", "Jamil JABIR"),  # (0.0)
    ("Hadschi Mohammed Chan", "Haji Muhammad KHAN"),  # ch kh (0.63)
    ("Abdul Madschid al-Sindani", "Abd al-Majid AL-ZINDANI"),  # (0.003)
])
def test_a_name_of_arabic_origin_as_german_writes_it(written: str, listed: str) -> None:
    reading = german_reading(written)
    assert reading is not None and score(reading, listed) >= 0.85, describe(reading, listed)
    assert score(reading, listed) > score(written, listed) + 0.1


def test_a_name_without_dsch_or_sch_beside_an_arabic_particle_has_no_german_reading() -> None:
    assert german_reading("Michael Schneider") is None  # (sch, but no Arabic article)
    assert german_reading("Jalal al-Din Haqqani") is None  # (English letters)
    assert german_reading("Jewgeni Prigoschin") is None  # (a Russian's: read word by word)
    assert german_reading("Scheich Ahmed Jassin") == "Sheikh Ahmed Yassin"
    assert german_reading("DSCHAMAL CHASCHOGGI") == "JAMAL KHASHOGGI"


def test_a_name_with_no_turkish_letter_or_article_has_no_turkish_reading() -> None:
    assert turkish_reading("Bashar al-Assad") is None  # (al-, not el-)
    assert turkish_reading("Mehmet Yilmaz") is None  # (typed without the letters: as it is)
    assert turkish_reading("Mohamed El-Hadi") == "Mohamad Al-Hadi"  # (the article el-)
    assert turkish_reading("Ayşe Kaya") == "Aysha Kaya"
    # a Turkish legal form is no sign of a name of Arabic origin, and stays as written
    assert turkish_reading("Alemdar A.Ş.") is None
    assert turkish_reading("Yılmaz Tekstil Ltd. Şti.") == "Yilmaz Takstil Ltd. Şti."


def test_a_final_heh_says_a_vowel_the_latin_must_write() -> None:
    # דניאלה, كريمة are Daniela, Karima: not Daniel, Karim (a male name, known or not)
    assert score("Daniel Weiss", "דניאלה וייס") < 0.5 < score("Daniela Weiss", "דניאלה וייס")
    assert score("Karim Hassan", "كريمة حسن") < 0.5
    for latin, native in (("Fatima", "فاطمة"), ("Hamza", "حمزه"), ("Taha", "طه"),
                          ("Moshe", "משה"), ("Wajih", "وجيه"), ("Zadeh", "زاده")):
        assert score(latin, native) >= 0.85, (latin, describe(latin, native))


def test_a_particle_glued_to_a_name_is_not_another_particle() -> None:
    # Benahmed (son of Ahmed) is not al-Ahmed; it is Ben Ahmed, and Benkaddour is Kaddour
    assert "another particle" in describe("Riad Benahmed", "Riad AL-AHMED")
    assert score("Riad Benahmed", "Riad AL-AHMED") < 0.8
    assert score("Riad Benahmed", "Riad BEN AHMED") >= 0.95
    assert score("Ahmed Benkaddour", "Ahmed KADDOUR") >= 0.95


def test_a_particle_glued_on_one_side_and_apart_on_the_other_is_no_missing_word() -> None:
    # Inayat urRAHMAN against UR-RAHMAN, Enayat: the list's ur is in urrahman
    for query, listed in [("Inayat urRAHMAN", "UR-RAHMAN, Enayat"),
                          ("Inayat ur-RAHMAN", "URRAHMAN, Inayat")]:
        assert "particle written together" in describe(query, listed)
        assert "only:" not in describe(query, listed), (query, listed)
        assert score(query, listed) >= 0.85, (query, listed, describe(query, listed))


def test_a_word_written_short_matches_the_words_it_begins() -> None:
    """Alex. begins Aleksandr (x is ks), Inv. Investment: "written short", weaker than the
    word itself; the same word without the full stop is no short form."""
    q = analyze("Alex. Petrov", org=False).scoring[0]
    sim, how = token_sim(q, analyze("Aleksandr Petrov", org=False).scoring[0])
    assert (sim, how) == (0.9, "written short")
    plain = analyze("Alex Petrov", org=False).scoring[0]
    assert token_sim(plain, analyze("Aleksandr Petrov", org=False).scoring[0])[1] != (
        "written short")
    weights = TokenWeights({"alex": 1, "aleksandr": 1}, 1000)
    assert weights.weight(q) <= 0.5 < weights.weight(plain)


def test_a_generation_after_a_persons_name_is_no_name_word() -> None:
    """Jr., Sr, III after a person's name: the list may write it or not. III stays a number
    in a name that may be a fund's (Fund III is another fund)."""
    assert [t.text for t in analyze("John Paul SMITH Jr.", org=False).scoring] == [
        "john", "paul", "smith"]
    assert [t.text for t in analyze("John Paul SMITH III", org=False).scoring] == [
        "john", "paul", "smith"]
    assert {"iii", "3"} & {t.text for t in analyze("Horizon Capital Fund III").scoring}
    assert "sr" in [t.text for t in analyze("Sr Ali", org=False).scoring]  # not after it


def test_a_generation_numeral_of_a_name_of_unknown_kind_against_a_persons() -> None:
    """A query of unknown kind ending with II, III or IV after two name words: against a
    person's list name the numeral is the generation (as Jr. is), set aside and said so;
    against a company's, and in a name with a business word, it stays a word."""
    w = TokenWeights({"reza": 300, "omidi": 2}, 10_000)
    person = compare_forms(analyze("Reza OMIDI II"), analyze("Reza OMIDI", org=False), w)
    assert person.score >= 0.95 and "ignored: ii" in person.describe()
    assert compare_forms(analyze("Reza OMIDI II"), analyze("Reza OMIDI", org=True),
                         w).score < 0.8
    assert as_generation(analyze("OMIDI Capital Fund II")) is None  # (a business word)
    assert as_generation(analyze("Reza OMIDI II", org=True)) is None  # (a company's)
    assert as_generation(analyze("OMIDI II")) is None  # (one name word)


def test_a_cut_off_name_leaves_the_list_words_after_the_cut_aside() -> None:
    """A query whose end a field cut (ISLAMIC STATE IN IRAQ AND THE LEV): the list words
    after the one its last word begins are what the field cut, a little weaker than the
    name itself, and only where the list name is written in the query's order."""
    from dataclasses import replace

    from sanctio.scoring import CUT_TAIL_PENALTY

    form = analyze("Islamic State in Iraq and the Lev", org=True)
    last = replace(form.scoring[-1], short=True)
    cut = replace(form, tokens=[*form.tokens[:-1], last], scoring=[*form.scoring[:-1], last],
                  cut=True)
    weights = TokenWeights({}, 1)
    whole = compare_forms(cut, analyze("Islamic State in Iraq and the Levant", org=True),
                          weights)
    more = compare_forms(cut, analyze("Islamic State in Iraq and the Levant Khorasan",
                                      org=True), weights)
    assert "khorasan (cut off)" in more.describe()
    assert whole.score - more.score == pytest.approx(CUT_TAIL_PENALTY, abs=0.01)
    assert more.score >= 0.9
    # the same query not cut: Khorasan is a name the query does not have
    plain = compare_forms(form, analyze("Islamic State in Iraq and the Levant Khorasan",
                                        org=True), weights)
    assert plain.score < 0.8 and "(cut off)" not in plain.describe()


def test_a_cut_word_ends_the_name_only_where_it_begins_a_list_word() -> None:
    """The list words after the query's last word are what a field cut only where that word
    matched as the beginning of a list word: Varvara Andreyeva (a family name, matched as a
    spelling of the patronymic Andreevna) is no Varvara Andreevna SKOCH cut off."""
    form = analyze("Varvara Andreyeva", org=False)
    last = replace(form.scoring[-1], short=True)
    cut = replace(form, tokens=[*form.tokens[:-1], last], scoring=[*form.scoring[:-1], last],
                  cut=True)
    cmp = compare_forms(cut, analyze("Varvara Andreevna SKOCH", org=False), W)
    assert "(cut off)" not in cmp.describe() and cmp.score < 0.8
    form = analyze("Varvara Andr", org=False)
    last = replace(form.scoring[-1], short=True)
    cut = replace(form, tokens=[*form.tokens[:-1], last], scoring=[*form.scoring[:-1], last],
                  cut=True)
    cmp = compare_forms(cut, analyze("Varvara Andreevna SKOCH", org=False), W)
    assert "skoch (cut off)" in cmp.describe() and cmp.score >= 0.8


def test_a_company_word_amid_the_query_s_words_is_another_company() -> None:
    # one word of its own in the query, another between its words in the list name
    for query, listed in [("King Group", "KING ROMANS GROUP COMPANY LTD"),
                          ("Marin Shipping Co., Ltd.", "Marin Trans Shipping LLC"),
                          ("Al Sham Company", "Al-Sham and Al-Darwish Company")]:
        cmp = compare_forms(analyze(query, org=True), analyze(listed, org=True), W)
        assert cmp.features["exact_subset"] == 0.0, (query, listed)
        assert cmp.score < 0.8, (query, listed)
    # a word before or after them (a prefix, a legal form the table lacks), or a query with
    # two words of its own: the subset it was
    for query, listed in [("CONSUL GROUP LTD", "TH CONSUL GROUP LTD"),
                          ("Streit Group FZ-LLC", "Streit Group Vamszabadteruleti Kft"),
                          ("Bank Melli Iran", "Bank Melli Iran Investment Company")]:
        cmp = compare_forms(analyze(query, org=True), analyze(listed, org=True), W)
        assert cmp.features["exact_subset"] == 1.0, (query, listed)


def test_a_two_syllable_chinese_given_name_is_compared_syllable_by_syllable() -> None:
    # Guiying is not Guiqin (ying, qin), Xiaoming not Xiaomin: another given name
    assert score("Guiying Su", "SU, Guiqin") < 0.5
    assert score("Wang Xiaoming", "Wang Xiaomin") < 0.5
    # a typo that makes no syllable, two letters swapped, a romanisation: the same name
    assert score("Su Guiqim", "SU, Guiqin") >= 0.9
    assert score("Zhang Xiaomnig", "ZHANG Xiaoming") >= 0.8
    # a name with no one-syllable word is no Chinese name: a spelling as any other
    assert score("John Mark DUOGAN", "John Mark DOUGAN") >= 0.9


def test_a_final_long_i_is_written_in_the_script() -> None:
    # Hamadi is حمادي: حمد is Hamad; حمیدی is Hamidi, not Hammud
    assert "hamadi~hmd (same consonants" not in describe("Salah Hamadi", "صلاح حمد")
    assert score("Salah Hamadi", "صلاح حمد") < 0.8
    assert score("علي حمیدی", "Ali Hammud") < 0.8
    assert score("Hamdi Ali", "حمدي علي") >= 0.9
    assert score("موسی", "Musa") >= 0.8


def test_two_names_in_the_script_of_two_consonants_differ_by_any_letter_but_an_alif() -> None:
    # معن (Maan) is not أيمن (Ayman): both written in the script, with all their letters
    assert score("معن الجابر", "أيمن جابر") < 0.5
    assert score("أحمد", "احمد") >= 0.9


def test_no_short_vowel_before_an_alif() -> None:
    # زارع is Zare (Zarea), not Zaoura: the alif is the vowel after the z
    assert not reads_as("زارع", "zaoura")
    assert reads_as("زارع", "zare") and reads_as("جواد", "jawad")
    assert reads_as("رحمان", "rahman") and reads_as("بیات", "bayat")


def test_a_ta_marbuta_is_indexed_as_the_t_it_is_before_the_next_word() -> None:
    from sanctio.text.abjad import arabic_keys, latin_keys

    # جبهة النصرة: Jabhat al-Nusrah; عصبة الأنصار: Asbat al-Ansar
    assert arabic_keys("جبهه") & latin_keys("jabhat")
    assert arabic_keys("عصبه") & latin_keys("asbat")
    assert arabic_keys("فاطمه") & latin_keys("fatemeh")


def test_an_unmarked_spelling_takes_the_aspirates_its_marked_twin_gives() -> None:
    """One entity's names with the same letters, one with the McCune-Reischauer marks (the UN
    lists CHOE CHUN YONG and Ch'oe Ch'un-yo'ng): the marks say which syllables the unmarked
    one has (ch'un, 춘, not jun, 준)."""
    from sanctio.screen import _with_aspirates

    plain = analyze("CHOE CHUN YONG", org=False)
    form = _with_aspirates(plain, analyze("Ch’oe Ch’un-yo’ng", org=False))
    assert [t.aspirated for t in form.scoring] == [True, True, False]
    assert [t.text for t in form.scoring] == [t.text for t in plain.scoring]
    query = analyze("최준영", org=False)
    assert compare_forms(query, plain, W).score >= 0.8  # either syllable, unmarked
    assert compare_forms(query, form, W).score < 0.5
    assert compare_forms(analyze("최춘영", org=False), form, W).score >= 0.9
    # a name of other letters, or one marked already, is left as it is
    assert _with_aspirates(plain, analyze("Kim Chol", org=False)) is plain


def test_two_names_rigour_knows_apart_are_not_one_spelt_two_ways() -> None:
    # two letters or more apart and other consonants: two names, not aligned at all
    assert "query only: vladimir; list only: vladislav" in describe("Vladimir Gromov",
                                                                    "Vladislav GROMOV")
    assert score("Vladimir Gromov", "Vladislav GROMOV") < 0.8
    assert score("Riad Salah", "Riad Salameh") < 0.8
    # one letter apart, or the same consonants, or a typo: a spelling still
    assert score("Vladimri Gromov", "Vladimir GROMOV") >= 0.9
    assert score("Yahia Ali", "Yahya ALI") >= 0.9
    # one beginning the other: a word cut off or split, not another name
    assert score("Jose Juan SUNIGA RODRIG", "SUNIGA RODRIGUEZ, Jose Juan") >= 0.8


def test_two_words_of_the_script_are_joined_only_as_written() -> None:
    # a word whose letters the analyser could not keep (الألجاوي, two articles) is no part
    # of a word read from the script: راما الألجاوي is not Romeo
    assert score("راما الألجاوي", "Romeo") < 0.5
    assert score("حسن نصر الله", "Hasan NASRALLAH") >= 0.9


def test_two_business_words_are_two_words() -> None:
    # Holdings is not Trading: two companies of one name word, not one spelt two ways
    assert "query only: holdings; list only: trading" in describe("Polo Holdings PLC",
                                                                  "POLO TRADING", org=True)
    assert score("Polo Holdings PLC", "POLO TRADING", org=True) < 0.8
    # the same word in a short form or the plural, another form of its stem, or a typo
    assert score("Polo Holding", "POLO HOLDINGS", org=True) >= 0.9
    assert score("Kavir Industry Co", "KAVIR INDUSTRIAL CO", org=True) >= 0.8


def test_a_name_read_with_other_spaces_meets_the_words_it_was_spaced_into() -> None:
    from sanctio.screen import _latin_words

    # the keep test of the re-spaced reading: MARCHAND read as MARC HAND is no HAND OF
    # MERCY; HAVINBANK read as HAVIN BANK is HAVIN BANK LIMITED
    assert _latin_words("HAVIN BANK LIMITED") >= {"havin", "bank"}
    assert not _latin_words("HAND OF MERCY") >= {"marc", "hand"}
    assert _latin_words("Société Générale") == {"societe", "generale"}


def test_a_one_word_company_with_business_words_on_one_side_only() -> None:
    # Rey SARL is no REY INVESTMENT COMPANY, as Saha Trading FZE is no SAHA
    for query, listed in [("Rey SARL", "REY INVESTMENT COMPANY"), ("Saha Trading FZE", "SAHA")]:
        cmp = compare_forms(analyze(query, org=True), analyze(listed, org=True), W)
        assert cmp.features["business_extra"] == 1.0, (query, listed)
        assert cmp.score < 0.8, (query, listed)
    # the business words on both sides, or a name of two words: the same company
    assert score("Rey Investment Co", "REY INVESTMENT COMPANY", org=True) >= 0.9
    assert feature("business_extra", "Havin Bank", "HAVIN BANK LIMITED") == 0.0


def test_names_of_the_other_gender_are_another_person() -> None:
    # a woman's given name, patronymic and family name against a man's of the same family
    assert feature("gender_conflict", "Valeriya Vladimirovna Kulikova",
                   "Valery Vladimirovich KULIKOV") == 1.0
    assert score("Valeriya Vladimirovna Kulikova", "Valery Vladimirovich KULIKOV") < 0.6
    assert score("Yevgeniya Markova", "Yevgeny Vladimirovich MARKOV") < 0.6
    assert score("Валерия Куликова", "Valery KULIKOV") < 0.6
    # one word in the other form is a slip, not a woman: the family name's ending alone
    assert feature("gender_conflict", "Olga Vladimirovna Korobov",
                   "Olga Vladimirovna KOROBOVA") == 0.0
    assert score("Olga Vladimirovna Korobov", "Olga Vladimirovna KOROBOVA") >= 0.85
    assert feature("gender_conflict", "Valery Kulikova", "Valery KULIKOV") == 0.0
    # two given names of one form are no conflict (Natalya, Natalia), nor a male name in -a
    assert feature("gender_conflict", "Natalya Nazarova", "Natalia Vasilievna NAZAROVA") == 0.0
    assert feature("gender_conflict", "Nikita Sergeyevich Ivanov",
                   "Nikita Sergeevich IVANOV") == 0.0


@pytest.mark.parametrize(("arabic", "latin", "reads"), [
    ("مصطفی", "mostafa", True), ("مرتضی", "morteza", True), ("عیسی", "isa", True),
    ("مجتبی", "mojtaba", True), ("بشرى", "bushra", True),  # an alif maqsura, read as a
    ("زارعی", "zarya", False), ("فرجی", "faraja", False),  # -i of origin after ع and ج
    ("زارعی", "zarei", True), ("فرجی", "faraji", True),
])
def test_a_final_ya_is_read_as_a_only_where_it_may_be_an_alif_maqsura(
        arabic: str, latin: str, reads: bool) -> None:
    assert reads_as(arabic, latin) is reads


def test_a_persian_name_of_origin_is_no_name_ending_in_a() -> None:
    assert score("فرجی", "FARAJA", org=True) < 0.8
    assert score("زارعی", "Zarya", org=True) < 0.8


def test_an_arabic_name_in_mixed_case_ends_with_its_family_name_and_article() -> None:
    assert feature("family_missing", "Mohamad Ghazi", "Mohamad Ghazi al-Jalali") == 1.0
    # (whatever the case of its article: Yousef Suleiman Al-Ahmed)
    assert feature("family_missing", "Yusuf Suleiman", "Yousef Suleiman Al-Ahmed") == 1.0
    assert score("Mohamad Ghazi", "Mohamad Ghazi al-Jalali") < 0.8
    assert feature("family_missing", "Mohamad al-Jalali", "Mohamad Ghazi al-Jalali") == 0.0
    assert score("Mohamad al-Jalali", "Mohamad Ghazi al-Jalali") >= 0.9
    # two words: no saying which is the family name
    assert feature("family_missing", "Mohamad", "Mohamad al-Jalali") == 0.0


def test_ibn_and_one_name_names_the_father() -> None:
    # Ibn Yasir is the son of Yasir, not Yasir; a name reordered with bin first has more
    assert score("Ibn Yasir", "Hajji Yasir") < 0.5 and score("Ibn Zaakir", "Zakir") < 0.5
    assert "the father's name" in describe("Ibn Yasir", "Hajji Yasir")
    assert score("Yasir", "Ibn Yasir") < 0.5
    assert score("Ibn Yasir", "Ibn Yasir") == 1.0
    assert score("bin Laden Osama", "Osama bin Laden") >= 0.95


def test_a_family_name_with_its_article_put_first_without_it_is_another_person() -> None:
    # Ahmad son of Mohammed is not Mohammed of the Ahmad family; a name reordered keeps
    # the article that says whose family (al-Ahmad Mohammed), capitals are a weaker mark
    assert feature("family_as_given", "Ahmad Mohammed", "Mohammed al-Ahmad") == 2.0
    assert score("Ahmad Mohammed", "Mohammed al-Ahmad") < 0.8
    assert score("al-Ahmad Mohammed", "Mohammed al-Ahmad") >= 0.95
    assert score("Mohammed Ahmad", "Mohammed al-Ahmad") >= 0.95
    assert feature("family_as_given", "Ahmad Mohammed", "Mohammed AL-AHMAD") == 1.0
    assert score("Tala Hossein", "Hossein TALA") >= 0.9
    # a given name of two words with the article between them has no family name
    assert feature("family_as_given", "Din Nour", "Nour al-Din") == 0.0
    assert score("Din Nour", "Nour al-Din") >= 0.95


def test_a_business_word_is_read_alike_in_every_process() -> None:
    # rigour gives a word's spans in an order that varies between processes (corporation
    # is both CO and CORP): the tags, and the score, must not depend on it
    import subprocess
    import sys

    code = ("from sanctio.scoring import TokenWeights, compare_forms\n"
            "from sanctio.text.normalize import analyze, org_tags\n"
            "q = analyze('Hamdi Shipping Corporation', org=True)\n"
            "r = analyze('HADI SHIPPING COMPANY LIMITED', org=True)\n"
            "c = compare_forms(q, r, TokenWeights.uniform())\n"
            "print(sorted(org_tags('corporation')), round(c.score, 6), c.describe())\n")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout for _ in range(6)}
    assert len(runs) == 1, runs
    assert "[SYMBOL:CO]" in next(iter(runs)) and "corporation~company" in next(iter(runs))


def test_a_name_in_chinese_characters_has_no_syllable_more() -> None:
    # the characters say every syllable: 王畅 is Wang Chang, not WANG Chang Uk
    assert feature("han_missing", "王畅", "WANG Chang Uk") == 1.0
    assert score("王畅", "WANG Chang Uk") < 0.5
    assert score("王畅", "WANG Chang") >= 0.95
    # a name in Latin letters may have left a syllable out, and is judged as before
    assert feature("han_missing", "Wang Chang", "WANG Chang Uk") == 0.0


def test_a_cantonese_reading_keeps_the_characters_it_was_read_from() -> None:
    """曾莉 read in Cantonese (Tsang Lei) is still a name of two characters: it has no
    syllable more than those two, as the name in pinyin has none."""
    from sanctio.screen import Reading

    reading = Reading(cantonese_reading("曾莉") or "", False, "reading", "", {}, han="曾莉")
    form = reading.analysed()
    assert [t.han for t in form.scoring] == ["曾", "莉"]
    listed = analyze("LEE Chang Ho", org=False)
    assert compare_forms(form, listed, W).features["han_missing"] == 1.0
    assert compare_forms(analyze(reading.text, org=False), listed, W).features[
        "han_missing"] == 0.0  # (the words alone say nothing of it)
    # characters that are not one a word leave the reading as it is
    assert all(t.han is None for t in replace(reading, han="曾").analysed().scoring)


def test_an_organisation_named_after_a_man_in_the_genitive_is_no_gender_conflict() -> None:
    # Движение Игоря СТРЕЛКОВА: Igor Strelkov's movement, his names in the genitive
    q, r = (analyze(n, org=True) for n in ("Движение Новороссия Игоря СТРЕЛКОВА",
                                            "Movement Novorossiya of Igor STRELKOV"))
    assert compare_forms(q, r, W).features["gender_conflict"] == 0.0
    assert compare_forms(replace(q, person=True), replace(r, person=True), W).features[
        "gender_conflict"] == 1.0  # the same words in a person's name say a woman


def test_a_persian_given_name_is_written_whole_in_the_script() -> None:
    # محمد alone is another name than Mohammad Bagher, which Persian writes as one
    assert feature("compound_missing", "محمد موسوی", "Seyed Mohammad Bagher MOUSSAVI") == 1.0
    assert score("محمد موسوی", "Seyed Mohammad Bagher MOUSSAVI") < 0.8
    assert score("محمدباقر موسوی", "Seyed Mohammad Bagher MOUSSAVI") >= 0.9
    assert score("محمد باقر موسوی", "Seyed Mohammad Bagher MOUSSAVI") >= 0.9
    # nor is its second half alone (رضا محمدی against MOHAMMAD REZA MOHAMMADI: 0.82, a false
    # alert on an unlisted Reza Mohammadi), written whole it is
    assert feature("compound_missing", "رضا محمدی", "MOHAMMAD REZA MOHAMMADI") == 1.0
    assert score("رضا محمدی", "MOHAMMAD REZA MOHAMMADI") < 0.8
    assert score("محمدرضا محمدی", "MOHAMMAD REZA MOHAMMADI") >= 0.9
    assert score("Reza Mohammadi", "MOHAMMAD REZA MOHAMMADI") >= 0.8  # (Latin: as before)
    # in Latin letters a middle name may have been left out, as before; so may a name after
    # one that begins no compound, or after the particle of one (Zia-ur-Rahman)
    assert feature("compound_missing", "Mohammad Moussavi",
                   "Seyed Mohammad Bagher MOUSSAVI") == 0.0
    assert feature("compound_missing", "وحید مجید", "Vahid Mohammad Naser MAJID") == 0.0
    assert feature("compound_missing", "ضیا الرحمان مدنی", "ZIA-UR-RAHMAN MADANI") == 0.0
    assert score("Mohammad Moussavi", "Seyed Mohammad Bagher MOUSSAVI") >= 0.9


def test_a_patronymic_none_of_the_persons_names_give_is_another_father() -> None:
    from sanctio.model import Schema
    from sanctio.scoring import EntityFacts, patronymic_evidence

    def facts(*patronymics: str) -> EntityFacts:
        return EntityFacts(Schema.PERSON, [], frozenset(), frozenset(), frozenset(), {},
                           patronymics=frozenset(patronymics))

    alias = compare_forms(analyze("Vladimir Borislavovich Zaytsev", org=False),
                          analyze("Vladimir Zajcev", org=False), W)  # an alias without one
    found = patronymic_evidence(alias, facts("egorovich", "yegorovich"))
    assert found is not None and found.effect < 0 and "egorovich" in found.detail
    # the same father, however spelt, or a person whose names give none: no evidence
    assert patronymic_evidence(alias, facts("petrovich")) is not None
    assert patronymic_evidence(alias, facts("borislavovych")) is None
    assert patronymic_evidence(alias, facts()) is None
    # a matched name with a patronymic of its own is the name comparison's to judge
    primary = compare_forms(analyze("Vladimir Borislavovich Zaytsev", org=False),
                            analyze("Vladimir Egorovich ZAITSEV", org=False), W)
    assert patronymic_evidence(primary, facts("egorovich")) is None


def test_syllables_only_of_unknown_kind_are_a_persons_name_against_a_company_with_more() -> None:
    from sanctio.model import Schema
    from sanctio.scoring import SCHEMA_PENALTY, EntityFacts, syllable_name_evidence

    def facts(schema: Schema) -> EntityFacts:
        return EntityFacts(schema, [], frozenset(), frozenset(), frozenset(), {})

    def evidence(query: str, listed: str, schema: Schema = Schema.VESSEL,
                 kind: Schema | None = None):  # type: ignore[no-untyped-def]
        return syllable_name_evidence(kind, analyze(query, org=None),
                                      analyze(listed, org=None), facts(schema))

    # a number, a legal form or business words the syllables lack
    found = evidence("Jun Jin", "JON JIN 2")
    assert found is not None and found.effect == SCHEMA_PENALTY and "2" in found.detail
    assert evidence("Ping Yin", "BING YIN JSC", Schema.ORGANIZATION) is not None
    assert evidence("靳想", "JINXIANG TRADING COMPANY", Schema.ORGANIZATION) is not None
    # the syllables alone, a kind given, a listed person, or more than syllables: open
    assert evidence("Kang Song", "KANG SONG") is None
    assert evidence("Jun Jin", "JON JIN 2", kind=Schema.VESSEL) is None
    assert evidence("Jun Jin", "JON JIN 2", Schema.PERSON) is None
    assert evidence("Jun Jin Shipping", "JON JIN SHIPPING 2") is None


def test_an_initial_the_persons_other_names_spell_out_is_that_name() -> None:
    from sanctio.scoring import initial_evidence
    from sanctio.text.normalize import Token

    def words(*names: str) -> list[Token]:
        return [t for n in names for t in analyze(n, org=False).scoring]

    entity = ("A. Kabir", "ABDUL KABIR MOHAMMAD JAN", "Kabir Abdul")
    alias = compare_forms(analyze("Aisha Kabir", org=False), analyze("A. Kabir", org=False), W)
    assert alias.score >= 0.9  # the alias alone: an initial that fits
    found = initial_evidence(alias, lambda: words(*entity))
    assert found is not None and found.effect <= -0.2 and "abd" in found.detail
    assert alias.score + found.effect < 0.8
    # the initial spelt out as the query writes it, or a spelling of it: no evidence
    assert initial_evidence(compare_forms(analyze("Abdoul Kabir", org=False),
                                          analyze("A. Kabir", org=False), W),
                            lambda: words(*entity, "Abdul KABIR")) is None
    # a person whose names never spell the initial out, or no initial matched: none
    assert initial_evidence(alias, lambda: words("A. Kabir", "KABIR")) is None
    primary = compare_forms(analyze("A. Kabir", org=False),
                            analyze("Aisha KABIR", org=False), W)  # the query's initial
    assert initial_evidence(primary, lambda: words("Aisha KABIR", "Abdul Kabir")) is None


def test_a_name_met_in_another_order_and_cut_is_no_exact_subset() -> None:
    # the list name has more, and the query meets its words in another order: no subset
    # bonus (a spelling as well takes it below the threshold: Habibu / Habibi)
    assert feature("exact_subset", "Habibu Mohammed", "Mohammad Reza Habibi") == 0.0
    assert score("Habibu Mohammed", "Mohammad Reza Habibi") < 0.8
    assert score("Khalil Tahri", "Tahir Hamid Khalil") < 0.8
    # the same words, reordered and cut, still alert; in the list's order they are a subset
    assert score("Habibi Mohammad", "Mohammad Reza Habibi") >= 0.8
    assert feature("exact_subset", "Mohammad Habibi", "Mohammad Reza Habibi") == 1.0
    # a Korean name (family name first or last), a word twice (either it meets), and a
    # comma name whose family name is an Abd compound (ABDUL RAHIM: one word, abdrahim)
    assert feature("exact_subset", "Ho CHOE", "CHOE Yong Ho") == 1.0
    assert feature("exact_subset", "Omar OMAR", "OMAR, Omar Awadh") == 1.0
    assert feature("exact_subset", "Ali ABDUL RAHIM", "ABDUL RAHIM, Ali Mohamad") == 1.0
    # a comma query is read in its natural order too
    assert feature("exact_subset", "SLUTSKIY, Leonid", "SLUTSKY, Leonid Eduardovich") == 1.0



def test_a_family_name_the_list_gives_apart_is_marked_for_the_scoring() -> None:
    from sanctio.model import Name
    from sanctio.screen import family_marked

    def name(full: str, family: str) -> Name:
        return Name(full, parts={"given": full.split()[0], "family": family})

    # the UK's Name 6, the EU's lastName: the scoring reads it as the list's capitals
    assert family_marked(name("Abbas Eberahim", "Eberahim")) == "Abbas EBERAHIM"
    assert family_marked(name("Miguel Antonio Munoz Palacios", "Munoz Palacios")) == (
        "Miguel Antonio MUNOZ PALACIOS")
    # marked already, or its article marks it, or the family name is not last: as written
    for full, family in [("Abbas EBERAHIM", "Eberahim"), ("EBERAHIM, Abbas", "Eberahim"),
                         ("Mohammed al-Ahmed", "al-Ahmed"), ("Eberahim Abbas", "Eberahim")]:
        assert family_marked(name(full, family)) == full
    assert family_marked(Name("Abbas Eberahim")) == "Abbas Eberahim"
    # so given and family name the other way round weigh as they do on any marked name
    marked = family_marked(name("Abbas Eberahim", "Eberahim"))
    assert feature("family_as_given", "Ibrahim Abbas", marked) > 0
    assert feature("family_as_given", "Ibrahim Abbas", "Abbas Eberahim") == 0
    assert score("Abbas Eberahim", marked) == 1.0


@pytest.mark.parametrize(("glued", "apart", "org"), [
    ("Ivan SergeyevichYERMAKOV", "Ivan Sergeyevich YERMAKOV", False),  # two fields joined
    ("Ahmad ZiaAGHA", "Ahmad Zia AGHA", None),
    ("JSCKOLOMNA Locomotive Works", "JSC KOLOMNA Locomotive Works", True),
    ("PJSCROSNEFT Oil Company", "PJSC ROSNEFT Oil Company", True),
    ("INNOVATION HUBLLC", "INNOVATION HUB LLC", None),
    # a legal form's word, in its case or long (no name begins with OTVETSTVENNOSTYU)
    ("Insurance Joint StockCompany “VSK”", "Insurance Joint Stock Company “VSK”", True),
    ("OpenJoint Stock Company “Belaruskali”", "Open Joint Stock Company “Belaruskali”", None),
    ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYURUZEKSPEDITSIYA",
     "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU RUZEKSPEDITSIYA", True),
    ("INMOBILIARIA ESPARTAS.A. DE C.V.", "INMOBILIARIA ESPARTA S.A. DE C.V.", True),
    # Abd glued to the name before it, its article after it
    ("IBRAHIM AHMADABD AL-SATTAR", "IBRAHIM AHMAD ABD AL-SATTAR", False),
    # a legal form's acronym written twice
    ("NATIONAL IRANIAN OIL COMPANY PTE PTE LTD", "NATIONAL IRANIAN OIL COMPANY PTE LTD", True),
    ("OPERADORA VALPARK, S.A. S.A. DE C.V.", "OPERADORA VALPARK, S.A. DE C.V.", True),
])
def test_capitals_and_legal_forms_glued_to_a_word_part_from_it(
        glued: str, apart: str, org: bool | None) -> None:
    # the capitals of a family name after a given name in small letters, a legal-form
    # acronym in capitals at either end of a word: where two words were glued
    a, b = analyze(glued, org=org), analyze(apart, org=org)
    assert [t.text for t in a.scoring] == [t.text for t in b.scoring]
    assert a.legal == b.legal


@pytest.mark.parametrize(("name", "org"), [
    ("Ronald McDONALD", False), ("Inayat urRAHMAN", False),  # no given name before them
    ("Paolo Rossi", None), ("JSCO Trading", True), ("Marina Ltd", True),
    ("OJSC StankoGomel", True),  # a company's own capitals inside a word
    ("PUBLICATIONS Ltd", True), ("Openheimer Ltd", True),  # a word begun by a form's
    ("Hasanabad Al Sattar", False),  # (-abad, no Abd)
    # (a name typed in random case: two capitals end a word as often, KozAK, PolyakOV)
    ("DMItRy NiKoLayeVICh KozAK", None), ("victoR ANaToLIevich PolyakOV", False),
])
def test_words_with_no_glue_stay_whole(name: str, org: bool | None) -> None:
    words = [t.text for t in analyze(name, org=org).tokens]
    assert len(words) == len([w for w in name.lower().split()
                              if w not in ("ojsc", "ltd")]), words



@pytest.mark.parametrize(("query", "listed", "org"), [
    ("Abu Abu Ala", "Abu Ala", False),  # Abu twice is no other kunya
    ("PERGAM-ENGINEERING PERGAM-ENGINEERING JSC", "PERGAM-ENGINEERING JSC", True),
    ("TRANSPORTES J.L. J.L. CORDON", "TRANSPORTES J.L. CORDON", True),  # an acronym twice
    ("LLC “T.R.O.S” “T.R.O.S”", "LLC “T.R.O.S”", True),
    ("FOURTEENTH FOURTEENTH OCEAN GMBH & CO. KG", "FOURTEENTH OCEAN GMBH & CO. KG", True),
])
def test_words_written_twice_are_set_aside(query: str, listed: str, org: bool) -> None:
    assert "(written twice)" in describe(query, listed, org=org)
    assert "only:" not in describe(query, listed, org=org)
    assert score(query, listed, org=org) >= 0.9


def test_what_is_no_word_written_twice() -> None:
    # an acronym of the same letters twice with no space between is one word (I.S.I.S.)
    assert [t.text for t in analyze("I.S.I.S.", org=True).scoring] == ["isis"]
    # a person's name may repeat his father's and grandfather's names
    assert "written twice" not in describe("Ahmed Ali Ahmed Ali", "Ahmed Ali")
    # nor are syllables of a Korean name (호호영, Ho Ho-yeong: 0.94 against Yong Ho O before)
    assert "written twice" not in describe("영호호", "Yong Ho O")
    assert score("영호호", "Yong Ho O") < 0.8 and score("오영호", "Yong Ho O") >= 0.9


@pytest.mark.parametrize(("apart", "glued"), [
    ("Saif al-Islam QADHAFI", "Saiful Islam QADHAFI"),
    ("Nur al-Huda Ahmed", "Nurul Huda Ahmed"),
    ("Zia ul Haq", "Ziaul Haq"),
    ("سيف الإسلام القذافي", "Saiful Islam QADHAFI"),
    ("فضل الرحمن خليل", "Fazlur Rehman KHALIL"),  # the l gone into the r of Rahman
    ("شمس العارفين", "Shamsul Arifin"),
])
def test_the_article_glued_to_the_end_of_the_word_before(apart: str, glued: str) -> None:
    # South Asian and Malay spellings glue the article to the end of the word before it:
    # the word without it is the other name's word (0.09-0.16 before)
    assert score(apart, glued) >= 0.9
    assert "article glued to the word before" in describe(apart, glued)
    if apart.isascii():
        assert score(glued, apart) >= 0.9
    # only where the other name has the article there: Saif Islam is no Saiful Islam's
    # spelling, and a word that only ends so is no glued article (Jamal is no Jam)
    assert "article glued" not in describe("Jam Ahmed", "Jamal Ahmed")


def test_the_article_inside_a_word_keeps_its_l_before_a_moon_letter() -> None:
    # two Arabic-script words joined over the article read as one Latin word: the article
    # goes into a sun letter (Salahuddin, Ezzedine), not into ع (صعب آل عايض is no Speed)
    assert score("صعب آل عايض", "Speed Energy LLP", org=None) < 0.5
    assert score("زين العابدين", "Zainulabidin") >= 0.9
    assert score("صلاح الدين", "Salahuddin") >= 0.9
    assert score("عبد القادر محمد", "Abdikadir Mohamed") >= 0.9  # after Abd, as Somalis write
    assert score("ابوالفضل", "Abufazl") >= 0.9  # and after Abu


def test_a_persons_name_of_unknown_kind_is_no_company_it_only_looks_like() -> None:
    # a name of unknown kind (a payment's), a given name first and no legal form nor
    # business word, whose words are each only spelled like a company's: another party
    # (0.86-0.87 in screening before)
    for query, company in [("Pedro Roybal", "PETRO ROYAL FZE"),
                           ("معمّر بلي", "PLAYA MAR S.A. DE C.V."),
                           ("أحمد آل خضير", "Stiftung Achmat Kadyrow")]:
        cmp = compare_forms(analyze(query, org=None), analyze(company, org=True), W)
        assert cmp.features["person_as_company"] == 1.0, query
        assert cmp.score < 0.5, query
        assert "reads as a person's name" in cmp.describe()
    # the company's own words meet it, whatever the kind; a query said to be a company's
    # is one
    assert score("Petro Royal", "PETRO ROYAL FZE", org=None) >= 0.95
    assert score("Petro Roial", "PETRO ROYAL FZE", org=None) >= 0.9
    assert compare_forms(analyze("Pedro Roybal", org=True), analyze(
        "PETRO ROYAL FZE", org=True), W).features["person_as_company"] == 0.0


@pytest.mark.parametrize(("apart", "glued"), [
    ("Jean-Marie LE PEN", "Jean-Marie LEPEN"),
    ("Oskar LA FONTAINE", "Oskar LAFONTAINE"),
    ("Pieter VAN DER BERG", "Pieter VANDERBERG"),
    ("Ursula VON DER LEYEN", "Ursula VONDERLEYEN"),
    ("Jose DE LOS SANTOS", "Jose DELOSSANTOS"),
])
def test_particles_written_apart_against_the_word_they_are_glued_to(apart: str,
                                                                    glued: str) -> None:
    # the particles before a word, one or two, glued to it in the other name (0.006-0.18
    # before for le, la and two particles: only one of ben, de, al... was read glued)
    assert score(apart, glued) >= 0.95
    assert score(glued, apart) >= 0.95
    assert "particle written together" in describe(glued, apart)
    # where the other name writes the particle apart there: Lemon is no glued Le Mon
    assert score("Ali Lemon", "Ali Mon") < 0.5
    # a company's too, over a spelling that read it less well (0.88 before)
    assert score("AGROPECUARIA LAROBLEDA S.A.", "AGROPECUARIA LA ROBLEDA S.A.",
                 org=True) >= 0.95


def test_burmese_honorifics_and_a_senior_rank_are_titles() -> None:
    # Daw (a woman's honorific) and Senior General, as the press writes Myanmar's
    # listed people (0.86-0.90 before: a name word the list name lacks)
    assert score("Daw Aung San Suu Kyi", "AUNG SAN SUU KYI") == pytest.approx(1.0)
    assert score("Senior General Min Aung Hlaing", "MIN AUNG HLAING") == pytest.approx(1.0)
    assert "ignored: senior, general" in describe("Senior General Min Aung Hlaing",
                                                  "MIN AUNG HLAING")


def test_air_airline_and_airways_are_one_business_word() -> None:
    # Mahan Air is Mahan Airlines in a payment (0.07 before: air was a name word)
    assert score("Mahan Airlines", "MAHAN AIR", org=True) >= 0.95
    assert score("Iran Air", "IRAN AIRWAYS", org=True) >= 0.95
    assert score("Mahan Airlines", "MAHAN AIR", org=None) >= 0.95
    # and no more than a business word: another airline's name is another airline
    assert score("Mahan Air", "MERAJ AIR", org=True) < 0.5


def test_the_names_a_text_gives_apart() -> None:
    # an alias, a former or a trading name, a note or another name in brackets
    assert name_parts("Mohamed al-Kani a.k.a. Mohammed Kani") == [
        ("Mohamed al-Kani", "the name before 'a.k.a.'"),
        ("Mohammed Kani", "the name after 'a.k.a.'")]
    assert [p for p, _ in name_parts("ACME LTD T/A Rosneft Trading")] == [
        "ACME LTD", "Rosneft Trading"]
    assert [p for p, _ in name_parts("John Smith d/b/a Smith Trading Co")] == [
        "John Smith", "Smith Trading Co"]
    assert [p for p, _ in name_parts("Kaniyat Militia (9th Brigade)")] == [
        "Kaniyat Militia", "9th Brigade"]
    assert [p for p, _ in name_parts("Mohamed al-Kani (deceased)")] == ["Mohamed al-Kani"]
    # each of two words or more, one of them no initial; Aka inside a name is a name word
    assert name_parts("Mohamed al-Kani a.k.a. Kani") == [
        ("Mohamed al-Kani", "the name before 'a.k.a.'")]
    assert name_parts("A. B. (Smith)") == []
    assert name_parts("Grace Aka Mensah") == []
    # a bracket opened and never closed (a field cut, a slip the EU's list has): closed
    # where the text ends, and left off a name it would end
    assert [p for p, _ in name_parts("Открытое акционерное общество “Пеленг” (ОАО “Пеленг”")
            ] == ["Открытое акционерное общество “Пеленг”", "ОАО “Пеленг”"]
    assert [p for p, _ in name_parts("Mohamed al-Kani (deceased")] == ["Mohamed al-Kani"]
    assert [p for p, _ in name_parts("ACME TRADING LTD (FORMERLY ACME TRA")] == [
        "ACME TRADING LTD", "ACME TRA"]
    assert name_parts("Mohamed al-Kani") == []
    # a list of names, however parted (; or a / with spaces: M/V is a word)
    assert [p for p, _ in name_parts("Mohamed al-Kani; Kaniyat Militia (9th Brigade)")] == [
        "Mohamed al-Kani", "Kaniyat Militia", "9th Brigade"]
    assert [p for p, _ in name_parts("Mohamed al-Kani / Abdurrahim al-Kani")] == [
        "Mohamed al-Kani", "Abdurrahim al-Kani"]
    assert name_parts("M/V IRAN FALAGH") == []
    # an account or a reference a payment's name line writes beside the name
    assert name_parts("MOHAMED AL KANI ACCT 4455") == [
        ("MOHAMED AL KANI", "the name without the account, reference or IMO number beside it")]
    # (a name of one word too, with a number beside it; IMO numbers have seven digits)
    assert [p for p, _ in name_parts("ARTAVIL (IMO 9187629)")] == ["ARTAVIL"]
    assert [p for p, _ in name_parts("ARTAVIL IMO No. 9187629")] == ["ARTAVIL"]
    assert name_parts("Imo 2 Oil Company") == []
    assert [p for p, _ in name_parts("KANIYAT MILITIA REF: INV/2291")] == ["KANIYAT MILITIA"]
    assert name_parts("Account Management Services Ltd") == []
    # another party a payment's name line gives (care of, for the attention of)
    assert [p for p, _ in name_parts("John Smith C/O Mohamed al-Kani")] == [
        "John Smith", "Mohamed al-Kani"]
    assert [p for p, _ in name_parts("ACME TRADING LLC ATTN: Mohamed al-Kani")] == [
        "ACME TRADING LLC", "Mohamed al-Kani"]
    # two people's names joined by and or &, each of two words, no business word in either
    assert name_parts("Ali Hassan & Omar Farouk") == [
        ("Ali Hassan", "the name before '&', a name of its own"),
        ("Omar Farouk", "the name after '&', a name of its own")]
    for one in ("Nordstrand Maritime and Trading Company", "Mendoza, Martin and Torres",
                "Johnson & Johnson", "MR AND MRS MOHAMED AL-KANI"):
        assert name_parts(one) == [], one


def test_digits_in_a_persons_name_are_set_aside() -> None:
    # an account or a file number beside a person's name (Mohamed al-Kani 12345 was 0.69
    # against AL-KANI, Mohamed): no word of the name; a company's number is one (Brigade 9)
    form = analyze("Mohamed al-Kani 12345", org=False)
    assert [t.text for t in form.scoring] == ["mohamed", "kani"]
    assert score("Mohamed al-Kani 12345", "AL-KANI, Mohamed") >= 0.95
    assert [t.text for t in analyze("Tarhuna 9th Brigade", org=True).scoring][1] == "9"
    # one or two digits may be a name written as its number (Sergey Yurievich TEN, 10)
    assert [t.text for t in analyze("Sergey Yurievich 10", org=False).scoring][-1] == "10"


def test_short_legal_forms_are_not_read_from_a_script_without_vowels() -> None:
    # the consonants of سعد (Saad) are sd, which rigour knows as an LLC; of صنعت (industry)
    # snt, an LP: in a name of unknown kind Saad was set aside as a legal form, in a
    # company's, Sanat
    assert [t.text for t in analyze("سعد الحريري", org=None).scoring] == ["sd", "hryry"]
    assert not analyze("سعد الحريري", org=None).legal
    assert "snt" in [t.text for t in analyze("شرکت ایمن صنعت زمان فرا", org=True).scoring]
    assert score("ایمن صنعت زمان فرا", "Imen Sanat Zaman Fara", org=True) >= 0.85
    # a form typed in Latin letters beside the script, or a long one transliterated, is one
    assert analyze("شركة سعد LLC", org=True).legal == {"llc"}
    assert analyze("راحت لمتد", org=True).legal == {"llc"}


def test_no_legal_form_is_read_from_the_syllables_of_a_hangul_name() -> None:
    # 회사 (company) is hoe sa, and rigour knows SA: the name lost sa, and against the
    # list's Hoesa written as one word was 0.61 (조선백호무역회사, Joson Paekho Muyok Hoesa)
    assert not analyze("조선백호무역회사", org=True).legal
    assert score("조선백호무역회사", "Joson Paekho Muyok Hoesa", org=True) >= 0.95
    # a form typed in Latin letters beside it is one
    assert analyze("백호 LLC", org=True).legal == {"llc"}


def test_three_syllables_written_apart_are_the_word_the_other_writes_whole() -> None:
    # a Korean place or company name of three syllables, as the lists write it in one word
    # (합장강, hap jang kang: Hapjanggang; 로은산: Rounsan): each syllable whole
    from sanctio.text.orgwords import translated_reading

    assert score("합장강", "Hapjanggang", org=True) >= 0.9  # (kang, gang: 0.95)
    assert score("Rungrado", "릉라도", org=True) >= 0.95
    assert "written apart" in describe("합장강", "Hapjanggang", org=True)
    read = translated_reading("로은산무역회사")  # (the screener's: 로은산 trading company)
    assert read is not None and score(read[0], "Rounsan Trading Company", org=True) >= 0.95
    # a syllable another, not three letters a spelling: Hap Jang Kong is no Hapjanggang
    assert score("합장공", "Hapjanggang", org=True) < 0.8


def test_chinese_company_names_keep_their_syllables_and_business_words() -> None:
    # 裕 is yu, which rigour knows as a legal form: the name lost it (山东裕龙石化有限公司,
    # SHANDONG YULONG PETROCHEMICAL COMPANY, no candidate); the company words read before
    # transliteration are forms still (有限公司, Co., Ltd)
    assert [t.text for t in analyze("裕龙", org=None).scoring] == ["yu", "long"]
    assert analyze("山东裕龙石化有限公司", org=True).legal == {"llc"}
    assert score("山东裕龙石化有限公司", "SHANDONG YULONG PETROCHEMICAL COMPANY",
                 org=True) >= 0.95
    # business words as the lists translate them, and the cities ICU reads in another
    # sound of their first character (成都 is Chengdu, not Cheng Dou)
    assert score("北京和德宇航技术有限公司", "Beijing Hede Aerospace Technology",
                 org=True) >= 0.95
    assert score("成都景昕科技有限公司", "CHENGDU JINGXIN TECHNOLOGY CO. LTD", org=True) >= 0.95


def test_and_of_persian_and_arabic_in_an_organisations_name() -> None:
    # و written apart, va and wa in Latin letters: what "and" is in English (0.19 before:
    # the letter w and the word va, names of neither side)
    assert score("بانک صنعت و معدن", "Bank Sanat Va Madan", org=True) >= 0.95
    assert score("Ansar wa Muhajirin", "Ansar al-Muhajirin", org=True) > score(
        "Ansar wa Muhajirin", "Ansar al-Muhajirin", org=False)
    assert [t.role for t in analyze("Bank Sanat Va Madan", org=True).tokens][2] == (
        Role.PARTICLE)
    # not in a person's name, nor first or last
    assert [t.role for t in analyze("Ali Wa Hasan", org=False).tokens][1] == Role.NAME
    assert analyze("Wa Lone", org=None).tokens[0].role == Role.NAME


@pytest.mark.parametrize(("written", "listed"), [
    # the Turkic daughter of and son of after the father's name, against the Russian
    # patronymic (0.62-0.68 before: Marat~Maratovna a spelling, kyzy a word more)
    ("Әлинә Марат кызы Кабаева", "Alina Maratovna KABAEVA"),
    ("Alina Marat kyzy Kabaeva", "Alina Maratovna KABAEVA"),
    ("Mehriban Arif qizi Aliyeva", "Mehriban Arifovna ALIYEVA"),
    ("Ilham Heydar oglu Aliyev", "Ilham Heydarovich ALIYEV"),
    ("Musa ogly Ali", "Ali Musayevich"),
])
def test_a_turkic_patronymic_is_the_russian_one(written: str, listed: str) -> None:
    assert score(written, listed) >= 0.95
    assert "the same patronymic (Turkic son or daughter of)" in describe(written, listed)


def test_a_turkic_son_of_is_no_word_of_the_name() -> None:
    # (the marker set aside, the father's name a name: Faik Mamedov 0.90 before)
    assert score("Faik Sameddin ogly MAMEDOV", "Faik Sameddin Mamedov") == pytest.approx(1.0)
    assert score("Faik Mamedov", "Faik Sameddin ogly MAMEDOV") > score(
        "Faik Mamedov", "Faik Sameddin Bala MAMEDOV")
    # not an organisation's word, nor a name's first
    assert analyze("Ogly Trading", org=None).scoring[0].text == "ogly"


def test_urdu_writes_the_h_of_chaudhry_before_the_d() -> None:
    # چوہدری: ch-w-h-d-r-y, Latin Chaudhry, Chowdhury, Chaudhary (0.33 before, other letters)
    word = arabic_prepare("چوہدری")  # (ہ, the Urdu h, as Arabic writes it: ه)
    for latin in ("chaudhry", "chowdhury", "chaudhary", "chohdry"):
        assert reads_as(word, latin)
    assert score("محمد یوسف چوہدری", "Muhammad Yousaf CHAUDHRY") >= 0.9
    # the h is written, before the d or after it (فهد is Fahd, not Fad; مهدی not Madi)
    assert reads_as("فهد", "fahd") and not reads_as("فهد", "fad")
    assert not reads_as("مهدی", "madi")
    # ending the word (a first version read past its end: شاهد, Shahid; مجاهد, Mujahid)
    assert reads_as("شاهد", "shahid") and reads_as("مجاهد", "mujahid")


@pytest.mark.parametrize(("written", "listed"), [
    # an organisation named after a person writes the name in the genitive after имени,
    # им. (which rigour read as a legal form), imeni; the lists in English after named after
    ("Завод им. Я. М. Свердлова", "Zavod Ya. M. Sverdlov"),
    ("Kazanskiy Aviatsionnyy Zavod imeni S. P. Gorbunova",
     "KAZAN AVIATION PLANT NAMED AFTER S. P. GORBUNOV"),
    ("Зеленодольский завод имени А. М. Горького", "Zelenodolskiy Zavod A. M. Gorkiy"),
])
def test_an_organisation_named_after_a_person_has_the_name_in_the_genitive(
        written: str, listed: str) -> None:
    assert "the same name (in the genitive: named after)" in describe(written, listed, org=True)
    assert score(written, listed, org=True) >= 0.85
    assert not analyze(written, org=True).legal
    # named after is no name word (0.75 before: two words more)
    assert score("Kazan Aviation Plant named after S. P. Gorbunov",
                 "Kazan Aviation Plant S. P. Gorbunov", org=True) >= 0.95


def test_a_fund_named_for_a_person_has_the_name_in_the_genitive_and_is_a_foundation() -> None:
    # Фонд is a fund and a foundation: the Akhmat Kadyrov Foundation (0.42 before: each name
    # with a business word the other lacks, and the name read as a woman's, Kadyrova)
    assert score("Фонд Ахмата Кадырова", "Akhmat Kadyrov Foundation", org=True) >= 0.95
    assert "the same name (in the genitive" in describe(
        "Фонд Алексея Талая", "Aleksey Talay Fund", org=True)
    # in English too, one word of other languages: a kindred kind of body, not the same
    assert "kindred business word" in describe("Akhmat Kadyrov Fund",
                                               "Akhmat Kadyrov Foundation", org=True)
    assert score("Akhmat Kadyrov Fund", "Akhmat Kadyrov Foundation", org=True) >= 0.95
    # the genitive only after the fund's first word: Fond is no title of a person's name, and
    # another kind of body stays another (a fund is no bank)
    assert "genitive" not in describe("Ivanova Fond", "Ivanov Fond", org=True)
    assert score("Akhmat Kadyrov Bank", "Akhmat Kadyrov Foundation", org=True) < 0.8


def test_a_genitive_is_read_only_after_named_after() -> None:
    assert russian_nominative("sverdlova") == "sverdlov"
    assert russian_nominative("gorkogo") == "gorkiy" and russian_nominative("talaya") == "talay"
    # not elsewhere (Ivanova Trading is a woman's, or another, company)
    assert "genitive" not in describe("Ivanova Trading", "Ivanov Trading", org=True)
    assert "genitive" not in describe("Anna IVANOVA", "Anna IVANOV")


def test_russian_junior_and_senior_after_the_name() -> None:
    # младший, старший: the generation, as Jr and Sr (0.68 before: a word more)
    assert score("Евгений Примаков-младший", "Yevgeny Primakov Jr") >= 0.95
    assert score("Іван Петренко старший", "Ivan Petrenko") >= 0.95
    assert "mladshiy" in describe("Евгений Примаков-младший", "Yevgeny Primakov Jr").split(
        "ignored: ")[1]


def test_a_business_word_found_only_as_a_spelling_says_nothing_of_the_business() -> None:
    # the rule above, where the one word's business word was found as a spelling of a name
    # word only (Consulting, COMPUTING): Rana Consulting Corporation is no RANA INTELLIGENCE
    # COMPUTING COMPANY (0.83, a false alert in a first version of the rule)
    assert feature_of("Rana Consulting Corporation", "RANA INTELLIGENCE COMPUTING COMPANY",
                      True, True, "business_extra") == 1.0
    assert score("Rana Consulting Corporation", "RANA INTELLIGENCE COMPUTING COMPANY",
                 org=True) < 0.8


def test_a_words_place_in_the_name_is_part_of_the_memoised_similarity() -> None:
    # the same word with another role or alternative form, which its place in the name
    # decides (Marat before kyzy reads Maratovna; bank is a business word in a company's
    # name): the memo of token similarities keyed it by its text, so what was compared
    # before changed the score (Alina Marat kyzy Kabaeva after Alina Marat Kabaeva: 0.91,
    # alone 1.00)
    from sanctio.scoring import _SIM_CACHE

    for first, second, listed, org in (
            ("Alina Marat Kabaeva", "Alina Marat kyzy Kabaeva", "Alina Maratovna KABAEVA",
             False),
            # (Nord Bank is no NORD BANG: bank a business word; as a person's name first,
            # its word bank, a spelling of bang, was memoised for the company's: 0.92)
            ("Nord Bank", "Nord Bank", "NORD BANG", True)):
        target = analyze(listed, org=org)
        _SIM_CACHE.clear()
        alone = compare_forms(analyze(second, org=org), target, W).score
        _SIM_CACHE.clear()
        compare_forms(analyze(first, org=False), target, W)  # (a person's name first)
        after = compare_forms(analyze(second, org=org), target, W).score
        assert after == alone, (first, second)


def test_a_name_without_its_first_name_ending_with_a_rare_family_name() -> None:
    """A person's list name with its first name left out, word for word and in order, ends
    with a family name few list names have: the names the family uses, still the person.
    A common family name so left, the family name the list marks alone, or a list name in
    its own script (written whole) is not."""
    # (as many list names as the four lists have, and their counts of these words)
    weights = TokenWeights({"ahmad": 500, "ali": 948, "ibrahim": 355, "jean": 13, "marie": 9,
                            "pierre": 7, "jamal": 78, "qusay": 7, "faraj": 5}, 61_912)

    def with_weights(a: str, b: str) -> tuple[float, float]:
        cmp = compare_forms(analyze(a, org=False), analyze(b, org=False), weights)
        return cmp.score, cmp.features["given_missing"]

    for query, listed in [("Lugerero Runiga", "JEAN-MARIE LUGERERO RUNIGA"),
                          ("Ibrahim Mihoub", "Qusay Ibrahim MIHOUB"),
                          ("Ali BABAMORADI", "Jamal Ali BABAMORADI")]:
        found, missing = with_weights(query, listed)
        assert found >= 0.8 and missing == 0.0, (query, listed)
    for query, listed in [("Faraj Ahmad", "Najmuddin Faraj AHMAD"),  # Ahmad: common
                          ("Jean Pierre", "Gabriel JEAN-PIERRE"),  # the marked family alone
                          ("Runiga Lugerero", "JEAN-MARIE LUGERERO RUNIGA"),  # not in order
                          ("رضا محمدی", "محمد رضا محمدی")]:  # the script's whole name
        assert with_weights(query, listed)[1] == 1.0, (query, listed)
    assert with_weights("Faraj Ahmad", "Najmuddin Faraj AHMAD")[0] < 0.8


def test_a_persian_family_name_of_two_parts_is_one_name() -> None:
    """A Persian family name whose first part makes family names of others, joined by a
    hyphen (PIR-ABASSI, MIR-HEJAZI), is one name: its second part alone is another family
    (Abbasi); written whole, together or apart, it is the same."""
    assert feature("family_missing", "عباس عباسی", "Abbas PIR-ABASSI") == 1.0
    assert score("عباس عباسی", "Abbas PIR-ABASSI") < 0.8
    assert feature("family_missing", "Asghar Hejazi", "MIR-HEJAZI, Asghar") == 1.0
    for query in ("Abbas Pir Abassi", "Abbas Pirabassi", "Abbas PIR-ABASSI"):
        assert feature("family_missing", query, "Abbas PIR-ABASSI") == 0.0, query
        assert score(query, "Abbas PIR-ABASSI") >= 0.9, query
    # (a family name of two other names keeps its parts: MADURO MOROS)
    assert feature("family_missing", "Nicolas Maduro", "MADURO MOROS, Nicolas") == 0.0


def test_a_south_slavic_dj_is_written_dj_or_d() -> None:
    """Đ (Đorđević, Đorđe, Đuro) is Dj in most ASCII spellings and D where the mark is only
    stripped: the two meet; a French dj (Hadji, Haji) is no d."""
    for query, listed in [("Dragan Djordjevic", "Dragan ĐORĐEVIĆ"),
                          ("Djordje Petrovic", "Đorđe PETROVIĆ"),
                          ("Djuro Markovic", "Đuro MARKOVIĆ"),
                          ("Vlastimir Dordevic", "DJORDJEVIC, Vlastimir")]:
        assert score(query, listed) >= 0.95, (query, listed)
    assert score("Hadji Omar", "Hadi OMAR") < 0.5
    q, r = analyze("Djordjevic", org=False).scoring[0], analyze("Đorđević", org=False).scoring[0]
    assert token_sim(q, r)[1] == "transliteration (South Slavic dj or d)"


def test_a_name_more_after_an_unmarked_list_name_of_rare_words() -> None:
    """A person's list name of rare words that marks no family name (given and father's
    names: Gatluak Nyang), with one name more after it, as written, is the person with the
    family name the list leaves out; not after a family name the list marks (John Smith
    Jones is no John SMITH), nor after common words (Ali Hassan Mahmoud, Ali Hassan)."""
    weights = TokenWeights({"ali": 948, "hassan": 700, "john": 40, "smith": 3}, 61_912)

    def extra(a: str, b: str) -> float:
        return compare_forms(analyze(a, org=False), analyze(b, org=False),
                             weights).features["query_middle_extra"]

    assert extra("Gatluak Nyang Hoth", "Gatluak Nyang") == 1.0
    assert compare_forms(analyze("Gatluak Nyang Hoth", org=False),
                         analyze("Gatluak Nyang", org=False), weights).score >= 0.8
    assert extra("John Smith Jones", "John SMITH") == 0.0
    assert extra("Ali Hassan Mahmoud", "Ali Hassan") == 0.0


@settings(max_examples=300, deadline=None)
@hypothesis_given(words=st.text(alphabet="ab -.", min_size=1, max_size=4),
       text=st.text(alphabet="abAB1 -.", max_size=30))
def test_whole_words_found_without_a_pattern_are_those_a_pattern_finds(words: str,
                                                                       text: str) -> None:
    """The legal forms are found and taken out of a name without a pattern compiled for each
    (:func:`sanctio.text.normalize._whole_sub`): the same places as ``(?<![a-z0-9])words
    (?![a-z0-9])``, left to right, none overlapping."""
    import re

    from sanctio.text.normalize import _whole_sub, _word_span

    pattern = re.compile(r"(?<![a-z0-9])" + re.escape(words) + r"(?![a-z0-9])")
    assert _whole_sub(words, " ", text) == pattern.sub(" ", text)
    found = pattern.search(text)
    assert _word_span(words, text) == (found.span() if found else None)


def test_a_birth_date_to_the_day_reads_a_name_alike_letter_for_letter_as_typos() -> None:
    from sanctio.model import DatePrecision, DateValue
    from sanctio.scoring import (
        DOB_LETTERS,
        DOB_LETTERS_FLOOR,
        DOB_LETTERS_TOP,
        day_date,
        dob_letters_evidence,
        letters_alike,
    )

    # two Korean syllables apart by their last letter: the name rules refuse them
    q, r = analyze("RI CHUN HWA"), analyze("RI CHUN HWAN")
    assert compare_forms(q, r, W).score < 0.5
    letters = letters_alike(q.latin, r.latin)
    assert letters >= DOB_LETTERS
    assert letters_alike("hwan chun ri", "ri chun hwan") == 1.0  # words in any order
    ev = dob_letters_evidence(letters, "RI CHUN HWAN", "1957-08-21", 0.13)
    assert ev is not None and ev.feature == "dob_letters"
    assert DOB_LETTERS_FLOOR <= 0.13 + ev.effect <= DOB_LETTERS_TOP
    assert "1957-08-21" in ev.detail and "RI CHUN HWAN" in ev.detail
    # more alike, higher; the same letters, the top
    top = dob_letters_evidence(1.0, "X", "1957-08-21", 0.2)
    assert top is not None and abs(0.2 + top.effect - DOB_LETTERS_TOP) < 1e-9
    assert 0.13 + ev.effect < 0.2 + top.effect
    # names less alike (the Makhlouf twins, Iyad and Ihab, born the same day), or a name
    # the comparison already scores high: nothing
    assert letters_alike("iyad makhlouf", "ihab makhlouf") < DOB_LETTERS
    assert dob_letters_evidence(letters_alike("iyad makhlouf", "ihab makhlouf"), "X",
                                "1973-01-21", 0.5) is None
    assert dob_letters_evidence(0.99, "X", "1957-08-21", DOB_LETTERS_FLOOR) is None
    # only a date given to the day is one
    assert day_date(DateValue("1957-08-21", DatePrecision.DAY))
    assert not day_date(DateValue("1957-08", DatePrecision.MONTH))
    assert not day_date(DateValue("1957-08-21", DatePrecision.DAY, circa=True))


def test_a_birth_date_to_the_day_reads_the_query_as_part_of_the_name() -> None:
    from sanctio.scoring import DOB_PART_SCORE, dob_part_evidence, words_within

    # the person without the family name (PAE WON UK): every query word in the name
    q, r = analyze("WON UK"), analyze("PAE WON UK")
    cmp = compare_forms(q, r, W)
    assert words_within(q.latin, r.latin) == 1.0
    # (the name score the lists' rarity gives it: 0.40, the family name missing)
    ev = dob_part_evidence(cmp, "PAE WON UK", "1969-08-22", 0.4)
    assert ev is not None and ev.feature == "dob_part"
    assert abs(0.4 + ev.effect - DOB_PART_SCORE) < 1e-9 and "pae" in ev.detail
    assert dob_part_evidence(cmp, "PAE WON UK", "1969-08-22", DOB_PART_SCORE) is None
    # the first of January is the day written for a year alone: no evidence of the day
    assert dob_part_evidence(cmp, "PAE WON UK", "1969-01-01", 0.4) is None
    # a query word the name lacks, or one word alone: not a part of the name
    other = compare_forms(analyze("WON SOK"), r, W)
    assert dob_part_evidence(other, "PAE WON UK", "1969-08-22", 0.4) is None
    one = compare_forms(analyze("WON"), r, W)
    assert dob_part_evidence(one, "PAE WON UK", "1969-08-22", 0.4) is None
    assert words_within("won sok", "pae won uk") < 0.95


def test_the_name_after_abd_decides_as_a_name_of_its_own() -> None:
    # Abd al-Kabir is no Abd al-Qadir: after Abd, two known names are two people
    assert score("Abdul Kabir", "Abdukadir") < 0.8
    assert score("Abdulkabir", "Abdulkadir") < 0.8
    assert "another name after Abd" in describe("Abdul Kabir", "Abdukadir")
    # a typo in the name after it, or another spelling of it, is the name
    assert score("Abdul Kabr", "Abdul Kabir") >= 0.8
    assert score("Abdul Hakim", "Abdulhakeem") >= 0.8
    assert score("Abdul Qader", "Abdelkader") >= 0.8
    assert score("Abdel Rahman", "Abdul Rahman") == 1.0
    assert score("Abd Olfatah Ahvazian", "Abdolfatah Ahvazian") >= 0.9  # the Persian ol
    # so too the name before Allah: Habibullah is no Hafizullah, Aminullah no Amanullah
    assert score("Habibullah Khan", "Hafizullah Khan") < 0.8
    assert "another name before Allah" in describe("Aminullah Khan", "Amanullah Khan")
    assert score("Habibulla Khan", "Habibullah Khan") >= 0.9
    # and one name before Allah, Allah or the name spelled otherwise, is one name
    assert score("Nasrallah", "Nasrullah") >= 0.9
    assert "Allah written otherwise" in describe("Hasan Nasrallah", "Hassan Nasrollah")
    assert score("Maulana Fazlullah", "Maulana Fazalullah") >= 0.85


def test_a_word_of_a_two_word_name_spelled_far_from_the_lists_is_another_name() -> None:
    # one word to carry the name: the other met only as a spelling three letters or more
    # apart, or two in a short word, is another name, not a typo
    assert feature("other_name", "Rayan Kaysan", "KALDANI, Rayan") == 1.0
    assert feature("other_name", "Ramzi Amara", "Ramzi OMAR") == 1.0
    assert feature("other_name", "Shehu Mohammed", "Mohammed SHAH") == 1.0
    assert score("Rayan Kaysan", "KALDANI, Rayan") < 0.5
    # a typo, or two in a long word, is still the name
    assert feature("other_name", "Rayan Kaldnai", "KALDANI, Rayan") == 0.0
    assert score("Rayan Kaldnai", "KALDANI, Rayan") >= 0.85
    assert score("Hassqn HIJZZI", "Hassan HIJAZI") >= 0.85
    # so is a word written with its consonants only, y for its vowel, and one whose vowels
    # are another romanisation's (a glide; Arabic's o and u, doubled vowels; Persian's e)
    assert feature("other_name", "Hym JIRJIS", "JIRJIS, Hiyam") == 0.0
    for query, listed in [("Yevgen Prigozhin", "Evgeny PRIGOZHIN"),
                          ("Yoozuf AL-MADANI", "Yusuf AL-MADANI"),
                          ("Ibraheem MAHMUDZADEH", "Ebrahim MAHMUDZADEH"),
                          ("SHAKRO MOLODOY", "SHAKRO MALADOI"),
                          ("KOLBAYEV, Kamchi", "KOLBAYEV, Kamchibek")]:
        assert feature("other_name", query, listed) == 0.0, query
    # and in a longer name the other words carry it
    assert feature("other_name", "Yury Vladimirovich LEON", "Yury Vladimirovich LEONOV") == 0.0


def test_every_word_a_known_name_only_spelled_like_the_lists_is_another_name() -> None:
    # each word of the query a name of its own (rigour's name symbols), each only letters
    # apart from the list's: two other names, not two misspellings
    for query, listed in [("Salah Salmi", "Salim SALEH"), ("Nacer Saidi", "SAEDI, Nader"),
                          ("Charles Alvarez", "ALVARES, Carlos")]:
        assert feature("other_name", query, listed) == 1.0, query
        assert score(query, listed) < 0.8, query
    # a misspelling seldom makes a known name of every word: typos stay the name
    for query, listed in [("Mohajed Laihal", "MOHAMED LAKHAL"),
                          ("MUTASSIJ QACDHAFI", "MUTASSIM QADHAFI")]:
        assert feature("other_name", query, listed) == 0.0, query
        assert score(query, listed) >= 0.85, query
    # nor does one word found as written, or as a name variant of the list's, leave it so
    assert feature("other_name", "Ali Saeed", "Ali SAEEDI") == 0.0
    assert feature("other_name", "Mohsin Hojati", "Mohsen HOJATI") == 0.0


def test_a_syllable_more_at_the_end_of_a_name_in_hangul_is_another_given_name() -> None:
    # 김건우 (Kim Kon U): Hangul writes the family name first, and every syllable of the
    # given name, so a syllable more at its end is another given name, not KIM Kun's
    assert feature("cjk_missing", "김건우", "KIM, Kun") == 1.0
    assert score("김건우", "KIM, Kun") < 0.8
    # the family name more at its head is the one an alias of the given name leaves out
    assert feature("cjk_missing", "김금철", "Kum-Chol") == 0.0


def test_words_of_names_of_neither_language_are_no_chinese_or_korean_syllables() -> None:
    # Don and Ton, Bir and Bor: romanised syllables only in a Chinese or Korean name
    assert "romanisation variant" not in describe("Don Lopez", "VARELLA LOPEZ, Ton")
    assert score("Benjamin Bir", "BOR, Benjamin") < 0.8
    assert score("Don Lopez", "VARELLA LOPEZ, Ton") < 0.8
    # in a Korean name they are: Chong, Jong
    assert score("Kim Chong Il", "KIM, Jong Il") >= 0.85


def test_a_word_cut_off_stands_for_list_words_it_is_enough_of() -> None:
    # Screener._cut_off reads a short name's last word as cut where a list word it begins is
    # at most half as long again (two thirds of it kept); each list word it meets is held
    # to that too: Ross is no ROSALES cut off (four letters of seven), though it may be Rossi
    def cut(name: str, within: int) -> float:
        form = analyze(name, org=False)
        last = replace(form.scoring[-1], short=True)
        form = replace(form, tokens=[*form.tokens[:-1], last],
                       scoring=[*form.scoring[:-1], last], cut=True, cut_within=within)
        return compare_forms(form, analyze("ROSALES MENDOZA, Carlos", org=False), W).score

    assert cut("Carlos Ross", 6) < 0.8
    assert cut("Carlos Rosal", 7) >= 0.8  # (five letters of seven: two thirds)
    assert cut("Carlos Ross", 0) >= 0.8  # (a name as long as a field: cut anywhere)


def test_wade_giles_syllables_are_chinese_not_only_korean() -> None:
    # ssu, tzu, shih, chih are Wade-Giles's si, zi, shi, zhi (and kuo, hsien, kuei its guo,
    # xian, gui): a name with one is no Korean name, in which a letter off a syllable Korean
    # does not write would be a typo (Fang is no WANG, Ssu's Wang mistyped)
    for wg in ("ssu", "tzu", "shih", "chih", "jih", "kuo", "hsien", "kuei", "hsieh"):
        assert known_syllable(wg) and not korean_only(wg), wg
    for korean in ("pyong", "chol", "dae"):
        assert korean_only(korean), korean
    assert score("Fang Su", "WANG, Ssu") < 0.8
    # ssu is pinyin si: Wang Si is WANG, Ssu; Wang Su (苏) another syllable, not a letter
    # dropped (the syllables are whole)
    assert score("Wang Si", "WANG, Ssu") >= 0.9
    assert score("Wang Su", "WANG, Ssu") < 0.8


def test_a_given_name_written_as_one_word_is_compared_syllable_by_syllable() -> None:
    # Guiying and Guoping, each two syllables of pinyin written as one word: gui is no guo,
    # ying no ping, as they would be written apart
    assert "guiying~guoping" not in describe("Guiying Shen", "CHEN, Guoping")
    assert score("Guiying Chen", "CHEN, Guoping") < 0.6
    assert score("Guoping Chen", "CHEN, Guoping") >= 0.95
    assert score("Guoping Chen", "CHEN, Guo Ping") >= 0.95
    # a word that is no two syllables of pinyin is compared as a word (a typo)
    assert score("Guopnig Chen", "CHEN, Guoping") >= 0.8
    # a syllable read from a Chinese character is one, even against one vowel more: 想,
    # xiang, is no Exiang
    assert score("王想", "WANG, Exiang") < 0.8


def test_half_a_hyphenated_given_name_is_another_given_name() -> None:
    # WEI Shao-Kang: the list writes the given name of two syllables as one, so Wei Shao has
    # another given name (Shao), not a middle name left out, on either side
    assert feature("given_halved", "Wei Shao", "WEI, Shao-Kang") == 1.0
    assert score("Wei Shao", "WEI, Shao-Kang") < 0.8
    assert feature("given_halved", "TANG, Ping-keung", "Ping Tang") == 1.0
    assert score("Wei Shao Kang", "WEI, Shao-Kang") >= 0.95
    # a syllable the list writes apart may be a middle name left out
    assert feature("given_halved", "Choe Ho", "CHOE Yong Ho") == 0.0
    # and a list name written in Chinese characters says every syllable it has, as a query
    # written so does: Ming Wang is not 王明山
    assert feature("han_missing", "Ming Wang", "王明山") == 1.0
    assert score("Ming Wang", "王明山") < 0.8


def test_the_list_names_ending_of_origin_with_its_stem_spelled_otherwise_is_another_name() -> None:
    # KHALIDI is of Khalid: Khaled, its stem spelled otherwise and no -i, is the name it is
    # of, not a typo in it; the -i dropped alone may be a typo (SALAVAT for SALAVATI)
    assert "another name (-i of origin)" in describe("Hamza Khaled", "AL-KHALIDI, Hamzah")
    assert score("Hamza Khaled", "AL-KHALIDI, Hamzah") < 0.8
    assert score("Ali Kareem", "Ali KARIMI") < 0.8
    assert score("Naser Malek", "Naser MALEKI") >= 0.9


def test_two_names_after_a_glued_ben_are_two_names() -> None:
    # Ben (son of) glued to the family name: what follows it is compared alone, as after Abd
    assert score("Salim Bensalem", "SALIM BENGHALEM") < 0.5
    assert score("Ali Bensiad", "Ali BENSAID") >= 0.9  # (a typo)
    assert score("Ali Benkaddour", "Ali BENKADOUR") >= 0.9  # (a spelling)


def test_words_either_side_of_al_the_family_of_are_never_one_word() -> None:
    # آل (the family of) is a word: Makki Al Ali is no MEKELLE; the article glued to the next
    # word is not, نور الدين is Noureddine
    assert score("مكّي آل علي", "MEKELLE", org=None) < 0.5
    assert score("نور الدين", "Noureddine", org=None) >= 0.95
    assert score("نورالدین ترابی محمد قاسم", "NOORUDDIN TURABI MUHAMMAD QASIM") >= 0.95
    assert score("نورالدین آل علي", "Nooruddin AL ALI") >= 0.95


def test_a_name_in_hangul_begins_with_its_family_name() -> None:
    # 김유진 is Kim Yu Jin: Hangul writes the family name first, so the list's family name
    # YU met among the given name's syllables, and Kim not met, are two families (its
    # syllables Yu-jin met in the other order: the pairs are set aside as crossed)
    assert score("김유진", "Jin YU") < 0.8
    assert "the other order" in describe("김유진", "Jin YU")
    assert feature("family_as_given", "김유진", "YU Jin") == 1.0
    assert score("김유진", "YU Jin") < 0.8
    assert score("김유진", "KIM Yu Jin") >= 0.95
    # an alias of the given name alone has no family name to meet
    assert feature("family_as_given", "김금철", "Kum-Chol") == 0.0


def test_a_word_spelled_with_arabic_vowels_is_no_stranger() -> None:
    # Aatef, Atif; Torek, Toriq; Talous, Tuls: one name as romanisations write its vowels (a
    # long one doubled, e for i, o for u, q as k, short vowels left out), not another name
    for query, listed in [("Aatef Nadaf", "Atif NADAF"), ("TOREK AGHA", "Toriq AGHA"),
                          ("Anas Talous", "Anas TULS")]:
        assert feature("other_name", query, listed) == 0.0, query
        assert score(query, listed) >= 0.8, query
    # other vowels in a short word are another name still (Mans, MONES)
    assert feature("other_name", "Fred Mans", "Alfred MONES") == 1.0


def test_a_given_names_syllables_in_another_order_are_another_given_name() -> None:
    # 장성진 is Jang Seong-jin: Hangul writes the family name and then the given name's
    # syllables in their order, so CHANG, Chin Sung (Chin-sung) is another given name
    assert score("장성진", "CHANG, Chin Sung") < 0.8
    assert "a given name's syllables in the other order" in describe("장성진", "CHANG, Chin Sung")
    assert score("장성진", "CHANG, Sung Chin") >= 0.9
    assert score("장성진", "JANG SONG JIN") >= 0.9
    # 은정 (Eun-jeong) is not 정은 (Jong-un), 광수 (Gwang-su) not 수광 (Su-kwang), wherever the
    # family name stands: the given name written apart from it, or in Latin letters
    for query, listed in [("Kim Eun-jeong", "KIM, Jong Un"), ("Eun-jeong Kim", "KIM, Jong Un"),
                          ("은정 김", "KIM, Jong Un"), ("김은정", "KIM, Jong Un"),
                          ("Gwang-su Kim", "KIM, Su-Kwang"), ("광수 김", "Su-Kwang KIM"),
                          ("진호 윤", "YUN HO-JIN"), ("영수 이", "RI SU YONG")]:
        assert score(query, listed) < 0.5, describe(query, listed)
        assert "a given name's syllables in the other order" in describe(query, listed)
    # the same given name, the family name first or last, written together or apart
    for query, listed in [("Kim Jong Un", "KIM, Jong Un"), ("Jong-un Kim", "KIM, Jong Un"),
                          ("정은 김", "KIM, Jong Un"), ("김정은", "KIM, Jong Un"),
                          ("호진 윤", "YUN HO-JIN"), ("수용 이", "RI SU YONG"),
                          ("Su-Kwang Kim", "KIM, Su-Kwang")]:
        assert score(query, listed) >= 0.95, describe(query, listed)
    # syllables written apart say no order of their own: the list name's words in another
    # order (GON SE KIM for KIM SE GON), as a form's fields may put them
    assert score("GON SE KIM", "KIM SE GON") >= 0.9
    assert score("Un Jong Kim", "KIM, Jong Un") >= 0.9


def test_a_syllable_read_from_a_chinese_character_has_no_particle_glued() -> None:
    # 峰 is Feng: Dafeng is da and feng, a given name of two syllables, not Feng with the
    # particle da of Da Costa glued to it
    assert "particle" not in describe("蔡峰", "CAI, Dafeng")
    assert score("蔡峰", "CAI, Dafeng") < 0.8
    assert score("Maria Dacosta", "Maria DA COSTA") >= 0.9


def test_the_long_vowels_a_script_writes_are_found_in_the_latin_in_their_order() -> None:
    # حميد writes the long i of Hamid: Hammadou, the same consonants, has none; کیانا (Kiana)
    # is no Kanaan; مهاجر is still Mouhadjir and زغربية ZGHRAYBIH, their consonants written
    # with more letters
    assert "same consonants" not in describe("حميد", "HAMMADOU")
    assert "same consonants" not in describe("کیانا", "KANAAN")
    assert "same consonants" in describe("مهاجر", "MOUHADJIR")
    assert "same consonants" in describe("زغربية", "ZGHRAYBIH")
    # a final ی after an alif is Persian's ezafe, no long vowel: آلومینای is Alumina
    assert "other letters" not in describe("آلومینای", "ALUMINA", org=True)


def test_a_particle_among_chinese_syllables_is_a_syllable() -> None:
    # Le, Du, Da are particles in Le Pen, Du Bois, Da Costa, and syllables of a Chinese name
    # written in Latin letters (Dong Le Cheng, 董勒成; Chao Du): names, not left out
    assert [t.role for t in analyze("Dong Le Cheng", org=False).tokens] == [Role.NAME] * 3
    assert score("Dong Le Cheng", "Dong LECHENG") >= 0.95
    assert score("Chao Du", "JOE") < 0.5
    # not in a name whose other words are no syllables
    assert [t.role for t in analyze("Nguyen Van Le", org=False).tokens][1] == Role.PARTICLE


def test_an_initial_more_that_meets_a_given_name_never_lowers_the_score() -> None:
    """Every given name of a person's list name met by its initial, in its order, is as close
    a form as a subset of the name: T. J. H. AL-TIKRITI scores no less than T. J.
    AL-TIKRITI for TAHIR JALIL HABBUSH AL-TIKRITI (it scored 0.80 against 0.85: the full
    cover had no `exact_subset`); initials in another order do not count so."""
    listed = "TAHIR JALIL HABBUSH AL-TIKRITI"
    three, two = score("T. J. H. AL-TIKRITI", listed), score("T. J. AL-TIKRITI", listed)
    assert three >= two > score("T. AL-TIKRITI", listed)
    assert feature("exact_subset", "AL-TIKRITI T J H", listed) == 1.0
    assert feature("exact_subset", "J. T. H. AL-TIKRITI", listed) == 0.0
    assert score("J. T. H. AL-TIKRITI", listed) < two
    # (one initial of a name of two: no more than it was)
    assert feature("exact_subset", "J. SMITH", "John SMITH") == 0.0



def test_a_shadda_on_y_is_a_doubled_letter_of_one_arabic_name() -> None:
    # Qayyoum is Qayum (ou for u, yy for the shadda): the doubled-consonant rule of one
    # Arabic name's spellings read y as a vowel (another pattern of the same name shadowed
    # its own), and the pair fell to a plain spelling at 0.84
    sim, how = token_sim(analyze("Qayyoum", org=False).tokens[0],
                         analyze("Qayum", org=False).tokens[0])
    assert sim >= 0.9 and how.startswith("spelling (one Arabic name"), how


def test_a_name_made_with_abd_is_no_spelling_of_one_without_it() -> None:
    # Abdirahim (Abd al-Rahim, servant of the Merciful) is not Ibrahim, however many letters
    # they share: Ibrahim Musa met the alias MUSA, Abdirahim at 0.84 (ibrahim~abdrahim, a
    # "spelling" of two edits)
    sim, how = token_sim(analyze("Ibrahim", org=False).tokens[0],
                         analyze("Abdirahim", org=False).tokens[0])
    assert sim == KNOWN_OTHER_SIM and "Abd" in how, how
    assert score("Ibrahim Musa", "MUSA, Abdirahim") < 0.8
    # a typo inside the Abd stays a typo of the name (Adbrahim; Abfdifatah, its d near the
    # head, two edits from abdfatah), and Abid is a transposition away from Abdi
    assert token_sim(analyze("Adbrahim", org=False).tokens[0],
                     analyze("Abdrahim", org=False).tokens[0])[0] >= 0.85
    assert token_sim(analyze("Abfdifatah", org=False).tokens[0],
                     analyze("Abdifatah", org=False).tokens[0])[0] >= 0.8
    assert token_sim(analyze("Abid", org=False).tokens[0],
                     analyze("Abdi", org=False).tokens[0])[0] >= 0.75


def test_the_ending_of_a_persian_family_name_is_written_with_its_word() -> None:
    # -zadeh, -pour, -nejad after a space or a half space (ZWNJ) end the word before them:
    # رضا زاده is Rezazadeh, not Reza and a word more (علی اكبر رضا زاده met RAZA, Syed Ali
    # at 0.83, rza~raza)
    for written in ("علی اكبر رضا زاده", "علی اکبر رضا\u200cزاده", "علی اکبر رضازاده"):
        assert [t.text for t in analyze(written, org=False).scoring] == [
            "ly", "akbr", "rzazadh"], written
    assert score("علی اكبر رضا زاده", "Ali Akbar REZAZADEH") >= 0.9
    assert score("علی اكبر رضا زاده", "RAZA, Syed Ali") < 0.8
    assert [t.text for t in analyze("مسیح علی نژاد", org=False).scoring][-1] == "lynzhad"
    # such a name is in its natural order: no reading of its words reversed (which put the
    # ending first, apart, and met RAZA ZAIDI, Syed Ali through zadeh~zaidi)
    from sanctio.screen import _reversed_reading
    assert _reversed_reading("علی اكبر رضا زاده") is None
    assert _reversed_reading("القادر عبد الشيخ أحمد") is not None


def test_a_given_name_of_another_language_before_a_chinese_or_korean_name() -> None:
    # the English name people of Hong Kong, Taiwan and the diaspora go by, written before
    # their whole Chinese or Korean name, which the lists leave out
    for query, listed in [("GRACE KIM CHOL NAM", "KIM CHOL NAM"), ("Jenny Kong PO", "PO, Kong"),
                          ("Carrie LAM Cheng Yuet-ngor", "LAM Cheng Yuet-ngor")]:
        assert score(query, listed) >= 0.9, (query, listed)
        assert "a given name of another language" in describe(query, listed)
        # (a little less than the name without it)
        assert score(query, listed) < score(query.split(" ", 1)[1], listed)
    # only before the whole name, each syllable met: a syllable missing or another one
    # stays what it was
    assert score("Grace Kim Chol", "KIM CHOL NAM") < 0.8
    assert score("Grace Kim Chol Nam", "KIM Chol Ho") < 0.8
    # nor a word that is a syllable itself, or a name that is not Chinese or Korean
    assert "another language" not in describe("Ri Kim Chol Nam", "KIM CHOL NAM")
    assert "another language" not in describe("Grace Ivan Petrov", "Ivan PETROV")


def test_a_number_written_in_two_parts_is_the_number_written_together() -> None:
    # (VISION 20-20, S.A. is Vision 2020: the hyphen made two numbers of it, and neither was
    # the query's)
    assert score("Vision 2020 SA", "VISION 20-20, S.A.", org=True) >= 0.95
    assert score("VISION 20-20, S.A.", "Vision 2020 SA", org=True) >= 0.95
    assert "numbers written" in describe("Vision 2020 SA", "VISION 20-20, S.A.", org=True)
    # another number stays another number
    assert score("Vision 2021 SA", "VISION 20-20, S.A.", org=True) < 0.5
    assert score("Vision 202 SA", "VISION 20-20, S.A.", org=True) < 0.5


def test_a_chinese_given_name_more_against_one_written_as_one_word() -> None:
    # two given names in the query's Chinese name, the list's given name written as one
    # word: 小红 淑华 马 (Xiao Hong Shu Hua Ma) is another person than MA, Xiaohong, as
    # against MA Xiao Hong
    assert score("小红 淑华 马", "MA, Xiaohong") < 0.8
    assert score("小红 淑华 马", "MA Xiao Hong") < 0.8
    assert feature("cjk_missing", "小红 淑华 马", "MA, Xiaohong") == 1.0
    # the name itself, however the list joins its syllables
    assert score("小红 马", "MA, Xiaohong") >= 0.95
    assert score("Ma Xiao Hong", "MA, Xiaohong") >= 0.95


def test_a_short_form_of_three_letters_saves_two_letters_at_least() -> None:
    short = analyze("San.", org=False).scoring[0]
    assert short.short
    assert token_sim(short, analyze("Sanayi", org=False).scoring[0])[1] == "written short"
    # (San. is no short form of Sani, one letter longer: at most a spelling of it)
    assert token_sim(short, analyze("Sani", org=False).scoring[0])[1] != "written short"
    ind = analyze("Ind. Bank", org=True).scoring[0]
    assert token_sim(ind, analyze("Industrial", org=True).scoring[0])[1] == "written short"
    assert token_sim(ind, analyze("Indo", org=True).scoring[0])[1] != "written short"
    # four letters may stand for a word one longer, as a field cuts it (Hasan NASRALLA)
    assert token_sim(analyze("Alex.", org=False).scoring[0],
                     analyze("Alexa", org=False).scoring[0])[1] == "written short"


def test_the_second_half_of_a_hyphenated_name_alone_is_another_name() -> None:
    # two names a person's list name joins with a hyphen are one name: its second half,
    # the first missing, is another (Gabriel Pierre was Gabriel JEAN-PIERRE at 0.97)
    assert score("Gabriel Pierre", "Gabriel JEAN-PIERRE") < 0.8
    assert "without its first" in describe("Gabriel Pierre", "Gabriel JEAN-PIERRE")
    assert score("Anne Jones", "SALLY-ANNE FRANCES JONES") < 0.8
    # the whole name, or its first half as people shorten it, as before
    assert score("Gabriel Jean Pierre", "Gabriel JEAN-PIERRE") >= 0.95
    assert score("Gabriel Jean", "Gabriel JEAN-PIERRE") >= 0.9
    assert "without its first" not in describe("Gabriel Jean", "Gabriel JEAN-PIERRE")
    # not two syllables of a Korean given name, nor the name after Abdul (judged as before)
    assert "without its first" not in describe("Ko Chae", "KO CH'O'L-CHAE")
    assert "without its first" not in describe("Haq Wassiq", "Abdul-Haq Wassiq")


def test_a_chinese_family_name_is_read_as_a_family_name() -> None:
    """ICU reads 曾 ceng, 单 dan, 解 jie, 仇 chou: as family names they are Zeng, Shan, Xie,
    Qiu (the lists' ZENG, Guowei). A Chinese name's first character is read so beside its
    common reading, and the comparison says which reading met; the common reading still
    meets (CENG, Guowei), and another character of the name is not read so."""
    from sanctio.text.normalize import han_family_readings

    assert han_family_readings("曾庆红") == {0: "zeng"}
    assert han_family_readings("單偉建") == {0: "shan"}
    assert han_family_readings("尉迟恭") == {0: "yu"}  # (a family name of two characters)
    assert han_family_readings("王曾") == {} and han_family_readings("李明") == {}
    assert han_family_readings("Zeng 曾") == {}  # (the name begins in Latin letters)
    for han, listed in (("曾庆红", "ZENG, Qinghong"), ("单伟建", "SHAN, Weijian"),
                        ("解振华", "XIE, Zhenhua"), ("仇和", "QIU, He"), ("乐嘉", "YUE, Jia"),
                        ("翟东升", "ZHAI, Dongsheng"), ("區家麟", "OU, Jialin")):
        assert score(han, listed) >= 0.95, (han, listed, describe(han, listed))
        assert "reading as a family name" in describe(han, listed)
        # (and the other way round: a list name in Chinese characters, a query in Latin)
        assert score(listed, han) >= 0.95, (listed, han)
    assert score("曾庆红", "CENG, Qinghong") == 1.0  # the common reading, as before
    # (only the first character: 王曾 is Wang Ceng, not Wang Zeng)
    assert score("王曾", "WANG, Zeng") < 0.5
    # a family name of one reading only is read as before
    assert score("李明", "LI, Ming") == 1.0 and score("李明", "LE, Ming") < 0.5


def test_burmese_names_are_written_as_myanmar_names_are_spelled() -> None:
    """ICU reads the Myanmar script letter by letter (မင်းအောင်လှိုင်: mainnaaunglhaine); a
    Burmese name is read syllable by syllable in the conventional romanisation of names,
    one Latin word a syllable: initials and medials (ky, ch, my, hl, sh), the rhymes of a
    vowel with its final (aung, aing, ein, un), the creaky nasal final (Myint, Nyunt)."""
    from sanctio.text.burmese import burmese_latin

    for burmese, latin in (("မင်းအောင်လှိုင်", "Min Aung Hlaing"), ("စိုးဝင်း", "Soe Win"),
                           ("သန်းရွှေ", "Than Shwe"), ("ခင်ညွန့်", "Khin Nyunt"),
                           ("မောင်မောင်ကျော်", "Maung Maung Kyaw"), ("သိန်းစိန်", "Thein Sein"),
                           ("မြထွန်းဦး", "Mya Htun Oo"), ("မြင့်ဆွေ", "Myint Swe"),
                           ("ဝင်းရှိန်", "Win Shein"), ("ထက်", "Htet"), ("အေး", "Aye")):
        assert burmese_latin(burmese) == latin, (burmese, burmese_latin(burmese))
    assert to_latin("မင်းအောင်လှိုင်") == "min aung hlaing"
    assert analyze("အောင်လင်းဒွေး").latin.split() == ["aung", "lin", "dwe"]
    assert score("မြထွန်းဦး", "MYA TUN OO") >= 0.9  # (ht or t: the aspirate written or not)
    assert score("မင်းအောင်လှိုင်", "Min Aung") < 0.8
    # a military rank before the name, as the press of Myanmar writes it, is a title in
    # English (Senior General; Vice Senior General, as the English press writes it too)
    assert burmese_latin("ဗိုလ်ချုပ်မှူးကြီးမင်းအောင်လှိုင်") == "Senior General Min Aung Hlaing"
    for query in ("ဗိုလ်ချုပ်မှူးကြီး မင်းအောင်လှိုင်", "ဗိုလ်ချုပ်မှူးကြီးမင်းအောင်လှိုင်"):
        assert score(query, "MIN AUNG HLAING") == 1.0, describe(query, "MIN AUNG HLAING")
    assert score("ဒုတိယဗိုလ်ချုပ်မှူးကြီးစိုးဝင်း", "SOE WIN") == 1.0
    assert score("Vice-Senior General Soe Win", "SOE WIN") == 1.0
    # a company's name: the English words Burmese writes (ကုမ္ပဏီ လီမိတက်, Company Limited)
    # are those words, and an English word's final sound in brackets ends the word (King)
    read = burmese_latin("ကင်း(င်)ရွိုင်ရယ်(လ်) ကုမ္ပဏီ လီမိတက်")
    assert read.startswith("King ") and read.endswith(" Company Limited"), read


def test_central_asian_cyrillic_letters_are_read_not_dropped() -> None:
    """ICU's romanisations of Cyrillic drop the letters Russian lacks that Kazakh, Kyrgyz,
    Tajik and Uzbek write (Ҳалимов read alimov): they are read as the Russian letters of
    their sounds, as Russian documents and the lists after them write these names."""
    for cyrillic, latin in (("Гулмурод Ҳалимов", "gulmurod khalimov"),
                            ("Нұрсұлтан Әбішұлы Назарбаев", "nursultan abishuly nazarbayev"),
                            ("Ҷумъахон Ғуломов", "dzhumakhon gulomov"),
                            ("Өмүрбек Бабанов", "omurbek babanov"),
                            ("Ўткир Қурбонов", "utkir kurbonov")):
        assert to_latin(cyrillic) == latin, (cyrillic, to_latin(cyrillic))
    assert score("Гулмурод Ҳалимов", "GULMUROD KHALIMOV") == 1.0
    # (Ukrainian and Belarusian letters are read by their own romanisations, as before)
    assert to_latin("Аляксандр Лукашэнка") == "alyaksandr lukashenka"
    assert to_latin("Ігор") == "ihor"


def test_pashto_kurdish_letters_and_georgian_capitals_are_read_not_dropped() -> None:
    """ICU drops the letters Pashto, Sorani Kurdish and Uyghur add to the Arabic script
    (ګلبدین, Gulbuddin, read lbdyn) and Georgian written in capitals (Mtavruli): they are
    read as the Persian letters of their sounds, and as Georgian's small letters."""
    assert to_latin("ګلبدین حکمتیار") == "glbdyn hkmtyar"
    assert to_latin("ډاکټر") == "daktr" and to_latin("ځای") == "zay"
    assert to_latin("ڕێبین") == "rybyn"
    assert score("ګلبدین حکمتیار", "HEKMATYAR, Gulbuddin") >= 0.9
    assert to_latin("ᲑᲘᲫᲘᲜᲐ ᲘᲕᲐᲜᲘᲨᲕᲘᲚᲘ") == to_latin("ბიძინა ივანიშვილი") == (
        "bidzina ivanishvili")
    # (and Abkhaz's letters, as Cyrillic's of Central Asia: Ҭ t, Ҧ p)
    assert to_latin("Ҭарқьыл") == "tarkyl"


def test_invisible_characters_copied_inside_a_word_do_not_split_it() -> None:
    """A name copied from a web page or a PDF file may carry a soft hyphen (a hyphenation
    hint), a zero-width space, a word joiner or a byte order mark inside or before a word:
    they show as nothing and are nothing (Mo\\u00adhammad was read mo-hammad, two words)."""
    for text in ("Mo\u00adhammad Ali", "Moham\u2060mad Ali", "\ufeffMohammad Ali",
                 "Mo\u200bhammad Ali"):
        assert [t.text for t in analyze(text).scoring] == ["mohammad", "ali"], text
        assert score(text, "ALI, Mohammad") == 1.0


def test_a_korean_name_s_title_after_it_is_no_word_of_the_name() -> None:
    """Korean writes titles and offices after the name (김정은 국무위원장, Chairman Kim Jong
    Un; 김여정 부부장; 최룡해 동지, comrade), apart or onto it: they are not syllables of the
    name (read as such, no listed name was near)."""
    from sanctio.text.normalize import korean_titles_off

    assert korean_titles_off("김정은 국무위원장") == "김정은"
    assert korean_titles_off("김정은위원장") == "김정은"
    assert korean_titles_off("최룡해 동지") == "최룡해"
    assert korean_titles_off("위원장") == "위원장"  # (nothing else: the text as it is)
    assert korean_titles_off("김원수") == "김원수"  # (a name of three syllables: no title)
    for query, listed in (("김정은 국무위원장", "KIM, Jong Un"), ("김여정 부부장", "KIM, Yo Jong"),
                          ("최룡해 동지", "CHOE, Ryong Hae"), ("김정은위원장", "KIM Jong Un")):
        assert score(query, listed) == 1.0, (query, describe(query, listed))


def test_what_a_person_is_before_the_name_is_no_word_of_it() -> None:
    """Russian writes an office, a rank or a calling in small letters before a name
    (министр обороны Сергей Шойгу, генерал армии Валерий Герасимов, г-н Роман Абрамович);
    English writes oligarch, businessman, chairman, comrade before it: none is a word of
    the name. A name all in small letters is read whole."""
    from sanctio.text.normalize import cyrillic_title_phrase_off

    assert cyrillic_title_phrase_off("министр обороны Сергей Шойгу") == "Сергей Шойгу"
    assert cyrillic_title_phrase_off("генерал армии Валерий Герасимов") == "Валерий Герасимов"
    assert cyrillic_title_phrase_off("сергей шойгу") == "сергей шойгу"
    assert cyrillic_title_phrase_off("фон Дервис Павел") == "фон Дервис Павел"  # (no office)
    for query, listed in (("министр обороны Сергей Шойгу", "Sergei SHOIGU"),
                          ("г-н Роман Абрамович", "Roman ABRAMOVICH"),
                          ("депутат Андрей Луговой", "Andrey LUGOVOY"),
                          ("oligarch Roman Abramovich", "Roman ABRAMOVICH"),
                          ("Comrade Kim Jong Un", "KIM, Jong Un")):
        assert score(query, listed) >= 0.95, (query, describe(query, listed))


def test_forms_of_address_of_other_languages_are_titles() -> None:
    """Herr, Frau, Monsieur, Madame, Señor, Signor, Presidente ... before a name are
    forms of address, as Mr and Mrs are (Herr Alisher Usmanov 0.76; Señor Nicolás Maduro met
    no listed name); Don and Pan, given and family names too, are not."""
    for query, listed in (("Herr Alisher Usmanov", "Alisher USMANOV"),
                          ("Señor Nicolás Maduro", "Nicolas MADURO"),
                          ("Presidente Nicolás Maduro", "Nicolas MADURO"),
                          ("Frau Elena Ivanova", "Elena IVANOVA")):
        assert score(query, listed) == 1.0, (query, describe(query, listed))
    assert [t.role for t in analyze("Don Smith").scoring] == [Role.NAME, Role.NAME]
    assert [t.text for t in analyze("Pan Wei").scoring] == ["pan", "wei"]
    # they are titles as written only: one letter off one is a name (Sarin, not Sayın; Dutt,
    # not Dott.), never set aside as a title's typo
    from sanctio.scoring import _title_typo

    assert not any(map(_title_typo, ("sarin", "dutt", "bayat", "heel", "senol")))
    assert "ignored: sarin" not in describe("Sarin Agro Corporation", "National Agro Company",
                                            org=None)


def test_a_japanese_title_after_a_foreigner_s_name_is_no_word_of_it() -> None:
    """Japanese writes a foreigner's name in katakana and the title after it in kanji or kana
    (セルゲイ・ラブロフ外相, Foreign Minister Sergei Lavrov; プーチン氏): set aside; the kanji of
    a company's name after katakana (カザン火薬工場, the Kazan gunpowder works) are not."""
    assert [t.text for t in analyze("セルゲイ・ラブロフ外相").scoring] == [
        t.text for t in analyze("セルゲイ・ラブロフ").scoring]
    assert [t.text for t in analyze("ラムザン・カディロフさん").scoring] == [
        t.text for t in analyze("ラムザン・カディロフ").scoring]
    assert len(analyze("カザン火薬工場").scoring) > 1
    assert score("ウラジーミル・プーチン大統領", "Vladimir PUTIN") >= 0.9


# ---------------------------------------------------------------- places and business words


@pytest.mark.parametrize(("query", "listed"), [
    ("Bank of Korea", "Korea Trading Bank"),                          # the trade differs
    ("Russian Federation", "Federal Penitentiary Service of the Russian Federation"),
    ("India Shipping Company", "IRAN AND INDIA SHIPPING COMPANY"),    # another country more
    ("Korean Insurance Corporation", "Korean National Insurance Corporation"),
])
def test_a_place_and_business_words_are_not_a_company_name(query: str, listed: str) -> None:
    cmp = compare_forms(analyze(query, org=True), analyze(listed, org=True), W)
    assert cmp.features["places_only"] == 1.0
    assert cmp.score <= 0.6
    assert "only business words and a place matched" in cmp.describe()


@pytest.mark.parametrize(("query", "listed"), [
    ("Korea Trading Bank Ltd", "Korea Trading Bank"),          # the whole name, a form more
    ("Bank of Syria", "Central Bank of Syria"),                # central of a central bank
    ("Syrian Petroleum Corporation", "Syrian Petroleum Company"),
])
def test_the_whole_name_of_a_place_and_business_words_still_matches(query: str, listed: str
                                                                     ) -> None:
    cmp = compare_forms(analyze(query, org=True), analyze(listed, org=True), W)
    assert cmp.features["places_only"] == 0.0
    assert cmp.score >= 0.8


def test_a_word_of_a_states_name_left_over_is_no_other_name() -> None:
    cmp = compare_forms(analyze("Central Bank of Russia", org=True),
                        analyze("Central Bank of the Russian Federation", org=True), W)
    assert cmp.features["places_only"] == 0.0


def test_a_person_named_after_a_place_is_not_a_company() -> None:
    # (people are not read so: Jordan, Georgia, Chad are given names)
    cmp = compare_forms(analyze("Georgia Brown", org=False), analyze("Georgia Anne Brown",
                                                                     org=False), W)
    assert cmp.features["places_only"] == 0.0


def test_two_countries_are_two_names_however_alike() -> None:
    assert token_sim(analyze("Iraq", org=True).scoring[0],
                     analyze("Iran", org=True).scoring[0]) == (0.0, "another country")
    assert token_sim(analyze("Niger", org=True).scoring[0],
                     analyze("Nigeria", org=True).scoring[0])[0] == 0.0
    # one country's name and its adjective are one place
    assert token_sim(analyze("Syria", org=True).scoring[0],
                     analyze("Syrian", org=True).scoring[0])[0] >= 0.8
    assert score("Iraq National Bank", "National Bank of Iran", org=True) < 0.8


def test_a_weak_alias_is_evidence_only_written_nearly_as_the_list_writes_it() -> None:
    from sanctio.model import NameType

    # OFAC's low-quality a.k.a. YUSUF, Habib of a Boko Haram leader: Habibu Yusuf, a common
    # Hausa name a letter off it, is no alert against it; as an alias it would be
    name = score("Habibu Yusuf", "YUSUF, Habib")
    assert 0.93 <= name < 0.98
    assert typed_name_score(name, NameType.ALIAS) >= 0.9
    assert typed_name_score(name, NameType.WEAK) < 0.8
    # the weak alias as written, or a letter off a long name, is still one
    assert typed_name_score(score("Habib Yusuf", "YUSUF, Habib"), NameType.WEAK) == 0.9
    assert typed_name_score(0.98, NameType.WEAK) >= 0.8
    assert typed_name_score(0.98, NameType.FORMER) == 0.98 * 0.97
    # a query in another script, whose reading never scores 1: the weak alias's 0.9 only
    assert typed_name_score(0.96, NameType.WEAK, same_script=False) == 0.9 * 0.96


def test_a_j_for_the_kh_the_lists_write_is_read_as_kh() -> None:
    # Spanish writes kh as j (Mijaíl Mishustin, Alí Jamenei): read with kh where the lists
    # write the word with kh and never with j, or, in a text with Spanish marks, ten times
    # as often; José, Juan, Jamil, Jan are as they are
    frequency = {"mikhail": 400, "mijail": 1, "khamenei": 3, "khan": 300, "jan": 40,
                 "jose": 90, "jamil": 30, "khamil": 1}
    assert j_as_kh_reading("Mijaíl Mishustin", frequency) == "Mikhaíl Mishustin"
    assert j_as_kh_reading("Mijail Mishustin", frequency) is None  # (no Spanish mark)
    assert j_as_kh_reading("Alí JAMENEI", frequency) == "Alí KHAMENEI"
    assert j_as_kh_reading("Ali Jamenei", frequency) == "Ali Khamenei"  # (never with j)
    for name in ("José Jamil", "Mohammad Jan", "Jesús Ján"):
        assert j_as_kh_reading(name, frequency) is None, name
    listed = "Mikhail Vladimirovich MISHUSTIN"
    assert score("Mikhaíl Mishustin", listed) > 0.95 > 0.8 > score("Mijaíl Mishustin", listed)


@pytest.mark.parametrize(("written", "listed"), [
    ("5alid Mish3al", "Khalid MISHAAL"),  # 5 kh, 3 the ayn (0.01: salid, misheal)
    ("Mo7ammed 3ali", "Mohammed ALI"),  # 7 h (0.75: motammed, eali)
    ("Abu Bakr al-Ba8dadi", "Abu Bakr AL-BAGHDADI"),  # 8 gh
])
def test_a_name_in_the_arabic_chat_alphabet(written: str, listed: str) -> None:
    reading = arabizi_reading(written)
    assert reading is not None and score(reading, listed) >= 0.9, describe(reading, listed)
    assert score(reading, listed) >= score(written, listed)


def test_numbers_and_look_alike_digits_have_no_arabizi_reading() -> None:
    for text in ("A320 Airbus", "MiG-29", "Plant No. 8", "3M Company", "R0SNEFT", "K2"):
        assert arabizi_reading(text) is None, text
    assert arabizi_reading("Sa3d Ja3far") == "Saad Jaafar"  # (the ayn between: a)
    assert arabizi_reading("MO7AMMED") == "MOHAMMED"


@pytest.mark.parametrize(("written", "listed"), [
    ("plukovník Mutebutsi", "Colonel Mutebutsi"),  # Slovak and Czech (0.11)
    ("pulkvedis Omega", "Colonel Omega"),  # Latvian
    ("generálmajor Mupenzi", "General Major Mupenzi"),  # Slovak, Swedish
    ("šejk Hassan", "Sheikh Hassan"),  # Czech (0.05)
    ("Sajjíd Mahdí Faráhí", "Seyyed Mahdi FARAHI"),  # Czech (0.73)
    ("Generaloberst Sergei Surowikin", "Sergei SUROVIKIN"),  # German
])
def test_a_rank_or_title_in_another_language_of_the_union_is_a_title(
        written: str, listed: str) -> None:
    assert score(written, listed) >= 0.95, describe(written, listed)


def test_the_german_s_for_a_russian_z() -> None:
    # German writes з as s at the start and between vowels (Sacharowa, Beresowski): in a word
    # German transliterates (w, sch, ch), not a Polish one (sz, cz, rz, ie)
    assert score("Maria Sacharowa", "Maria Vladimirovna ZAKHAROVA") >= 0.85, describe(
        "Maria Sacharowa", "Maria Vladimirovna ZAKHAROVA")
    assert score("Boris Beresowski", "Boris BEREZOVSKY") >= 0.9
    assert score("Maria Sacharowa", "Maria SAKHAROVA") > score(
        "Maria Sacharowa", "Maria Vladimirovna ZAKHAROVA")  # (as written first)
    from sanctio.text.slavic import cyrillic_spelling_alike

    assert cyrillic_spelling_alike("sacharowa", "zakharova")
    assert not cyrillic_spelling_alike("sobczak", "zobczak")  # (Polish: its s is с)
    assert not cyrillic_spelling_alike("sorokin", "zorokin")  # (no German letter: as written)


def test_an_initial_met_out_of_order_by_a_full_word_is_no_evidence() -> None:
    # the UN's Haji M. Ashraf: Muhammad Ashraf (or ASHRAF, Muhammad) is it; Ashraf Mancho,
    # whose last word M. would stand for, is not (0.97 before)
    listed = "Haji M. Ashraf"
    assert score("Muhammad Ashraf", listed) >= 0.95
    assert score("ASHRAF, Muhammad", listed) >= 0.95
    assert score("Ashraf Mancho", listed) < 0.8, describe("Ashraf Mancho", listed)
    assert feature("initial_crossed", "Ashraf Mancho", listed) == 1.0
    assert feature("initial_crossed", "Muhammad Ashraf", listed) == 0.0
    # (initials on the query's side, or in the list's order: as before)
    assert score("Tahir Jalil Habbush", "T. J. HABBUSH") >= 0.95
    assert score("Ashraf M.", "Muhammad ASHRAF") >= 0.9


@pytest.mark.parametrize(("written", "listed"), [
    ("Ramzan Achmatovitj KADYROV", "Ramzan Akhmadovitch KADYROV"),  # Swedish (EU) 0.04
    ("Ramsan Achmatowitsch KADYROW", "Ramzan Akhmadovitch KADYROV"),  # German (EU) 0.02
    ("Iryna Leontijivna DIANOVA", "Irina Leontievna DIANOVA"),  # Ukrainian (EU) 0.03
    ("Oleg Jevgenjevitj BELAVENTSEV", "Oleg Yevgenyvich BELAVENTSEV"),  # (0.87)
])
def test_one_patronymic_in_two_transliterations(written: str, listed: str) -> None:
    assert score(written, listed) >= 0.9, describe(written, listed)
    assert "the same patronymic in another transliteration" in describe(written, listed)


@pytest.mark.parametrize(("written", "listed"), [
    # (the EU's Swedish name of a man whose father's name its English text writes Joseph:
    # 0.77 before)
    ("Ivan Iosifovitj Boguslavskij", "Ivan Josephovich BOGUSLAVSKY"),
    ("Ivan Iosifovich Boguslavsky", "Ivan Josephovich BOGUSLAVSKY"),
])
def test_one_patronymic_of_the_fathers_name_in_two_languages(written: str, listed: str) -> None:
    assert score(written, listed) >= 0.9, describe(written, listed)
    assert "of the father's name in another language" in describe(written, listed)


def test_patronymics_of_fathers_rigour_knows_apart_stay_apart() -> None:
    from sanctio.scoring import _fathers_one_name

    assert _fathers_one_name("josephovich", "iosifovitj")
    for a, b in (("ivanovich", "yanovich"), ("danilovich", "aleksandrovich"),
                 ("iosifovich", "iosifovna"), ("petrovich", "pavlovich")):
        assert not _fathers_one_name(a, b), (a, b)


def test_patronymics_of_other_fathers_a_vowel_apart_stay_apart() -> None:
    # (a, o, u between them: another father's name; of the other gender: another person)
    for a, b in (("markovich", "mirkovich"), ("ivanovich", "ivanovna"),
                 ("borislavovich", "egorovich")):
        assert not _patronymic_spellings(a, b), (a, b)


@pytest.mark.parametrize(("written", "listed"), [
    ("Mihail Misusztyin", "Mikhail MISHUSTIN"),  # s sh, sz s, ty t (0.01)
    ("Szergej Sojgu", "Sergei SHOIGU"),  # (0.41)
])
def test_a_russians_name_as_hungarian_writes_it(written: str, listed: str) -> None:
    reading = hungarian_reading(written)
    assert reading is not None and score(reading, listed) >= 0.9, describe(reading, listed)
    assert score(reading, listed) > score(written, listed) + 0.1


def test_hungarians_own_names_have_no_hungarian_reading() -> None:
    for name in ("Kovács János", "Szabó Péter", "Nagy Gábor", "Sergei Shoigu"):
        assert hungarian_reading(name) is None, name



@pytest.mark.parametrize(("compound", "name"), [
    ("Sirajuddin HAQQANI", "Siraj Haqqani"),  # the short form he goes by
    ("Serajuddin Haqani", "Siraj Haqani"),  # and a spelling of it
    ("Salahuddin AHMAD", "Salah Ahmad"),
    ("Noureddine KARIMI", "Nour Karimi"),  # the French spelling's eddine
    ("Shamsuddeen BELLO", "Shams Bello"),
])
def test_a_given_name_with_al_din_written_as_one_word_and_the_name_alone(compound: str,
                                                                          name: str) -> None:
    """A given name of a name and al-Din (the religion's) written as one word meets the name
    alone, the short form people go by, as the two written apart do (Nur al-Din, Nur)."""
    assert score(name, compound) >= 0.85, describe(name, compound)
    assert "without its al-Din" in describe(name, compound)
    assert score(compound, name) >= 0.85


def test_a_given_name_with_al_din_written_apart_is_the_same_written_as_one() -> None:
    """Written apart, al-Din is a word of the name, not one the short form lacks: the two
    words meet the one written together, before the name alone does (caught by the held-out
    pairs: SEIFEDDINE met Seif alone, and Eddin was a word more)."""
    assert "seifeddine~seif eddin (written together)" in describe(
        "Mohammad SEIFEDDINE", "Mohammad Seif Eddin")
    assert score("Mohammad SEIFEDDINE", "Mohammad Seif Eddin") >= 0.95


def test_a_name_ending_in_another_dine_is_not_an_al_din_compound() -> None:
    assert "without its al-Din" not in describe("Gerald Smith", "Geraldine SMITH")
    assert "without its al-Din" not in describe("Claude Martin", "Claudine MARTIN")
    # the name before the tail must be the other word, or a spelling of it
    assert score("Sami Haqqani", "Sirajuddin HAQQANI") < 0.8


@pytest.mark.parametrize(("hindi", "latin"), [
    ("मसूद अजहर", ["masud", "ajhar"]),  # a-ja-ha-ra: the inherent vowel of ja unsaid
    ("कासकर", ["kaskar"]),
    ("सरदार", ["sardar"]),
    ("राजकुमार", ["rajkumar"]),
    ("कमल", ["kamal"]),  # the first syllable's is said
    ("मोहम्मद", ["mohammad"]),  # and one before a cluster
    ("जवाहरलाल", ["javaharlal"]),  # one before a consonant whose vowel is unsaid
    ("संजय", ["sanjay"]),  # and one with the nasal mark
])
def test_hindi_leaves_the_inherent_vowel_unsaid_inside_a_word(hindi: str,
                                                              latin: list[str]) -> None:
    assert [t.text for t in analyze(hindi, org=False).scoring] == latin


def test_hindi_letters_without_their_nukta_read_as_the_urdu_sounds() -> None:
    """Hindi writes हाफिज सईद (Hafiz Saeed) with फ and ज, letters that say ph and j, where
    Urdu's f and z take a dot below (फ़, ज़); and व, v, for the w of an Arabic name."""
    vocab = {"hafiz", "said", "ayman", "al", "zawahiri", "jamal", "azhar", "masud"}
    read = devanagari_nukta_reading("हाफिज सईद", vocab.__contains__, {})
    assert read is not None and read[1] == [("हाफिज", "hafiz")]
    assert [t.text for t in analyze(read[0], org=False).scoring] == ["hafiz", "said"]
    read = devanagari_nukta_reading("अयमान अल जवाहिरी", vocab.__contains__, {})
    assert read is not None and read[1] == [("जवाहिरी", "zawahiri")]
    read = devanagari_nukta_reading("मसूद अजहर", vocab.__contains__, {})
    assert read is not None and read[1] == [("अजहर", "azhar")]
    # a word the lists have as written keeps its letters (जमाल is Jamal, not Zamal)
    assert devanagari_nukta_reading("जमाल", vocab.__contains__, {}) is None
    # the fewest letters read otherwise: हाफिज is Hafij before Hafiz where both are words
    read = devanagari_nukta_reading("हाफिज", {"hafij", "hafiz"}.__contains__, {})
    assert read is not None and read[1] == [("हाफिज", "hafij")]
    assert devanagari_nukta_reading("Hafiz Saeed", vocab.__contains__, {}) is None


def test_a_listed_company_name_with_business_words_more_is_that_company() -> None:
    # the whole list name within the query, in its order, with words of a trade or a group
    # besides: the company, its branch or one it owns (Rosneft Trading, Iran Air International)
    for query, listed in (("Sovcomflot Group", "JSC SOVCOMFLOT"),
                          ("Rosneft Trading", "ROSNEFT"),
                          ("Iran Air International", "IRAN AIR"),
                          ("Libyan Investment Authority Group", "Libyan Investment Authority"),
                          ("Concern Avrora", "AVRORA"),
                          ("Havin Bank Trading Limited", "HAVIN BANK LIMITED")):
        cmp = compare_forms(analyze(query, org=True), analyze(listed, org=True), W)
        assert not cmp.features["business_extra"] and not cmp.features["generic_only"], query
        assert score(query, listed, org=True) >= 0.85, query  # (uniform weights here)
    # not a name of one short or common word (Saha Trading FZE is no SAHA), nor one met by a
    # spelling or with its article joined (de la Rosa e Hijos is no PJSC Alrosa), nor a
    # place more (X Bank Mexico), nor the words in another order (Korea Trading Bank is no
    # Bank of Korea), nor, where the list name has only business words and places, a word
    # more before or amid them (National Bank of Russia, Russia National Bank)
    for query, listed in (("Saha Trading FZE", "SAHA"), ("de la Rosa e Hijos", "PJSC Alrosa"),
                          ("X Bank Mexico", "X Bank"), ("Korea Trading Bank", "Bank of Korea"),
                          ("Russia National Bank", "Russia Bank"),
                          ("National Bank of Russia", "Bank of Russia"),
                          ("Dey Shipping Co., Ltd.", "DEY COMPANY")):
        assert score(query, listed, org=True) < 0.8, query


def test_a_listed_company_named_without_its_business_words_is_that_company() -> None:
    # the other way round: the query is the list name's own words without its business
    # words, as people name the company (Rostec, State Corporation Rostec)
    for query, listed in (("Sovcomflot", "Sovcomflot Group"),
                          ("Rostec", "State Corporation Rostec")):
        cmp = compare_forms(analyze(query, org=True), analyze(listed, org=True), W)
        assert not cmp.features["business_extra"] and not cmp.features["one_of_many"], query
        assert score(query, listed, org=True) >= 0.8, query
    # a name of one short word or a name people have keeps the rule (Saha, SAHA TRADING;
    # Kalashnikov is a family name), and so does a name of business words and places with a
    # word more before or amid them (Bank of Russia, National Bank of Russia); a query of a
    # place and business words lacks a name (Korea Trading is no Korea Trading Bank)
    for query, listed in (("Saha", "SAHA TRADING"), ("Kalashnikov", "Kalashnikov Concern"),
                          ("Korea Trading", "Korea Trading Bank"),
                          ("Iran Insurance", "Iran Insurance Company"),
                          ("Bank of Russia", "National Bank of Russia"),
                          ("Bank of Korea", "Korea Trading Bank")):
        assert score(query, listed, org=True) < 0.8, query
