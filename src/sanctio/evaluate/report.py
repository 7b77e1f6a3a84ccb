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
           " · queries carry date of birth and nationality where known") + "</p>",
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
        "threshold)</h2>",
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
