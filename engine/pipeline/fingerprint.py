"""Section fingerprints: a hash of everything a section writer receives (DESIGN §5 "Rebuild").

A section is rewritten only when its fingerprint changes: its routed claims and their content,
the resolved objects its route names, the reviews that touch those claims, its coverage notes,
the client's context, the run-level inputs that section reads (lead score, insight, contact
copy, media) and the writer's version (backend, model, writer or prompt version). Moving one
claim from one section to another changes exactly those two sections' fingerprints.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from engine.models import Client, MergeResult, Review, SectionName, SectionRoute
from engine.models.claims import Claim

FINGERPRINT_CHARS = 24


def resolved_objects(merge: MergeResult, object_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The merge objects (contacts, timelines, conflicts, ambiguous items) named by id."""
    wanted = set(object_ids)
    found: list[dict[str, Any]] = []
    for contact in merge.contacts_resolved:
        if contact.contact_id in wanted:
            found.append(contact.model_dump(mode="json"))
    for timeline in merge.timelines_resolved:
        if timeline.timeline_id in wanted:
            found.append(timeline.model_dump(mode="json"))
    for conflict in merge.conflicts:
        if conflict.conflict_id in wanted:
            found.append(conflict.model_dump(mode="json"))
    for item in merge.ambiguous:
        if item.ambiguous_id in wanted:
            found.append(item.model_dump(mode="json"))
    return found


def touching_reviews(reviews: Sequence[Review], claim_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The reviews that name any of the claims, as JSON, in a stable order."""
    ids = set(claim_ids)
    return sorted(
        (r.model_dump(mode="json") for r in reviews if ids & set(r.claim_ids)),
        key=lambda r: json.dumps(r, sort_keys=True),
    )


def section_fingerprint(
    section: SectionName,
    route: SectionRoute,
    claims_by_id: Mapping[str, Claim],
    merge: MergeResult,
    reviews: Sequence[Review],
    client: Client,
    writer_version: str,
    extras: Mapping[str, Any],
) -> str:
    """The hash of one section's inputs."""
    objects = resolved_objects(merge, route.resolved_object_ids)
    object_claims = {
        cid
        for obj in objects
        for key in ("evidence_claims", "claims_involved")
        for cid in obj.get(key, [])
    }
    payload = {
        "section": section,
        "claims": [
            claims_by_id[cid].model_dump(mode="json")
            for cid in route.claim_ids
            if cid in claims_by_id
        ],
        "missing_claims": [cid for cid in route.claim_ids if cid not in claims_by_id],
        "resolved_objects": objects,
        "reviews": touching_reviews(reviews, set(route.claim_ids) | object_claims),
        "coverage_notes": route.coverage_notes,
        "client": client.model_dump(mode="json"),
        "writer_version": writer_version,
        "extras": extras,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_CHARS]
