"""Helpers shared by the source parsers: countries, dates, safe XML, encodings, hashing."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from sanctio.model import DateValue, ParseError

# ------------------------------------------------------------------------------ countries


@lru_cache(maxsize=8192)
def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 (upper case) for a country name or code, or None if unknown.

    Uses rigour's territory tables, which know official and common names ("Iran, Islamic
    Republic of", "Korea, North", "Burma", "Türkiye"). Historical territories keep rigour's
    code in upper case (``SUHH`` for the Soviet Union). Text with a qualifier in brackets
    ("Russia (Crimea)") is retried without it.
    """
    from rigour.territories import lookup_territory

    if text is None:
        return None
    value = text.strip().strip(".;,")
    if not value or value.upper() in {"UNKNOWN", "00", "-0-", "N/A", "NONE"}:
        return None
    territory = lookup_territory(value)
    if territory is None and "(" in value:
        territory = lookup_territory(re.sub(r"\s*\(.*?\)\s*", " ", value).strip())
        if territory is None:
            inner = re.search(r"\((.*?)\)", value)
            if inner:
                territory = lookup_territory(inner.group(1))
    if territory is None:
        return None
    code = str(territory.code).upper()
    if "-" in code:  # a sub-national territory (GB-NIR, UA-CRI): its country
        code = code.split("-")[0]
    return code


# ---------------------------------------------------------------------------------- dates

_MONTHS = {
    m: i + 1
    for i, names in enumerate([
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
        ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
        ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
        ("dec", "december"),
    ])
    for m in names
}


def _valid(y: int, m: int = 1, d: int = 1) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1800 <= y <= 2100


def parse_date(text: str | None, *, circa: bool = False, strict: bool = False
               ) -> DateValue | None:
    """Parse one date in the forms the lists use, keeping its precision.

    A list's impossible day or month (``1979-02-31``) falls back to the precision that is
    valid (the year), so no record loses its date; with ``strict`` (user input) an impossible
    date is no date at all.

    Accepts ISO (``1979-05-03``, ``1979-05``, ``1979``), ``03 May 1979``, ``May 1979``,
    ``03/05/1979`` (day first, as OFSI writes it), ``1979-05-03T00:00:00``, ``circa 1979``,
    ``c. 1979``, ``approximately 1979``. Returns None for text that holds no date.
    """
    if text is None:
        return None
    raw = text.strip()
    s = raw.lower().strip(" .;,")
    if not s:
        return None
    m = re.match(r"^(circa|ca\.?|c\.|approximately|approx\.?|about)\s*", s)
    if m:
        circa = True
        s = s[m.end():]
    s = s.split("t")[0] if re.match(r"^\d{4}-\d{2}-\d{2}t", s) else s
    iso = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$", s)
    if iso:
        y = int(iso.group(1))
        mo = int(iso.group(2)) if iso.group(2) else None
        d = int(iso.group(3)) if iso.group(3) else None
        return _make(y, mo, d, circa, raw, strict)
    dmy = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", s)
    if dmy:
        d, mo, y = int(dmy.group(1)), int(dmy.group(2)), int(dmy.group(3))
        if d == 0 and mo == 0:
            return _make(y, None, None, circa, raw, strict)
        if d == 0:
            return _make(y, mo, None, circa, raw, strict)
        return _make(y, mo, d, circa, raw, strict)
    words = re.match(r"^(?:(\d{1,2})\s+)?([a-z]{3,9})\.?,?\s+(\d{4})$", s)
    if words and words.group(2) in _MONTHS:
        d = int(words.group(1)) if words.group(1) else None
        return _make(int(words.group(3)), _MONTHS[words.group(2)], d, circa, raw, strict)
    mdy = re.match(r"^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$", s)
    if mdy and mdy.group(1) in _MONTHS:
        return _make(int(mdy.group(3)), _MONTHS[mdy.group(1)], int(mdy.group(2)), circa, raw,
                     strict)
    return None


