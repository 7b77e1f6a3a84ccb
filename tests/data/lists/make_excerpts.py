"""Cut the compact list excerpts of ``tests/data/lists`` from the full official files.

    .venv/bin/python tests/data/lists/make_excerpts.py [--data ../shared/data]

Every excerpt keeps its list's official format byte for byte: the same prolog, header lines,
namespaces, indentation and line endings, with only whole records removed (the one header value
rewritten is the OFAC XML ``Record_Count``, set to the entries kept). The Australian workbook is
written again with openpyxl from the real rows, with the same sheet name, header and cell types.

What is kept, per list, in the original order:

- every record a test in ``tests/`` names (ids, and the records behind the names it screens),
  with the al-Kani / Kaniyat records of the golden cases;
- the records those cite or merge with: OFAC ``Linked To`` targets, and for a UN reference
  cited by a kept EU or UK record, the UN record and the other lists' records citing it;
- the first rows or records of each file (tests cut and corrupt the top of the files);
- a deterministic sample: every n-th record, plus records with names in native scripts.

The selection is deterministic: running the script twice writes the same bytes. It also
writes ``counts.json``, the raw figures of the excerpts (records, rows), which the tests
compare the parsers' output with when only the excerpts are present.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "src"))

from sanctio.sources import eu_fsf, ofac_csv, uk_conlist, un_xml  # noqa: E402

# ------------------------------------------------------------------ records the tests name

OFAC_SDN_IDS = {
    # tests/test_source_ofac_csv.py
    "29119", "29368", "306", "15036", "15117", "15496", "15962", "7782", "16455", "12057",
    "12300", "12396", "12904", "28263", "27307", "30518", "6944", "25064", "8116", "8740",
    # every row of sdn_comments.csv
    "28264", "29703",
    # tests/test_matching.py, tests/test_monitor_lists.py, tests/test_registry.py
    "6365", "20157", "6335", "6659",
    # tests/test_matching.py: Hong Kong officials by their Chinese names, Khamenei in Persian
    "29249", "29246", "29242", "26945",
    # tests/test_matching.py, tests/test_japanese.py: Japanese names in kanji
    "13072", "16606",
}
OFAC_CONS_IDS = {"9639", "9668", "17015", "17013", "17526", "26182", "18267", "17022"}
UN_IDS = {
    "6908704", "6908021", "690767", "6908404", "6908072", "6908865",
}
UN_NAMES = ["Lased Ben Heni", "Ali Barkani"]  # records found by name in tests/test_source_un
UN_NUMBERS = ["03824970"]  # the Omani passport of tests/test_source_un
EU_IDS = {
    "128270", "128875", "6106", "20", "25", "6177", "127388",
    "128279", "135909", "154792", "139910", "110103", "7200",
}
UK_IDS = {"14105", "14106", "14107", "6894", "6895", "16744", "6897", "12157", "6995", "13647"}
CSL_IDS = {"17014", "9647", "26182", "30882", "4238",
           "b6e959b59898e975daaae8fae3a8da1ec522f9f888cafc0e6401a16d"}
AU_REFS = {2, 34, 1276, 2680, 2943, 2947}
CA_IDS = {"Burma/1/1", "Iran/1/39", "Russia/1/94", "Ukraine/1/121", "JVCFOR/1/1"}

# how many records of each list the deterministic sample adds (besides the above)
SAMPLE = {"ofac-sdn": 260, "ofac-cons": 70, "un": 110, "eu": 90, "uk": 120, "csl": 220,
          "au": 150, "ca": 160}
HEAD = {"ofac-sdn": 120, "uk": 60, "csl": 30, "ca": 60, "au": 40}  # first records kept


def every_nth(items: list[str], n: int) -> set[str]:
    if n <= 0 or not items:
        return set()
    step = max(1, len(items) // n)
    return set(items[step // 2::step][:n])


# ------------------------------------------------------------------------- XML cutting


def cut_xml(text: str, tag: str, keep: Callable[[int, str], bool]) -> tuple[str, int]:
    """``text`` without the ``<tag ...>...</tag>`` elements ``keep(index, element)`` refuses.
    Each element goes with the white space before it, so the layout of the rest is unchanged.
    """
    pattern = re.compile(rf"[ \t\r\n]*<{tag}[ >].*?</{tag}>", re.DOTALL)
    out: list[str] = []
    last = 0
    kept = 0
    for i, m in enumerate(pattern.finditer(text)):
        out.append(text[last:m.start()])
        if keep(i, m.group(0)):
            out.append(m.group(0))
            kept += 1
        last = m.end()
    out.append(text[last:])
    return "".join(out), kept


def elements(text: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}[ >].*?</{tag}>", text, re.DOTALL)


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ----------------------------------------------------------------------- CSV row cutting


def raw_rows(text: str) -> list[tuple[list[str], str]]:
    """Each CSV row of ``text`` with the exact text it was read from (quoted line breaks
    included)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    if not lines[-1]:
        lines.pop()
    buf: list[str] = []

    def feed() -> Iterable[str]:
        for line in lines:
            buf.append(line)
            yield line

    rows: list[tuple[list[str], str]] = []
    for row in csv.reader(feed()):
        rows.append((row, "".join(buf)))
        buf.clear()
    return rows


