"""The history of one record across the stored versions of its list (Registry.record_history),
on real list files: UK 2020 (sample) then UK 2026, and a copy of 2020 without one record then
the 2020 file again (a removal and a relisting)."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from sanctio.cli import app
from sanctio.registry import Registry

from .conftest import DATA, both_back_ends

pytestmark = both_back_ends

UK_2020 = DATA / "uk-2020-sample" / "ConList.csv"
UK_2026 = DATA / "uk-2026" / "ConList.csv"


def test_added_changed_removed_between_two_uk_lists(tmp_path: Path) -> None:
    reg = Registry(tmp_path, auto_sample=False)
    first = reg.load(UK_2020)
    second = reg.load(UK_2026, allow_shrink=True)
    assert (first.status, second.status) == ("loaded", "loaded"), second.error
    diff = reg.diff("uk")
    assert diff.added and diff.removed and diff.changed

    removed = diff.removed[0].source_id
    events = reg.record_history("uk", removed)
    assert [e.event for e in events] == ["first_seen", "removed"]
    assert events[0].date == "2020-02-17" and events[1].date == "2026-02-20"
    assert events[1].version == second.version.label  # type: ignore[union-attr]

    change = next(c for c in diff.changed if c.source_id == "11123")  # QASIM AL-RIMI
    events = reg.record_history("uk", "11123")
    assert [e.event for e in events] == ["first_seen", "changed"]
    assert events[1].fields == change.fields and "names" in events[1].fields

    added = diff.added[0].source_id
    assert [e.event for e in reg.record_history("uk", added)] == ["added"]
    assert reg.record_history("uk", "no-such-record") == []
    assert reg.record_history("no-such-list", added) == []
    # as `sanctio show --json` and the console carry it
    assert reg.record_history("uk", removed)[1].to_dict()["event"] == "removed"
    reg.close()

    # `sanctio show --json` carries each record's history
    result = CliRunner().invoke(app, ["show", "uk:11123", "--json", "--home", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    history = orjson.loads(result.stdout)["history"]["uk:11123"]
    assert [e["event"] for e in history] == ["first_seen", "changed"]
    assert history[1]["date"] == "2026-02-20" and "names" in history[1]["fields"]


def test_removed_then_relisted(tmp_path: Path) -> None:
    lines = UK_2020.read_bytes().splitlines(keepends=True)  # the file is cp1252
    without = tmp_path / "without-10657.csv"
    # the group's rows leave the file (its last column is the group id)
    without.write_bytes(b"".join(ln for ln in lines if not ln.rstrip().endswith(b",10657")))
    back = tmp_path / "back.csv"  # the 2020 content again, as a new file
    back.write_bytes(b"".join(lines) + b"\r\n")
    reg = Registry(tmp_path / "home", auto_sample=False)
    assert reg.load(UK_2020).status == "loaded"
    assert reg.load(without, allow_shrink=True).status == "loaded"
    third = reg.load(back)
    assert third.status == "loaded", third.error
    events = reg.record_history("uk", "10657")
    assert [e.event for e in events] == ["first_seen", "removed", "relisted"]
    assert events[2].fields == []  # the same content as before its removal
    # a record the files never touched has only its first sighting
    other = next(sid for _, sid in reg.conn.execute(
        "SELECT version_id, source_id FROM records WHERE version_id=? AND source_id!='10657'",
        (third.version.id,)))  # type: ignore[union-attr]
    assert [e.event for e in reg.record_history("uk", other)] == ["first_seen"]
    reg.close()
