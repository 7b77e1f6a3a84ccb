"""Payment messages (issue 14): ``sanctio payments screen`` and ``POST /payments/screen`` on
real-format pacs.008 and MT103 messages written for these tests (``tests/data/payments``),
screened against the four main lists of conftest (full lists or the shipped excerpts, which
hold the al-Kani and Kaniyat records and Havin Bank's SWIFT/BIC HAVIGB2L).

The files:

- ``pacs008_kaniyat.xml``: one pacs.008.001.08 paying "Al Kaniyat Brigade" (the Kaniyat
  militia, OFAC 29368) through the National Commercial Bank of Libya (NCBLLYTT): hold.
- ``pacs008_batch.xml``: an envelope of eight messages, each ``AppHdr`` + ``Document`` or a
  ``Document`` alone, versions 001.02 (``BIC``), 001.08, 001.09, 001.10, 001.13: clean
  (pass), remittance naming Mohamed al-Kani (hold, field ``Ustrd``), an Iranian creditor agent
  BIC (hold by the country rule IR), Havin Bank's BIC (block), a 9-character BIC (error naming
  message and field), a creditor in Simferopol (hold by the Crimea rule).
- ``mt103_batch.txt``: seven MT103 (``$``-separated): clean, the Kaniyet militia through a
  Libyan bank (hold, field ``59``), field 70 naming Mohamed al-Kani (hold), an Iranian
  receiver (hold), a bad ``32A`` (error), Havin Bank as intermediary ``56A`` (block), clean
  with ``50A`` and ``59F``.
- ``pacs008_doctype.xml``: a DOCTYPE with entities (refused).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from sanctio.payments.model import Message
from sanctio.payments.mt103 import read_mt103
from sanctio.payments.pacs008 import read_pacs008
from sanctio.payments.rules import CountryRules
from sanctio.payments.screen import PaymentResult, PaymentScreener, read_messages
from sanctio.registry import Registry
from sanctio.screen import Screener

from .conftest import sdn_home

PAY = Path(__file__).resolve().parent / "data" / "payments"
KANIYAT = PAY / "pacs008_kaniyat.xml"
BATCH = PAY / "pacs008_batch.xml"
MT = PAY / "mt103_batch.txt"
DOCTYPE = PAY / "pacs008_doctype.xml"
LEADER = "us-ofac:29119"
MILITIA = "us-ofac:29368"
HAVIN = "us-ofac:906"


@pytest.fixture(scope="module")
def payments(screener: Screener) -> PaymentScreener:
    return PaymentScreener(screener)


def screen_file(ps: PaymentScreener, path: Path) -> dict[str, PaymentResult]:
    return {r.message.reference or f"#{r.message.index}": r
            for r in ps.screen_many(read_messages(path, str(path)))}


def designations(r: PaymentResult) -> set[str]:
    return {f"{d.source}:{d.source_id}" for h in r.hits if h.match
            for d in h.match.designations}


# ------------------------------------------------------------------------------- reading


def test_pacs008_fields_and_paths() -> None:
    msgs = list(read_pacs008(BATCH))
    assert [m.index for m in msgs] == list(range(1, 9))
    assert [m.format for m in msgs][:6] == [
        "pacs.008.001.13", "pacs.008.001.09", "pacs.008.001.08", "pacs.008.001.08",
        "pacs.008.001.08", "pacs.008.001.02"]
    first = msgs[0]
    assert first.reference == "CLN-0001"
    assert first.references["business_message_id"] == "CLN-0001"
    bics = {(v.path, v.value) for v in first.bics}
    assert ("AppHdr.Fr.FIId.FinInstnId.BICFI", "COBADEFFXXX") in bics  # the header's sender
    assert ("CdtTrfTxInf[0].CdtrAgt.FinInstnId.BICFI", "BNPAFRPPXXX") in bics
    names = {(n.path, n.role, n.name) for n in first.names}
    assert ("CdtTrfTxInf[0].Dbtr.Nm", "debtor", "Nordwind Handels GmbH") in names
    assert ("CdtTrfTxInf[0].Cdtr.Nm", "creditor", "Atelier Durand SARL") in names
    countries = {(v.path, v.value, v.kind) for v in first.countries}
    assert ("CdtTrfTxInf[0].DbtrAcct.Id.IBAN", "DE", "iban") in countries
    assert ("CdtTrfTxInf[0].Cdtr.PstlAdr.Ctry", "FR", "address") in countries
    assert first.texts[0].path == "CdtTrfTxInf[0].RmtInf.Ustrd[0]"
    old = msgs[5]  # 001.02 writes BIC, not BICFI
    assert {v.path for v in old.bics} >= {"CdtTrfTxInf[0].DbtrAgt.FinInstnId.BIC"}
    two = msgs[6]
    assert two.references["end_to_end_ids"] == ["E2E-TWO-7a", "E2E-TWO-7b"]
    assert ("CdtTrfTxInf[0].UltmtDbtr.Nm", "ultimate_debtor") in {
        (n.path, n.role) for n in two.names}
    assert {n.path for n in two.names} >= {"CdtTrfTxInf[1].Cdtr.Nm"}


def test_mt103_fields_and_tags() -> None:
    msgs = list(read_mt103(MT))
    assert [m.reference for m in msgs] == [
        "MTCLN0001", "MTKNY0002", "MTRMT0003", "MTIRN0004", "MTBAD0005", "MTHAV0006",
        "MTCLN0007"]
    first = msgs[0]
    assert {(v.path, v.role, v.value) for v in first.bics} == {
        ("block 1", "sender", "COBADEFFXXX"), ("block 2", "receiver", "BNPAFRPPXXX"),
        ("52A", "debtor_agent", "COBADEFFXXX"), ("57A", "creditor_agent", "BNPAFRPPXXX")}
    assert {(n.path, n.role, n.name) for n in first.names} == {
        ("50K", "debtor", "NORDWIND HANDELS GMBH"), ("59", "creditor", "ATELIER DURAND SARL")}
    assert {v.value for v in first.ibans} == {"DE89370400440532013000",
                                              "FR1420041010050500013M02606"}
    assert first.references["uetr"] == "eb6305c9-1f7f-49de-aed0-16487c27b42d"
    assert first.amounts[0].value == "1250.00 EUR"
    f59 = msgs[6]  # 50A by BIC; 59F with numbered lines
    assert ("50A", "INGBNL2A") in {(v.path, v.value) for v in f59.bics}
    assert ("59F", "MARIEKE JANSEN") in {(n.path, n.name) for n in f59.names}
    assert ("59F.country", "NL") in {(v.path, v.value) for v in f59.countries}


def test_mt103_50f_date_of_birth_and_identifier() -> None:
    raw = ("{1:F01COBADEFFAXXX0000000000}{2:I103BNPAFRPPXXXXN}{4:\n:20:X1\n:23B:CRED\n"
           ":32A:261120EUR10,\n:50F:CCPT/LY/A1234567\n1/MOHAMED AL-KANI\n2/MAIN ROAD\n"
           "3/LY/TARHUNA\n4/19790503\n:59:ATELIER DURAND\n:71A:SHA\n-}")
    (msg,) = read_mt103(raw)
    assert not msg.errors, msg.errors
    (nf,) = [n for n in msg.names if n.path == "50F"]
    assert (nf.name, nf.dob) == ("MOHAMED AL-KANI", "1979-05-03")
    assert ("50F.identifier", "A1234567") in {(v.path, v.value) for v in msg.identifiers}
    assert {("50F.identifier", "LY"), ("50F.country", "LY")} <= {
        (v.path, v.value) for v in msg.countries}


@pytest.mark.parametrize(("raw", "field", "says"), [
    (":20:R1\n:23B:CRED\n:50K:A\n:59:B\n:71A:SHA", "32A", "missing"),
    (":20:R1\n:23B:CRED\n:32A:261120EUR10,\n:50K:A\n:59:B\n:71A:XXX", "71A", "BEN, OUR"),
    (":20:R1\n:23B:CRED\n:32A:261120EUR10,\n:50K:A\n:57A:DEUT\n:59:B\n:71A:SHA", "57A",
     "not a BIC"),
    (":20:R1\n:23B:CRED\n:32A:261120EUR10,\n:50K:A\n:59:B\n:71A:SHA\n:52D:", "52D", "empty"),
    (":20:/R1\n:23B:CRED\n:32A:261120EUR10,\n:50K:A\n:59:B\n:71A:SHA", "20", "reference"),
])
def test_mt103_field_errors_name_the_field(raw: str, field: str, says: str) -> None:
    text = ("{1:F01COBADEFFAXXX0000000000}{2:I103BNPAFRPPXXXXN}{4:\n" + raw + "\n-}"
            "{1:F01COBADEFFAXXX0000000000}{2:I103BNPAFRPPXXXXN}{4:\n:20:OK2\n:23B:CRED\n"
            ":32A:261120EUR10,\n:50K:A\n:59:B\n:71A:SHA\n-}")
    bad, good = read_mt103(text)
    assert any(e.startswith(f"{field}:") and says in e for e in bad.errors), bad.errors
    assert not good.errors and good.reference == "OK2"  # the next message is read


def test_pacs008_malformed_xml_keeps_the_messages_before(tmp_path: Path) -> None:
    text = BATCH.read_text(encoding="utf-8")
    cut = text.index("<Message>", text.index("IRN-0003"))  # after two whole messages
    broken = tmp_path / "broken.xml"
    broken.write_text(text[:cut] + "<Message><Document><FIToFICstmrCdtTrf></Message>",
                      encoding="utf-8")
    msgs = list(read_pacs008(broken))
    assert [m.reference for m in msgs[:3]] == ["CLN-0001", "RMT-0002", "IRN-0003"]
    assert all(not m.errors for m in msgs[:3])
    last = msgs[-1]
    assert last.index == 4 and last.errors and "malformed XML" in last.errors[0]
    assert "line" in last.errors[0]


def test_pacs008_group_header_checks() -> None:
    xml = (b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">'
           b"<FIToFICstmrCdtTrf><GrpHdr><MsgId>M1</MsgId><NbOfTxs>2</NbOfTxs></GrpHdr>"
           b'<CdtTrfTxInf><PmtId><EndToEndId>E</EndToEndId></PmtId>'
           b'<IntrBkSttlmAmt Ccy="EURO">1.00</IntrBkSttlmAmt><Dbtr><Nm>A</Nm></Dbtr>'
           b"<DbtrAgt><FinInstnId><BICFI>COBADEFF</BICFI></FinInstnId></DbtrAgt>"
           b"<CdtrAgt><FinInstnId><BICFI>BNPAFRPP</BICFI></FinInstnId></CdtrAgt>"
           b"<CdtrAcct><Id><IBAN>FR1420041010050500013M02607</IBAN></Id></CdtrAcct>"
           b"</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>")
    (msg,) = read_pacs008(xml)
    fields = {e.split(":")[0] for e in msg.errors}
    assert fields == {"GrpHdr.NbOfTxs", "CdtTrfTxInf[0].IntrBkSttlmAmt@Ccy",
                      "CdtTrfTxInf[0].Cdtr", "CdtTrfTxInf[0].CdtrAcct.Id.IBAN"}, msg.errors


# ----------------------------------------------------------------------------- screening


def test_kaniyat_militia_via_a_libyan_bank_is_held(payments: PaymentScreener) -> None:
    (r,) = screen_file(payments, KANIYAT).values()
    assert r.decision == "hold", r.to_dict()
    assert "CdtTrfTxInf[0].Cdtr.Nm" in r.fields
    assert MILITIA in designations(r)
    hit = next(h for h in r.hits if h.path == "CdtTrfTxInf[0].Cdtr.Nm")
    assert hit.match is not None and 0.8 <= hit.match.score < 0.98
    assert hit.match.explanation[0].detail  # the name explanation travels with the match
    d = r.to_dict()
    assert set(d["list_versions"]) >= {"us-ofac", "un", "eu", "uk"}
    assert ("CdtTrfTxInf[0].CdtrAgt.FinInstnId.BICFI", "LY") in {
        (v.path, v.value) for v in r.message.countries}  # the Libyan bank was read


@pytest.mark.parametrize("path", [BATCH, MT], ids=["pacs008", "mt103"])
def test_decisions_per_message(payments: PaymentScreener, path: Path) -> None:
    got = screen_file(payments, path)
    expected: dict[str, tuple[str, str | None, str | None]] = {
        # reference: decision, a field that caused it, a designation or rule among the hits
        "CLN-0001": ("pass", None, None),
        "RMT-0002": ("hold", "CdtTrfTxInf[0].RmtInf.Ustrd[0]", LEADER),
        "IRN-0003": ("hold", "CdtTrfTxInf[0].CdtrAgt.FinInstnId.BICFI", "IR"),
        "HAV-0004": ("block", "CdtTrfTxInf[0].CdtrAgt.FinInstnId.BICFI", HAVIN),
        "BAD-0005": ("error", None, None),
        "OLD-0006": ("pass", None, None),
        "TWO-0007": ("pass", None, None),
        "CRM-0008": ("hold", "CdtTrfTxInf[0].Cdtr.PstlAdr.TwnNm", "UA-CRIMEA"),
        "MTCLN0001": ("pass", None, None),
        "MTKNY0002": ("hold", "59", MILITIA),
        "MTRMT0003": ("hold", "70", LEADER),
        "MTIRN0004": ("hold", "57A", "IR"),
        "MTBAD0005": ("error", None, None),
        "MTHAV0006": ("block", "56A", HAVIN),
        "MTCLN0007": ("pass", None, None),
    }
    for ref, r in got.items():
        decision, field, what = expected[ref]
        assert r.decision == decision, (ref, r.to_dict()["reasons"], r.error)
        if field is not None:
            assert field in r.fields, (ref, r.fields)
            hits = [h for h in r.hits if h.path == field]
            found = designations(r) | {h.rule.id for h in hits if h.rule}
            assert what in found, (ref, found)
        if decision == "pass":
            assert not r.hits
    bad = next(r for r in got.values() if r.decision == "error")
    assert bad.error is not None and bad.error.startswith("message 5 (")
    assert ("CdtTrfTxInf[0].CdtrAgt.FinInstnId.BICFI: 'DEUTDEFF1' is not a BIC" in bad.error
            or "32A: '261131EURONE HUNDRED'" in bad.error), bad.error
    blocked = next(r for r in got.values() if r.decision == "block")
    assert blocked.hits[0].kind == "bic" and blocked.hits[0].match is not None
    assert blocked.hits[0].match.entity_id and "HAVIGB2L" in blocked.hits[0].reason


def test_a_doctype_is_refused(payments: PaymentScreener) -> None:
    (r,) = screen_file(payments, DOCTYPE).values()
    assert r.decision == "error" and r.error is not None
    assert "refused" in r.error and "message 1" in r.error


def test_country_rules_are_configurable(screener: Screener, tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"version": "test", "rules": [
        {"id": "LY", "countries": ["LY"], "reason": "Libya: our own policy", "action": "hold",
         "terms": ["Tripoli"]}]}), encoding="utf-8")
    ps = PaymentScreener(screener, rules=CountryRules.load(rules))
    got = screen_file(ps, BATCH)
    assert got["IRN-0003"].decision == "pass"  # Iran is not in this table
    assert got["CRM-0008"].decision == "pass"
    (r,) = screen_file(ps, KANIYAT).values()
    assert {h.rule.id for h in r.hits if h.rule} == {"LY"}
    assert any("Libya: our own policy" in h.reason for h in r.hits)


def test_workers_give_the_same_results(payments: PaymentScreener) -> None:
    def run(workers: int) -> list[tuple[Any, ...]]:
        msgs: list[Message] = [*read_messages(BATCH, "b"), *read_messages(MT, "m")] * 3
        return [(r.message.reference, r.decision, r.fields)
                for r in payments.screen_many(iter(msgs), workers=workers)]

    assert run(2) == run(1)
    files = [BATCH, MT, DOCTYPE, KANIYAT]
    one = [(d, line) for d, line, _ in payments.screen_files(files)]
    two = [(d, line) for d, line, _ in payments.screen_files(files, workers=2)]
    assert two == one and len(one) == 17


def test_cli_json_lines_rules_and_alerts(screener: Screener, main_home: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import sanctio.screen
    from sanctio.cli import app

    # the command's screener is the session's one over the same registry (saves a build)
    monkeypatch.setattr(sanctio.screen, "Screener", lambda reg, **kw: screener)

    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["payments", "screen", str(KANIYAT), str(BATCH), str(MT),
                                   str(DOCTYPE), "--output", str(out), "--open-alerts",
                                   "--home", str(main_home)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 + 8 + 7 + 1
    decisions = [d["decision"] for d in lines]
    assert decisions.count("block") == 2 and decisions.count("error") == 3
    assert "17 message(s): 5 pass, 7 hold, 2 block, 3 error" in res.output
    assert "alerts:" in res.output
    reg = Registry(main_home)
    opened = reg.conn.execute("SELECT COUNT(*) FROM alerts WHERE customer_id LIKE "
                              "'payment:%'").fetchone()[0]
    reg.close()
    assert opened >= 6  # one per (message, field, listed party); country rules open none
    res = CliRunner().invoke(app, ["payments", "screen", str(MT), "--fail-on-hold",
                                   "--home", str(main_home)])
    assert res.exit_code == 3
    assert "HOLD" in res.output and "59:" in res.output


# ------------------------------------------------------------------ POST /payments/screen


@pytest.fixture(scope="module")
def sdn_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The real service on loopback over the OFAC SDN list, with a screen key."""
    from sanctio.service.cli import ServerProcess

    home = sdn_home(tmp_path_factory, "payments-service")
    out = subprocess.run([sys.executable, "-m", "sanctio.service.cli", "keys", "create",
                          "--role", "screen", "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=60, check=True)
    proc = ServerProcess(home, workers=1)
    proc.start(timeout=180)
    yield proc.url, str(json.loads(out.stdout)["key"])
    proc.stop()


def test_post_payments_screen_over_loopback(sdn_server: tuple[str, str]) -> None:
    url, key = sdn_server
    text = MT.read_text(encoding="utf-8")
    with httpx.Client(base_url=url, timeout=120) as client:
        assert client.post("/payments/screen", json={"messages": text}).status_code == 401
        auth = {"Authorization": f"Bearer {key}"}
        r = client.post("/payments/screen", json={"messages": text}, headers=auth)
        assert r.status_code == 200, r.text
        data = r.json()
        assert data["summary"] == {"messages": 7, "pass": 2, "hold": 3, "block": 1,
                                   "error": 1}
        by_ref = {d["reference"]: d for d in data["results"]}
        assert by_ref["MTHAV0006"]["decision"] == "block"
        assert by_ref["MTKNY0002"]["decision"] == "hold"
        assert "59" in by_ref["MTKNY0002"]["fields"]
        assert by_ref["MTBAD0005"]["decision"] == "error"
        assert "32A" in by_ref["MTBAD0005"]["error"]
        assert by_ref["MTCLN0001"]["decision"] == "pass"
        assert set(data["list_versions"]) == {"us-ofac"}
        r = client.post("/payments/screen", headers=auth, json={
            "messages": KANIYAT.read_text(encoding="utf-8"), "format": "pacs008"})
        assert r.status_code == 200 and r.json()["results"][0]["decision"] == "hold"
        r = client.post("/payments/screen", headers=auth,
                        json={"messages": DOCTYPE.read_text(encoding="utf-8")})
        assert r.status_code == 200
        assert "refused" in r.json()["results"][0]["error"]
        for bad in ({"messages": text, "threshold": 2}, {"messages": ""},
                    {"messages": text, "format": "mt202"}, {"text": text}):
            assert client.post("/payments/screen", headers=auth, json=bad).status_code == 422
