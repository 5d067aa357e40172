"""Writers of MEDIA (the image assets, tied to routed claims) and SOURCES (what the claims rest on).

MEDIA writes one sentence per media asset, citing routed claims from the page the image comes
from (else any routed claim), those sharing words with the caption first, then one sentence per
routed claim about imagery not yet cited; with no routed claims it writes nothing, since a
sentence must cite a claim. A caption any sentence of which reads as an instruction
(guard_taint.any_instruction) is left out. SOURCES writes
one sentence per source tier, strongest tier first, naming the sources behind its routed claims.
"""

from __future__ import annotations

from engine.claims.guard_taint import any_instruction
from engine.models.claims import Claim, SourceTier
from engine.models.dossier import SectionDraft
from engine.packs.facts import host_of
from engine.planning.routes import is_media_claim
from engine.scoring import best_first
from engine.writing.inputs import WriterInput
from engine.writing.section_fit import distinctive_words
from engine.writing.section_text import (
    TIER_NOUNS,
    Composer,
    join_words,
    plain,
    plural,
    without_dateline,
)

MAX_CITED_PER_ASSET = 2
MAX_NAMED_SOURCES = 3
CAPTION_CHARS = 200

TIER_TRUST: dict[SourceTier, str] = {
    SourceTier.GOV: "the most trusted evidence in this dossier",
    SourceTier.PRIMARY: "the company's own word, reliable for plans and dates",
    SourceTier.NEWS: "independent but second-hand; medium trust",
    SourceTier.OTHER: "low trust, to corroborate before use",
}


def _asset_claims(caption: str, page: str | None, claims: list[Claim]) -> list[str]:
    words = distinctive_words(caption)
    same_page = [c for c in claims if page and c.source_url == page]
    ranked = best_first(same_page or claims)
    ranked.sort(key=lambda c: -len(words & distinctive_words(c.statement)))
    return [c.claim_id for c in ranked[:MAX_CITED_PER_ASSET]]


def write_media(inp: WriterInput) -> SectionDraft:
    """MEDIA: one sentence per image asset, citing routed claims about the project's imagery."""
    composer = Composer(inp.section, inp.claims)
    if not composer.claims:
        return composer.draft()
    for asset in inp.media:
        caption = plain(asset.caption_suggested, CAPTION_CHARS)
        if not caption or any_instruction(caption):
            continue
        kind = plain(asset.asset_type).replace("_", " ") or "image"
        host = host_of(asset.source_page_url or asset.image_url)
        where = f" (from {host})" if host else ""
        composer.add(
            f"{kind[:1].upper() + kind[1:]} {plain(asset.asset_id)}{where}: {caption}",
            _asset_claims(caption, asset.source_page_url, composer.claims),
        )
    for claim in best_first(composer.claims):
        if claim.claim_id not in composer.cited and is_media_claim(claim):
            composer.add(f"Imagery reported: {without_dateline(claim.statement)}", [claim.claim_id])
    return composer.draft()


def _source_label(claim: Claim) -> str:
    if claim.source_name:
        return plain(claim.source_name, 80)
    host = host_of(claim.source_url or "")
    return host or "an unnamed source"


def write_sources(inp: WriterInput) -> SectionDraft:
    """SOURCES: per tier, how many sources and claims, which sources, and how far to trust them."""
    composer = Composer(inp.section, inp.claims)
    for tier in (SourceTier.GOV, SourceTier.PRIMARY, SourceTier.NEWS, SourceTier.OTHER):
        claims = best_first(c for c in composer.claims if c.source_tier is tier)
        if not claims:
            continue
        names = list(dict.fromkeys(_source_label(c) for c in claims))
        singular, several = TIER_NOUNS[tier]
        shown = names[:MAX_NAMED_SOURCES]
        more = len(names) - len(shown)
        listed = join_words(shown + ([f"{more} more"] if more else []))
        composer.add(
            f"{plural(len(names), singular, several)} ({listed}) "
            f"{'backs' if len(names) == 1 else 'back'} "
            f"{plural(len(claims), 'claim')}: {TIER_TRUST[tier]}",
            [c.claim_id for c in claims],
        )
    return composer.draft()
