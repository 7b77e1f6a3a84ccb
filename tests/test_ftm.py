"""FollowTheMoney: `sanctio export --format ftm` and `sanctio load --format ftm`.

The export of real lists (OFAC SDN 2021 and UN 2026) is validated with the
``followthemoney`` package (the ``[ftm]`` extra): every entity is valid for its schema, every
property value is valid for its type and every reference points to an exported entity.
Export → load → export gives the same entities."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
import pytest

from sanctio.contract import Query
from sanctio.model import RelationType
from sanctio.registry import Registry
from sanctio.screen import Screener

from .conftest import DATA

ftm_model = pytest.importorskip("followthemoney").model

SDN = DATA / "ofac-sdn-2021"
UN = DATA / "un-2026" / "consolidated.xml"
PARTIES = {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"}

pytestmark = pytest.mark.skipif(not (SDN.exists() and UN.exists()),
                                reason="list data not available")


def sanctio(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sanctio.cli", *args, "--home", str(home)],
                          capture_output=True, text=True, timeout=300)


def read(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A registry with OFAC SDN 2021 and UN 2026, and its FtM export (by the CLI)."""
    base = tmp_path_factory.mktemp("ftm")
    home = base / "home"
    reg = Registry(home, auto_sample=False)
    for path in (SDN, UN):
        assert reg.load(path).status == "loaded"
    reg.close()
    out = base / "export.ftm.jsonl"
    done = sanctio(home, "export", "--format", "ftm", str(out))
    assert done.returncode == 0, done.stderr
    assert "FtM entities" in done.stdout
    return home, out


def test_every_exported_entity_is_valid_ftm(exported: tuple[Path, Path]) -> None:
    home, out = exported
    entities = read(out)
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids)), "entity ids are unique"
    known = set(ids)
    problems: list[str] = []
    for data in entities:
        schema = ftm_model.get(data["schema"])
        assert schema is not None, data["schema"]
        proxy = ftm_model.get_proxy(data, cleaned=False)
        assert proxy.schema.name == data["schema"] and proxy.id == data["id"]
        for prop_name, values in data["properties"].items():
            prop = schema.get(prop_name)
            if prop is None:
                problems.append(f"{data['id']}: {data['schema']} has no property {prop_name}")
                continue
            for value in values:
                if prop.type.clean(value) is None:
                    problems.append(f"{data['id']}: {prop_name} {value!r} is not a valid "
                                    f"{prop.type.name}")
                if prop.type.name == "entity" and value not in known:
                    problems.append(f"{data['id']}: {prop_name} refers to {value}, "
                                    "not exported")
        # the proxy keeps every value (nothing dropped by FtM's own cleaning)
        cleaned = ftm_model.get_proxy(data)
        for prop_name, values in data["properties"].items():
            assert len(cleaned.get(prop_name)) == len(values), (data["id"], prop_name)
        if data["schema"] in PARTIES:
            assert data["target"] is True and "sanction" in data["properties"]["topics"]
            assert data["properties"]["name"]
    assert not problems, problems[:10]

    by_schema: dict[str, int] = defaultdict(int)
    for e in entities:
        by_schema[e["schema"]] += 1
    reg = Registry(home, auto_sample=False)
    merged = reg.entities()
    assert sum(by_schema[s] for s in PARTIES) == len(merged)
    assert by_schema["Sanction"] >= len(merged)
    for kind in ("Person", "Company", "Organization", "Vessel", "Airplane", "Passport",
                 "Identification", "UnknownLink"):
        assert by_schema[kind] > 0, kind
    # all names of every party, in all scripts
    parties = {e["id"]: e for e in entities if e["schema"] in PARTIES}
    for entity in merged:
        props = parties[entity.id]["properties"]
        written = {v for k in ("name", "alias", "weakAlias", "previousName")
                   for v in props.get(k, [])}
        assert written == {" ".join(n.full.split()) for n, _ in entity.names}, entity.id
    reg.close()


def test_a_party_as_opensanctions_publishes_it(exported: tuple[Path, Path]) -> None:
    _, out = exported
    entities = read(out)
    kani = next(e for e in entities if e["id"] == "us-ofac-29119")
    assert kani["schema"] == "Person"
    assert "AL-KANI, Mohamed" in kani["properties"]["name"]
    sanctions = [e for e in entities if e["schema"] == "Sanction"
                 and e["properties"]["entity"] == ["us-ofac-29119"]]
    assert len(sanctions) == 1
    props = sanctions[0]["properties"]
    assert props["authority"] == ["US OFAC"] and props["program"] == ["GLOMAG"]
    assert props["country"] == ["us"] and props["authorityId"] == ["29119"]
    assert props["sourceUrl"][0].endswith("id=29119")
    # a UN listing: its reference number and listing date
    un = [e for e in entities if e["schema"] == "Sanction" and "unscId" in e["properties"]]
    assert un and all(len(e["properties"]["listingDate"][0]) == 10 for e in un[:50])
    # passports of people as Passport entities, with the issuing country
    passports = [e for e in entities if e["schema"] == "Passport"]
    assert any("country" in p["properties"] for p in passports)
    people = {e["id"] for e in entities if e["schema"] == "Person"}
    assert all(p["properties"]["holder"][0] in people for p in passports)