def _make(y: int, mo: int | None, d: int | None, circa: bool, raw: str,
          strict: bool = False) -> DateValue | None:
    if strict and not (_valid(y, mo, d) if mo is not None and d is not None
                       else _valid(y) and (mo is None or 1 <= mo <= 12)):
        return None
    if mo is not None and d is not None and _valid(y, mo, d):
        return DateValue.from_iso(f"{y:04d}-{mo:02d}-{d:02d}", circa=circa, text=raw)
    if mo is not None and 1 <= mo <= 12 and _valid(y):
        return DateValue.from_iso(f"{y:04d}-{mo:02d}", circa=circa, text=raw)
    if _valid(y):
        return DateValue.from_iso(f"{y:04d}", circa=circa, text=raw)
    return None


def iso_date(text: str | None) -> str | None:
    """An ISO date string (any precision) for a date in the lists' usual forms, or None."""
    dv = parse_date(text)
    return dv.value if dv else None


# --------------------------------------------------------------------------- files & bytes


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_text(path: Path, encodings: tuple[str, ...] = ("utf-8-sig", "cp1252")) -> str:
    """Read a text file, trying UTF-8 first, then the given fallbacks (OFSI's old files are
    Windows-1252). Raises ParseError naming the byte offset when no encoding fits."""
    data = path.read_bytes()
    if not data.strip():
        raise ParseError(str(path), None, "the file is empty")
    last: UnicodeDecodeError | None = None
    for enc in encodings:
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            last = exc
    assert last is not None
    raise ParseError(
        str(path), f"byte {last.start}",
        f"cannot decode the file as {' or '.join(encodings)}: {last.reason}",
    )


# ------------------------------------------------------------------------------ safe XML

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def check_xml_safe(path: Path) -> None:
    """Refuse XML that declares entities or a DOCTYPE: official list files never do, and
    such declarations are how entity-expansion ("billion laughs") and external-entity (XXE)
    attacks work. Only the prolog (before the root element) is inspected."""
    with path.open("rb") as f:
        head = f.read(1 << 16)
    if not head.strip():
        raise ParseError(str(path), None, "the file is empty")
    check_xml_head(head, str(path))


def check_xml_head(head: bytes, file: str, where: str = "prolog") -> None:
    """:func:`check_xml_safe` on the first bytes of an XML document (also a part of a
    workbook): a ParseError naming ``file`` and ``where`` if it declares entities or a
    DOCTYPE."""
    # the prolog ends at the first element start that is not <? or <!
    m = re.search(rb"<[A-Za-z_]", head)
    prolog = head[: m.start()] if m else head
    if _ENTITY.search(prolog) or _ENTITY.search(head):
        raise ParseError(file, where,
                         "refused: the XML declares entities (possible entity expansion or "
                         "external entity attack); official list files never do")
    if _DOCTYPE.search(prolog):
        raise ParseError(file, where,
                         "refused: the XML has a DOCTYPE declaration; official list files "
                         "have none")


def iter_xml(path: Path, tags: set[str] | None = None) -> Iterator[etree._Element]:
    """Stream the elements of an XML file whose local name is in ``tags`` (all when None),
    after :func:`check_xml_safe`. Entities are never resolved and nothing is fetched from
    the network. The caller should ``clear()`` each element when done with it.
    Errors become ParseError naming the line and column."""
    check_xml_safe(path)
    context = etree.iterparse(
        str(path), events=("end",), resolve_entities=False, no_network=True,
        load_dtd=False, huge_tree=False, remove_comments=True,
    )
    try:
        for _event, elem in context:
            if tags is None or local_name(elem) in tags:
                yield elem
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        raise ParseError(str(path), f"line {line}, column {col}", f"malformed XML: {exc.msg}")\
            from exc


