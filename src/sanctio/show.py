"""An entity as `sanctio show` prints it: names, facts, relations, and a designations timeline."""

from __future__ import annotations

from typing import Any

from sanctio.merge import Entity


def entity_to_dict(entity: Entity, loaded_lists: list[str]) -> dict[str, Any]:
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