def comparable(entities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Entities by id: schema and properties as sets (datasets and referents are the lists
    the data was loaded from, which differ)."""
    return {e["id"]: {"schema": e["schema"],
                      "properties": {k: set(v) for k, v in e["properties"].items()}}
            for e in entities}


def test_export_load_export_gives_the_same_entities(exported: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    _, out = exported
    home = tmp_path / "home"
    done = sanctio(home, "load", str(out), "--format", "ftm", "--name", "ofac-un-ftm")
    assert done.returncode == 0, done.stdout + done.stderr
    again = tmp_path / "again.jsonl"
    done = sanctio(home, "export", "--format", "ftm", str(again))
    assert done.returncode == 0, done.stderr
    first, second = comparable(read(out)), comparable(read(again))
    assert set(first) == set(second)
    for key in ("name", "alias", "weakAlias", "birthDate", "nationality", "passportNumber",
                "idNumber", "imoNumber", "address"):
        assert {i: e["properties"].get(key) for i, e in first.items()} == \
            {i: e["properties"].get(key) for i, e in second.items()}, key
    sanctions = {i for i, e in first.items() if e["schema"] == "Sanction"}
    assert sanctions and all(first[i] == second[i] for i in sanctions)
    different = [i for i in first if first[i] != second[i]]
    assert not different, [(i, first[i], second[i]) for i in different[:3]]


def _party(eid: str, schema: str, target: bool | None = True, **props: list[str]
           ) -> dict[str, Any]:
    data: dict[str, Any] = {"id": eid, "schema": schema, "properties": props}
    if target is not None:
        data["target"] = target
    return data


def write(path: Path, entities: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entities))
    return path


def dataset(target: bool | None = True) -> list[dict[str, Any]]:
    """A small OpenSanctions-like stream: parties, sanctions, documents and links."""
    related = None if target is None else False
    return [
        _party("os-ivan", "Person", target, name=["Ivan Petrovich Sidorov"],
               alias=["Иван Петрович Сидоров"], birthDate=["1961-02-03"], nationality=["ru"],
               gender=["male"], addressEntity=["addr-1"]),
        _party("os-olga", "Person", target, name=["Olga Ivanovna Sidorova"]),
        _party("os-bank", "Company", target, name=["Bank Rossiya PJSC"],
               innCode=["7831000122"], swiftBic=["ROSYRU2P"], jurisdiction=["ru"]),
        _party("os-ship", "Vessel", target, name=["SEA EAGLE"], imoNumber=["IMO9123456"]),
        _party("os-cousin", "Person", related, name=["Pavel Sidorov"]),
        {"id": "addr-1", "schema": "Address", "properties": {"full": ["Moscow, Tverskaya 1"]}},
        {"id": "pp-1", "schema": "Passport", "properties": {
            "holder": ["os-ivan"], "number": ["722333444"], "country": ["ru"]}},
        {"id": "s-1", "schema": "Sanction", "properties": {
            "entity": ["os-ivan"], "authority": ["Office of Foreign Assets Control"],
            "program": ["RUSSIA-EO14024"], "listingDate": ["2022-03-11"],
            "sourceUrl": ["https://example.org/ivan"], "reason": ["Oligarch"]}},
        {"id": "s-2", "schema": "Sanction", "properties": {
            "entity": ["os-ivan"], "authority": ["EU Council"], "startDate": ["2022-02-28"]}},
        {"id": "s-3", "schema": "Sanction", "properties": {
            "entity": ["os-bank"], "authority": ["UK HMT"], "program": ["Russia"]}},
        {"id": "fam-1", "schema": "Family", "properties": {
            "person": ["os-ivan"], "relative": ["os-olga"], "relationship": ["spouse"]}},
        {"id": "mem-1", "schema": "Membership", "properties": {
            "member": ["os-ivan"], "organization": ["os-bank"], "role": ["board member"]}},
        {"id": "own-1", "schema": "Ownership", "properties": {
            "owner": ["os-bank"], "asset": ["os-ship"]}},
    ]


def test_an_opensanctions_stream_loads_as_a_list(tmp_path: Path) -> None:
    path = write(tmp_path / "entities.ftm.json", dataset())
    reg = Registry(tmp_path / "home", auto_sample=False)
    result = reg.load(path, name="os-sample")  # detected as FtM
    assert result.status == "loaded", result.error
    assert result.version is not None and result.version.format == "ftm"
    assert result.version.record_count == 4  # target entities only, not the cousin
    ivan = reg.record("os-sample:os-ivan")
    assert ivan is not None
    assert [n.type.value for n in ivan.names] == ["primary", "original"]
    assert ivan.birth_dates[0].value == "1961-02-03" and ivan.nationalities == ["RU"]
    assert [(i.type, i.number, i.country) for i in ivan.identifiers] == [
        ("passport", "722333444", "RU")]
    assert [a.full for a in ivan.addresses] == ["Moscow, Tverskaya 1"]
    assert {(d.authority, d.program, d.listed_on) for d in ivan.designations} == {
        ("Office of Foreign Assets Control", "RUSSIA-EO14024", "2022-03-11"),
        ("EU Council", None, "2022-02-28")}
    assert {(r.type, r.target_id, r.note) for r in ivan.relations} == {
        (RelationType.FAMILY, "os-olga", "spouse"),
        (RelationType.MEMBER_OF, "os-bank", "board member")}
    ship = reg.record("os-sample:os-ship")
    assert ship is not None and ship.relations[0].type == RelationType.OWNED_BY
    olga = reg.record("os-sample:os-olga")
    assert olga is not None and olga.designations[0].authority == "FtM list os-sample"

    # screening finds it like any other list
    screener = Screener(reg)
    found = screener.screen(Query.build("Ivan Sidorov", schema="Person"), top=1).matches
    assert found and found[0].entity_id == "os-sample-os-ivan"
    screener.close()

    # the export writes the links back, valid FtM
    out = tmp_path / "out.jsonl"
    from sanctio.ftm import export

    export(reg, out)
    entities = read(out)
    kinds = {e["schema"] for e in entities}
    assert {"Family", "Membership", "UnknownLink", "Passport", "Company"} <= kinds
    for data in entities:
        proxy = ftm_model.get_proxy(data)
        assert proxy.schema.name == data["schema"]
    ivan_sanction = next(e for e in entities if e["schema"] == "Sanction"
                         and e["properties"].get("program") == ["RUSSIA-EO14024"])
    assert ivan_sanction["properties"]["sourceUrl"] == ["https://example.org/ivan"]

    # a new version: a party removed, a name changed; the diff follows the FtM ids
    changed = [e for e in dataset() if e["id"] != "os-ship"]
    changed[1]["properties"]["name"] = ["Olga Sidorova"]
    result = reg.load(write(tmp_path / "entities-2.ftm.json", changed), fmt="ftm",
                      name="os-sample", allow_shrink=True)
    assert result.status == "loaded", result.error
    diff = reg.diff("os-sample")
    assert [c.source_id for c in diff.removed] == ["os-ship"]
    # Olga's name changed, and so did Ivan's relation to her (it names her)
    assert sorted(c.source_id for c in diff.changed) == ["os-ivan", "os-olga"]
    reg.close()


def test_without_target_fields_every_party_is_screened(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.jsonl", dataset(target=None))
    reg = Registry(tmp_path / "home", auto_sample=False)
    result = reg.load(path, fmt="ftm", name="plain")
    assert result.status == "loaded", result.error
    assert result.version is not None and result.version.record_count == 5
    reg.close()


@pytest.mark.parametrize(("content", "message"), [
    (b'{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{not json\n',
     "line 2"),
    (b'[1, 2]\n', "line 1"),
    (b'{"id": "a", "schema": "Person", "target": false, "properties": {}}\n',
     "no screened entity"),
])
def test_a_bad_stream_is_a_failed_load(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    reg = Registry(tmp_path / "home", auto_sample=False)
    result = reg.load(path, fmt="ftm", name="bad")
    assert result.status == "failed" and message in (result.error or ""), result.error
    reg.close()


def test_an_official_list_name_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", dataset())
    reg = Registry(tmp_path / "home", auto_sample=False)
    result = reg.load(path, fmt="ftm", name="us-ofac")
    assert result.status == "failed" and "official list" in (result.error or "")
    reg.close()


def test_ids_that_ftm_cannot_take_are_made_valid() -> None:
    """Canada's ids hold slashes (Zimbabwe/NA/99), custom list names underscores."""
    from followthemoney import registry

    from sanctio.ftm import safe_id

    assert safe_id("us-ofac-29119") == "us-ofac-29119"
    made = [safe_id(x) for x in ("ca-sema-Zimbabwe/NA/99", "my_list-7", "a:b", "ä", "-x-")]
    assert all(registry.entity.clean(x) == x for x in made), made
    assert len(set(made)) == len(made)
    assert safe_id("ca-sema-Zimbabwe/NA/99") != safe_id("ca-sema-Zimbabwe-NA-99")
