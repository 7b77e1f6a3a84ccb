"""Foreign names written in katakana (sanctio.text.katakana): read back to the Latin spellings
they transcribe, found in the index and scored as those spellings (a Japanese bank's records
and its transfer messages write a foreign customer's name in katakana, often half-width)."""

from __future__ import annotations

import pytest

from sanctio.scoring import KATAKANA_SOUNDS, TokenWeights, compare_forms
from sanctio.text.abjad import latin_keys
from sanctio.text.katakana import katakana_keys, reads_as_katakana
from sanctio.text.normalize import analyze, to_latin

W = TokenWeights.uniform()


@pytest.mark.parametrize(("kana", "latin"), [
    ("ウラジーミル", "vladimir"), ("プーチン", "putin"), ("ラブロフ", "lavrov"),
    ("セルゲイ", "sergei"), ("セルゲイ", "sergey"), ("ミシュスチン", "mishustin"),
    ("アブラモビッチ", "abramovich"), ("ヴェクセリベルク", "vekselberg"),
    ("ワレリー", "valery"), ("ザハロワ", "zakharova"), ("ソロヴィヨフ", "solovyov"),
    ("コヴァリチュク", "kovalchuk"), ("ナビウリナ", "nabiullina"), ("ピョートル", "pyotr"),
    ("アウン", "aung"), ("フライン", "hlaing"), ("タナカ", "tanaka"),
])
def test_katakana_reads_as_the_spellings_it_transcribes(kana: str, latin: str) -> None:
    assert reads_as_katakana(kana, latin)
    # and the index's consonant keys of the Latin word are among the katakana word's
    assert latin_keys(latin) & katakana_keys(kana), (sorted(latin_keys(latin)),
                                                     sorted(katakana_keys(kana))[:10])


@pytest.mark.parametrize(("kana", "latin"), [
    ("プーチン", "patin"), ("プーチン", "butin"), ("ラブロフ", "lebrov"),
    ("ロマン", "ramon"), ("カディロフ", "kadirova"), ("ミン", "mina"), ("セルゲイ", "sarah"),
    ("アウン", "an"), ("ウスマノフ", "smanov"), ("ヨシダ", "shida"),  # (a mora is never nothing)
])
def test_katakana_is_no_other_name(kana: str, latin: str) -> None:
    assert not reads_as_katakana(kana, latin)


def test_a_katakana_word_is_one_token() -> None:
    # ICU writes ヴィ as vu~i: one mora (ヴィクトル was the two words vu and ikutoru), and a
    # word read from katakana is no compound (アブラモビッチ was Abu and ramobitchi)
    assert to_latin("ヴィクトル") == "vikutoru"
    for word in ["ヴィクトル", "アブラモビッチ", "コヴァリチュク"]:
        tokens = analyze(word, org=False).tokens
        assert len(tokens) == 1 and tokens[0].orig == word


@pytest.mark.parametrize(("kana", "listed"), [
    ("ウラジーミル・プーチン", "Vladimir Vladimirovich PUTIN"),
    ("ロマン・アブラモビッチ", "Roman ABRAMOVICH"),
    ("ヴィクトル・ヴェクセリベルク", "Viktor Feliksovich VEKSELBERG"),
    ("ｳﾗｼﾞｰﾐﾙ ﾌﾟｰﾁﾝ", "Vladimir PUTIN"),  # half-width, as bank transfers write it
    ("ミン・アウン・フライン", "MIN AUNG HLAING"),
])
def test_a_foreign_name_in_katakana_matches_its_latin_spelling(kana: str, listed: str) -> None:
    cmp = compare_forms(analyze(kana, org=False), analyze(listed, org=False), W)
    assert cmp.score >= 0.85, cmp.describe()
    assert KATAKANA_SOUNDS in cmp.describe() or "=" in cmp.describe()


def test_japanese_names_in_katakana_are_not_foreign_names() -> None:
    cmp = compare_forms(analyze("タナカ ヒロシ", org=False),
                        analyze("Hiroshi TANAKA", org=False), W)
    assert cmp.score >= 0.9  # (Hepburn, as ICU reads it)
    cmp = compare_forms(analyze("サトウ タカシ", org=False),
                        analyze("Vladimir PUTIN", org=False), W)
    assert cmp.score < 0.3


@pytest.mark.parametrize(("kana", "listed"), [
    ("キム・ジョンウン", "KIM Jong Un"), ("キム・ヨジョン", "KIM Yo Jong"),
    ("リ・ビョンチョル", "RI Byong Chol"),
])
def test_a_korean_given_name_in_katakana_is_its_syllables_written_together(
        kana: str, listed: str) -> None:
    # (Japanese writes a Korean given name as one word: ジョンウン, jonun, is Jong Un, read by
    # its sounds, not parted into the syllables of its Hepburn spelling)
    cmp = compare_forms(analyze(kana, org=False), analyze(listed, org=False), W)
    assert cmp.score >= 0.9, cmp.describe()
    assert "written together" in cmp.describe()
    # another given name stays another
    assert compare_forms(analyze(kana, org=False), analyze("KIM Jong Chol", org=False),
                         W).score < 0.5


def test_the_particle_japanese_writes_glued_to_a_family_name_is_read_apart() -> None:
    """オサマ・ビンラディン: Japanese writes bin glued to the family name it begins; read apart
    where the rest spells a list word (ラディン: Laden), never a first word (ビンセント is
    Vincent) nor one whose rest spells none."""
    from sanctio.text.katakana import particle_apart

    def vocab(word: str) -> list[str]:
        return [w for w in ("laden", "ladin") if reads_as_katakana(word, w)]

    assert particle_apart("オサマ・ビンラディン", vocab) == "オサマ・ビン・ラディン"
    assert particle_apart("ビンセント・スミス", vocab) is None
    assert particle_apart("ジョン・ビンガム", vocab) is None
    assert particle_apart("オサマ・ビン・ラディン", vocab) is None  # (written apart already)


def test_a_name_with_the_particle_glued_is_found(screener) -> None:  # type: ignore[no-untyped-def]
    from sanctio.contract import Query

    top = screener.screen(Query.build("オサマ・ビンラディン", schema="Person")).matches[0]
    assert top.entity_id == "us-ofac-6365" and top.score >= 0.9, top
    assert any(e.feature == "reading" and "glued" in e.detail for e in top.explanation)
