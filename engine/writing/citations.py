"""The citation check of step `write_sections`: a section may cite only the claims routed to it.

For every citation of a draft:
- a claim id no claim has is removed;
- a claim that exists but is not routed to the section is repaired: replaced by the first routed
  claim (in route order) with the same normalized statement, else by one with the same subject,
  attribute and value; with neither it is removed;
- a sentence left without a citation is dropped.
Each repair and removal is described in `citation_issues`, prefixed with the section's name.
The check is pure; the pipeline sets the fingerprint and the writer version afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engine.merge.text import fold, normalize_organization
from engine.merge.values import normalize_value
from engine.models.claims import Claim
from engine.models.dossier import CitedSentence, SectionDraft, WrittenSection
from engine.packs.facts import clip

QUOTED_CHARS = 60


def _fact_key(claim: Claim) -> tuple[str, str, str] | None:
    if not (claim.subject and claim.attribute and claim.value):
        return None
    value = normalize_value(claim.attribute, claim.value)
    return (normalize_organization(claim.subject), claim.attribute, value)


class _Repairer:
    """Finds the routed stand-in for an unrouted claim."""

    def __init__(self, routed: Sequence[str], claims_by_id: Mapping[str, Claim]) -> None:
        self.routed = set(routed)
        self.by_statement: dict[str, str] = {}
        self.by_fact: dict[tuple[str, str, str], str] = {}
        for claim_id in routed:
            claim = claims_by_id.get(claim_id)
            if claim is None:
                continue
            self.by_statement.setdefault(fold(claim.statement), claim_id)
            fact = _fact_key(claim)
            if fact is not None:
                self.by_fact.setdefault(fact, claim_id)

    def stand_in(self, claim: Claim) -> tuple[str, str] | None:
        """(routed claim id, why) for a claim that is not routed, if one says the same."""
        same = self.by_statement.get(fold(claim.statement))
        if same is not None:
            return same, "same statement"
        fact = _fact_key(claim)
        if fact is not None and fact in self.by_fact:
            return self.by_fact[fact], "same subject, attribute and value"
        return None


def _check_sentence(
    sentence: CitedSentence,
    section: str,
    repairer: _Repairer,
    claims_by_id: Mapping[str, Claim],
    issues: list[str],
) -> list[str]:
    kept: list[str] = []
    for claim_id in dict.fromkeys(sentence.claim_ids):
        claim = claims_by_id.get(claim_id)
        if claim is None:
            issues.append(f"{section}: [{claim_id}] is not a known claim; citation removed")
            continue
        if claim_id in repairer.routed:
            if claim_id not in kept:
                kept.append(claim_id)
            continue
        found = repairer.stand_in(claim)
        if found is None:
            issues.append(
                f"{section}: [{claim_id}] is not routed to this section; citation removed"
            )
            continue
        stand_in, why = found
        issues.append(
            f"{section}: [{claim_id}] is not routed to this section; "
            f"cited [{stand_in}] ({why}) instead"
        )
        if stand_in not in kept:
            kept.append(stand_in)
    return kept


def check_citations(
    draft: SectionDraft,
    routed_claim_ids: Sequence[str],
    claims_by_id: Mapping[str, Claim],
) -> WrittenSection:
    """The draft with every citation checked against the section's routed claims."""
    section = draft.section
    repairer = _Repairer(routed_claim_ids, claims_by_id)
    issues: list[str] = []
    sentences: list[CitedSentence] = []
    for sentence in draft.sentences:
        kept = _check_sentence(sentence, section, repairer, claims_by_id, issues)
        if not kept:
            quoted = clip(sentence.text, QUOTED_CHARS)
            issues.append(f"{section}: sentence dropped, no valid citation left: {quoted!r}")
            continue
        sentences.append(CitedSentence(text=sentence.text, claim_ids=kept))
    cited = list(dict.fromkeys(cid for s in sentences for cid in s.claim_ids))
    return WrittenSection(
        section=section,
        title=draft.title,
        sentences=sentences,
        routed_claim_ids=list(routed_claim_ids),
        cited_claim_ids=cited,
        citation_issues=issues,
    )
