"""Payment screening speed and false holds: ``sanctio payments`` against a names-only baseline.

Generates N payment messages (half pacs.008.001.08 in envelopes of 1,000 Documents with
AppHdr, half MT103 in FIN files of 1,000), 5% of them with a listed party somewhere (a
debtor or creditor named as a listed person or organisation, a listed bank's BIC as an
agent, or a listed person's name in the remittance text), the others clean: unlisted people
and companies (Faker, many cultures, Latin script) paying each other through generated banks
of countries under no country rule. Then, in the same run:

- Sanctio: the files read, screened and each result serialised as a JSON line, end to end
  (:meth:`PaymentScreener.screen_files`, as ``sanctio payments screen`` runs it) on one core
  and with ``--workers`` processes;
- the baseline: only the debtor and creditor names of each message through
  :meth:`Screener.screen`, as the message gives them (no schema; no parsing, agents, BICs,
  countries or text).

Reported: messages per second, planted messages found (hold or block), false holds per
1,000 clean messages.

    .venv/bin/python benchmarks/payments.py [--messages 100000] [--workers 2] [--home DIR]
"""

from __future__ import annotations

import argparse
import random
import string
import tempfile
import time
from pathlib import Path
from typing import Any

from four_lists import DATA, four_list_paths  # (this folder: the four main lists)
from sanctio.contract import Query
from sanctio.evaluate.unlisted import generate_unlisted
from sanctio.model import Schema
from sanctio.payments.screen import PaymentScreener
from sanctio.registry import Registry
from sanctio.screen import Screener

LISTS = four_list_paths(DATA)  # (four_lists.py: the four main lists)
COUNTRIES = ["DE", "FR", "NL", "BE", "IT", "ES", "GB", "CH", "AT", "SE", "DK", "PL", "US",
             "CA", "JP", "SG", "AE", "TR", "IN", "BR", "MX", "ZA", "AU", "IE", "PT"]
TEXTS = ["INVOICE {n}", "ORDER {n} OFFICE SUPPLIES", "RENT {m} 2026", "SALARY {m}",
         "CONTRACT {n} INSTALMENT 2", "Payment for invoice {n} dated 2026-10-{d}",
         "Reimbursement travel costs {m}", "Consulting fees Q3 ref {n}", "GIFT",
         "LOAN REPAYMENT {n}",
         "Subscription {m} customer {n}", "Tuition fees {m} term"]
MONTHS = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
          "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"]


