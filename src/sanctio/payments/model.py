"""What a payment message holds for screening: its parties, agents, identifiers, countries
and free text, each with the path of the field it came from (``CdtTrfTxInf[0].Cdtr.Nm`` in a
pacs.008, the tag ``59`` in an MT103)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sanctio.sources.common import country_code

BIC_RE = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
IBAN_RE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")


class FieldError(ValueError):
    """A field of a message that cannot be read: names the field (its path or tag)."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


@dataclass(slots=True)
class NameField:
    path: str  # the field holding the name
    role: str  # debtor, creditor, ultimate_debtor, debtor_agent, ...
    name: str
    kind: str  # party or agent
    schema: str | None = None  # Person / Organization when the message says
    dob: str | None = None
    identifiers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Value:
    path: str
    role: str
    value: str
    kind: str = ""  # bic, iban, lei, id; country: address, residence, bic, iban, reporting


@dataclass(slots=True)
class Message:
    """One payment message, as read from a file (or the error that kept it from being read)."""

    index: int  # 1-based position in its file
    format: str  # pacs.008.001.08, pacs.008, MT103
    source: str | None = None  # the file
    reference: str | None = None  # MsgId / :20:
    references: dict[str, Any] = field(default_factory=dict)
    names: list[NameField] = field(default_factory=list)
    bics: list[Value] = field(default_factory=list)
    identifiers: list[Value] = field(default_factory=list)  # LEI, other party ids
    ibans: list[Value] = field(default_factory=list)
    countries: list[Value] = field(default_factory=list)
    addresses: list[Value] = field(default_factory=list)  # address text (towns, lines)
    texts: list[Value] = field(default_factory=list)  # free text: remittance, instructions
    amounts: list[Value] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # field errors: the message is malformed
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        ref = f" ({self.reference})" if self.reference else ""
        return f"message {self.index}{ref}"

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    # ------------------------------------------------------------------ adding values

    def add_bic(self, path: str, role: str, raw: str | None) -> str | None:
        """A BIC field: checked, kept with its country (letters 5-6)."""
        if raw is None:
            return None
        bic = "".join(raw.split()).upper()
        if not BIC_RE.match(bic):
            self.error(path, f"{raw.strip()[:40]!r} is not a BIC (4 letters of institution, "
                             "2 of country, 2 of location, optionally 3 of branch)")
            return None
        if country_code(bic[4:6]) is None:
            self.error(path, f"{bic!r}: {bic[4:6]!r} (letters 5-6) is not a country code")
            return None
        self.bics.append(Value(path, role, bic, "bic"))
        self.countries.append(Value(path, role, bic[4:6], "bic"))
        return bic

    def add_iban(self, path: str, role: str, raw: str | None, *, strict: bool = True) -> bool:
        """An IBAN (checked: country and mod-97); ``strict``: a bad one is a field error
        (a pacs.008 ``IBAN`` element), else it is just not taken as an IBAN (an MT account
        line may hold any account number)."""
        if raw is None:
            return False
        iban = "".join(raw.split()).upper()
        if not IBAN_RE.match(iban) or country_code(iban[:2]) is None or not iban_ok(iban):
            if strict:
                self.error(path, f"{raw.strip()[:40]!r} is not a valid IBAN (country code, "
                                 "check digits)")
            return False
        self.ibans.append(Value(path, role, iban, "iban"))
        self.countries.append(Value(path, role, iban[:2], "iban"))
        return True

    def add_country(self, path: str, role: str, raw: str | None, kind: str) -> None:
        if raw is None or not raw.strip():
            return
        code = raw.strip().upper()
        if len(code) != 2 or not code.isalpha() or country_code(code) is None:
            self.error(path, f"{raw.strip()[:40]!r} is not an ISO 3166 country code")
            return
        self.countries.append(Value(path, role, code, kind))

    def add_text(self, path: str, role: str, text: str | None) -> None:
        if text and text.strip():
            self.texts.append(Value(path, role, " ".join(text.split())))

    def add_address(self, path: str, role: str, text: str | None) -> None:
        if text and text.strip():
            self.addresses.append(Value(path, role, " ".join(text.split())))

    def summary(self) -> dict[str, Any]:
        return {"names": len(self.names), "bics": len(self.bics), "ibans": len(self.ibans),
                "identifiers": len(self.identifiers), "countries": len(self.countries),
                "addresses": len(self.addresses), "texts": len(self.texts)}


def iban_ok(iban: str) -> bool:
    """ISO 13616 check digits (mod 97 = 1)."""
    moved = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def bic_country(bic: str) -> str:
    return bic[4:6]
