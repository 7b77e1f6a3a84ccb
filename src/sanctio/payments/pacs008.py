"""ISO 20022 ``pacs.008`` (FI to FI customer credit transfer), versions 001.01 to 001.13.

Elements are read by their local names, whatever the namespace (so every version, and
documents without one), with or without the business application header (``AppHdr``). A file
holds one ``Document`` or an envelope of several (each optionally after its ``AppHdr``); the
file is streamed (lxml's pull parser, in chunks) and each message released once read. The XML
safety rules of the list loaders apply (:func:`sanctio.sources.common.check_xml_head`): a DOCTYPE or
an entity declaration is refused before parsing, entities are never resolved, nothing is
fetched; a DOCTYPE met by the parser anyway (after a long prolog) is refused too.

What is read: every party (``Dbtr``, ``Cdtr``, ``UltmtDbtr``, ``UltmtCdtr``, ``InitgPty``:
name, postal address, country of residence, organisation or private identifiers, date of
birth), every agent wherever it is (any element holding a ``FinInstnId``: instructing,
instructed, intermediary, previous instructing, debtor, creditor, reimbursement agents, the
header's sender and receiver: BIC, LEI, name, address), accounts (IBAN), remittance
information (``Ustrd``, ``AddtlRmtInf``), instructions (``InstrInf``), regulatory reporting
(``Inf``, ``Ctry``). Paths name the field: ``CdtTrfTxInf[0].Cdtr.Nm``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lxml import etree

from sanctio.model import ParseError
from sanctio.payments.model import Message, NameField, Value
from sanctio.sources.common import check_xml_head, local_name, parse_date

PARTY_ROLES = {"Dbtr": "debtor", "Cdtr": "creditor", "UltmtDbtr": "ultimate_debtor",
               "UltmtCdtr": "ultimate_creditor", "InitgPty": "initiating_party"}
AGENT_ROLES = {"DbtrAgt": "debtor_agent", "CdtrAgt": "creditor_agent",
               "InstgAgt": "instructing_agent", "InstdAgt": "instructed_agent",
               "IntrmyAgt1": "intermediary_agent_1", "IntrmyAgt2": "intermediary_agent_2",
               "IntrmyAgt3": "intermediary_agent_3",
               "PrvsInstgAgt1": "previous_instructing_agent_1",
               "PrvsInstgAgt2": "previous_instructing_agent_2",
               "PrvsInstgAgt3": "previous_instructing_agent_3",
               "InstgRmbrsmntAgt": "instructing_reimbursement_agent",
               "InstdRmbrsmntAgt": "instructed_reimbursement_agent",
               "ThrdRmbrsmntAgt": "third_reimbursement_agent", "Agt": "charges_agent"}
TEXT_ROLES = {"Ustrd": "remittance", "AddtlRmtInf": "remittance",
              "InstrInf": "instruction", "Inf": "regulatory_reporting",
              "AddtlInf": "additional_information"}
# elements that may repeat: always written with their index in paths
REPEATED = frozenset({"CdtTrfTxInf", "Ustrd", "Strd", "AdrLine", "InstrForCdtrAgt",
                      "InstrForNxtAgt", "RgltryRptg", "Dtls", "AddtlRmtInf", "Othr",
                      "ChrgsInf", "RltdRmtInf"})
ADDRESS_TEXT = ("StrtNm", "BldgNm", "TwnNm", "TwnLctnNm", "DstrctNm", "CtrySubDvsn", "AdrLine",
                "PstCd", "Dept", "SubDept")
_AMOUNT = re.compile(r"^\d{1,18}(?:\.\d{1,5})?$")
_CCY = re.compile(r"^[A-Z]{3}$")
_VERSION = re.compile(r"pacs\.008\.001\.(\d{2})")


def _children(elem: Any) -> list[Any]:
    return [c for c in elem if isinstance(c.tag, str)]


def _child(elem: Any, name: str) -> Any | None:
    for c in elem:
        if isinstance(c.tag, str) and local_name(c) == name:
            return c
    return None


def _text(elem: Any, name: str) -> str | None:
    c = _child(elem, name)
    if c is None or c.text is None:
        return None
    value = " ".join(c.text.split())
    return value or None


def _segments(elem: Any) -> Iterator[tuple[str, Any]]:
    """Children with their path segment (``Ustrd[1]``, ``Cdtr``)."""
    counts: dict[str, int] = {}
    for c in _children(elem):
        name = local_name(c)
        if name in REPEATED:
            i = counts.get(name, 0)
            counts[name] = i + 1
            yield f"{name}[{i}]", c
        else:
            yield name, c


class _Reader:
    def __init__(self, msg: Message) -> None:
        self.msg = msg

    # ---------------------------------------------------------------- generic walk

    def walk(self, elem: Any, path: str, role: str = "") -> None:
        for seg, c in _segments(elem):
            name = local_name(c)
            p = f"{path}.{seg}" if path else seg
            if name in PARTY_ROLES and _child(c, "FinInstnId") is None:
                self.party(c, p, PARTY_ROLES[name])
            elif _child(c, "FinInstnId") is not None:
                self.agent(c, p, AGENT_ROLES.get(name, role or name))
            elif name.endswith("Acct") and _child(c, "Id") is not None:
                self.account(c, p, _account_role(name))
            elif name in TEXT_ROLES:
                if _children(c):
                    self.walk(c, p, role)
                else:
                    self.msg.add_text(p, TEXT_ROLES[name], c.text)
            elif name == "Ctry" and "RgltryRptg" in path:
                self.msg.add_country(p, "regulatory_reporting", c.text, "reporting")
            elif name == "Fr":
                self.walk(c, p, "sender")
            elif name == "To":
                self.walk(c, p, "receiver")
            elif _children(c):
                self.walk(c, p, role)

    # ---------------------------------------------------------------- parts

    def party(self, elem: Any, path: str, role: str) -> None:
        pty = _child(elem, "Pty")
        if pty is not None:
            elem, path = pty, path + ".Pty"
        msg = self.msg
        name = _text(elem, "Nm")
        schema: str | None = None
        dob: str | None = None
        ids: list[str] = []
        adr = _child(elem, "PstlAdr")
        if adr is not None:
            self.address(adr, path + ".PstlAdr", role)
        res = _child(elem, "CtryOfRes")
        if res is not None:
            msg.add_country(path + ".CtryOfRes", role, res.text, "residence")
        ident = _child(elem, "Id")
        if ident is not None:
            org = _child(ident, "OrgId")
            prv = _child(ident, "PrvtId")
            if org is not None:
                schema = "Organization"
                ids += self._bic_lei(org, f"{path}.Id.OrgId", role,
                                     ("AnyBIC", "BICOrBEI", "BIC", "BICFI"))
                ids += self._others(org, f"{path}.Id.OrgId", role)
            if prv is not None:
                schema = "Person"
                birth = _child(prv, "DtAndPlcOfBirth")
                if birth is not None:
                    raw = _text(birth, "BirthDt")
                    if raw:
                        dv = parse_date(raw, strict=True)
                        if dv is None:
                            msg.error(f"{path}.Id.PrvtId.DtAndPlcOfBirth.BirthDt",
                                      f"{raw[:40]!r} is not a date (YYYY-MM-DD)")
                        else:
                            dob = dv.value
                ids += self._others(prv, f"{path}.Id.PrvtId", role)
        if name:
            msg.names.append(NameField(path + ".Nm", role, name, "party", schema, dob, ids))

    def _bic_lei(self, elem: Any, path: str, role: str, bic_tags: tuple[str, ...]
                 ) -> list[str]:
        """The BICs (under ``bic_tags``, in that order) and the LEI of a party's
        organisation or of an agent, as identifiers; the values to screen with its name."""
        msg = self.msg
        out = []
        for tag in bic_tags:
            value = _text(elem, tag)
            if value:
                bic = msg.add_bic(f"{path}.{tag}", role, value)
                if bic:
                    out.append(bic)
        lei = _text(elem, "LEI")
        if lei:
            msg.identifiers.append(Value(f"{path}.LEI", role, lei, "lei"))
            out.append(lei)
        return out

    def _others(self, elem: Any, path: str, role: str) -> list[str]:
        out = []
        for seg, c in _segments(elem):
            if seg.startswith("Othr"):
                value = _text(c, "Id")
                if value:
                    self.msg.identifiers.append(Value(f"{path}.{seg}.Id", role, value, "id"))
                    out.append(value)
        return out

    def agent(self, elem: Any, path: str, role: str) -> None:
        msg = self.msg
        fin = _child(elem, "FinInstnId")
        assert fin is not None
        fpath = path + ".FinInstnId"
        ids = self._bic_lei(fin, fpath, role, ("BICFI", "BIC"))
        adr = _child(fin, "PstlAdr")
        if adr is not None:
            self.address(adr, fpath + ".PstlAdr", role)
        name = _text(fin, "Nm")
        if name:
            msg.names.append(NameField(fpath + ".Nm", role, name, "agent", "Organization",
                                       None, ids))
        brnch = _child(elem, "BrnchId")
        if brnch is not None:
            bname = _text(brnch, "Nm")
            if bname:
                msg.names.append(NameField(path + ".BrnchId.Nm", role, bname, "agent",
                                           "Organization", None, ids))
            badr = _child(brnch, "PstlAdr")
            if badr is not None:
                self.address(badr, path + ".BrnchId.PstlAdr", role)

    def account(self, elem: Any, path: str, role: str) -> None:
        ident = _child(elem, "Id")
        assert ident is not None
        iban = _text(ident, "IBAN")
        if iban:
            self.msg.add_iban(path + ".Id.IBAN", role, iban)

    def address(self, adr: Any, path: str, role: str) -> None:
        for seg, c in _segments(adr):
            name = local_name(c)
            if name == "Ctry":
                self.msg.add_country(f"{path}.Ctry", role, c.text, "address")
            elif name in ADDRESS_TEXT:
                self.msg.add_address(f"{path}.{seg}", role, c.text)


def _account_role(name: str) -> str:
    return {"DbtrAcct": "debtor", "CdtrAcct": "creditor", "DbtrAgtAcct": "debtor_agent",
            "CdtrAgtAcct": "creditor_agent"}.get(name, name)


# --------------------------------------------------------------------------- messages


def read_document(doc: Any, index: int, source: str | None,
                  header: Message | None = None) -> Message:
    """One ``Document`` (and the values of its ``AppHdr``) as a :class:`Message`."""
    ns = doc.tag.split("}")[0][1:] if doc.tag.startswith("{") else ""
    m = _VERSION.search(ns) or (_VERSION.search(header.format) if header else None)
    fmt = f"pacs.008.001.{m.group(1)}" if m else "pacs.008"
    msg = Message(index=index, format=fmt, source=source)
    if header is not None:
        for attr in ("names", "bics", "identifiers", "ibans", "countries", "addresses",
                     "texts"):
            getattr(msg, attr).extend(getattr(header, attr))
        msg.errors.extend(header.errors)
        if header.reference:
            msg.references["business_message_id"] = header.reference
    body = _children(doc)
    if len(body) != 1 or local_name(body[0]) != "FIToFICstmrCdtTrf":
        got = ", ".join(local_name(c) for c in body) or "nothing"
        msg.error("Document", f"holds {got}, not FIToFICstmrCdtTrf (pacs.008)")
        return msg
    root = body[0]
    grp = _child(root, "GrpHdr")
    if grp is None:
        msg.error("GrpHdr", "missing (group header)")
        return msg
    msg.reference = _text(grp, "MsgId")
    if not msg.reference:
        msg.error("GrpHdr.MsgId", "missing (message identification)")
    msg.references["msg_id"] = msg.reference
    txs = [c for c in _children(root) if local_name(c) == "CdtTrfTxInf"]
    if not txs:
        msg.error("CdtTrfTxInf", "missing (no credit transfer transaction)")
    nb = _text(grp, "NbOfTxs")
    if nb is not None and (not nb.isdigit() or int(nb) != len(txs)):
        msg.error("GrpHdr.NbOfTxs", f"{nb[:20]!r} but the message holds {len(txs)} "
                                    f"transaction(s)")
    reader = _Reader(msg)
    reader.walk(grp, "GrpHdr")
    e2e: list[str | None] = []
    uetrs: list[str] = []
    for i, tx in enumerate(txs):
        p = f"CdtTrfTxInf[{i}]"
        pmt = _child(tx, "PmtId")
        end_to_end = _text(pmt, "EndToEndId") if pmt is not None else None
        if not end_to_end:
            msg.error(f"{p}.PmtId.EndToEndId", "missing (end to end identification)")
        e2e.append(end_to_end)
        uetr = _text(pmt, "UETR") if pmt is not None else None
        if uetr:
            uetrs.append(uetr)
        amt = _child(tx, "IntrBkSttlmAmt")
        if amt is None:
            msg.error(f"{p}.IntrBkSttlmAmt", "missing (interbank settlement amount)")
        else:
            value = (amt.text or "").strip()
            ccy = amt.get("Ccy") or ""
            if not _CCY.match(ccy):
                msg.error(f"{p}.IntrBkSttlmAmt@Ccy", f"{ccy[:10]!r} is not a currency code")
            elif not _AMOUNT.match(value):
                msg.error(f"{p}.IntrBkSttlmAmt", f"{value[:30]!r} is not an amount")
            else:
                try:
                    msg.amounts.append(Value(f"{p}.IntrBkSttlmAmt", "settlement",
                                             f"{Decimal(value)} {ccy}"))
                except InvalidOperation:  # pragma: no cover - the pattern excludes it
                    msg.error(f"{p}.IntrBkSttlmAmt", f"{value[:30]!r} is not an amount")
        for required in ("Dbtr", "DbtrAgt", "CdtrAgt", "Cdtr"):
            part = _child(tx, required)
            if part is None:
                msg.error(f"{p}.{required}", "missing")
            elif required in ("Dbtr", "Cdtr"):
                pty = _child(part, "Pty")
                holder = pty if pty is not None else part
                if _text(holder, "Nm") is None and _child(holder, "Id") is None:
                    msg.error(f"{p}.{required}.Nm", "missing (a party needs a name or an "
                                                    "identification)")
        reader.walk(tx, p)
    msg.references["end_to_end_ids"] = e2e
    if uetrs:
        msg.references["uetrs"] = uetrs
    return msg


def read_header(hdr: Any) -> Message:
    """The business application header: sender and receiver (as agents), its identifier."""
    msg = Message(index=0, format=_text(hdr, "MsgDefIdr") or "")
    msg.reference = _text(hdr, "BizMsgIdr")
    _Reader(msg).walk(hdr, "AppHdr")
    return msg


def read_pacs008(source: Path | bytes, name: str | None = None,
                 keep: Callable[[int], bool] | None = None) -> Iterator[Message]:
    """Stream the pacs.008 messages of a file (or of bytes received by the service). A
    message that cannot be read is yielded with its errors; an XML syntax error ends the
    file (the messages before it are yielded), as does a refused DOCTYPE or entity."""
    label = name or (str(source) if isinstance(source, Path) else "request")
    index = 0
    try:
        if isinstance(source, Path):
            with source.open("rb") as f:
                head = f.read(1 << 16)
        else:
            head = source[: 1 << 16]
        if not head.strip():
            raise ParseError(label, None, "the file is empty")
        check_xml_head(head, label)
        header: tuple[Any, Message] | None = None
        checked = False
        for elem in _ends(source):
            if not checked:
                checked = True
                info = elem.getroottree().docinfo
                if info.doctype or info.internalDTD is not None:
                    raise ParseError(label, "prolog", "refused: the XML has a DOCTYPE "
                                                      "declaration")
            tag = local_name(elem)
            if tag == "AppHdr":
                header = (elem.getparent(), read_header(elem))
            elif tag == "Document":
                index += 1
                hdr = header[1] if header is not None and header[0] is elem.getparent() \
                    else None
                if keep is None or keep(index):  # keep(index): a worker's share
                    yield read_document(elem, index, label, hdr)
                header = None
                _release(elem)
        if index == 0:
            raise ParseError(label, None, "no pacs.008 Document in the file")
    except etree.XMLSyntaxError as exc:
        if keep is not None and not keep(index + 1):
            return
        line, col = exc.position if exc.position else (None, None)
        msg = Message(index=index + 1, format="pacs.008", source=label)
        msg.error("file", f"line {line}, column {col}: malformed XML: {exc.msg}; the rest of "
                          "the file is not read")
        yield msg
    except ParseError as exc:
        if keep is not None and not keep(index + 1):
            return
        msg = Message(index=index + 1, format="pacs.008", source=label)
        msg.error("file", f"{exc.location + ': ' if exc.location else ''}{exc.message}")
        yield msg


_CHUNK = 1 << 16


def _ends(source: Path | bytes) -> Iterator[Any]:
    """The elements of an XML file or bytes as each ends, read in chunks by a pull parser
    (no entities, no network, no DTD): the elements that end before a syntax error are
    yielded before the error is raised, whatever lxml's version (6.2's ``iterparse`` gives
    none of a chunk that holds an error)."""
    parser = etree.XMLPullParser(
        events=("end",), resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=False, remove_comments=True, remove_pis=True)
    with (source.open("rb") if isinstance(source, Path) else io.BytesIO(source)) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            try:
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
            except etree.XMLSyntaxError:
                for _event, elem in parser.read_events():
                    yield elem
                raise
            for _event, elem in parser.read_events():
                yield elem
            if not chunk:
                return


def _release(elem: Any) -> None:
    """Free a read message and what came before it in its envelope."""
    parent = elem.getparent()
    elem.clear()
    while parent is not None:
        while elem.getprevious() is not None:
            del parent[0]
        if local_name(parent) in ("Document",):
            break
        elem, parent = parent, parent.getparent()
        if parent is None:
            break
