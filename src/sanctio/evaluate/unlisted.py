"""Realistic names of people and companies that are on no list, from many cultures.

Names come from Faker's locale providers (a maintained library of real given and family
names per country). Company names are built from the locale's company formats with owner
names, never from Faker's lists of real companies (several of those are sanctioned). Where a
locale writes names in its own script, most are romanised the way a bank's Latin-only system
would hold them (ICU's BGN/PCGN rules for Russian and Ukrainian, Faker's own romanised
provider for Chinese) and some are kept in the native script, because screening receives
both. Each person gets a date of birth and a nationality, each company a
country, as a customer record would carry them.

Everything is drawn from one :class:`random.Random` and Faker instances seeded from it, so the
same seed gives the same names. Dates of birth are drawn from the seed too (not from Faker's
"age today", which would change with the day the evaluation runs).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from sanctio.model import Schema


@dataclass(slots=True)
class Unlisted:
    """One generated party that is on no list."""

    name: str
    schema: Schema
    culture: str  # arabic, persian, russian, chinese, spanish, ...
    locale: str  # the Faker locale it came from
    native: bool  # written in the locale's own (non-Latin) script
    dob: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "schema": self.schema.value, "culture": self.culture,
                "locale": self.locale, "native": self.native, "dob": self.dob,
                "country": self.country}


@dataclass(frozen=True, slots=True)
class Source:
    culture: str
    locale: str
    countries: tuple[str, ...]
    weight: float
    romanise: str | None = None  # ICU transliterator id, "faker" (romanized_name) or None
    native_share: float = 0.0  # share kept in the native script (when romanise is set)
    native_only: bool = False  # the locale writes a script we do not romanise


ARAB_COUNTRIES = ("SA", "EG", "JO", "SY", "IQ", "YE", "LY", "AE", "LB", "SD", "KW", "QA")

PEOPLE: list[Source] = [
    Source("arabic", "fr_DZ", ("DZ", "MA", "TN"), 6),
    Source("arabic", "en_PK", ("PK", "AF"), 6),
    Source("arabic", "ha_NG", ("NG", "NE", "SD"), 3),
    Source("arabic", "ar_AA", ARAB_COUNTRIES, 4, native_only=True),
    Source("arabic", "ar_SA", ("SA",), 2, native_only=True),
    Source("persian", "fa_IR", ("IR",), 4, native_only=True),
    Source("russian", "ru_RU", ("RU", "BY", "KZ"), 8, "Russian-Latin/BGN", 0.25),
    Source("ukrainian", "uk_UA", ("UA",), 3, "Ukrainian-Latin/BGN", 0.2),
    Source("chinese", "zh_CN", ("CN", "HK"), 6, "faker", 0.25),
    Source("korean", "ko_KR", ("KR",), 1.5, native_only=True),
    Source("spanish", "es_ES", ("ES",), 4),
    Source("spanish", "es_MX", ("MX", "VE", "CO"), 4),
    Source("english", "en_US", ("US",), 6),
    Source("english", "en_GB", ("GB",), 4),
    Source("turkish", "tr_TR", ("TR",), 5),
    Source("azerbaijani", "az_AZ", ("AZ",), 2),
    Source("indian", "en_IN", ("IN",), 5),
    Source("indian", "hi_IN", ("IN",), 1.5, native_only=True),
    Source("german", "de_DE", ("DE", "AT"), 3),
    Source("french", "fr_FR", ("FR", "BE"), 3),
    Source("nigerian", "en_NG", ("NG",), 2),
    Source("indonesian", "id_ID", ("ID",), 2),
    Source("greek", "el_GR", ("GR", "CY"), 1, "Greek-Latin/BGN", 0.3),
]

COMPANIES: list[Source] = [
    Source("english", "en_US", ("US",), 6),
    Source("english", "en_GB", ("GB",), 4),
    Source("russian", "ru_RU", ("RU",), 5, "Russian-Latin/BGN", 0.3),
    Source("german", "de_DE", ("DE",), 3),
    Source("french", "fr_FR", ("FR",), 3),
    Source("spanish", "es_ES", ("ES",), 3),
    Source("spanish", "es_MX", ("MX",), 2),
    Source("turkish", "tr_TR", ("TR",), 3),
    Source("chinese", "zh_CN", ("CN",), 3, native_only=True),
    Source("persian", "fa_IR", ("IR",), 2, native_only=True),
    Source("indian", "en_IN", ("IN",), 3),
    Source("arabic", "fr_DZ", ("DZ",), 2),
    Source("arabic", "en_PK", ("PK",), 2),
    Source("indonesian", "id_ID", ("ID",), 1),
]

# People as a screening test file holds them (the shape of OpenSanctions' screening
# fixtures): given name, a second given name three times in five (any of the locale's), then
# the family name, each locale's names as its Faker provider writes them, in its own script
# too (Hangul and Chinese characters given name first: 은정 김); culture weights after the
# world's name cultures. Another draw than PEOPLE's, for false alerts on names shaped so.
FIXTURE_PEOPLE: list[Source] = [
    Source("chinese", "zh_CN", ("CN",), 8), Source("chinese", "zh_TW", ("TW",), 3),
    Source("japanese", "ja_JP", ("JP",), 5), Source("korean", "ko_KR", ("KR",), 5),
    Source("arabic", "ar_SA", ("SA", "AE", "KW"), 4), Source("arabic", "ar_EG", ("EG",), 4),
    Source("persian", "fa_IR", ("IR",), 4), Source("turkish", "tr_TR", ("TR",), 4),
    Source("indian", "hi_IN", ("IN",), 5), Source("indian", "en_IN", ("IN",), 5),
    Source("nepali", "ne_NP", ("NP",), 3),
    Source("english", "en_US", ("US",), 12), Source("english", "en_GB", ("GB",), 2),
    Source("german", "de_DE", ("DE",), 2), Source("french", "fr_FR", ("FR",), 2),
    Source("italian", "it_IT", ("IT",), 2), Source("dutch", "nl_NL", ("NL",), 1),
    Source("nordic", "sv_SE", ("SE",), 1), Source("nordic", "no_NO", ("NO",), 1),
    Source("nordic", "da_DK", ("DK",), 1), Source("nordic", "fi_FI", ("FI",), 1),
    Source("spanish", "es_ES", ("ES",), 2), Source("spanish", "es_MX", ("MX",), 2),
    Source("spanish", "es_AR", ("AR",), 1), Source("spanish", "es_CO", ("CO",), 1),
    Source("portuguese", "pt_BR", ("BR",), 2), Source("portuguese", "pt_PT", ("PT",), 1),
    Source("thai", "th_TH", ("TH",), 2), Source("indonesian", "id_ID", ("ID",), 2),
    Source("filipino", "en_PH", ("PH",), 2),
    Source("russian", "ru_RU", ("RU",), 2), Source("ukrainian", "uk_UA", ("UA",), 1),
    Source("slavic", "pl_PL", ("PL",), 1), Source("slavic", "cs_CZ", ("CZ",), 1),
    Source("slavic", "hr_HR", ("HR",), 1), Source("bulgarian", "bg_BG", ("BG",), 1),
    Source("hebrew", "he_IL", ("IL",), 1),
]

# trade companies as customer files hold them: a family name or two, an activity, a legal form
_ACTIVITIES = ["Trading", "General Trading", "Logistics", "Shipping", "Holdings", "Industries",
               "Construction", "Consulting", "Energy", "Petroleum", "Import Export", "Textiles",
               "Electronics", "Engineering", "Investments", "Foods", "Pharma", "Marine",
               "Technologies", "Metals", "Agro", "Transport", "Chemicals", "Group"]
_FORMS = ["LLC", "Ltd", "Limited", "Co.", "Inc.", "JSC", "FZE", "GmbH", "S.A.", "PLC",
          "Co., Ltd.", "Corporation", ""]


@cache
def _transliterator(tid: str) -> Any:
    import icu

    return icu.Transliterator.createInstance(tid)


def romanise(text: str, tid: str) -> str:
    """Romanise with an ICU transliterator; drop the primes BGN writes for soft and hard
    signs, the quotation marks of company names and diacritics (``Fëdor`` -> ``Fedor``), as
    a Latin-only system would hold the name."""
    out = str(_transliterator(tid).transliterate(text))
    out = re.sub(r"[ʹʺ'\"«»“”]", "", out)
    out = "".join(c for c in unicodedata.normalize("NFKD", out)
                  if not unicodedata.combining(c))
    return " ".join(out.split())


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 or "LATIN" in unicodedata.name(c, "")
               for c in text if c.isalpha())


class UnlistedGenerator:
    """Draws unlisted people and companies, reproducibly under one seed."""

    def __init__(self, seed: int, draw: str = "unlisted") -> None:
        self.rng = random.Random(f"{draw}:{seed}")
        self.seed = seed
        self.draw = draw
        self._fakers: dict[str, Any] = {}

    def faker(self, locale: str) -> Any:
        if locale not in self._fakers:
            from faker import Faker

            f = Faker(locale)
            # (the customers' draw seeds as it always did: its names stay the same)
            f.seed_instance(f"{self.seed}:{locale}" if self.draw == "unlisted"
                            else f"{self.draw}:{self.seed}:{locale}")
            self._fakers[locale] = f
        return self._fakers[locale]

    def _dob(self) -> str:
        start = date(1940, 1, 1)
        days = (date(2005, 12, 31) - start).days
        return (start + timedelta(days=self.rng.randrange(days))).isoformat()

    def person(self, src: Source) -> Unlisted:
        f = self.faker(src.locale)
        female = self.rng.random() < 0.4
        native = src.native_only or (src.romanise is not None
                                     and self.rng.random() < src.native_share)
        if src.romanise == "faker" and not native:
            name = f.romanized_name()
        elif src.locale in ("ru_RU", "uk_UA") and hasattr(f, "middle_name_male"):
            if female:
                parts = [f.first_name_female(), f.middle_name_female(), f.last_name_female()]
            else:
                parts = [f.first_name_male(), f.middle_name_male(), f.last_name_male()]
            if self.rng.random() < 0.4:
                parts = parts[::2]  # many records hold no patronymic
            name = " ".join(parts)
        else:
            first = f.first_name_female() if female else f.first_name_male()
            last = f.last_name()
            if src.locale.startswith("zh") or src.locale.startswith("ko"):
                name = f"{last}{first}"
            else:
                name = f"{first} {last}"
            if src.locale in ("es_ES", "es_MX") and self.rng.random() < 0.5:
                name += " " + f.last_name()  # two family names
        if src.romanise and src.romanise != "faker" and not native:
            name = romanise(name, src.romanise)
        return self._person(src, name)

    def fixture_person(self, src: Source) -> Unlisted:
        """A person in the screening-fixture shape (:data:`FIXTURE_PEOPLE`)."""
        f = self.faker(src.locale)
        kind = self.rng.choices(["female", "male", "any"], [45, 45, 10])[0]
        # (no first_name_any: any is first_name)
        first = getattr(f, f"first_name_{kind}", f.first_name)()
        middle = f.first_name() if self.rng.random() < 0.6 else None
        return self._person(src, " ".join(w for w in (first, middle, f.last_name()) if w))

    def _person(self, src: Source, name: str) -> Unlisted:
        """An unlisted person of ``src`` named ``name`` (its spaces made one), with a date of
        birth and a country drawn."""
        name = " ".join(name.split())
        return Unlisted(name, Schema.PERSON, src.culture, src.locale,
                        native=not _is_latin(name), dob=self._dob(),
                        country=self.rng.choice(src.countries))

    def company(self, src: Source) -> Unlisted:
        f = self.faker(src.locale)
        native = src.native_only or (src.romanise is not None
                                     and self.rng.random() < src.native_share)
        if native or self.rng.random() < 0.5:
            name = self._faker_company(f)
        else:
            owners = [f.last_name()]
            if self.rng.random() < 0.25:
                owners.append(f.last_name())
            sep = self.rng.choice([" & ", " and ", "-"]) if len(owners) > 1 else ""
            name = " ".join([sep.join(owners), self.rng.choice(_ACTIVITIES),
                             self.rng.choice(_FORMS)])
        if src.romanise and not native:
            name = romanise(name, src.romanise)
        name = " ".join(name.split())
        return Unlisted(name, Schema.ORGANIZATION, src.culture, src.locale,
                        native=not _is_latin(name), country=self.rng.choice(src.countries))

    def _faker_company(self, f: Any) -> str:
        """A company name from the locale's own formats (owner names, prefixes, suffixes).
        Formats that pick from Faker's lists of real companies are left out: ru_RU's and
        tr_TR's "large companies" and fa_IR's company names include sanctioned companies
        (Rosneft, IRISL, Post Bank ...), which are not unlisted names."""
        prov = f.provider("faker.providers.company")
        formats = [x for x in getattr(prov, "formats", ())
                   if "large_compan" not in x and "company_names" not in x
                   and (" and " not in x or f.locales[0].startswith("en"))]
        if formats:
            return str(f.parse(self.rng.choice(formats)))
        return str(f.company())  # pragma: no cover - every locale used has formats

    def generate(self, n: int, *, company_share: float = 0.3) -> list[Unlisted]:
        """``n`` unlisted parties, about ``company_share`` of them companies."""
        out: list[Unlisted] = []
        pw = [s.weight for s in PEOPLE]
        cw = [s.weight for s in COMPANIES]
        for _ in range(n):
            if self.rng.random() < company_share:
                out.append(self.company(self.rng.choices(COMPANIES, cw)[0]))
            else:
                out.append(self.person(self.rng.choices(PEOPLE, pw)[0]))
        return out


    def generate_fixtures(self, n: int) -> list[Unlisted]:
        """``n`` unlisted people in the screening-fixture shape (:data:`FIXTURE_PEOPLE`)."""
        weights = [s.weight for s in FIXTURE_PEOPLE]
        return [self.fixture_person(self.rng.choices(FIXTURE_PEOPLE, weights)[0])
                for _ in range(n)]


SHAPES = ("customers", "fixtures")


def generate_unlisted(n: int, seed: int, *, company_share: float = 0.3,
                      shape: str = "customers") -> list[Unlisted]:
    """``n`` realistic unlisted parties from many cultures: people and companies as
    customer files hold them (``customers``, see module doc), or people in the shape of a
    screening test file (``fixtures``: :data:`FIXTURE_PEOPLE`), drawn apart (another seed
    string: the customers' draws stay as they were)."""
    if shape == "fixtures":
        return UnlistedGenerator(seed, "fixtures").generate_fixtures(n)
    if shape != "customers":
        raise ValueError(f"unknown shape of unlisted names: {shape} (known: {', '.join(SHAPES)})")
    return UnlistedGenerator(seed).generate(n, company_share=company_share)
