"""The registry: versioned atomic loads, diffs, cross-list merging, the built-in sample."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sanctio.entity_view import entity_to_dict
from sanctio.registry import Registry

from .conftest import DATA, SDN_RECORDS, UN_RECORDS, expect

SDN = DATA / "ofac-sdn-2021"

# every test on SQLite and on PostgreSQL
pytestmark = pytest.mark.usefixtures("db_url")


def make_earlier_sdn(target: Path) -> Path:
    """The SDN set as it was before the al-Kani designations: without ent_num 29119 and
    29368, with one record's remarks altered and one record that was later removed."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("alt.csv", "add.csv", "sdn_comments.csv"):
        lines = (SDN / name).read_bytes().split(b"\n")
        kept = [ln for ln in lines if not ln.startswith((b"29119,", b"29368,"))]
        (target / name).write_bytes(b"\n".join(kept))
    lines = (SDN / "sdn.csv").read_bytes().split(b"\n")
    out = []
    for ln in lines:
        if ln.startswith((b"29119,", b"29368,")):
            continue
        if ln.startswith(b"306,"):
            ln = ln.replace(b"a.k.a. 'BNC'", b"a.k.a. 'BNC OLD'")
        out.append(ln)
    out.insert(0, b'99999999,"OLD DELISTED TRADING LTD",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,'
                  b'-0- ,-0- ,-0- \r')
    (target / "sdn.csv").write_bytes(b"\n".join(out))
    return target


def test_versions_diff_and_reload(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home")
    assert "sample" in reg.active_versions()  # an empty registry works offline on the sample
    old = reg.load(make_earlier_sdn(tmp_path / "sdn-2020"))
    assert old.status == "loaded", old.error
    assert "sample" not in reg.active_versions()  # the sample steps aside for real lists
    assert reg.entity("us-ofac:29119") is None
    new = reg.load(SDN)
    assert new.status == "loaded" and new.version is not None
    assert new.version.record_count == SDN_RECORDS
    assert len(new.version.sha256) == 64
    assert new.version.label.startswith("us-ofac@")
    d = reg.diff("us-ofac")
    assert {c.source_id for c in d.added} == {"29119", "29368"}
    assert [c.source_id for c in d.removed] == ["99999999"]
    assert [c.source_id for c in d.changed] == ["306"]
    assert d.changed[0].fields  # says which fields changed
    # the same file again changes nothing
    again = reg.load(SDN)
    assert again.status == "unchanged"
    assert len([v for v in reg.versions("us-ofac") if v.status != "failed"]) == 2
    # going back to the earlier file reactivates that version instead of copying it
    back = reg.load(tmp_path / "sdn-2020")
    assert back.status == "reactivated"
    assert reg.active_versions()["us-ofac"].id == old.version.id  # type: ignore[union-attr]


def test_failed_load_keeps_previous_version(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home")
    good = reg.load(DATA / "uk-2026" / "ConList.csv")
    assert good.status == "loaded"
    broken = tmp_path / "ConList.csv"
    data = (DATA / "uk-2026" / "ConList.csv").read_bytes()
    lines = data.split(b"\n")
    lines[50] = b'"unterminated,' + lines[50]
    broken.write_bytes(b"\n".join(lines[:400]))
    bad = reg.load(broken, fmt="uk-conlist")
    assert bad.status == "failed"
    assert bad.error and "ConList.csv" in bad.error and "line" in bad.error
    active = reg.active_versions()["uk"]
    assert active.id == good.version.id  # type: ignore[union-attr]
    assert reg.entity("uk:14105") is not None
    statuses = [v.status for v in reg.versions("uk")]
    assert statuses == ["active", "failed"]


def test_hostile_xml_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home")
    reg.load(DATA / "un-2026" / "consolidated.xml")
    before = reg.record_count()
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
                    "<CONSOLIDATED_LIST>&lol2;</CONSOLIDATED_LIST>\n")
    result = reg.load(bomb, fmt="un-xml", list_id="un")
    assert result.status == "failed" and "refused" in (result.error or "")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">'
                   ']>\n<CONSOLIDATED_LIST>&x;</CONSOLIDATED_LIST>\n')
    result = reg.load(xxe, fmt="un-xml", list_id="un")
    assert result.status == "failed" and "root:" not in (result.error or "")
    assert reg.record_count() == before
    assert reg.active_versions()["un"].record_count == UN_RECORDS


