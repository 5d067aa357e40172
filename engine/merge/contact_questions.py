"""CONTACT ambiguous items: the text of each open question contact resolution leaves.

A question over two contacts says how they relate (same name at another organization, a shared
identifier, given names a typo apart, or a typo chain); a question over three or more contacts
(namesakes at many organizations, one email shared by many people) is one item listing them all;
a bridge lists the contacts it could belong to.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.merge.contact_clusters import Question
from engine.models import AmbiguousItem, ResolvedContact


def _label(contact: ResolvedContact) -> str:
    where = f"at {contact.organization!r}" if contact.organization else "(no organization)"
    return f"{contact.contact_id} {contact.name!r} {where}"


def question_item(question: Question, contacts: Sequence[ResolvedContact]) -> AmbiguousItem:
    """The CONTACT ambiguous item (provisional id empty) for one open question."""
    involved = [contacts[index] for index in question.clusters]
    claims = sorted(claim_id for contact in involved for claim_id in contact.evidence_claims)
    first, rest = involved[0], sorted(involved[1:], key=lambda contact: contact.contact_id)
    if question.kind == "bridge":
        return AmbiguousItem(
            ambiguous_id="",
            kind="CONTACT",
            description=f"{_label(first)} matches {len(rest)} different contacts: "
            + "; ".join(_label(contact) for contact in rest),
            claims_involved=claims,
            options=[f"Same person as {_label(contact)}" for contact in rest]
            + ["A different person"],
            reason="The name fits several contacts that are not one person (an initial or "
            "nickname shared by different names, or no organization where the name appears at "
            "several), so it was not attached to any of them.",
        )
    if len(involved) > 2:
        return _group_item(question, involved, claims)
    second = rest[0]
    texts = {
        "other_organization": (
            f"{_label(first)} and {_label(second)}: same name at different organizations",
            ["Same person (job change)", "Different people"],
            "Same name at different organizations is usually a job change, but no LinkedIn "
            "URL or email settles it.",
        ),
        "shared_identifier": (
            f"{_label(first)} and {_label(second)} share a LinkedIn URL or email "
            "but not all their names match",
            ["Same person", "Different people"],
            "A shared LinkedIn URL or email points to one person, but the names disagree "
            "(an extraction error, a name change, a shared mailbox, or an initial that fits "
            "two different names).",
        ),
        "possible_name": (
            f"{_label(first)} and {_label(second)}: given names differ by one letter",
            ["Same person (a typo)", "Different people"],
            "The given names are one typo apart, but both are real names or they differ in "
            "their ending (Maria/Mario, Simon/Simone), so it may be two different people.",
        ),
        "possibly_same": (
            f"{_label(first)} and {_label(second)} may be the same person",
            ["Same person", "Different people"],
            "Some of their name forms match and others do not (for example a typo on each "
            "side), so they were neither merged nor told apart automatically.",
        ),
    }
    description, options, reason = texts[question.kind]
    return AmbiguousItem(
        ambiguous_id="",
        kind="CONTACT",
        description=description,
        claims_involved=claims,
        options=options,
        reason=reason,
    )


_GROUP_VERBS = {
    "other_organization": "have the same name at different organizations",
    "shared_identifier": "share a LinkedIn URL or email but not all their names match",
    "possible_name": "have given names one typo apart",
    "possibly_same": "may be one person or several",
}
_GROUP_REASONS = {
    "other_organization": "The same name appears at several organizations: job changes or "
    "namesakes, and no LinkedIn URL or email settles it.",
    "shared_identifier": "A shared LinkedIn URL or email points to one person, but the names "
    "disagree (an extraction error, a name change or a shared mailbox).",
    "possible_name": "The given names are one typo apart but may be different real names.",
    "possibly_same": "Their names and evidence fit one person or several, and nothing decides "
    "which contacts belong together.",
}


def _group_item(
    question: Question, involved: Sequence[ResolvedContact], claims: list[str]
) -> AmbiguousItem:
    """The CONTACT ambiguous item for a question over three or more contacts."""
    ordered = sorted(involved, key=lambda contact: contact.contact_id)
    return AmbiguousItem(
        ambiguous_id="",
        kind="CONTACT",
        description=f"{len(ordered)} contacts {_GROUP_VERBS[question.kind]}: "
        + "; ".join(_label(contact) for contact in ordered),
        claims_involved=claims,
        options=[f"{_label(contact)} is one of them" for contact in ordered]
        + ["All different people"],
        reason=_GROUP_REASONS[question.kind],
    )
