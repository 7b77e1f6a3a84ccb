"""Korean names written in Chinese characters (:mod:`sanctio.text.korean_hanja`): pure, no
registry."""

from __future__ import annotations

import pytest

from sanctio.text.korean_hanja import korean_reading, spelled_in_korean


@pytest.mark.parametrize(("han", "hangul"), [
    ("金正恩", "김정은"),  # 金 as a family name is 김 (Kim), not 금 (gold)
    ("金與正", "김여정"),
    ("崔龍海", "최룡해"),  # the northern reading of 龍 as a word begins (Ryong)
    ("崔龙海", "최룡해"),  # simplified characters: their traditional form is read
    ("李雪主", "리설주"),
    ("朴英植", "박영식"),
    ("金 正恩", "김정은"),  # a space between the family and the given name
])
def test_a_korean_name_in_chinese_characters_reads_in_hangul(han: str, hangul: str) -> None:
    assert korean_reading(han) == hangul


@pytest.mark.parametrize("text", [
    "金成",  # two characters: most Chinese names, too short to tell
    "北京和德宇航技术有限公司",  # a company, not a name
    "Kim 正恩",  # Latin letters
    "김정은",  # already Hangul
    "",
])
def test_other_texts_have_no_korean_reading(text: str) -> None:
    assert korean_reading(text) is None


def test_a_korean_reading_stands_for_a_korean_list_name_of_its_length() -> None:
    assert spelled_in_korean("김정은", "KIM, Jong Un")
    assert spelled_in_korean("최룡해", "Ch\u2019oe Ryong-hae")  # McCune-Reischauer's apostrophe
    assert not spelled_in_korean("김정은", "JIN, Zhengen")  # a pinyin name: no Korean syllable
    assert not spelled_in_korean("리명수", "RI Myong")  # a syllable fewer
    assert not spelled_in_korean("김영철", "KIM Yong Chol Jr")  # a word more