def test_empty_and_unknown_files_fail_clearly(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    result = reg.load(empty)
    assert result.status == "failed" and "empty" in (result.error or "")
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\nworld\n")
    result = reg.load(odd)
    assert result.status == "failed" and "--format" in (result.error or "")


def test_cross_list_merges(main_registry: Registry) -> None:
    kani = main_registry.entity("us-ofac:29119")
    assert kani is not None
    assert {m.key for m in kani.members} == {"us-ofac:29119", "uk:14105"}
    assert all("cross-reference" in why for _, _, why in kani.evidence)
    kaniyat = main_registry.entity("uk:14107")
    assert kaniyat is not None
    assert {m.key for m in kaniyat.members} == {"us-ofac:29368", "eu:128875", "uk:14107"}
    brother = main_registry.entity("eu:128270")
    assert brother is not None and {m.key for m in brother.members} == {"eu:128270", "uk:14106"}
    # records citing the same UN reference merge on that evidence
    cited = [e for e in main_registry.entities()
             if any("both cite UN-REF" in why for _, _, why in e.evidence)]
    assert len(cited) > expect(500, 50)
    # a list never lists a party twice: no entity holds two records of one list
    for e in main_registry.entities():
        lists = [m.version.list_id for m in e.members]
        assert len(lists) == len(set(lists)), e.id


def test_show_timeline_and_absent_authorities(main_registry: Registry) -> None:
    kaniyat = main_registry.entity("us-ofac:29368")
    assert kaniyat is not None
    data = entity_to_dict(kaniyat, ["eu", "uk", "un", "us-ofac"])
    assert data["not_listed_by"] == ["un"]
    # dated designations in order (UK 2021, EU amendment 2022); the SDN CSV states no date
    assert [d["source"] for d in data["designations"]] == ["uk", "eu", "us-ofac"]
    assert data["designations"][0]["listed_on"] == "2021-05-07"
    names = {n["name"] for n in data["names"]}
    assert "9TH BRIGADE" in names and "TARHUNA 7TH BRIGADE" in names
    kani = main_registry.entity("uk:14105")
    assert kani is not None
    data = entity_to_dict(kani, ["eu", "uk", "un", "us-ofac"])
    assert "1979-05-03" in data["birth_dates"]
    assert any(r["target_name"] == "KANIYAT MILITIA" for r in data["relations"])


def test_name_alone_never_merges_but_name_and_dob_do(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home")
    a = tmp_path / "a.csv"
    a.write_text("id,name,dob\n1,John Smith,1970-01-02\n2,Jane Roe,1980-03-04\n")
    b = tmp_path / "b.csv"
    b.write_text("id,name,dob\n7,SMITH John,1970-01-02\n8,Jane Roe,\n")
    assert reg.load(a, fmt="custom-csv", name="list-a").status == "loaded"
    assert reg.load(b, fmt="custom-csv", name="list-b").status == "loaded"
    smith = reg.entity("list-a:1")
    roe = reg.entity("list-a:2")
    assert smith is not None and roe is not None
    assert {m.key for m in smith.members} == {"list-a:1", "list-b:7"}
    assert {m.key for m in roe.members} == {"list-a:2"}  # same name, no date: not merged
    # an analyst can split a merge, and it stays split
    reg.judge("list-a:1", "list-b:7", "different", "different people, checked passports")
    smith = reg.entity("list-a:1")
    assert smith is not None and len(smith.members) == 1


def test_directory_copy_loads_like_the_original(tmp_path: Path) -> None:
    copy = tmp_path / "sdn"
    shutil.copytree(SDN, copy)
    reg = Registry(tmp_path / "home")
    assert reg.load(copy).status == "loaded"
    assert reg.load(SDN).status == "unchanged"  # same files, same digest