# ------------------------------------------------------------------------------- lists


def ofac_sdn(src: Path, dst: Path, counts: dict[str, object]) -> None:
    full = ofac_csv.parse(src)
    by_id = {r.source_id: r for r in full.records}
    order = [r.source_id for r in full.records]
    keep = set(OFAC_SDN_IDS) | set(order[:HEAD["ofac-sdn"]])
    # the two records named MINISTRY OF STATE SECURITY, and one record linked to that name
    mss = [r.source_id for r in full.records if r.primary_name == "MINISTRY OF STATE SECURITY"]
    keep |= set(mss)
    keep |= {next(r.source_id for r in full.records if any(
        rel.target_name == "MINISTRY OF STATE SECURITY" for rel in r.relations))}
    keep |= every_nth(order, SAMPLE["ofac-sdn"])
    # the record whose remarks date the set (the CSV set states no date of its own)
    fact = re.search(r"remarks \((.*)\)", getattr(full, "derived_from", None) or "")
    if fact:
        keep |= {r.source_id for r in full.records
                 if fact.group(1) in str(r.raw.get("Remarks") or "")}
    # a few vessels with IMO numbers and ICTY indictees (tests count them)
    keep |= set([r.source_id for r in full.records if r.schema.value == "Vessel"][::40])
    keep |= set([r.source_id for r in full.records
                 if "ICTY indictee" in r.properties.get("remarks", [])][::10])
    # Linked To targets of what is kept, one level
    for sid in sorted(keep):
        keep |= {rel.target_id for rel in by_id[sid].relations if rel.target_id}
    counts_rows = {}
    for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"):
        data = (src / name).read_bytes()
        parts = data.split(b"\r\n")
        # what follows the last line break: the 0x1A end-of-file row, or nothing
        assert parts[-1] in (b"\x1a", b""), name
        rows = [p for p in parts[:-1] if p.split(b",", 1)[0].decode() in keep]
        write(dst / name, b"\r\n".join([*rows, parts[-1]]))
        counts_rows[name] = len(rows)
        if name == "sdn.csv":  # SDN_Type, the third column ("-0- " for an entity)
            types = Counter(row[2].strip() for row in csv.reader(
                r.decode("ascii") for r in rows))
    counts["ofac-sdn"] = {"records": counts_rows["sdn.csv"], "rows": counts_rows,
                          "sdn_types": dict(sorted(types.items()))}


