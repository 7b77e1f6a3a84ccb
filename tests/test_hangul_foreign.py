"""Foreign names written in Hangul (sanctio.text.hangul_foreign): read back to the Latin
spellings they transcribe and screened as those (a Korean bank's records and the Korean press
write a Russian's or an Arab's name in Hangul: 블라디미르 푸틴, 하산 나스랄라)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sanctio.contract import Query
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
    # a Korean's own name has none (its ㅡ has a last consonant: 근, 은); nor Latin letters
    for name in ("김정은", "박근혜", "이병철", "최룡해", "Vladimir 푸틴"):
        assert not looks_foreign(name), name


@pytest.fixture(scope="module")
def latin_only(excerpt_home: Path) -> Iterator[Any]:
    """A screener of the excerpts' Latin names only (built once for the module)."""
    from sanctio.evaluate.native import LatinOnlyRegistry
    from sanctio.registry import Registry
    from sanctio.screen import Screener

    reg = Registry(excerpt_home)
    try:
        yield Screener(LatinOnlyRegistry(reg))
    finally:
        reg.close()


@pytest.mark.parametrize(("hangul", "listed"), [
    ("블라디미르 푸틴", "PUTIN"), ("알리셰르 우스마노프", "USMANOV"),
])
def test_a_foreign_name_in_hangul_meets_its_latin_spelling(
        latin_only: Any, hangul: str, listed: str) -> None:
    best = latin_only.screen(Query.build(hangul)).matches[0]
    assert listed in best.name.upper() and best.score >= 0.9, best
    reading = next(e for e in best.explanation if e.feature == "reading")
    assert "Hangul" in reading.detail and reading.effect < 0, reading
    # a Korean's own name is still read as Korean (Revised and McCune-Reischauer)
    assert not any("foreign name" in e.detail
                   for m in latin_only.screen(Query.build("김정은"), threshold=0.5).matches
                   for e in m.explanation)
