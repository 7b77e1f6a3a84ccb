"""Hostile and broken XML is refused by the XML list parsers, with a ParseError that says
where, and never leaks what an entity would have pulled in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sanctio.model import ParsedList, ParseError
from sanctio.sources import eu_fsf, un_xml

from .conftest import DATA

EU_FILE = DATA / "eu-2026" / "sanctions.xml"
UN_FILE = DATA / "un-2026" / "consolidated.xml"

Parser = Callable[[Path], ParsedList]
PARSERS: dict[str, Parser] = {"un-xml": un_xml.parse, "eu-fsf": eu_fsf.parse}
ROOTS = {"un-xml": "CONSOLIDATED_LIST", "eu-fsf": "export"}

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE {root} [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
{body}
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE {root} [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
{body}
"""

BODIES = {
    "un-xml": "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>"
              "<FIRST_NAME>{payload}</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>"
              "</CONSOLIDATED_LIST>",
    "eu-fsf": '<export xmlns="http://eu.europa.ec/fpi/fsd/export">'
              '<sanctionEntity logicalId="1" euReferenceNumber="EU.1.1">'
              '<subjectType code="person"/><nameAlias wholeName="{payload}" strong="true"/>'
              '<remark>{payload}</remark></sanctionEntity></export>',
}


def _passwd_lines() -> list[str]:
    try:
        text = Path("/etc/passwd").read_text(errors="replace")
    except OSError:
        return []
    return [line for line in text.splitlines() if line.strip()]


def _assert_no_passwd(message: str) -> None:
    assert "root:x:" not in message
    assert "/bin/bash" not in message and "nologin" not in message
    for line in _passwd_lines():
        assert line not in message


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_billion_laughs_is_refused(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS.format(
        root=ROOTS[fmt], body=BODIES[fmt].format(payload="&lol9;")))
    with pytest.raises(ParseError) as info:
        PARSERS[fmt](path)
    message = str(info.value)
    assert "entit" in message.lower()
    assert str(path) in message
    assert "lollollol" not in message


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_external_entity_is_refused(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text(XXE.format(root=ROOTS[fmt], body=BODIES[fmt].format(payload="&xxe;")))
    with pytest.raises(ParseError) as info:
        PARSERS[fmt](path)
    message = str(info.value)
    assert "refused" in message
    _assert_no_passwd(message)
    _assert_no_passwd(repr(info.value.__cause__ or ""))


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_doctype_without_entities_is_refused(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "doctype.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE {ROOTS[fmt]} SYSTEM "http://x/y.dtd">\n'
                    + BODIES[fmt].format(payload="x"))
    with pytest.raises(ParseError, match="DOCTYPE"):
        PARSERS[fmt](path)


@pytest.mark.skipif(not EU_FILE.exists(), reason="EU test data not available")
def test_truncated_eu_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "truncated.xml"
    with EU_FILE.open("rb") as f:
        path.write_bytes(f.read(200 * 1024))
    with pytest.raises(ParseError) as info:
        eu_fsf.parse(path)
    err = info.value
    assert err.path == str(path)
    assert err.location is not None and err.location.startswith("line ")
    line = int(err.location.split()[1].rstrip(","))
    assert line > 1000  # at the end of the cut, not at the top of the file
    assert "malformed XML" in err.message


@pytest.mark.skipif(not UN_FILE.exists(), reason="UN test data not available")
def test_truncated_un_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "truncated.xml"
    with UN_FILE.open("rb") as f:
        path.write_bytes(f.read(100 * 1024))
    with pytest.raises(ParseError) as info:
        un_xml.parse(path)
    assert info.value.location is not None and info.value.location.startswith("line ")


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_empty_file(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match="empty"):
        PARSERS[fmt](path)
    blank = tmp_path / "blank.xml"
    blank.write_text("   \n\n  ")
    with pytest.raises(ParseError, match="empty"):
        PARSERS[fmt](blank)


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_non_xml_text(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("Name,Date of birth\nJohn Smith,1970-01-01\n")
    with pytest.raises(ParseError) as info:
        PARSERS[fmt](path)
    assert str(path) in str(info.value)
    assert not (un_xml.sniff(path) or eu_fsf.sniff(path))


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_broken_markup_with_the_right_root(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(f"<?xml version=\"1.0\"?>\n<{ROOTS[fmt]}>\n  <a><b></a>\n</{ROOTS[fmt]}>\n")
    with pytest.raises(ParseError) as info:
        PARSERS[fmt](path)
    assert info.value.location is not None and info.value.location.startswith("line 3")


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_missing_file(fmt: str, tmp_path: Path) -> None:
    with pytest.raises(ParseError):
        PARSERS[fmt](tmp_path / "nope.xml")