def ofac_cons(src: Path, dst: Path, counts: dict[str, object]) -> None:
    text = src.read_bytes().decode("utf-8")
    uids = [re.search(r"<uid>(\d+)</uid>", e).group(1)  # type: ignore[union-attr]
            for e in elements(text, "sdnEntry")]
    keep = set(OFAC_CONS_IDS) | set(uids[:10]) | every_nth(uids, SAMPLE["ofac-cons"])
    # the remarks' Linked To targets resolve: keep every entry a kept entry links to by name
    names = {}
    for e in elements(text, "sdnEntry"):
        uid = re.search(r"<uid>(\d+)</uid>", e).group(1)  # type: ignore[union-attr]
        last = re.search(r"<lastName>(.*?)</lastName>", e)
        if last and "<firstName>" not in e:
            names[last.group(1)] = uid
    for e in elements(text, "sdnEntry"):
        uid = re.search(r"<uid>(\d+)</uid>", e).group(1)  # type: ignore[union-attr]
        if uid in keep:
            for target in re.findall(r"Linked To: ([^);]+?)\)?[;.]?</remarks>", e):
                if target in names:
                    keep.add(names[target])
    out, kept = cut_xml(text, "sdnEntry", lambda i, e: uids[i] in keep)
    out = re.sub(r"<Record_Count>\d+</Record_Count>", f"<Record_Count>{kept}</Record_Count>",
                 out, count=1)
    write(dst, out.encode("utf-8"))
    counts["ofac-cons"] = {
        "records": kept,
        "sdn_types": dict(sorted(Counter(re.findall(r"<sdnType>(\w+)</sdnType>", out)).items())),
        "programs": len(re.findall(r"<program>", out)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args()
    data: Path = args.data
    out: Path = args.out
    counts: dict[str, object] = {}

    ofac_sdn(data / "ofac-sdn-2021", out / "ofac-sdn-2021", counts)
    ofac_cons(data / "ofac-cons-2020" / "consolidated.xml",
              out / "ofac-cons-2020" / "consolidated.xml", counts)
    un_eu_uk(data, out, counts)
    us_csl(data / "us-csl-2023" / "csl.csv", out / "us-csl-2023" / "csl.csv", counts)
    au(data / "au-2024" / "regulation8_consolidated.xlsx",
       out / "au-2024" / "regulation8_consolidated.xlsx", counts)
    ca(data / "ca-2020" / "sema-lmes.xml", out / "ca-2020" / "sema-lmes.xml", counts)
    for folder, name in (("uk-2020-sample", "ConList.csv"), ("pairs", "cross_script_pairs.csv")):
        (out / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data / folder / name, out / folder / name)
    (out / "counts.json").write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(json.dumps(counts, sort_keys=True))
    print(f"{total / 1e6:.2f} MB in {out}")


# ------------------------------------------------------------ UN, EU and UK, cross-linked


def un_eu_uk(data: Path, out: Path, counts: dict[str, object]) -> None:
    un_src = data / "un-2026" / "consolidated.xml"
    eu_src = data / "eu-2026" / "sanctions.xml"
    uk_src = data / "uk-2026" / "ConList.csv"
    un_full, eu_full, uk_full = un_xml.parse(un_src), eu_fsf.parse(eu_src), uk_conlist.parse(uk_src)

    un_ref = {r.designations[0].reference: r.source_id for r in un_full.records}
    eu_refs = {r.source_id: [x[7:] for x in r.xrefs if x.startswith("un-ref:")]
               for r in eu_full.records}
    uk_refs = {r.source_id: [x[7:] for x in r.xrefs if x.startswith("un-ref:")]
               for r in uk_full.records}
    un_order = [r.source_id for r in un_full.records]
    eu_order = [r.source_id for r in eu_full.records]
    uk_order = [r.source_id for r in uk_full.records]

    un_keep = set(UN_IDS)
    for r in un_full.records:
        names = {n.full for n in r.names}
        if any(n in names for n in UN_NAMES) or any(
                i.number in UN_NUMBERS for i in r.identifiers):
            un_keep.add(r.source_id)
    un_keep |= every_nth(un_order, SAMPLE["un"])
    # native script names: every 8th record with a NAME_ORIGINAL_SCRIPT
    un_keep |= set([r.source_id for r in un_full.records
                    if any(n.type.value == "original" for n in r.names)][::8])

    eu_keep = set(EU_IDS) | every_nth(eu_order, SAMPLE["eu"])
    for script in ("Cyrl", "Arab", "Hani", "Grek", "Hang", "Hebr"):
        eu_keep |= set([r.source_id for r in eu_full.records
                        if any(n.script == script for n in r.names)][:6])
    # EU records whose first alias is Russian (tests/test_source_eu)
    eu_keep |= set([r.source_id for r in eu_full.records
                    if isinstance(r.raw.get("nameAlias"), list)
                    and r.raw["nameAlias"][0].get("@nameLanguage") == "RU"][::40])

    uk_head: list[str] = []
    for r in uk_full.records:  # records in the order of their first row
        uk_head.append(r.source_id)
    uk_keep = set(UK_IDS) | every_nth(uk_order, SAMPLE["uk"])
    uk_keep |= set([r.source_id for r in uk_full.records
                    if any(n.type.value == "original" for n in r.names)][::40])

    # cross-list closure over UN references: the UN record and every EU/UK record citing it
    refs = {un_ref_of for sid in un_keep for un_ref_of in
            [next(r.designations[0].reference for r in un_full.records if r.source_id == sid)]}
    refs |= {x for sid in eu_keep for x in eu_refs[sid]}
    refs |= {x for sid in uk_keep for x in uk_refs[sid]}
    un_keep |= {un_ref[x] for x in refs if x in un_ref}
    eu_keep |= {sid for sid, xs in eu_refs.items() if set(xs) & refs}
    uk_keep |= {sid for sid, xs in uk_refs.items() if set(xs) & refs}

    # UN
    text = un_src.read_bytes().decode("utf-8")
    ids = [re.search(r"<DATAID>(\d+)</DATAID>", e).group(1)  # type: ignore[union-attr]
           for e in elements(text, "INDIVIDUAL")]
    text, n_ind = cut_xml(text, "INDIVIDUAL", lambda i, e: ids[i] in un_keep)
    ids = [re.search(r"<DATAID>(\d+)</DATAID>", e).group(1)  # type: ignore[union-attr]
           for e in elements(text, "ENTITY")]
    text, n_ent = cut_xml(text, "ENTITY", lambda i, e: ids[i] in un_keep)
    write(out / "un-2026" / "consolidated.xml", text.encode("utf-8"))
    counts["un"] = {"records": n_ind + n_ent, "individuals": n_ind, "entities": n_ent}

    # EU
    text = eu_src.read_bytes().decode("utf-8")
    ids = [re.search(r'logicalId="(\d+)"', e).group(1)  # type: ignore[union-attr]
           for e in elements(text, "sanctionEntity")]
    text, n_eu = cut_xml(text, "sanctionEntity", lambda i, e: ids[i] in eu_keep)
    write(out / "eu-2026" / "sanctions.xml", text.encode("utf-8"))
    counts["eu"] = {"records": n_eu}

    # UK: all rows of the kept Group IDs, and every group of the first rows
    raw = uk_src.read_bytes()
    first, second, body = raw.split(b"\r\n", 2)
    rows = raw_rows(body.decode("utf-8"))
    uk_keep |= {row[-1] for row, _ in rows[:HEAD["uk"]]}
    kept = [r for row, r in rows if row[-1] in uk_keep]
    out_text = first + b"\r\n" + second + b"\r\n" + "".join(kept).encode("utf-8")
    write(out / "uk-2026" / "ConList.csv", out_text)
    cols = next(csv.reader([second.decode("utf-8")]))
    table = [dict(zip(cols, row, strict=True)) for row, _ in rows if row[-1] in uk_keep]
    counts["uk"] = {
        "records": len({r["Group ID"] for r in table}),
        "rows": len(kept),
        "designations": len({(r["Group ID"], r["Regime"]) for r in table}),
        "group_types": dict(sorted(Counter(
            {r["Group ID"]: r["Group Type"] for r in table}.values()).items())),
        "groups_with_non_latin_names": len(
            {r["Group ID"] for r in table if r["Name Non-Latin Script"].strip()}),
    }


# -------------------------------------------------------------------------------- US CSL


def us_csl(src: Path, dst: Path, counts: dict[str, object]) -> None:
    text = src.read_bytes().decode("utf-8")
    rows = raw_rows(text)
    header, repeated, body = rows[0], rows[1], rows[2:]
    assert repeated[0] == header[0]
    truncated = body[-1]
    assert len(truncated[0]) < len(header[0])
    body = body[:-1]
    ids = [row[0] for row, _ in body]
    keep = set(CSL_IDS) | set(ids[:HEAD["csl"]]) | every_nth(ids, SAMPLE["csl"])
    # one row of every list, and the ids listed twice
    source_col = header[0].index("source")
    seen: set[str] = set()
    for row, _ in body:
        if row[source_col] not in seen:
            seen.add(row[source_col])
            keep.add(row[0])
    twice = {i for i in ids if ids.count(i) > 1}
    keep |= set(sorted(twice)[:4])
    kept = [r for row, r in body if row[0] in keep]
    write(dst, (header[1] + repeated[1] + "".join(kept) + truncated[1]).encode("utf-8"))
    counts["us-csl"] = {"records": len(keep), "rows": len(kept), "lists": len(seen),
                        "ids_on_two_rows": len(keep & twice)}


# ----------------------------------------------------------------------------- Australia


def au(src: Path, dst: Path, counts: dict[str, object]) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(src)
    ws = wb.active
    rows = list(ws.iter_rows())
    header = rows[0]
    width = max(i for i, c in enumerate(header) if c.value is not None) + 1
    body = [r for r in rows[1:] if any(c.value is not None for c in r[:width])]

    def ref(r: tuple) -> int:
        return int(re.match(r"\d+", str(r[0].value)).group(0))  # type: ignore[union-attr]

    refs = list(dict.fromkeys(ref(r) for r in body))
    keep = set(AU_REFS) | set(refs[:HEAD["au"]])
    keep |= {int(x) for x in every_nth([str(x) for x in refs], SAMPLE["au"])}
    latest = max(body, key=lambda r: r[11].value or 0)
    keep.add(ref(latest))  # the latest Control Date is the list's date
    kept = [r for r in body if ref(r) in keep]

    out = openpyxl.Workbook()
    sheet = out.active
    sheet.title = ws.title
    for r in [header, *kept]:
        sheet.append([c.value for c in r[:width]])
    for src_row, dst_row in zip([header, *kept], sheet.iter_rows(), strict=True):
        for a, b in zip(src_row[:width], dst_row, strict=False):
            b.number_format = a.number_format
    for key, dim in ws.column_dimensions.items():
        if dim.width:
            sheet.column_dimensions[key].width = dim.width
    sheet.freeze_panes = ws.freeze_panes
    sheet.auto_filter.ref = f"A1:{openpyxl.utils.get_column_letter(width)}{len(kept) + 1}"
    # the source's document dates, and fixed zip entry times: the same bytes on every run
    out.properties.creator = wb.properties.creator
    out.properties.created = wb.properties.created
    modified = (wb.properties.modified or datetime(2024, 11, 11)).strftime("%Y-%m-%dT%H:%M:%SZ")
    buffer = io.BytesIO()
    out.save(buffer)
    stable = io.BytesIO()
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(stable, "w") as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 11, 11, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = zin.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl dates it "now" on save
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*",
                                 rb"\g<1>" + modified.encode(), content)
            zout.writestr(fixed, content)
    write(dst, stable.getvalue())
    counts["au-dfat"] = {"records": len(keep), "rows": len(kept)}


# -------------------------------------------------------------------------------- Canada


def ca(src: Path, dst: Path, counts: dict[str, object]) -> None:
    from sanctio.sources import ca_sema

    full = ca_sema.parse(src)
    text = src.read_bytes().decode("utf-8")
    assert len(elements(text, "record")) == len(full.records)
    ids = [r.source_id for r in full.records]
    keep = set(CA_IDS) | set(ids[:HEAD["ca"]]) | every_nth(ids, SAMPLE["ca"])
    keep |= {next(i for i in ids if i.startswith("Zimbabwe/NA/")),
             next(i for i in ids if i.startswith("Venezuela/-/"))}
    out, kept = cut_xml(text, "record", lambda i, e: ids[i] in keep)
    write(dst, out.encode("utf-8"))
    counts["ca-sema"] = {"records": kept}


if __name__ == "__main__":
    main()
