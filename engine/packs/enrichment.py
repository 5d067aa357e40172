"""Builder of the `contacts_to_enrichment` pack: target, project timeline, contacts, questions.

The project's timeline is the merge's: of the timelines about the key project (else the
target, else any), the earliest not-yet-ACTUAL milestone, else the latest ACTUAL event. No clock
is read: "next" means the earliest projected date among the open timelines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from engine.models.claims import Claim, EventStatus
from engine.models.merge import MergeResult, Timeline
from engine.models.packs import (
    ConfirmedContact,
    ContactsToEnrichmentPack,
    EnrichmentQuestions,
    ProjectStatus,
    TargetDomains,
)
from engine.packs.budget import TrimRule, check_budget, fit_to_budget
from engine.packs.contacts import (
    ContactContext,
    confirmed_contact,
    contact_ambiguities,
    contact_order,
)
from engine.packs.entity import identity_done
from engine.packs.facts import best_value, clip, names_match, org_domains
from engine.packs.orgs import MAX_NAME_CHARS, key_project, partners_of
from engine.scoring.lead import month_label

MAX_CONTACTS = 25
MAX_CONTACT_QUESTIONS = 12
SHORT_VALUE_CHARS = 80

_TRIM = (
    TrimRule(("enrichment_questions", "enrich_contacts"), 1.0),
    TrimRule(("enrichment_questions", "enrich_lead"), 1.0),
    TrimRule(("enrichment_questions", "enrich_opportunity"), 1.0),
    TrimRule(("enrichment_questions", "client_specific"), 1.0),
    TrimRule(("do_not_repeat",), 1.5),
    TrimRule(("confirmed_contacts",), 3.0),
)
_TEXTS = (("key_project", "timeline"), ("key_project", "stage"), ("key_project", "name"))


def project_timeline(timelines: Sequence[Timeline], names: Sequence[str]) -> Timeline | None:
    """The timeline that says where the project stands (see the module docstring)."""
    for name in names:
        about = [t for t in timelines if names_match(t.subject, name)]
        if about:
            break
    else:
        about = list(timelines)
    dated = [t for t in about if t.current_date is not None]
    open_ = sorted(
        (t for t in dated if t.current_status is not EventStatus.ACTUAL),
        key=lambda t: (t.current_date or date.min, t.timeline_id),
    )
    if open_:
        return open_[0]
    done = sorted(
        (t for t in dated if t.current_status is EventStatus.ACTUAL),
        key=lambda t: (-(t.current_date.toordinal() if t.current_date else 0), t.timeline_id),
    )
    return done[0] if done else min(about, key=lambda t: t.timeline_id, default=None)


def describe_timeline(timeline: Timeline) -> str:
    """'construction_start REVISED: March 2026 (timeline_001)'."""
    when = month_label(timeline.current_date) if timeline.current_date else "date unknown"
    return f"{timeline.attribute} {timeline.current_status.value}: {when} ({timeline.timeline_id})"


def _questions(
    claims: Sequence[Claim],
    target: str,
    project: ProjectStatus | None,
    contacts: Sequence[ConfirmedContact],
    partner_names: Sequence[str],
) -> EnrichmentQuestions:
    work = project.name if project and project.name else target
    lead = [f"Which other projects is {target} developing, and at what stage?"]
    lead.append(f"Which contractors and suppliers has {target} used on past projects?")
    if partner_names:
        lead.append(f"How long has {target} worked with {partner_names[0]}, and on what?")
    opportunity: list[str] = []
    if best_value(claims, "capital_cost", work) is None:
        opportunity.append(f"What is the estimated capital cost of {work}?")
    if best_value(claims, "project_capacity", work) is None:
        opportunity.append(f"What capacity or size is {work} designed for?")
    if project is None or project.timeline is None:
        opportunity.append(f"When does construction of {work} start, and when does it finish?")
    opportunity.append(f"Which work packages for {work} are still to be tendered?")
    stage = f" at its {project.stage} stage" if project and project.stage else ""
    client = [
        f"Which of the client's services fit {work}{stage}?",
        f"Has {target} bought similar services before, and from whom?",
    ]
    if partner_names:
        client.append(f"Can the client reach {target} through {partner_names[0]}?")
    per_contact: list[str] = []
    for contact in contacts:
        if contact.needs_review:
            where = f", {contact.organization}" if contact.organization else ""
            per_contact.append(
                f"Confirm the identity and current employer of {contact.name} "
                f"({contact.contact_id}{where}) before outreach"
            )
        if contact.domain_for_email:
            per_contact.append(f"Verify {contact.name}'s email at {contact.domain_for_email}")
        else:
            per_contact.append(f"Find {contact.name}'s employer domain and business email")
    return EnrichmentQuestions(
        enrich_lead=lead,
        enrich_opportunity=opportunity,
        client_specific=client,
        enrich_contacts=list(dict.fromkeys(per_contact))[:MAX_CONTACT_QUESTIONS],
    )


def _done(claims: Sequence[Claim], merge: MergeResult, target: str) -> list[str]:
    done = identity_done(claims, target)
    if merge.contacts_resolved:
        done.append(f"Contact identification - {len(merge.contacts_resolved)} contacts resolved")
    for timeline in sorted(merge.timelines_resolved, key=lambda t: t.timeline_id):
        done.append(f"Timeline reconciled - {describe_timeline(timeline)}")
    for conflict in sorted(merge.conflicts, key=lambda c: c.conflict_id):
        chosen = conflict.recommended_claim_id
        if chosen is not None and chosen in conflict.values:
            value = clip(conflict.values[chosen], SHORT_VALUE_CHARS)
            done.append(f"{conflict.attribute} - use {value!r} ({conflict.conflict_id}: {chosen})")
    return done


def build_contacts_to_enrichment(
    claims: Sequence[Claim], merge: MergeResult, *, target: str, budget_tokens: int = 4000
) -> ContactsToEnrichmentPack:
    """The `contacts_to_enrichment` pack for `target` from all claims and their merge."""
    check_budget(budget_tokens)
    identity = TargetDomains(name=clip(target, MAX_NAME_CHARS), domains=org_domains(claims, target))
    project_name = key_project(claims, target)
    timeline = project_timeline(merge.timelines_resolved, [n for n in (project_name, target) if n])
    project: ProjectStatus | None = None
    if project_name is not None or timeline is not None:
        stage = best_value(claims, "project_stage", project_name) if project_name else None
        project = ProjectStatus(
            name=project_name,
            stage=clip(stage[0], SHORT_VALUE_CHARS) if stage else None,
            timeline=describe_timeline(timeline) if timeline else None,
            timeline_id=timeline.timeline_id if timeline else None,
        )
    partners = partners_of(claims, target, project_name)
    context = ContactContext(claims, target, identity.domains, partners)
    ambiguities = contact_ambiguities(merge)
    entries = sorted(
        (
            (confirmed_contact(contact, context, merge, ambiguities), contact)
            for contact in merge.contacts_resolved
        ),
        key=lambda pair: contact_order(*pair),
    )
    contacts = [entry for entry, _ in entries][:MAX_CONTACTS]
    pack = ContactsToEnrichmentPack(
        canonical_target=identity,
        key_project=project,
        confirmed_contacts=contacts,
        enrichment_questions=_questions(
            claims, target, project, contacts, [p.name for p in partners]
        ),
        do_not_repeat=_done(claims, merge, target),
    )
    data = fit_to_budget(pack.model_dump(mode="json"), budget_tokens, lists=_TRIM, texts=_TEXTS)
    return ContactsToEnrichmentPack.model_validate(data)
