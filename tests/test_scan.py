"""Free text (issue 14): ``sanctio scan`` and ``POST /scan`` find the listed parties that a
text mentions, on the real lists (the four main lists of conftest), and nothing else.

The proof is the five seed articles (``../shared/golden/news``): every mention of Mohamed
al-Kani, of the Kaniyat / Kaniyet / al-Kaniyat / al-Kani militia and of the 9th Brigade is
linked to the right party, and Mnuchin, Haftar, the Government of National Accord and the
Libyan National Army are linked to nothing. What the articles say, read before writing this:

- "Mohamed al-Kani" (articles 1-4): the leader, OFAC 29119 (UK 14105).
- "Kaniyat", "the Kaniyat militia", "Kaniyat militias", "the pro-Haftar Kaniyat group",
  "Kaniyet militia group" (article 4), "Al Kaniyat" (article 5), "the al-Kani / Al Kani /
  Alkani / Al-Kani militia" (article 5) and "the so-called 9th Brigade" (article 5): the
  militia, OFAC 29368 (EU 128875, UK 14107).
- The al-Kani brothers appear only as "the leaders of the Al Kani militia, Mohamed and Abdul
  Rahim" (article 5): a given name alone, and a given name joined to another by "and", is no
  mention of a listed person (precision rules); the militia in that sentence is linked.
- A surname alone ("Al Kani", "al-Kana", "which al-Kani leads") is one name token: not linked
  to a person (precision rules); it must then not be linked to anything else either.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sanctio.scan import ScanResult, TextScanner, strip_html, text_scanner, words_of
from sanctio.screen import Screener

from .conftest import GOLDEN, requires_full_lists, sdn_home

NEWS = GOLDEN / "news"
ARTICLES = sorted(NEWS.glob("article-*.txt"))
# the seed articles are not copied into the repository: without ../shared they are skipped
needs_articles = pytest.mark.skipif(len(ARTICLES) != 5,
                                    reason=f"the five seed articles are not in {NEWS}")
LEADER = "us-ofac:29119"
MILITIA = "us-ofac:29368"

# (pattern, the designation the mention must carry) in the articles
MUST_LINK = [
    (r"Mohamed al-Kani", LEADER),
    (r"\b(?:Al |al-)?Kaniy[ae]t\b", MILITIA),
    (r"\b[Aa]l[- ]?[Kk]ani militia", MILITIA),
    (r"9th Brigade", MILITIA),
]
# named in the articles, listed nowhere (or not these): never part of a mention
MUST_NOT_LINK = [r"Mnuchin", r"Haft[ae]r", r"Government of National Accord", r"\bGNA\b",
                 r"Libyan National Army", r"\bLNA\b", r"Magnitsky", r"Casin", r"Berdal Aral",
                 r"Washington", r"Tarh?[uo]u?na", r"Obama", r"Trump", r"Security Council"]


@pytest.fixture(scope="session")
def scanner(screener: Screener) -> TextScanner:
    return text_scanner(screener)


@pytest.fixture(scope="session")
def scanned(scanner: TextScanner) -> dict[str, tuple[str, ScanResult]]:
    assert len(ARTICLES) == 5, f"the five seed articles, in {NEWS}"
    return {p.name: (text := p.read_text(encoding="utf-8"), scanner.scan(text, document=p.name))
            for p in ARTICLES}


def keys(m: Any) -> set[str]:
    return {f"{d.source}:{d.source_id}" for d in m.match.designations}


def covering(result: ScanResult, start: int, end: int) -> list[Any]:
    return [m for m in result.mentions if m.start < end and start < m.end]


# ------------------------------------------------------------------------ the seed articles


@needs_articles
def test_every_mention_in_the_seed_articles_is_linked_to_the_right_party(
        scanned: dict[str, tuple[str, ScanResult]]) -> None:
    found = 0
    for name, (text, result) in scanned.items():
        for pattern, want in MUST_LINK:
            for occ in re.finditer(pattern, text):
                hits = covering(result, occ.start(), occ.end())
                assert hits, f"{name}: {occ.group(0)!r} at {occ.start()} not found"
                assert all(want in keys(m) for m in hits), (
                    name, occ.group(0), [(m.text, m.match.entity_id) for m in hits])
                found += 1
        for m in result.mentions:
            assert text[m.start:m.end] == m.text
            assert m.match.score >= 0.85
            assert m.sentence and m.text.split()[0] in m.sentence
    assert found >= 35  # the articles name the two parties about 40 times


@needs_articles
def test_the_merged_parties_carry_their_us_eu_and_uk_designations(
        scanned: dict[str, tuple[str, ScanResult]]) -> None:
    _, result = scanned["article-5.txt"]
    militia = next(m for m in result.mentions if m.text == "9th Brigade")
    assert {MILITIA, "eu:128875", "uk:14107"} <= keys(militia)
    _, result = scanned["article-3.txt"]
    leader = next(m for m in result.mentions if m.text == "Mohamed al-Kani")
    assert {LEADER, "uk:14105"} <= keys(leader)
    assert "un" in leader.match.not_listed_by  # the UN proposal was blocked


@needs_articles
def test_no_unlisted_person_or_body_of_the_seed_articles_is_linked(
        scanned: dict[str, tuple[str, ScanResult]]) -> None:
    for name, (text, result) in scanned.items():
        for pattern in MUST_NOT_LINK:
            for occ in re.finditer(pattern, text):
                hits = covering(result, occ.start(), occ.end())
                assert not hits, (name, occ.group(0), [(m.text, m.match.entity_id)
                                                       for m in hits])
        # nothing else is reported: every mention is one of the two parties
        for m in result.mentions:
            assert keys(m) & {LEADER, MILITIA}, (name, m.text, m.match.entity_id)


@needs_articles
def test_seed_summaries_and_context(scanned: dict[str, tuple[str, ScanResult]]) -> None:
    _, result = scanned["article-1.txt"]
    summary = result.summary()
    assert summary["parties"] == 2 and summary["mentions"] == len(result.mentions) >= 8
    first = result.mentions[0]
    assert first.text == "Kaniyat" and "blacklisted" in first.context
    data = result.to_dict()
    assert data["status"] == "alert" and data["summary"]["parties"] == 2
    mention = data["mentions"][0]
    assert {"start", "end", "text", "entity_id", "score", "match", "sentence",
            "context"} <= set(mention)
    assert {"entity_id", "score", "designations", "explanation", "matched_name"} <= set(
        mention["match"])
    assert json.dumps(data)  # serialisable as the JSON Lines of `sanctio scan --json`


# ------------------------------------------------------------------------- text handling


def only(result: ScanResult) -> Any:
    assert len(result.mentions) == 1, [(m.text, m.match.entity_id) for m in result.mentions]
    return result.mentions[0]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_possessive(scanner: TextScanner, apostrophe: str) -> None:
    text = f"Lawyers for Mohamed al-Kani{apostrophe}s family declined to comment."
    m = only(scanner.scan(text))
    assert m.text == "Mohamed al-Kani" and LEADER in keys(m)
    assert (m.start, m.end) == (12, 27)


def test_hyphenated(scanner: TextScanner) -> None:
    m = only(scanner.scan("Three Kaniyat-linked commanders were named on Wednesday."))
    assert m.text == "Kaniyat" and MILITIA in keys(m)


def test_name_split_over_a_line_break(scanner: TextScanner) -> None:
    text = "The statement named Mohamed\nal-Kani as its leader."
    m = only(scanner.scan(text))
    assert m.text == "Mohamed\nal-Kani" and LEADER in keys(m)
    text = "Investigators blamed the Kani-\nyat militia for the graves."
    m = only(scanner.scan(text))
    assert m.text == "Kani-\nyat militia" and MILITIA in keys(m)


def test_a_name_written_as_the_lists_write_it(scanner: TextScanner) -> None:
    m = only(scanner.scan("The order lists AL-KANI, Mohamed among those designated."))
    assert m.text == "AL-KANI, Mohamed" and LEADER in keys(m)


def test_html_offsets_point_into_the_original(scanner: TextScanner) -> None:
    doc = ("<html><body><h1>Sanctions</h1><p>Treasury &amp; State named <b>Mohamed</b> "
           "al-Kani and the <a href='x'>Kaniyat</a>&nbsp;militia.</p>"
           "<script>var Kaniyat = 1;</script></body></html>")
    visible, offsets = strip_html(doc)
    assert "Treasury & State" in visible and "var" not in visible
    assert len(offsets) == len(visible)
    result = scanner.scan(doc)
    assert result.html
    assert [m.text for m in result.mentions] == ["Mohamed</b> al-Kani",
                                                  "Kaniyat</a>&nbsp;militia"]
    leader, militia = result.mentions
    assert doc[leader.start:leader.end] == leader.text and LEADER in keys(leader)
    assert MILITIA in keys(militia)
    assert leader.sentence.startswith("Treasury & State named Mohamed al-Kani")


def test_words_keep_offsets_and_normalise() -> None:
    words = words_of("Al-Kani's 9th Brigade")
    assert [(w.start, w.end, w.keys) for w in words] == [
        (0, 2, ("al",)), (3, 7, ("kani",)), (10, 13, ("9",)), (14, 21, ("brigade",))]


def test_arabic_script(scanner: TextScanner) -> None:
    result = scanner.scan("فرضت وزارة الخزانة عقوبات على محمد الكاني يوم الأربعاء.")
    assert any(LEADER in keys(m) for m in result.mentions), [
        (m.text, m.match.entity_id) for m in result.mentions]


@requires_full_lists  # (Shoigu, Zakharova, Prigozhin: not in the excerpts)
def test_names_declined_in_russian_text(scanner: TextScanner) -> None:
    # Russian running text declines names: Рамзаном Кадыровым (instrumental), Путина
    # (genitive), Марии Захаровой; each is read as the nominative a list writes, and the
    # mention keeps the words as written (before, only Владимир Путин was found)
    text = ("Президент России Владимир Путин встретился с главой Чечни Рамзаном Кадыровым и "
            "министром обороны Сергеем Шойгу. Пресс-секретарь Путина прокомментировала "
            "заявление Марии Захаровой.")
    result = scanner.scan(text)
    found = {m.text: m.match.name for m in result.mentions}
    for words, listed in [("Рамзаном Кадыровым", "KADYROV"), ("Сергеем Шойгу", "SHOIGU"),
                          ("Марии Захаровой", "ZAKHAROVA"), ("Владимир Путин", "PUTIN")]:
        assert listed in found.get(words, "").upper(), (words, found)
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
    # a word the lists have may be declined all the same: Пригожина is Prigozhina, a listed
    # name, and the genitive of Prigozhin; both are scored, the better one stands
    result = scanner.scan("По словам Евгения Пригожина, это так. Виолетта Пригожина молчит.")
    found = {m.text: m.match.name.upper() for m in result.mentions}
    assert "YEVGENIY" in found.get("Евгения Пригожина", ""), found
    assert "VIOLETTA" in found.get("Виолетта Пригожина", ""), found


@requires_full_lists  # (Chen Quanguo, Lee Ka-chiu, Kim Jong Un: not in the excerpts)
def test_chinese_text_without_spaces(scanner: TextScanner) -> None:
    # Chinese writes no spaces: a run of three or four characters that reads, in Mandarin or
    # in Hong Kong's Cantonese, as a whole listed name is screened as a name (before, the
    # whole run was one word and nothing was found)
    text = "新疆党委书记陈全国会见了香港特首林郑月娥。保安局局长邓炳强和李家超出席。"
    result = scanner.scan(text)
    found = {m.text: m.match.name.upper() for m in result.mentions}
    for chars, listed in [("陈全国", "CHEN"), ("林郑月娥", "LAM"), ("邓炳强", "TANG"),
                          ("李家超", "LEE")]:
        assert listed in found.get(chars, ""), (chars, found)
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
    # Korean names in Chinese characters, read in Korean (the lists spell them so)
    result = scanner.scan("朝鲜领导人金正恩和他的妹妹金与正视察了工厂，崔龙海陪同。")
    found = {m.text: m.match.name.upper() for m in result.mentions}
    for chars, listed in [("金正恩", "JONG UN"), ("金与正", "YO JONG"), ("崔龙海", "RYONG HAE")]:
        assert listed in found.get(chars, ""), (chars, found)
    # traditional characters, and a Chinese name beside the same name in Latin letters
    result = scanner.scan("前特首林鄭月娥說。陈全国同志在会上讲话。Chen Quanguo attended.")
    assert {m.text for m in result.mentions} == {"林鄭月娥", "陈全国", "Chen Quanguo"}


def test_chinese_text_naming_no_listed_party(scanner: TextScanner) -> None:
    text = ("国家统计局今天发布数据显示，今年前十个月全国规模以上工业增加值同比增长百分之五点八。"
            "国务院总理李强在北京主持召开国务院常务会议，研究部署进一步扩大内需的政策措施。"
            "王建国、张伟、刘洋、陈静和李娜等代表参加了座谈会。上海市市长龚正表示，将继续优化营商环境。"
            "中国石油天然气集团有限公司和中国石化发布了年度报告。")
    assert scanner.scan(text).mentions == []


def test_chinese_characters_are_words_with_their_offsets() -> None:
    from sanctio.scan import han_characters
    words = han_characters(words_of("见了ABC公司 陈全国"))
    assert [(w.start, w.end, w.clean, w.han) for w in words] == [
        (0, 1, "见", True), (1, 2, "了", True), (2, 5, "ABC", False), (5, 6, "公", True),
        (6, 7, "司", True), (8, 9, "陈", True), (9, 10, "全", True), (10, 11, "国", True)]
    assert words[7].keys == ("guo",)
    assert [w.brk for w in han_characters(words_of("陈全国。林"))] == [True, False, False, True]


def test_nominatives_of_declined_russian_name_words() -> None:
    from sanctio.text.slavic import nominatives
    assert nominatives("Кадыровым") == ["Кадыров"]
    assert nominatives("Захаровой") == ["Захарова"]
    assert nominatives("ПУТИНА") == ["ПУТИН"]
    assert "Сергей" in nominatives("Сергеем") and "Владимирович" in nominatives("Владимировича")
    assert nominatives("Kadyrova") == [] and nominatives("Ли") == []


@pytest.mark.parametrize("text", [
    "Mohamed said the talks in Tripoli would resume.",  # a common given name alone
    "Steven Mnuchin and Khalifa Haftar were not on the call.",  # named, not listed
    "The tanker left Iran for Panama and then Syria.",  # countries, cities, like vessels
    "Kani said the Al report was late.",  # single short tokens
    "Abdul Rahim and Mohamed met the Public Prosecutor in Washington.",
    "فرضت العقوبات على محمد يوم الأربعاء",  # "on Mohamed": not Mohamed Ali (محمد علي)
    "Shipping through the Suez Canal returned to normal.",  # not CANAL S.A.
    "Делегация Москвы прибыла в Минск, где Ивана и Марию встретили в аэропорту.",
])
def test_precision_rules(scanner: TextScanner, text: str) -> None:
    result = scanner.scan(text)
    assert result.mentions == [], [(m.text, m.match.entity_id, round(m.match.score, 3))
                                   for m in result.mentions]


def test_text_threshold_is_stricter_and_changeable(scanner: TextScanner) -> None:
    text = "Fighters of the Kaniyet militia group fled."
    assert scanner.scan(text).threshold == 0.85
    assert only(scanner.scan(text)).text == "Kaniyet militia"
    assert scanner.scan(text, threshold=0.99).mentions == []


def test_gazetteer_is_built_once_per_screener(screener: Screener) -> None:
    assert text_scanner(screener) is text_scanner(screener)


# ------------------------------------------------------------------------------ CLI


@needs_articles
def test_cli_json_lines_and_html(screener: Screener, main_home: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from sanctio.cli import app

    # the session's screener (its index took a while to build), not a new one
    monkeypatch.setattr("sanctio.screen.Screener", lambda reg: screener)
    out_html = tmp_path / "marked.html"
    res = CliRunner().invoke(app, ["scan", str(ARTICLES[0]), str(ARTICLES[4]), "--json",
                                   "--html", str(out_html), "--home", str(main_home)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["document"] for d in lines] == [str(ARTICLES[0]), str(ARTICLES[4])]
    assert [d["summary"]["parties"] for d in lines] == [2, 1]  # article 5: the militia
    page = out_html.read_text(encoding="utf-8")
    assert page.count("<mark") == sum(d["summary"]["mentions"] for d in lines)
    assert "title='us-ofac-29368 score 1.00" in page or "us-ofac-29368" in page
    res = CliRunner().invoke(app, ["scan", str(ARTICLES[2]), "--home", str(main_home)])
    assert res.exit_code == 0 and "mention(s) of 2 listed parties" in res.stdout


# -------------------------------------------------------------------------- POST /scan


@pytest.fixture(scope="module")
def sdn_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The real service on loopback over the OFAC SDN list, with a screen key."""
    import subprocess
    import sys

    from sanctio.service.cli import ServerProcess

    home = sdn_home(tmp_path_factory, "scan-service")

    def key(role: str) -> str:
        out = subprocess.run([sys.executable, "-m", "sanctio.service.cli", "keys", "create",
                              "--role", role, "--json", "--home", str(home)],
                             capture_output=True, text=True, timeout=60, check=True)
        return str(json.loads(out.stdout)["key"])

    screen_key = key("screen")
    proc = ServerProcess(home, workers=1)
    proc.start(timeout=180)
    yield proc.url, screen_key
    proc.stop()


