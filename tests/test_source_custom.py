"""The custom CSV parser: a user's own list with the default columns or a column mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.model import DatePrecision, NameType, ParseError, Schema
from sanctio.sources import custom_csv

BLACKLIST = "\n".join([
    "id,name,aliases,type,dob,nationality,identifiers,program,listed_on,reason,risk owner",
    "B-1,John Smith,Johnny Smith; J. Smith,person,1970-05-03;circa 1971,GB;France,"
    "passport:123456789:GB;999,fraud,2023-01-15,Payment fraud 2022,Alice",
    "B-2,ACME Trading Ltd,ACME; Acme Trading Limited,company,,,registration:0123456:GB,"
    "fraud,15/02/2023,,Bob",
    "B-3,,nameless,person,,,,,,,",
    "B-4,MV Fortune,,vessel,,,imo:9123456,,,,Carol",
]) + "\n"


def _write(tmp_path: Path, text: str, name: str = "list.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_default_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, BLACKLIST)
    result = custom_csv.parse(path, name="acme-blacklist")
    assert result.format == "custom-csv" and result.source == "acme-blacklist"
    assert result.authority == "Custom list"
    assert result.title == "acme-blacklist"
    assert [r.source_id for r in result.records] == ["B-1", "B-2", "B-4"]
    assert result.warnings == [f"{path}, line 4: no name; row skipped"]

    smith, acme, ship = result.records
    assert smith.source == "acme-blacklist" and smith.schema == Schema.PERSON
    assert [(n.full, n.type) for n in smith.names] == [
        ("John Smith", NameType.PRIMARY), ("Johnny Smith", NameType.ALIAS),
        ("J. Smith", NameType.ALIAS)]
    assert [(b.value, b.precision, b.circa) for b in smith.birth_dates] == [
        ("1970-05-03", DatePrecision.DAY, False), ("1971", DatePrecision.YEAR, True)]
    assert smith.nationalities == ["GB", "FR"]
    assert [(i.type, i.number, i.country) for i in smith.identifiers] == [
        ("passport", "123456789", "GB"), ("id", "999", None)]
    (d,) = smith.designations
    assert (d.authority, d.source, d.source_id) == ("Custom list", "acme-blacklist", "B-1")
    assert (d.program, d.listed_on, d.reason) == ("fraud", "2023-01-15", "Payment fraud 2022")
    assert smith.properties == {"risk owner": ["Alice"]}
    assert smith.raw["name"] == "John Smith" and smith.raw["risk owner"] == "Alice"

    assert acme.schema == Schema.ORGANIZATION
    assert acme.designations[0].listed_on == "2023-02-15"  # day first
    assert acme.identifiers[0].type == "registration"
    assert ship.schema == Schema.VESSEL
    assert (ship.identifiers[0].type, ship.identifiers[0].number) == ("imo", "9123456")


def test_mapping_semicolon_delimiter_and_authority(tmp_path: Path) -> None:
    text = (
        "WarrantNo;FullName;BirthDate;Citizenship;Kind\n"
        "W-77;Ivan Petrov;03 May 1979;Russia;individual\n"
        "W-78;Olga Petrova;1980;RU;\n"
    )
    path = _write(tmp_path, text, "warrants.csv")
    result = custom_csv.parse(
        path, name="warrants",
        mapping={"id": "WarrantNo", "name": "FullName", "dob": "BirthDate",
                 "nationality": "Citizenship", "type": "Kind"},
        authority="Prosecutor General",
    )
    assert result.authority == "Prosecutor General"
    ivan, olga = result.records
    assert ivan.source_id == "W-77" and ivan.primary_name == "Ivan Petrov"
    assert ivan.birth_dates[0].value == "1979-05-03"
    assert ivan.nationalities == ["RU"] and ivan.schema == Schema.PERSON
    assert ivan.designations[0].authority == "Prosecutor General"
    assert olga.schema == Schema.UNKNOWN  # empty type: the list does not say
    assert olga.nationalities == ["RU"]
    assert result.warnings == []


def test_no_id_column_uses_line_numbers_and_cp1252(tmp_path: Path) -> None:
    text = "Name,Aliases\nJosé Müller,Jose Muller\n\nFrançois Dœuf,\n"
    path = _write(tmp_path, text, encoding="cp1252")
    result = custom_csv.parse(path, name="internal")
    assert [(r.source_id, r.primary_name) for r in result.records] == [
        ("2", "José Müller"), ("4", "François Dœuf")]


def test_untidy_values_warn(tmp_path: Path) -> None:
    text = (
        "id,name,type,dob,nationality,listed_on\n"
        "1,A Person,wizard,not a date,Atlantis,someday\n"
        "2,B Person,person,,,\n"
        "3,C Person,person,,,,,surplus\n"
    )
    path = _write(tmp_path, text)
    result = custom_csv.parse(path, name="untidy")
    assert [r.source_id for r in result.records] == ["1", "2"]
    first = result.records[0]
    assert first.schema == Schema.UNKNOWN and first.birth_dates == []
    assert first.nationalities == [] and first.designations[0].listed_on is None
    assert result.warnings == [
        f"{path}, line 2: unknown type 'wizard'; Unknown is used",
        f"{path}, line 2: cannot read the date of birth 'not a date'; ignored",
        f"{path}, line 2: unknown country 'Atlantis'; ignored",
        f"{path}, line 2: cannot read the listing date 'someday'; ignored",
        f"{path}, line 4: 8 fields where the header on line 1 has 6; row skipped",
    ]


def test_missing_name_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,FullName\n1,John Smith\n")
    with pytest.raises(ParseError) as err:
        custom_csv.parse(path, name="x")
    assert err.value.path == str(path)
    assert err.value.location == "line 1 (header)"
    assert "no name column" in err.value.message
    # mapping it fixes the file
    result = custom_csv.parse(path, name="x", mapping={"name": "FullName"})
    assert result.records[0].primary_name == "John Smith"


def test_mapping_to_absent_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "name\nJohn Smith\n")
    with pytest.raises(ParseError) as err:
        custom_csv.parse(path, name="x", mapping={"dob": "BirthDate"})
    assert err.value.location == "line 1 (header)" and "'BirthDate'" in err.value.message
    with pytest.raises(ParseError, match="unknown field"):
        custom_csv.parse(path, name="x", mapping={"birthday": "name"})


def test_duplicate_ids_name_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,name\nA1,John Smith\nA2,Jane Doe\nA1,Jim Smith\n")
    with pytest.raises(ParseError) as err:
        custom_csv.parse(path, name="dups")
    assert err.value.location == "line 4"
    assert "duplicate id 'A1'" in err.value.message and "line 2" in err.value.message
    assert str(path) in str(err.value)


def test_list_name_is_required_and_checked(tmp_path: Path) -> None:
    path = _write(tmp_path, "name\nJohn Smith\n")
    with pytest.raises(ParseError, match="needs a name"):
        custom_csv.parse(path)
    with pytest.raises(ParseError, match="official list"):
        custom_csv.parse(path, name="us-ofac")
    with pytest.raises(ParseError, match="letters, digits"):
        custom_csv.parse(path, name="my list!")


def test_undecodable_and_empty(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"name\nJohn \x81 Smith\n")
    with pytest.raises(ParseError) as err:
        custom_csv.parse(bad, name="x")
    assert err.value.location == "byte 10"  # the 11th byte, after "name", newline, "John "
    empty = _write(tmp_path, "\n\n", "empty.csv")
    with pytest.raises(ParseError, match="empty"):
        custom_csv.parse(empty, name="x")


def test_never_sniffed(tmp_path: Path) -> None:
    path = _write(tmp_path, BLACKLIST)
    assert custom_csv.sniff(path) is False
