"""Charts drawn on the server as inline SVG (no script, no fetched asset): the designations
timeline of an entity and the score bar of a match."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup, escape

# how each list is named on the timeline (other lists: their authority, else their id)
LIST_LABELS = {"us-ofac": "US OFAC", "us-csl": "US CSL", "un": "UN", "eu": "EU", "uk": "UK",
               "au": "Australia", "ca": "Canada"}
ROW_ORDER = ("us-ofac", "un", "eu", "uk")


def list_label(list_id: str, authority: str | None = None) -> str:
    return LIST_LABELS.get(list_id) or authority or list_id


def _year(d: str | None) -> float | None:
    if not d:
        return None
    try:
        day = date.fromisoformat(d[:10]) if len(d) >= 10 else date(int(d[:4]), 1, 1)
    except ValueError:
        return None
    return day.year + (day.timetuple().tm_yday - 1) / 366


EVENT_WORDS = {"first_seen": "first seen", "added": "added", "changed": "changed",
               "removed": "removed", "relisted": "relisted"}
# the events drawn on the chart (a first sighting is the list's first stored version, not news)
DRAWN = ("added", "changed", "removed", "relisted")


def event_text(ev: dict[str, Any]) -> str:
    """``changed 2026-02-20: names, designations`` (the fields as the list diff names them)."""
    fields = [f for f in ev.get("fields") or [] if f != "raw"]
    return (f"{EVENT_WORDS.get(ev['event'], ev['event'])} {ev['date']}"
            + (f": {', '.join(fields)}" if fields else ""))


def _event_mark(kind: str, xx: float, yy: float) -> str:
    if kind == "removed":  # a cross
        return (f'<path d="M{xx - 5:.1f} {yy - 5:.1f}L{xx + 5:.1f} {yy + 5:.1f}'
                f'M{xx - 5:.1f} {yy + 5:.1f}L{xx + 5:.1f} {yy - 5:.1f}"/>')
    if kind == "changed":  # a diamond
        return (f'<path d="M{xx:.1f} {yy - 6:.1f}L{xx + 6:.1f} {yy:.1f}L{xx:.1f} {yy + 6:.1f}'
                f'L{xx - 6:.1f} {yy:.1f}Z"/>')
    # added, relisted: a triangle pointing up
    return (f'<path d="M{xx:.1f} {yy - 6:.1f}L{xx + 6:.1f} {yy + 5:.1f}'
            f'L{xx - 6:.1f} {yy + 5:.1f}Z"/>')


def timeline_svg(designations: list[dict[str, Any]], listed_by: list[str],
                 not_listed_by: list[str], today: date | None = None,
                 events: list[dict[str, Any]] | None = None) -> Markup:
    """One row per list: each designation as a dot on its listing date with a bar to today
    (still listed), a designation without a date at the row's start (hollow), the changes the
    stored versions of the list show (added, changed, removed, relisted: a marker with its
    text on the publisher's date of the version), and the lists that do not list the party
    as a row saying so."""
    today = today or date.today()
    drawn = [ev for ev in events or [] if ev.get("event") in DRAWN]
    rows: list[str] = []
    seen: set[str] = set()
    for lid in [*ROW_ORDER, *sorted(listed_by), *sorted(not_listed_by)]:
        if lid not in seen and (lid in listed_by or lid in not_listed_by):
            seen.add(lid)
            rows.append(lid)
    years = [y for d in designations if (y := _year(d.get("listed_on"))) is not None]
    years += [y for ev in drawn if (y := _year(ev.get("date"))) is not None]
    end = today.year + (today.timetuple().tm_yday - 1) / 366
    start = min([*years, end - 5])
    start = float(int(start) - 1)
    left, right, row_h, top = 170, 920, 46, 34
    width = right + 30
    height = top + row_h * max(len(rows), 1) + 10

    def x(y: float) -> float:
        return left + (y - start) / max(end - start, 1e-9) * (right - left)

    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">',
           '<title id="tl-title">Designations timeline</title>']
    desc = []
    # the year axis
    step = 1 if end - start <= 12 else 2 if end - start <= 24 else 5
    yr = int(start)
    while yr <= end:
        if yr % step == 0:
            xx = x(yr)
            out.append(f'<line class="grid" x1="{xx:.1f}" y1="{top - 8}" x2="{xx:.1f}" '
                       f'y2="{height - 6}"/>')
            out.append(f'<text class="axis" x="{xx:.1f}" y="{top - 14}" '
                       f'text-anchor="middle">{yr}</text>')
        yr += 1
    today_x = x(end)
    out.append(f'<line class="today" x1="{today_x:.1f}" y1="{top - 8}" x2="{today_x:.1f}" '
               f'y2="{height - 6}"/>')
    for i, lid in enumerate(rows):
        cy = top + row_h * i + row_h / 2
        mine = [d for d in designations if d.get("list") == lid]
        authority = next((d.get("authority") for d in mine if d.get("authority")), None)
        label = list_label(lid, authority)
        out.append(f'<text class="row-label" x="8" y="{cy + 5:.1f}">{escape(label)}</text>')
        if lid in not_listed_by and not mine:
            text = f"not listed by {label}"
            out.append(f'<line class="absent" x1="{left}" y1="{cy:.1f}" x2="{right}" '
                       f'y2="{cy:.1f}"/>')
            out.append(f'<text class="absent-label" x="{left + 8}" y="{cy - 6:.1f}">'
                       f'{escape(text)}</text>')
            desc.append(text)
            continue
        for j, d in enumerate(mine):
            y = _year(d.get("listed_on"))
            dy = cy + (j - (len(mine) - 1) / 2) * 8
            prog = d.get("program") or ""
            ref = d.get("reference") or f"{d.get('source')}:{d.get('source_id')}"
            when = d.get("listed_on") or "date not stated"
            tip = f"{label}: listed {when}; {prog}; {ref}"
            desc.append(tip)
            if y is None:
                out.append(f'<g class="undated"><title>{escape(tip)}</title>'
                           f'<circle cx="{left}" cy="{dy:.1f}" r="6"/>'
                           f'<text x="{left + 12}" y="{dy - 7:.1f}">{escape(label)} listed, '
                           f'date not stated — {escape(prog[:60])}</text></g>')
                continue
            xx = x(y)
            out.append(f'<g class="listed"><title>{escape(tip)}</title>'
                       f'<line x1="{xx:.1f}" y1="{dy:.1f}" x2="{today_x:.1f}" y2="{dy:.1f}"/>'
                       f'<circle cx="{xx:.1f}" cy="{dy:.1f}" r="6"/>'
                       f'<text x="{xx + 10:.1f}" y="{dy - 8:.1f}">{escape(when)} · '
                       f'{escape(prog[:60])}</text></g>')
        lanes = {d.get("source_id"): cy + (j - (len(mine) - 1) / 2) * 8
                 for j, d in enumerate(mine)}
        for ev in drawn:
            y = _year(ev.get("date"))
            if ev.get("list") != lid or y is None:
                continue
            xx, dy = x(y), lanes.get(ev.get("source_id"), cy)
            text = f"{label} {ev.get('source_id')}: {event_text(ev)} (version {ev['version']})"
            desc.append(text)
            out.append(f'<g class="event {escape(ev["event"])}"><title>{escape(text)}</title>'
                       f'{_event_mark(ev["event"], xx, dy)}'
                       f'<text x="{xx - 8:.1f}" y="{dy + 18:.1f}" text-anchor="end">'
                       f'{escape(event_text(ev)[:70])}</text></g>')
    out.insert(2, f'<desc id="tl-desc">{escape("; ".join(desc))}</desc>')
    out.append("</svg>")
    return Markup("".join(out))


def score_bar(score: float, threshold: float) -> Markup:
    """The score as a bar from 0 to 1 with the threshold marked."""
    w = 200
    s = max(0.0, min(1.0, score))
    cls = "above" if score >= threshold else "below"
    return Markup(
        f'<svg class="scorebar" viewBox="0 0 {w} 14" width="{w}" height="14" role="img" '
        f'aria-label="score {score:.2f}, threshold {threshold:.2f}" '
        f'xmlns="http://www.w3.org/2000/svg"><rect class="track" x="0" y="2" width="{w}" '
        f'height="10" rx="3"/><rect class="{cls}" x="0" y="2" width="{s * w:.1f}" '
        f'height="10" rx="3"/><line class="threshold" x1="{threshold * w:.1f}" y1="0" '
        f'x2="{threshold * w:.1f}" y2="14"/></svg>')
