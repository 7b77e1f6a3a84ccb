"""The evaluation report: one self-contained HTML file, charts embedded as base64 PNG."""

from __future__ import annotations

import base64
import html
import io
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

SANCTIO_COLOUR = "#1f5fa8"
BASELINE_COLOUR = "#c8772b"


def _png(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _img(data: str, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def chart_recall_per_category(s: dict[str, Any]) -> str:
    cats = list(s["sanctio"]["recall_per_category"])
    ours = [s["sanctio"]["recall_per_category"][c] for c in cats]
    base = [s["baseline"]["recall_per_category"].get(c, 0.0) for c in cats]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(cats) + 1.2))
    y = range(len(cats))
    ax.barh([i + 0.2 for i in y], ours, height=0.4, color=SANCTIO_COLOUR, label="Sanctio")
    ax.barh([i - 0.2 for i in y], base, height=0.4, color=BASELINE_COLOUR,
            label="baseline (token_sort_ratio)")
    ax.set_yticks(list(y), cats)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"recall at threshold {s['threshold']:.2f}")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8)
    return _img(_png(fig), "recall per category")


def chart_curves(s: dict[str, Any]) -> str:
    th = s["curves"]["thresholds"]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 3.8))
    for key, colour, label in (("sanctio", SANCTIO_COLOUR, "Sanctio"),
                               ("baseline", BASELINE_COLOUR, "baseline")):
        a1.plot(th, s["curves"][key]["recall"], color=colour, label=label)
        a2.plot(th, s["curves"][key]["false_alerts_per_1000"], color=colour, label=label)
    for ax in (a1, a2):
        ax.axvline(s["threshold"], color="grey", ls="--", lw=0.8)
        ax.set_xlabel("threshold")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    a1.set_ylabel("recall (variants found)")
    a1.set_ylim(0, 1.02)
    a2.set_ylabel("false alerts per 1,000 unlisted names")
    a2.set_yscale("symlog", linthresh=1)
    a2.set_ylim(bottom=0)
    return _img(_png(fig), "recall and false alerts over thresholds")


def chart_tradeoff(s: dict[str, Any]) -> str:
    th = s["curves"]["thresholds"]
    fig, ax = plt.subplots(figsize=(6, 4))
    for key, colour, label in (("sanctio", SANCTIO_COLOUR, "Sanctio"),
                               ("baseline", BASELINE_COLOUR, "baseline")):
        fa = s["curves"][key]["false_alerts_per_1000"]
        rc = s["curves"][key]["recall"]
        ax.plot(fa, rc, color=colour, label=label, marker=".", ms=3)
        if s["threshold"] in th:
            i = th.index(s["threshold"])
            ax.plot([fa[i]], [rc[i]], "o", color=colour, ms=8, mfc="white")
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlim(left=0)
    ax.set_xlabel("false alerts per 1,000 unlisted names")
    ax.set_ylabel("recall")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title("trade-off (circles: the chosen threshold)", fontsize=9)
    return _img(_png(fig), "recall against false alerts")


def chart_category_curves(s: dict[str, Any]) -> str:
    th = s["curves"]["thresholds"]
    per = s["curves"]["sanctio"]["recall_per_category"]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    cmap = plt.get_cmap("tab20")
    for i, (cat, values) in enumerate(per.items()):
        ax.plot(th, values, label=cat, color=cmap(i % 20), lw=1.2)
    ax.axvline(s["threshold"], color="grey", ls="--", lw=0.8)
    ax.set_xlabel("threshold")
    ax.set_ylabel("Sanctio recall")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, ncol=2, loc="lower left")
    return _img(_png(fig), "recall per category over thresholds")


