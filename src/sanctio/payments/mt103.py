"""SWIFT MT103 (single customer credit transfer) in FIN format: ``{1:…}{2:…}{3:…}{4:…-}{5:…}``,
several messages per file (one after the other, or separated by ``$`` as in RJE files).

Read: the sender and receiver BICs of block 1 and block 2 (input ``I103`` + receiver; output
``O103`` + the sender in the message input reference), and the block 4 fields ``20``, ``23B``,
``32A``, ``50A/F/K`` (ordering customer), ``52A/D`` (ordering institution), ``53A/B/D`` to
``57A/B/C/D`` (correspondents, intermediary, account with institution), ``59/59A/59F``
(beneficiary), ``70`` (remittance information), ``71A``, ``72`` (sender to receiver
information, with the BIC of an ``/INS/`` line), ``77B`` (regulatory reporting, with its
country codes). Paths are the tags (``59``, ``57A``, ``block 2``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from sanctio.payments.model import BIC_RE, Message, NameField, Value

ROLES = {"50": "debtor", "52": "debtor_agent", "53": "senders_correspondent",
         "54": "receivers_correspondent", "55": "third_reimbursement_institution",
         "56": "intermediary_agent", "57": "creditor_agent", "59": "creditor"}
_TAG = re.compile(r"^:(\d{2}[A-Z]?):", re.M)
_32A = re.compile(r"^(\d{2})(\d{2})(\d{2})([A-Z]{3})(\d{1,12},\d{0,5})$")
_50F_LINE = re.compile(r"^([1-8])/(.*)$")
_77B = re.compile(r"/(ORDERRES|BENEFRES)/([A-Z]{2})//", re.I)


def split_messages(text: str) -> Iterator[str]:
    """The messages of a file: each from its ``{1:`` (or, without basic headers, ``{4:``)."""
    starts = [m.start() for m in re.finditer(r"\{1:", text)]
    if not starts:
        starts = [m.start() for m in re.finditer(r"\{4:", text)]
    if not starts:
        if text.strip():
            yield text
        return
    for i, s in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        yield text[s:end].strip().rstrip("$").strip()


def _blocks(raw: str) -> dict[str, str]:
    """Blocks 1, 2, 3, 4 and 5 of one message (block 4 up to its ``-}``)."""
    out: dict[str, str] = {}
    pos = 0
    while pos < len(raw):
        m = re.compile(r"\{([1-5]):").search(raw, pos)
        if not m:
            break
        key = m.group(1)
        if key == "4":
            end = re.compile(r"\r?\n-\}").search(raw, m.end())
            if not end:
                out["4"] = raw[m.end():]
                out["4!"] = "unterminated"
                break
            out["4"] = raw[m.end():end.start()]
            pos = end.end()
            continue
        depth, i = 1, m.end()
        while i < len(raw) and depth:
            if raw[i] == "{":
                depth += 1
            elif raw[i] == "}":
                depth -= 1
            i += 1
        out[key] = raw[m.end():i - 1]
        pos = i
    return out


def _fields(block4: str) -> list[tuple[str, str]]:
    text = block4.lstrip("\r\n")
    marks = list(_TAG.finditer(text))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = text[m.end():end].replace("\r\n", "\n").rstrip("\n")
        out.append((m.group(1), value))
    return out


def read_message(raw: str, index: int, source: str | None) -> Message:
    msg = Message(index=index, format="MT103", source=source)
    blocks = _blocks(raw)
    if "4" not in blocks:
        msg.error("block 4", "missing (no text block {4:...-})")
        return msg
    fields = _fields(blocks["4"])
    tags = [t for t, _ in fields]
    ref = next((v for t, v in fields if t == "20"), None)
    msg.reference = ref.strip() if ref else None
    msg.references["20"] = msg.reference
    if blocks.get("4!"):
        msg.error("block 4", "not terminated by '-}'")
    b1 = blocks.get("1")
    if b1 is not None:
        m = re.match(r"^F0[1-9]([A-Z0-9]{12})", b1)
        if not m:
            msg.error("block 1", f"{b1[:30]!r} is not a basic header (F01 + 12-character "
                                 "logical terminal address)")
        else:
            lt = m.group(1)
            msg.add_bic("block 1", "sender", lt[:8] + lt[9:12])
    b2 = blocks.get("2")
    if b2 is not None:
        m2 = re.match(r"^I(\d{3})([A-Z0-9]{12})", b2) or re.match(
            r"^O(\d{3})\d{4}\d{6}([A-Z0-9]{12})", b2)
        if not m2:
            msg.error("block 2", f"{b2[:40]!r} is not an application header")
        else:
            if m2.group(1) != "103":
                msg.error("block 2", f"message type MT{m2.group(1)} is not MT103")
                return msg
            lt = m2.group(2)
            msg.add_bic("block 2", "receiver" if b2.startswith("I") else "sender",
                        lt[:8] + lt[9:12])
    b3 = blocks.get("3") or ""
    uetr = re.search(r"\{121:([0-9a-fA-F-]{36})\}", b3)
    if uetr:
        msg.references["uetr"] = uetr.group(1)
    for required, what in (("20", "sender's reference"), ("23B", "bank operation code"),
                           ("32A", "value date, currency and amount"),
                           ("71A", "details of charges")):
        if required not in tags:
            msg.error(required, f"missing ({what})")
    if not any(t.startswith("50") for t in tags):
        msg.error("50a", "missing (ordering customer: 50A, 50F or 50K)")
    if not any(t.startswith("59") for t in tags):
        msg.error("59a", "missing (beneficiary customer: 59, 59A or 59F)")
    for tag, value in fields:
        _field(msg, tag, value)
    return msg


def _lines(value: str) -> list[str]:
    return [ln.strip() for ln in value.split("\n") if ln.strip()]


def _account(lines: list[str], party_field: bool) -> tuple[str | None, list[str]]:
    """A leading ``/account`` line (``/C/``, ``/D/`` marks of institution fields dropped)."""
    if lines and lines[0].startswith("/"):
        acc = lines[0].lstrip("/")
        if not party_field and re.match(r"^[CD]/", acc):
            acc = acc[2:]
        return acc or None, lines[1:]
    return None, lines


def _field(msg: Message, tag: str, value: str) -> None:
    num, option = tag[:2], tag[2:]
    lines = _lines(value)
    if tag == "20":
        ref = value.strip()
        if not ref or len(ref) > 16 or ref.startswith("/") or ref.endswith("/") or "//" in ref:
            msg.error("20", f"{ref[:30]!r} is not a reference (1-16 characters, no leading, "
                            "trailing or double '/')")
    elif tag == "32A":
        m = _32A.match(value.strip())
        if not m:
            msg.error("32A", f"{value.strip()[:40]!r} is not date, currency and amount "
                             "(YYMMDDCCCamount,decimals)")
            return
        try:
            date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            msg.error("32A", f"{value.strip()[:6]!r} is not a date (YYMMDD)")
            return
        msg.amounts.append(Value("32A", "settlement",
                                 f"{m.group(5).replace(',', '.').rstrip('.')} {m.group(4)}"))
    elif tag == "71A":
        if value.strip() not in ("BEN", "OUR", "SHA"):
            msg.error("71A", f"{value.strip()[:10]!r} is not BEN, OUR or SHA")
    elif tag in ("70", "72"):
        msg.add_text(tag, "remittance" if tag == "70" else "instruction", " ".join(lines))
        if tag == "72":
            for m in re.finditer(r"/INS/([A-Z0-9]{8}(?:[A-Z0-9]{3})?)\b", value):
                if BIC_RE.match(m.group(1)):
                    msg.add_bic("72", "instructing_institution", m.group(1))
    elif tag == "77B":
        msg.add_text(tag, "regulatory_reporting", " ".join(lines))
        for m in _77B.finditer(value):
            msg.add_country("77B", "debtor" if m.group(1).upper() == "ORDERRES"
                            else "creditor", m.group(2).upper(), "reporting")
    elif num in ROLES:
        _party_field(msg, num, option, tag, lines)


def _party_field(msg: Message, num: str, option: str, tag: str, lines: list[str]) -> None:
    role = ROLES[num]
    party = num in ("50", "59")
    allowed = {"50": "AFK", "59": "AF", "52": "AD", "53": "ABD", "54": "ABD", "55": "ABD",
               "56": "ACD", "57": "ABCD"}[num]
    if (option and option not in allowed) or (not option and num != "59"):
        msg.error(tag, f"option {option or '(none)'} is not allowed for field {num}")
        return
    if not lines:
        msg.error(tag, "empty")
        return
    account, rest = _account(lines, party)
    if num == "50" and option == "F" and account is None and lines and \
            re.match(r"^[A-Z]{4}/[A-Z]{2}/", lines[0]):
        code = lines[0]  # 50F party identifier: CODE/CC/identifier
        account, rest = None, lines[1:]
        msg.identifiers.append(Value(f"{tag}.identifier", role, code.split("/", 2)[2], "id"))
        msg.add_country(f"{tag}.identifier", role, code.split("/")[1], "address")
    if account:
        msg.add_iban(f"{tag}.account", role, account, strict=False)
    kind = "party" if party else "agent"
    if option == "A":
        if not rest:
            msg.error(tag, "missing the BIC")
            return
        bic = msg.add_bic(tag, role, rest[0])
        if bic and len(rest) > 1:
            msg.error(tag, "more lines than an account and a BIC")
    elif option == "F":
        name_parts: list[str] = []
        ids: list[str] = []
        dob = None
        for ln in rest:
            m = _50F_LINE.match(ln)
            if not m:
                msg.error(tag, f"line {ln[:35]!r} does not start with a line number (1/ to 8/)")
                return
            n, text = m.group(1), m.group(2).strip()
            if n in ("1", "8"):
                name_parts.append(text)
            elif n == "2":
                msg.add_address(f"{tag}.address", role, text)
            elif n == "3":
                cc, _, town = text.partition("/")
                msg.add_country(f"{tag}.country", role, cc, "address")
                msg.add_address(f"{tag}.address", role, town)
            elif n == "4":
                try:
                    dob = date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
                except ValueError:
                    msg.error(f"{tag}.4", f"{text[:20]!r} is not a date of birth (YYYYMMDD)")
            elif n == "5":
                cc, _, place = text.partition("/")
                msg.add_address(f"{tag}.place_of_birth", role, place)
            elif n in ("6", "7"):
                ident = text.split("/")[-1]
                if ident:
                    ids.append(ident)
                    msg.identifiers.append(Value(f"{tag}.{n}", role, ident, "id"))
        if not name_parts:
            msg.error(tag, "no name (line 1/)")
            return
        msg.names.append(NameField(tag, role, " ".join(name_parts), kind,
                                   None, dob, ids))
    elif option in ("", "K", "D"):
        if not rest:
            if party:
                msg.error(tag, "no name")
            return
        msg.names.append(NameField(tag, role, rest[0], kind,
                                   None if party else "Organization"))
        for ln in rest[1:]:
            msg.add_address(f"{tag}.address", role, ln)
    elif option == "B" and rest:
        msg.add_address(f"{tag}.location", role, rest[0])
    # option C: an account only


def read_mt103(source: Path | bytes | str, name: str | None = None,
               keep: Callable[[int], bool] | None = None) -> Iterator[Message]:
    """The MT103 messages of a file (or of a text received by the service), each with its
    field errors; the next messages are read whatever one holds. ``keep(index)``: only
    those messages are read (a worker's share)."""
    label = name or (str(source) if isinstance(source, Path) else "request")
    if isinstance(source, Path):
        data: bytes | str = source.read_bytes()
    else:
        data = source
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    else:
        text = data
    for i, raw in enumerate(split_messages(text), start=1):
        if keep is None or keep(i):
            yield read_message(raw, i, label)
