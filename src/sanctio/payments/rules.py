"""Country rules: jurisdictions under comprehensive programmes that hold a payment touching
them, with the reason. The table is ``src/sanctio/data/country_rules.json``; ``--rules FILE``
replaces it (same layout: ``{"version": ..., "rules": [{"id", "countries", "subdivisions",
"terms", "action", "reason"}]}``).

A rule is met by a country code (a party's or agent's address ``Ctry``, country of
residence, a BIC's letters 5-6, an IBAN's first two letters, a regulatory reporting
country), by an ISO 3166-2 subdivision code, or by one of its terms (a region, city or
country name: Crimea, Sevastopol, Donetsk ...) as whole words in an address or in free text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

ACTIONS = ("hold", "block")


@dataclass(frozen=True, slots=True)
class CountryRule:
    id: str
    countries: frozenset[str]
    subdivisions: frozenset[str]
    terms: tuple[str, ...]
    action: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "reason": self.reason}


class RulesError(ValueError):
    pass


class CountryRules:
    """The rules, indexed by country code and by term."""

    def __init__(self, version: str, rules: list[CountryRule], source: str) -> None:
        self.version = version
        self.rules = rules
        self.source = source
        self._by_country: dict[str, list[CountryRule]] = {}
        terms: dict[str, CountryRule] = {}
        for r in self.rules:
            for c in r.countries:
                self._by_country.setdefault(c, []).append(r)
            for t in (*r.terms, *r.subdivisions):
                terms.setdefault(t.casefold(), r)
        self._terms = terms
        if terms:
            alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
            self._re: re.Pattern[str] | None = re.compile(
                rf"(?<![^\W_])(?:{alts})(?![^\W_])", re.I)
        else:
            self._re = None

    @classmethod
    def load(cls, path: Path | str | None = None) -> CountryRules:
        if path is None:
            text = resources.files("sanctio").joinpath("data/country_rules.json").read_text(
                "utf-8")
            source = "built-in"
        else:
            try:
                text = Path(path).read_text("utf-8")
            except OSError as exc:
                raise RulesError(f"{path}: cannot read the rules: {exc}") from exc
            source = str(path)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RulesError(f"{source}: not JSON: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
            raise RulesError(f"{source}: expected an object with a 'rules' list")
        rules = []
        for i, r in enumerate(data["rules"]):
            if not isinstance(r, dict) or not r.get("id") or not r.get("reason"):
                raise RulesError(f"{source}: rules[{i}]: needs an 'id' and a 'reason'")
            action = str(r.get("action", "hold"))
            if action not in ACTIONS:
                raise RulesError(f"{source}: rules[{i}].action: {action!r} is not hold or "
                                 "block")
            countries = frozenset(str(c).upper() for c in r.get("countries") or [])
            if any(len(c) != 2 or not c.isalpha() for c in countries):
                raise RulesError(f"{source}: rules[{i}].countries: ISO alpha-2 codes only")
            rules.append(CountryRule(
                id=str(r["id"]), countries=countries,
                subdivisions=frozenset(str(s).upper() for s in r.get("subdivisions") or []),
                terms=tuple(str(t) for t in r.get("terms") or [] if str(t).strip()),
                action=action, reason=str(r["reason"])))
        return cls(str(data.get("version") or "unversioned"), rules, source)

    def for_country(self, code: str) -> list[CountryRule]:
        return self._by_country.get(code.upper(), [])

    def find(self, text: str) -> list[tuple[CountryRule, str]]:
        """The rules whose terms (or subdivision codes) appear in ``text`` as whole words."""
        if self._re is None:
            return []
        out: list[tuple[CountryRule, str]] = []
        seen: set[str] = set()
        for m in self._re.finditer(text):
            rule = self._terms.get(m.group(0).casefold())
            if rule is not None and rule.id not in seen:
                seen.add(rule.id)
                out.append((rule, m.group(0)))
        return out
