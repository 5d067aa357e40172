"""Context pack `signal_to_entity` (seed 003 type 1): the signal, the candidate company, the gaps.

Built from the claims found so far (normally the search step's). The strongest SIGNAL claim that
names the target (else the strongest overall) becomes the signal summary; "strongest" is best
evidence: tier, then confidence, then the most recent report date. Known facts leave out LOW
NOTEs, instruction-like statements and claims about unrelated entities. Key questions are derived
from what the claims leave unknown (HQ, parent, domain, project stage, next milestone...).
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.models.claims import Claim, ClaimType, Confidence, SourceTier
from engine.models.packs import (
    CandidateEntity,
    KnownFact,
    SignalSummary,
    SignalToEntityPack,
)
from engine.models.registry import is_event_attribute
from engine.packs.budget import TrimRule, check_budget, fit_to_budget
from engine.packs.facts import (
    best_value,
    clip,
    is_instruction_like,
    mentions,
    org_domains,
    source_hosts,
)
from engine.packs.index import NameIndex
from engine.packs.orgs import (
    MAX_NAME_CHARS,
    key_project,
    off_target,
    parent_of,
    related_names,
)
from engine.scoring.evidence import best_first, signal_kind

MAX_KNOWN_FACTS = 40
FACT_CHARS = 200
DESCRIPTION_CHARS = 240

_TRIM = (
    TrimRule(("known_facts",), 1.0),
    TrimRule(("search_hints",), 1.5),
    TrimRule(("key_questions",), 2.0),
    TrimRule(("do_not_repeat",), 3.0),
)
_TEXTS = (("signal_summary", "description"), ("candidate_entity", "why"))


def _candidate(ranked: Sequence[Claim], target: str) -> CandidateEntity:
    naming = [c for c in ranked if mentions(c, target) and not is_instruction_like(c)]
    if not naming:
        return CandidateEntity(
            name=clip(target, MAX_NAME_CHARS),
            confidence=Confidence.LOW,
            why="Not named in any claim yet; the run's target as given by the analyst.",
        )
    best = naming[0]
    official = best.source_tier in (SourceTier.GOV, SourceTier.PRIMARY)
    corroborated = len({c.source_url or c.claim_id for c in naming}) >= 3
    if best.confidence is Confidence.HIGH and (official or corroborated):
        confidence = Confidence.HIGH
    elif best.confidence is Confidence.LOW:
        confidence = Confidence.LOW
    else:
        confidence = Confidence.MEDIUM
    source = best.source_name or best.source_tier.value
    why = (
        f"Named in {len(naming)} claim(s); best is {best.claim_id} "
        f"({best.source_tier.value} source {source!r}): {best.statement}"
    )
    return CandidateEntity(
        name=clip(target, MAX_NAME_CHARS), confidence=confidence, why=clip(why, DESCRIPTION_CHARS)
    )


def _questions(
    claims: Sequence[Claim], target: str, project: str | None, candidate: CandidateEntity
) -> list[str]:
    questions: list[str] = []
    if candidate.confidence is Confidence.LOW:
        questions.append(f"Is {target} really the company behind the signal, or a namesake?")
    if best_value(claims, "hq_location", target) is None:
        questions.append(f"Where is {target} headquartered?")
    if parent_of(claims, target) is None:
        questions.append(f"Is {target} owned by a parent company or group, and which one?")
    if not org_domains(claims, target):
        questions.append(f"What is {target}'s website, and which email domain do its staff use?")
    if project is None:
        questions.append(f"Which project or facility of {target} does the signal concern?")
    else:
        if best_value(claims, "project_stage", project) is None:
            questions.append(
                f"What stage is {project} at (permitting, financing, construction, operation)?"
            )
        if best_value(claims, "project_location", project) is None:
            questions.append(f"Where is {project} located?")
        if best_value(claims, "capital_cost", project) is None:
            questions.append(f"What is the estimated capital cost of {project}?")
    if not any(c.attribute and is_event_attribute(c.attribute) for c in claims):
        subject = project or target
        questions.append(f"When is {subject}'s next milestone (e.g. construction start)?")
    return questions


def _hints(
    claims: Sequence[Claim], target: str, project: str | None, signal: Claim | None
) -> list[str]:
    hints = [f'site:{domain} "press release" OR news' for domain in org_domains(claims, target)]
    if signal is not None and signal.source_tier is SourceTier.GOV and signal.source_name:
        hints.append(f"Search {signal.source_name!r} for other filings naming {target}")
    hints.append(f"Company registry entry for {target}: legal name, officers, parent")
    if best_value(claims, "hq_location", target) is None:
        hints.append(f'"{target}" headquarters OR "head office"')
    if project is not None:
        hints.append(f'"{project}" feasibility study OR "project update"')
        hints.append(f'"{project}" EPCM OR contractor OR "engineering firm"')
    hints.append(f'"{target}" annual report OR investor presentation')
    return hints


def strongest_signal(claims: Sequence[Claim], target: str) -> Claim | None:
    """The best-evidence SIGNAL claim naming the target, else the best overall (None if none)."""
    signals = [
        claim
        for claim in best_first(c for c in claims if c.claim_type is ClaimType.SIGNAL)
        if not is_instruction_like(claim)
    ]
    return next((s for s in signals if mentions(s, target)), signals[0] if signals else None)


def signal_done(claims: Sequence[Claim], target: str) -> list[str]:
    """The do_not_repeat line of the signal step, carried forward by the later packs."""
    signal = strongest_signal(claims, target)
    return [] if signal is None else [f"Signal discovery - complete ({signal.claim_id})"]


def build_signal_to_entity(
    claims: Sequence[Claim], *, target: str, budget_tokens: int = 4000
) -> SignalToEntityPack:
    """The `signal_to_entity` pack for `target` from the claims so far, within the budget."""
    check_budget(budget_tokens)
    ranked = best_first(claims)
    signal = strongest_signal(claims, target)
    summary = None
    if signal is not None:
        summary = SignalSummary(
            signal_type=signal_kind(signal),
            description=clip(signal.statement, DESCRIPTION_CHARS),
            date=signal.date_in_claim or signal.reported_on,
            claim_id=signal.claim_id,
        )
    candidate = _candidate(ranked, target)
    project = key_project(claims, target)
    related = NameIndex(related_names(claims, target))
    facts = [
        KnownFact(claim_id=claim.claim_id, statement=clip(claim.statement, FACT_CHARS))
        for claim in ranked
        if claim is not signal
        and not (claim.claim_type is ClaimType.NOTE and claim.confidence is Confidence.LOW)
        and not is_instruction_like(claim)
        and off_target(claim, related) is None
    ]
    done = signal_done(claims, target)
    hosts = source_hosts(claims)[:5]
    if hosts:
        done.append("Sources already read: " + ", ".join(hosts))
    pack = SignalToEntityPack(
        signal_summary=summary,
        candidate_entity=candidate,
        known_facts=facts[:MAX_KNOWN_FACTS],
        key_questions=_questions(claims, target, project, candidate),
        search_hints=_hints(claims, target, project, signal),
        do_not_repeat=done,
    )
    data = fit_to_budget(pack.model_dump(mode="json"), budget_tokens, lists=_TRIM, texts=_TEXTS)
    return SignalToEntityPack.model_validate(data)
