"""An entity as `sanctio show` prints it: names, facts, relations, and a designations timeline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sanctio.contract import Query, QueryError
from sanctio.entity import Entity
from sanctio.sources.common import script_of
from sanctio.text.normalize import Role, analyze


def entity_to_dict(entity: Entity, loaded_lists: Sequence[str]) -> dict[str, Any]:
    names = []
    seen = set()
    for name, member in entity.names:
        key = (name.full, name.type.value)
        if key in seen:
            continue
        seen.add(key)
        item: dict[str, Any] = {"name": name.full, "type": name.type.value,
                                "list": member.version.list_id}
        if name.lang:
            item["lang"] = name.lang
        if name.script:
            item["script"] = name.script
        if name.parts:
            item["parts"] = name.parts
        names.append(item)
    timeline = []
    for d, member in entity.designations():
        timeline.append({
            "listed_on": d.listed_on, "authority": d.authority, "source": d.source,
            "source_id": d.source_id, "list": member.version.list_id,
            "list_name": d.list_name, "program": d.program, "legal_basis": d.legal_basis,
            "measures": d.measures, "reference": d.reference, "reason": d.reason,
            "list_version": member.version.label,
        })
    timeline.sort(key=lambda t: (t["listed_on"] or "9999", t["source"]))
    member_lists = {m.version.list_id for m in entity.members}
    relations = []
    for m in entity.members:
        for r in m.record.relations:
            relations.append({"type": r.type.value, "target_id": r.target_id,
                              "target_name": r.target_name, "list": m.version.list_id,
                              "note": r.note})
    facts: dict[str, Any] = {
        "birth_dates": sorted({d.value + (f" to {d.end}" if d.end else "")
                               + (" (circa)" if d.circa else "") for d in entity.birth_dates}),
        "birth_places": sorted({p for m in entity.members for p in m.record.birth_places}),
        "nationalities": sorted(entity.nationalities),
        "countries": sorted(entity.countries),
        "gender": sorted(entity.genders),
        "identifiers": [
            {"type": i.type, "number": i.number, "country": i.country, "note": i.note}
            for i in entity.identifiers],
        "addresses": sorted({a.full for m in entity.members for a in m.record.addresses}),
    }
    return {
        "entity_id": entity.id,
        "schema": entity.schema.value,
        "caption": entity.caption,
        "names": names,
        **facts,
        "relations": relations,
        "designations": timeline,
        "listed_by": sorted(member_lists),
        "not_listed_by": [lid for lid in loaded_lists if lid not in member_lists],
        "records": [
            {"list": m.version.list_id, "source_id": m.record.source_id,
             "list_version": m.version.label, "merge_evidence": entity.evidence_for(m.key)}
            for m in entity.members],
        "properties": {k: v for m in entity.members for k, v in m.record.properties.items()},
    }


# ------------------------------------------------------------------ names, grouped for a person

SCRIPT_NAMES = {
    "Latn": "Latin", "Cyrl": "Cyrillic", "Grek": "Greek", "Arab": "Arabic", "Hebr": "Hebrew",
    "Hang": "Korean (Hangul)", "Kore": "Korean", "Hani": "Chinese (Han)", "Hans": "Chinese",
    "Hant": "Chinese", "Jpan": "Japanese", "Thai": "Thai", "Geor": "Georgian",
    "Armn": "Armenian", "Deva": "Devanagari", "Ethi": "Ethiopic", "Mong": "Mongolian",
}
def name_groups(names: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Names of :func:`entity_to_dict` grouped by script and language, for a person to read:
    ``[{"script": "Latn", "label": "Latin, fr", "lang": "fr", "names": [...]}, ...]``.

    Groups come in this order: the script of the primary name without a language (the lists'
    own names) first, then by size. Within a group names keep their order (primary names
    first, as the records give them)."""
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for n in names:
        script = n.get("script") or script_of(n["name"]) or "Zyyy"
        groups.setdefault((script, n.get("lang")), []).append(n)
    primary = next((n for n in names if n["type"] == "primary"), names[0] if names else None)
    main = (primary.get("script") or script_of(primary["name"]) or "Zyyy") if primary else None
    order = sorted(groups, key=lambda k: (k != (main, None), k[0] != main, -len(groups[k]),
                                          k[0], k[1] or ""))
    out = []
    for script, lang in order:
        label = SCRIPT_NAMES.get(script, script)
        out.append({"script": script, "lang": lang,
                    "label": f"{label}, {lang}" if lang else label,
                    "names": groups[(script, lang)]})
    return out


# ------------------------------------------------------------- the closest names, for `show`

CLOSEST_POOL = 100  # candidates scored for the closest names of a name not found
_MINOR_WEIGHT = 0.3  # a particle or title of the query ("al-"), found as written or not


def query_coverage(query: Any, name: Any) -> float:
    """How much of what was typed (a :class:`~sanctio.text.normalize.NameForm`) the listed
    name holds, 0 to 1: each typed word's best likeness to a word of the name (edit
    similarity), particles and titles only when written alike. Unlike the screening score,
    the listed name's other words cost nothing: someone looking up ``al-Kana`` means
    ``AL-KANI, Mohamed`` rather than ``KALA`` or ``SANA``."""
    from rapidfuzz.distance import Levenshtein


    words = [t.text for t in name.tokens]
    total = got = 0.0
    for t in query.tokens:
        if t.role in (Role.PARTICLE, Role.TITLE):
            total += _MINOR_WEIGHT
            got += _MINOR_WEIGHT if t.text in words else 0.0
            continue
        total += 1.0
        got += max((Levenshtein.normalized_similarity(t.text, w) for w in words), default=0.0)
    return got / total if total else 0.0


def closest_matches(screener: Any, text: str, n: int = 5) -> list[Any]:
    """The entities whose names come closest to ``text``, best first: the screener's
    candidates for it (a wide pool, any score), ordered by how much of ``text`` their
    matched name holds (:func:`query_coverage`), then by score."""
    try:
        query = Query.build(text)
    except QueryError:
        return []
    form = analyze(text)
    pool = screener._score(query, entity_filter=None, form=form, candidates=CLOSEST_POOL,
                           min_name_score=0.0)
    ranked = sorted(pool, key=lambda m: (-round(query_coverage(form, analyze(m.matched_name)), 3),
                                         -m.score, m.entity_id))
    return ranked[:n]