@needs_articles
def test_post_scan_over_loopback(sdn_server: tuple[str, str]) -> None:
    url, screen_key = sdn_server
    text = ARTICLES[0].read_text(encoding="utf-8")
    with httpx.Client(base_url=url, timeout=120) as client:
        assert client.post("/scan", json={"text": text}).status_code == 401
        r = client.post("/scan", json={"text": text},
                        headers={"Authorization": "Bearer sanctio_not_a_key"})
        assert r.status_code == 401, r.text
        auth = {"Authorization": f"Bearer {screen_key}"}
        r = client.post("/scan", json={"text": text}, headers=auth)
        assert r.status_code == 200, r.text
        data = r.json()
        assert data["summary"]["parties"] == 2 and data["threshold"] == 0.85
        for m in data["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
            assert m["entity_id"] in ("us-ofac-29119", "us-ofac-29368")
        r = client.post("/scan", json={"text": text, "threshold": 1.01}, headers=auth)
        assert r.status_code == 422
        r = client.post("/scan", json={"text": "x" * 200_001}, headers=auth)
        assert r.status_code == 422
        r = client.post("/scan", json={"text": "Mohamed al-Kani", "threshold": 0.9},
                        headers={"X-API-Key": screen_key})
        assert r.status_code == 200 and r.json()["mentions"][0]["text"] == "Mohamed al-Kani"