def iban(rng: random.Random, cc: str) -> str:
    body = "".join(rng.choice(string.digits) for _ in range(18))
    moved = body + cc + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in moved)) % 97
    return f"{cc}{check:02d}{body}"


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mt_text(text: str) -> str:
    """What FIN's character set keeps of a name or text (upper case, no diacritics)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() or c in " /-?:().,'+" else " " for c in plain).upper()[:35]


class Generator:
    def __init__(self, screener: Screener, seed: int, n_names: int) -> None:
        self.rng = random.Random(seed)
        people = generate_unlisted(n_names, seed, company_share=0.35)
        self.parties = [(u.name, u.schema) for u in people if not u.native]
        self.banks = []
        for i in range(400):
            cc = COUNTRIES[i % len(COUNTRIES)]
            code = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(4))
            bic = code + cc + self.rng.choice(["2X", "22", "PP", "FF", "MM", "XX", "2A"])
            self.banks.append((bic + "XXX", f"{code.title()} Bank", cc))
        listed_bics = set()
        for info in screener.entities:
            for ident in info.entity.identifiers:
                if ident.type == "swift_bic" and len(ident.number.strip()) in (8, 11) and \
                        ident.number[4:6] not in ("IR", "KP", "SY", "CU"):
                    listed_bics.add(ident.number.strip().upper())
        self.listed_bics = sorted(listed_bics)
        self.listed_names: dict[str, list[str]] = {"Person": [], "Organization": []}
        for n in screener.names:
            schema = screener.entities[n.entity].entity.schema.value
            if n.name.type.value == "primary" and schema in self.listed_names and \
                    n.name.full.isascii() and 2 <= len(n.name.full.split()) <= 5:
                self.listed_names[schema].append(n.name.full)

    def message(self, i: int, fmt: str, planted: bool) -> tuple[dict[str, Any], str]:
        rng = self.rng
        (dn, ds), (cn, cs) = rng.choice(self.parties), rng.choice(self.parties)
        dbank, cbank = rng.choice(self.banks), rng.choice(self.banks)
        text = rng.choice(TEXTS).format(n=rng.randint(1000, 99999), m=rng.choice(MONTHS),
                                        d=rng.randint(10, 28))
        plant = ""
        if planted:
            plant = rng.choice(["creditor", "debtor", "bic", "text"])
            if plant in ("creditor", "debtor"):
                schema = rng.choice(["Person", "Organization"])
                name = rng.choice(self.listed_names[schema])
                if plant == "creditor":
                    cn, cs = name, Schema(schema)
                else:
                    dn, ds = name, Schema(schema)
            elif plant == "bic" and self.listed_bics:
                bic = rng.choice(self.listed_bics)
                bic = bic if len(bic) == 11 else bic + "XXX"
                cbank = (bic, cbank[1], bic[4:6])
            else:
                plant = "text"
                text = f"Payment for {rng.choice(self.listed_names['Person'])} ref {i}"
        info = {"ref": f"P{i:07d}", "debtor": (dn, ds), "creditor": (cn, cs),
                "planted": plant}
        dcc, ccc = dbank[2], cbank[2]
        if fmt == "mt":
            body = (f":20:P{i:07d}\r\n:23B:CRED\r\n:32A:261120EUR{rng.randint(10, 90000)},00\r\n"
                    f":50K:/{iban(rng, dcc)}\r\n{mt_text(dn)}\r\nMAIN STREET 1\r\n"
                    f":52A:{dbank[0]}\r\n:57A:{cbank[0]}\r\n"
                    f":59:/{iban(rng, ccc)}\r\n{mt_text(cn)}\r\nHIGH STREET 2\r\n"
                    f":70:{mt_text(text)}\r\n:71A:SHA")
            raw = ("{1:F01" + dbank[0][:8] + "A" + dbank[0][8:] + "0000000000}{2:I103"
                   + cbank[0][:8] + "X" + cbank[0][8:] + "N}{4:\r\n" + body + "\r\n-}")
            return info, raw
        dbic, cbic = dbank[0], cbank[0]
        amount = rng.randint(10, 90000)
        raw = "".join((
            "<Message><AppHdr xmlns='urn:iso:std:iso:20022:tech:xsd:head.001.001.02'>",
            f"<Fr><FIId><FinInstnId><BICFI>{dbic}</BICFI></FinInstnId></FIId></Fr>",
            f"<To><FIId><FinInstnId><BICFI>{cbic}</BICFI></FinInstnId></FIId></To>",
            f"<BizMsgIdr>P{i:07d}</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr>",
            "<CreDt>2026-11-20T10:00:00Z</CreDt></AppHdr>\n",
            "<Document xmlns='urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08'>",
            f"<FIToFICstmrCdtTrf><GrpHdr><MsgId>P{i:07d}</MsgId>",
            "<CreDtTm>2026-11-20T10:00:00</CreDtTm><NbOfTxs>1</NbOfTxs>",
            "<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>\n",
            f"<CdtTrfTxInf><PmtId><EndToEndId>E{i}</EndToEndId></PmtId>",
            f"<IntrBkSttlmAmt Ccy='EUR'>{amount}.00</IntrBkSttlmAmt><ChrgBr>SHAR</ChrgBr>\n",
            f"<Dbtr><Nm>{esc(dn)}</Nm><PstlAdr><TwnNm>Springfield</TwnNm>",
            f"<Ctry>{dcc}</Ctry></PstlAdr></Dbtr>",
            f"<DbtrAcct><Id><IBAN>{iban(rng, dcc)}</IBAN></Id></DbtrAcct>\n",
            f"<DbtrAgt><FinInstnId><BICFI>{dbic}</BICFI><Nm>{esc(dbank[1])}</Nm>",
            "</FinInstnId></DbtrAgt>",
            f"<CdtrAgt><FinInstnId><BICFI>{cbic}</BICFI></FinInstnId></CdtrAgt>\n",
            f"<Cdtr><Nm>{esc(cn)}</Nm><PstlAdr><TwnNm>Riverside</TwnNm>",
            f"<Ctry>{ccc}</Ctry></PstlAdr></Cdtr>",
            f"<CdtrAcct><Id><IBAN>{iban(rng, ccc)}</IBAN></Id></CdtrAcct>\n",
            f"<RmtInf><Ustrd>{esc(text)}</Ustrd></RmtInf></CdtTrfTxInf>",
            "</FIToFICstmrCdtTrf></Document></Message>\n"))
        return info, raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--planted", type=float, default=0.05)
    parser.add_argument("--names", type=int, default=40_000,
                        help="unlisted parties generated (each message draws two)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--home", type=Path, default=None,
                        help="a registry with the lists loaded (default: load the four "
                             "main lists into a fresh one)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sanctio-pay-bench-"))
    if args.home is None:
        reg = Registry(work / "home")
        t = time.perf_counter()
        for path in LISTS:
            reg.load(path)
        print(f"lists loaded in {time.perf_counter() - t:.1f} s")
    else:
        reg = Registry(args.home)
    t = time.perf_counter()
    screener = Screener(reg)
    ps = PaymentScreener(screener)
    print(f"index and text gazetteer built in {time.perf_counter() - t:.1f} s; "
          f"{len(ps.bics)} listed SWIFT/BIC institutions")

    t = time.perf_counter()
    gen = Generator(screener, args.seed, args.names)
    rng = random.Random(args.seed + 1)
    truth: dict[str, dict[str, Any]] = {}
    files: list[Path] = []
    per_file = 1000
    for start in range(0, args.messages, per_file):
        fmt = "xml" if (start // per_file) % 2 == 0 else "mt"
        parts = []
        for i in range(start, min(start + per_file, args.messages)):
            info, raw = gen.message(i, fmt, rng.random() < args.planted)
            truth[info["ref"]] = info
            parts.append(raw)
        path = work / f"batch-{start // per_file:04d}.{'xml' if fmt == 'xml' else 'fin'}"
        if fmt == "xml":
            path.write_text("<?xml version='1.0' encoding='UTF-8'?>\n<Envelope>\n"
                            + "".join(parts) + "</Envelope>\n", encoding="utf-8")
        else:
            path.write_text("$".join(parts), encoding="utf-8")
        files.append(path)
    planted = sum(1 for v in truth.values() if v["planted"])
    print(f"{len(truth):,} messages generated in {time.perf_counter() - t:.1f} s "
          f"({planted:,} with a listed party) in {len(files)} files")

    def report(label: str, decisions: dict[str, str], seconds: float) -> None:
        clean = [r for r, v in truth.items() if not v["planted"]]
        false = sum(1 for r in clean if decisions.get(r) in ("hold", "block"))
        found: dict[str, list[int]] = {}
        for r, v in truth.items():
            if v["planted"]:
                f = found.setdefault(v["planted"], [0, 0])
                f[1] += 1
                f[0] += decisions.get(r) in ("hold", "block")
        errors = sum(1 for d in decisions.values() if d == "error")
        hit = sum(f[0] for f in found.values())
        print(f"{label}: {len(decisions) / seconds:,.0f} messages/s ({seconds:.1f} s); "
              f"planted found {hit:,} of {planted:,} ("
              + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(found.items()))
              + f"); false holds {1000 * false / max(1, len(clean)):.2f} per 1,000 clean "
              f"({false} of {len(clean):,}); errors {errors}")

    for workers in (1, args.workers):
        screener.clear_caches()
        fresh = PaymentScreener(screener, rules=ps.rules)
        t = time.perf_counter()
        # results come in input order: the order the messages were generated in
        decisions = {ref: decision for ref, (decision, _line, _r) in zip(
            truth, fresh.screen_files(files, workers=workers), strict=True)}
        report(f"sanctio payments, {workers} worker(s)", decisions, time.perf_counter() - t)

    screener.clear_caches()
    t = time.perf_counter()
    base: dict[str, str] = {}
    for ref, v in truth.items():
        hold = False
        for name, _schema in (v["debtor"], v["creditor"]):
            q = Query.build(name)  # as a message gives it: no schema
            hold = screener.screen(q).status == "alert" or hold
        base[ref] = "hold" if hold else "pass"
    report("baseline (Screener.screen on debtor and creditor names only)", base,
           time.perf_counter() - t)


if __name__ == "__main__":
    main()