def release_element(elem: etree._Element) -> None:
    """Free a processed element and the siblings before it (keeps streaming memory flat)."""
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def xml_root_tag(path: Path) -> str | None:
    """The local name of the root element, reading only the start of the file."""
    with path.open("rb") as f:
        head = f.read(1 << 14)
    for m in re.finditer(rb"<([A-Za-z_][\w.:-]*)", head):
        name = m.group(1).decode("ascii", "replace")
        return name.split(":")[-1]
    return None


def local_name(elem: etree._Element) -> str:
    tag = elem.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def element_to_dict(elem: etree._Element) -> dict[str, Any]:
    """A compact dict of an element (attributes, text, children by local name) for ``raw``."""
    out: dict[str, Any] = {}
    for k, v in elem.attrib.items():
        if v:
            out["@" + str(k)] = str(v)
    text = (elem.text or "").strip()
    children = [c for c in elem if isinstance(c.tag, str)]
    if text and not children:
        if not out:
            return {"#text": text}
        out["#text"] = text
    for c in children:
        name = local_name(c)
        value = element_to_dict(c)
        if list(value.keys()) == ["#text"]:
            value = value["#text"]
        if name in out:
            if not isinstance(out[name], list):
                out[name] = [out[name]]
            out[name].append(value)
        else:
            out[name] = value
    return out


def clean(text: str | None) -> str | None:
    """Strip and collapse white space; None for empty text and OFAC's ``-0-``."""
    if text is None:
        return None
    value = " ".join(text.split())
    if not value or value == "-0-":
        return None
    return value


# -------------------------------------------------------------------------------- scripts

@lru_cache(maxsize=256)
def _iso15924(script_name: str) -> str:
    """ISO 15924 code (``Arab``) for a Unicode script long name (``Arabic``) via ICU; the
    long name itself when ICU does not know it."""
    try:
        import icu

        codes = icu.Script.getCode(script_name)
        if codes:
            return str(icu.Script(codes[0]).getShortName())
    except (ImportError, AttributeError, TypeError, ValueError):
        pass
    return script_name


def script_code(text: str | None) -> str | None:
    """The ISO 15924 code of the writing system a name is written in, or None when it has no
    letters: ``Latn``, ``Arab``, ``Cyrl``, ``Grek``, ``Hani``, ``Hang``, ...

    Scripts are detected per character with rigour (Unicode Script property). A name mixing
    Latin with another script gets the other one ("Ταξιαρχία Kani" is ``Grek``); Han with
    Hangul is ``Kore``, Han with kana ``Jpan``; otherwise the script with most letters wins.
    """
    if not text:
        return None
    if text.isascii():
        return "Latn" if any(c.isalpha() for c in text) else None
    from rigour.text.scripts import codepoint_script, text_scripts

    scripts = text_scripts(text)
    others = scripts - {"Latin"}
    if not others:
        return "Latn" if scripts else None
    if len(others) == 1:
        return _iso15924(next(iter(others)))
    if "Han" in others and "Hangul" in others:
        return "Kore"
    if "Han" in others and ("Hiragana" in others or "Katakana" in others):
        return "Jpan"
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalnum():
            name = codepoint_script(ord(ch))
            if name in others:
                counts[name] = counts.get(name, 0) + 1
    return _iso15924(max(sorted(counts), key=lambda k: counts[k]))


_SCRIPT_OF_WORD = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARABIC": "Arab", "HEBREW": "Hebr",
    "HANGUL": "Hang", "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "THAI": "Thai",
    "GEORGIAN": "Geor", "ARMENIAN": "Armn", "DEVANAGARI": "Deva", "ETHIOPIC": "Ethi",
    "MONGOLIAN": "Mong",
}


def script_of(text: str) -> str | None:
    """The ISO 15924 code of the script of a name's first letter (None for no letter)."""
    for c in text:
        if c.isalpha():
            word = unicodedata.name(c, "").split(" ", 1)[0]
            return _SCRIPT_OF_WORD.get(word, word.title() or None)
    return None