def chart_false_alerts_by_culture(s: dict[str, Any]) -> str:
    ours = s["sanctio"]["false_alerts_per_1000_by_culture"]
    base = s["baseline"]["false_alerts_per_1000_by_culture"]
    cultures = sorted(ours, key=lambda c: -ours[c]["per_1000"])
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(cultures) + 1.2))
    y = range(len(cultures))
    ax.barh([i + 0.2 for i in y], [ours[c]["per_1000"] for c in cultures], height=0.4,
            color=SANCTIO_COLOUR, label="Sanctio")
    ax.barh([i - 0.2 for i in y], [base.get(c, {"per_1000": 0})["per_1000"] for c in cultures],
            height=0.4, color=BASELINE_COLOUR, label="baseline")
    ax.set_yticks(list(y), [f"{c} (n={ours[c]['n']})" for c in cultures])
    ax.invert_yaxis()
    ax.set_xlabel(f"false alerts per 1,000 at threshold {s['threshold']:.2f}")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8)
    return _img(_png(fig), "false alerts by culture")


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x))


def _misses_line(m: dict[str, int] | None) -> str:
    """Where the variants were missed: by the scoring, or never scored (the candidate stage)."""
    if not m:
        return ""
    return (f"<p>{m['missed']} missed: {m['scored_below_threshold']} scored below the "
            f"threshold, {m['name_comparison_low']} that the name comparison scores low, "
            f"{m['candidate_stage']} never scored as candidates though the name comparison "
            "alone reaches the threshold (the candidate stage).</p>")


