"""The dossier's sources, collected from the claims its sections cite (seed 003).

One source per URL (or per source name when a claim has no URL), numbered in the order the
sections first cite them; each lists the sections that use it and the cited claims it backs.
A cited claim with neither URL nor name has no source entry (exports show its claim id).
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.models import TIER_RANK, Claim, SectionName
from engine.models.dossier import DossierSource, WrittenSection


def source_key(claim: Claim) -> str | None:
    """What identifies the claim's source: its URL, else its source name, else None."""
    if claim.source_url and claim.source_url.strip():
        return "url:" + claim.source_url.strip()
    if claim.source_name and claim.source_name.strip():
        return "name:" + claim.source_name.strip().casefold()
    return None


def collect_sources(
    sections: Mapping[SectionName, WrittenSection], claims: Mapping[str, Claim]
) -> list[DossierSource]:
    """Numbered sources of every cited claim, in order of first citation."""
    found: dict[str, DossierSource] = {}
    for name, section in sections.items():
        for claim_id in section.cited_claim_ids:
            claim = claims.get(claim_id)
            key = None if claim is None else source_key(claim)
            if claim is None or key is None:
                continue
            source = found.get(key)
            if source is None:
                source = DossierSource(
                    number=len(found) + 1,
                    url=claim.source_url,
                    name=claim.source_name,
                    tier=claim.source_tier,
                    used_in=[],
                    claim_ids=[],
                )
                found[key] = source
            if TIER_RANK[claim.source_tier] > TIER_RANK[source.tier]:
                source.tier = claim.source_tier
            if name not in source.used_in:
                source.used_in.append(name)
            if claim_id not in source.claim_ids:
                source.claim_ids.append(claim_id)
    return list(found.values())