def _table(headers: list[str], rows: list[list[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2em auto;max-width:1150px;
color:#222;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:0.8em 0;font-size:0.88em}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f8}td.num{text-align:right}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid #dde;border-radius:6px;padding:10px 14px;min-width:190px}
.card .v{font-size:1.5em;font-weight:600;color:#1f5fa8}.card .b{color:#a05a1a;font-size:0.9em}
.small{font-size:0.8em;color:#555}img{max-width:100%}
.expl{font-size:0.8em;color:#444;max-width:520px}
"""


def render_html(s: dict[str, Any]) -> str:
    """The report for an evaluation summary (see :func:`sanctio.evaluate.run.evaluate`)."""
    sf, bf = s["sanctio"], s["baseline"]
    t = s["threshold"]
    cards = [
        ("Recall (all variants)", _pct(sf["recall"]), _pct(bf["recall"])),
        ("False alerts / 1,000 unlisted", f"{sf['false_alerts_per_1000']:.1f}",
         f"{bf['false_alerts_per_1000']:.1f}"),
        ("Queries / second", f"{sf['queries_per_second']:.0f}",
         f"{bf['queries_per_second']:.0f}"),
        ("Queries", f"{s['counts']['variants']} variants + {s['counts']['unlisted']} unlisted",
         f"{s['counts']['collisions']} collisions set aside"),
    ]
    cards_html = "".join(
        f'<div class="card"><div>{_e(k)}</div><div class="v">{_e(v)}</div>'
        f'<div class="b">baseline: {_e(b)}</div></div>' if i < 3 else
        f'<div class="card"><div>{_e(k)}</div><div class="v" style="font-size:1em">{_e(v)}'
        f'</div><div class="small">{_e(b)}</div></div>'
        for i, (k, v, b) in enumerate(cards))

    cat_rows = []
    for c, r in sf["recall_per_category"].items():
        cat_rows.append([_e(c), f'<span class="num">{s["counts"]["variants_per_category"][c]}'
                         "</span>", _pct(r), _pct(bf["recall_per_category"].get(c)),
                         "<br>".join(f"{_e(x['listed'])} → <b>{_e(x['query'])}</b>"
                                     for x in s["examples"].get(c, [])[:2])])
    list_rows = [[_e(lid), _pct(r), _pct(bf["recall_per_list"].get(lid)),
                  _e(s["counts"]["variants_per_list"].get(lid, 0))]
                 for lid, r in sf["recall_per_list"].items()]
    culture_rows = [[_e(c), _e(v["n"]), f"{v['per_1000']:.1f}",
                     f"{bf['false_alerts_per_1000_by_culture'].get(c, {}).get('per_1000', 0):.1f}"]
                    for c, v in sf["false_alerts_per_1000_by_culture"].items()]
    other_rows = [[_e(f"{kind}: {k}"), _e(v["n"]), f"{v['per_1000']:.1f}",
                   f"{bf[key].get(k, {}).get('per_1000', 0):.1f}"]
                  for kind, key in (("schema", "false_alerts_per_1000_by_schema"),
                                    ("script", "false_alerts_per_1000_by_script"))
                  for k, v in sf[key].items()]

    miss_rows = []
    for m in s["worst_misses"]:
        top = m.get("top_match")
        top_s = f"{_e(top['name'])} ({top['score']:.2f})" if top else "–"
        miss_rows.append([_e(m["category"]), f"<b>{_e(m['query'])}</b>",
                          f"{_e(m['entity_name'])}<br><span class='small'>{_e(m['entity_id'])}"
                          "</span>", f"{m['expected_score']:.2f}",
                          f"{m['baseline_expected_score']:.2f}", top_s,
                          f"<div class='expl'>{_e(m['reason'])}<br>{_e(m['explanation'])}</div>"])
    fa_rows = []
    for f in s["worst_false_alerts"]:
        top = f.get("top_match") or {}
        fa_rows.append([f"<b>{_e(f['name'])}</b><br><span class='small'>{_e(f['culture'])}, "
                        f"{_e(f['schema'])}, {_e(f.get('dob') or '')} {_e(f.get('country'))}"
                        "</span>",
                        f"{_e(top.get('name'))}<br><span class='small'>"
                        f"{_e(top.get('matched_name'))} · {_e(top.get('entity_id'))}</span>",
                        f"{f['score']:.2f}", f"{f['baseline_score']:.2f}",
                        f"<div class='expl'>{_e(f['explanation'])}</div>"])
    coll_rows = [[_e(c["name"]), _e(c["listed_name"]), _e(c["culture"])]
                 for c in s["collisions"][:50]]
    version_rows = [[_e(lid), _e(v["version"]), _e(v["records"]), _e(v["publisher_date"]),
                     f"<span class='small'>{_e(v['sha256'][:16])}…</span>"]
                    for lid, v in s["lists"].items()]
    tim = s["timings"]

    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Sanctio evaluation</title>", f"<style>{_CSS}</style></head><body>",
        "<h1>Sanctio name-screening evaluation</h1>",
        f"<p class='small'>Sanctio {_e(s['sanctio_version'])} · seed {_e(s['seed'])} · "
        f"threshold {t:.2f} · {s['counts']['variants']} generated variants of "
        f"{s['counts']['entities_sampled']} listed entities in {len(s['categories'])} "
        f"categories · {s['counts']['unlisted']} generated unlisted names"
        + (" · names only (no dates or countries in the queries)" if s["names_only"] else
           " · queries carry date of birth and nationality where known")
        + (" · queries without their kind (person or organisation)"
           if s.get("unknown_kind") else "") + "</p>",
        f"<div class='cards'>{cards_html}</div>",
        "<p class='small'>A variant is <i>found</i> when its expected entity scores at or above "
        "the threshold. A <i>false alert</i> is an unlisted name with any match at or above "
        "it; generated names equal to a listed name after simple normalisation are "
        "collisions and are set aside. Baseline: " + _e(bf["method"]) + ".</p>",
        "<h2>Recall per category</h2>", chart_recall_per_category(s),
        _table(["category", "variants", "Sanctio", "baseline", "examples"], cat_rows),
        "<h2>Recall and false alerts over thresholds</h2>", chart_curves(s), chart_tradeoff(s),
        chart_category_curves(s),
        "<h2>Recall per list</h2>",
        _table(["list", "Sanctio", "baseline", "variants"], list_rows),
        "<h2>False alerts per 1,000 unlisted names</h2>", chart_false_alerts_by_culture(s),
        _table(["culture", "names", "Sanctio", "baseline"], culture_rows + other_rows),
        f"<h2>Worst misses ({len(s['worst_misses'])} lowest-scoring variants below the "
        "threshold)</h2>", _misses_line(s["sanctio"].get("misses")),
        _table(["category", "query", "expected entity", "score", "baseline", "top match",
                "why"], miss_rows),
        f"<h2>Worst false alerts ({len(s['worst_false_alerts'])} highest-scoring unlisted "
        "names)</h2>",
        _table(["unlisted query", "matched", "score", "baseline", "explanation"], fa_rows),
        f"<h2>Collisions ({s['counts']['collisions']})</h2>",
        "<p class='small'>Generated names that equal a listed name; not counted.</p>",
        _table(["generated", "listed", "culture"], coll_rows) if coll_rows else "<p>None.</p>",
        "<h2>Speed</h2>",
        _table(["", "Sanctio", "baseline"], [
            ["queries per second", f"{sf['queries_per_second']:.1f}",
             f"{bf['queries_per_second']:.1f}"],
            ["screening seconds", f"{sf['seconds']:.1f}", f"{bf['seconds']:.1f}"],
            ["index build seconds", f"{sf.get('screener_build_seconds', 0):.1f}", "–"],
            ["workers", _e(sf.get("workers")), _e(bf.get("workers"))],
        ]),
        f"<p class='small'>Generation {tim['generation_seconds']:.1f} s; whole evaluation "
        f"{tim['evaluation_seconds']:.1f} s.</p>",
        "<h2>Lists</h2>",
        _table(["list", "version", "records", "publisher date", "sha256"], version_rows),
        "</body></html>",
    ]
    return "\n".join(parts)


# ------------------------------------------------------------ sanctio evaluate native


def chart_recall_per_script(s: dict[str, Any]) -> str:
    per = s["per_script"]
    scripts = list(per)
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(scripts) + 1.2))
    y = list(range(len(scripts)))
    found = [per[k]["found"] / per[k]["n"] for k in scripts]
    low = [per[k]["scored_low"] / per[k]["n"] for k in scripts]
    none = [per[k]["no_candidate"] / per[k]["n"] for k in scripts]
    ax.barh(y, found, color=SANCTIO_COLOUR, label="found")
    ax.barh(y, low, left=found, color=BASELINE_COLOUR, label="scored low")
    ax.barh(y, none, left=[a + b for a, b in zip(found, low, strict=True)], color="#bbbbbb",
            label="no candidate")
    ax.set_yticks(y, [f"{k} (n={per[k]['n']})" for k in scripts])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of native-script names, threshold {s['threshold']:.2f}")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8)
    return _img(_png(fig), "recall per script")


def chart_native_curves(s: dict[str, Any]) -> str:
    th = s["curves"]["thresholds"]
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(th, s["curves"]["recall"], color="black", lw=2, label="all")
    cmap = plt.get_cmap("tab10")
    for i, (script, values) in enumerate(s["curves"]["recall_per_script"].items()):
        ax.plot(th, values, color=cmap(i % 10), lw=1.1, label=script)
    ax.axvline(s["threshold"], color="grey", ls="--", lw=0.8)
    ax.set_xlabel("threshold")
    ax.set_ylabel("recall")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, ncol=2, loc="lower left")
    return _img(_png(fig), "recall per script over thresholds")


def _native_rows(groups: dict[str, Any]) -> list[list[Any]]:
    return [[_e(k), f"<span class='num'>{v['n']}</span>", _pct(v["recall"]),
             _e(v["scored_low"]), _e(v["no_candidate"]),
             _e(v["no_candidate_name_score_above"]), _e(v["other_entity_on_top"])]
            for k, v in groups.items()]


def _miss_row(m: dict[str, Any]) -> list[Any]:
    top = m.get("top")
    top_s = (f"{_e(top['name'])}<br><span class='small'>{_e(top['entity_id'])} · "
             f"{top['score']:.2f}</span>") if top else "–"
    name = "–" if m.get("name_score") is None else \
        f"{m['name_score']:.2f}<br><span class='small'>{_e(m.get('name_best'))}</span>"
    return [_e(m["script"]), f"<b>{_e(m['query'])}</b>",
            f"{_e(m['entity_name'])}<br><span class='small'>{_e(m['entity_id'])} · "
            f"{_e(m['lists'])}</span>", _e(m["outcome"]), f"{m['score']:.2f}", name, top_s,
            f"<div class='expl'>{_e(m.get('explanation'))}</div>"]


def render_native_html(s: dict[str, Any]) -> str:
    """The report of ``sanctio evaluate native`` (see :mod:`sanctio.evaluate.native`)."""
    o = s["overall"]
    headers = ["", "names", "recall", "scored low", "no candidate",
               "no candidate, name score ≥ threshold", "missed, another entity alerts"]
    cards = [("Recall (all native names)", _pct(o["recall"])),
             ("Names screened", f"{o['n']}"),
             ("Misses: scored low", f"{o['scored_low']}"),
             ("Misses: no candidate", f"{o['no_candidate']}")]
    cards_html = "".join(f'<div class="card"><div>{_e(k)}</div><div class="v">{_e(v)}</div>'
                         "</div>" for k, v in cards)
    miss_headers = ["script", "query", "expected entity", "outcome", "score",
                    "name comparison alone", "top match", "why"]
    versions = [[_e(k), _e(v)] for k, v in s["list_versions"].items()]
    skipped = ", ".join(f"{k}: {v}" for k, v in s["skipped_no_latin_name"].items()) or "none"
    tm = s["timings"]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Sanctio evaluation: native-script names</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Native-script names of the lists</h1>",
        f"<p class='small'>Sanctio {_e(s['sanctio_version'])} · seed {_e(s['seed'])} · "
        f"threshold {s['threshold']:.2f} · sample per script: "
        f"{_e(s['sample_per_script'] or 'all')} · {_e(s['method'])}.</p>",
        f"<div class='cards'>{cards_html}</div>",
        "<p class='small'><i>Scored low</i>: the expected entity was returned below the "
        "threshold. <i>No candidate</i>: it was not returned at any score (not retrieved by "
        "the index, or a name score too low to keep). The name comparison alone is the "
        "screener's comparison of the query with each Latin-script name of the expected "
        f"entity. Names whose party has no Latin-script name are skipped ({_e(skipped)}). "
        "Organisation names in other scripts are often translations rather than spellings "
        "(EU Greek and Bulgarian aliases): see the script / schema table.</p>",
        "<h2>Recall per script</h2>", chart_recall_per_script(s),
        _table(headers, _native_rows(s["per_script"])),
        "<h2>Per script and schema</h2>", _table(headers, _native_rows(
            s["per_script_and_schema"])),
        "<h2>Per source list</h2>",
        "<p class='small'>A name that several lists give counts for each of them.</p>",
        _table(headers, _native_rows(s["per_list"])),
        "<h2>Per name type</h2>", _table(headers, _native_rows(s["per_name_type"])),
        "<h2>Recall over thresholds</h2>", chart_native_curves(s),
        f"<h2>Worst misses ({len(s['worst_misses'])}, lowest score first, each script in "
        "turn)</h2>", _table(miss_headers, [_miss_row(m) for m in s["worst_misses"]]),
        f"<h2>Missed, another entity alerts ({len(s['wrong_top_matches'])} highest-scoring)"
        "</h2>",
        _table(miss_headers, [_miss_row(m) for m in s["wrong_top_matches"]]),
        "<h2>Lists</h2>", _table(["list", "version"], versions),
        f"<p class='small'>Latin-only index built in {tm['build_seconds']:.1f} s; "
        f"{tm['queries_per_second']:.0f} queries per second with {_e(tm['workers'])} "
        f"workers; whole evaluation {tm['evaluation_seconds']:.1f} s.</p>",
        "</body></html>",
    ]
    return "\n".join(parts)


# -------------------------------------------------- sanctio evaluate pairs --html


def chart_reliability(bins: list[dict[str, Any]], threshold: float) -> str:
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 3.8))
    mids = [(b["low"] + b["high"]) / 2 for b in bins]
    shares = [b["share_match"] if b["share_match"] is not None else float("nan") for b in bins]
    a1.plot([0, 1], [0, 1], color="grey", ls=":", lw=0.8, label="score = share")
    a1.bar(mids, [0 if x != x else x for x in shares], width=0.09, color=SANCTIO_COLOUR,
           alpha=0.8, label="share of true matches")
    a1.axvline(threshold, color="grey", ls="--", lw=0.8)
    a1.set_xlim(0, 1)
    a1.set_ylim(0, 1.02)
    a1.set_xlabel("score bin")
    a1.set_ylabel("share of pairs that are true matches")
    a1.legend(fontsize=8, loc="upper left")
    a1.grid(alpha=0.3)
    a2.bar(mids, [b["matches"] for b in bins], width=0.09, color=SANCTIO_COLOUR,
           label="true matches")
    a2.bar(mids, [b["count"] - b["matches"] for b in bins], width=0.09,
           bottom=[b["matches"] for b in bins], color=BASELINE_COLOUR, label="non-matches")
    a2.axvline(threshold, color="grey", ls="--", lw=0.8)
    a2.set_xlim(0, 1)
    a2.set_xlabel("score bin")
    a2.set_ylabel("pairs")
    a2.legend(fontsize=8)
    a2.grid(alpha=0.3)
    return _img(_png(fig), "reliability diagram")


def render_pairs_html(d: dict[str, Any], title: str) -> str:
    """The report of ``sanctio evaluate pairs --html`` from its JSON report."""
    def conf_rows(rows: dict[str, Any]) -> list[list[Any]]:
        return [[_e(k), _e(c["pairs"]), _e(c["tp"]), _e(c["fp"]), _e(c["fn"]), _e(c["tn"]),
                 _pct(c["precision"]), _pct(c["recall"]), _pct(c["f1"])]
                for k, c in rows.items()]

    conf_headers = ["", "pairs", "TP", "FP", "FN", "TN", "precision", "recall", "F1"]
    rel_rows = [[f"{b['low']:.1f}–{b['high']:.1f}", _e(b["count"]), _e(b["matches"]),
                 _pct(b["share_match"])] for b in d["reliability"]]
    dis_rows = [[_e(p["category"]), _e(p["group"]), f"<b>{_e(p['name1'])}</b>",
                 f"<b>{_e(p['name2'])}</b>", "match" if p["is_match"] else "no match",
                 f"{p['score']:.2f}", f"<div class='expl'>{_e(p['explanation'])}</div>"]
                for p in d["disagreements"][:80]]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{_e(title)}</title>", f"<style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<p class='small'>threshold {d['threshold']:.2f}"
        + (f" · split {_e(d['split'])}" if d.get("split") else "") + "</p>",
        _table(conf_headers, conf_rows({"overall": d["overall"]})),
        "<h2>Reliability</h2>",
        "<p class='small'>Pairs binned by score: how many, and the share that are true "
        "matches. A well-calibrated score has the share rising with the score.</p>",
        chart_reliability(d["reliability"], d["threshold"]),
        _table(["score", "pairs", "true matches", "share"], rel_rows),
        "<h2>Per category</h2>", _table(conf_headers, conf_rows(d["by_category"])),
        "<h2>Per group</h2>", _table(conf_headers, conf_rows(d["by_group"])),
        f"<h2>Disagreements ({len(d['disagreements'])}; first 80)</h2>",
        _table(["category", "group", "name 1", "name 2", "label", "score", "explanation"],
               dis_rows),
        "</body></html>",
    ]
    return "\n".join(parts)
