"""How current a contact's role is: stale after 18 months, or superseded by a later holder.

A role reported more than STALE_AFTER_MONTHS before the run's day is shown "as of YYYY" and
ranks below a current one. A title one person holds at a time (CEO, CFO, COO, chair) that a
later report gives to someone else at the same organization supersedes the earlier or undated
holder. Both are read by the writers and by contact enrichment to order people (`is_outdated`).
Pure: no clock; the day is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from engine.merge.orgs import organization_key
from engine.models.merge import ResolvedContact

# A role reported longer ago than this is shown "as of YYYY" and ranks below a current one.
STALE_AFTER_MONTHS = 18


def _key(name: str | None) -> str:
    return organization_key(name) if name else ""


def is_stale(contact: ResolvedContact, today: date) -> bool:
    """True when the contact's role was reported more than STALE_AFTER_MONTHS before today."""
    reported = contact.role_reported_on
    if reported is None:
        return False
    months = (today.year - reported.year) * 12 + today.month - reported.month
    return months > STALE_AFTER_MONTHS or (
        months == STALE_AFTER_MONTHS and today.day > reported.day
    )


# Titles one person holds at a time: a later report naming another holder supersedes an earlier.
_SINGLE_HOLDER = (
    ("ceo", re.compile(r"\b(?:ceo|chief\s+executive(?:\s+officer)?)\b", re.IGNORECASE)),
    ("cfo", re.compile(r"\b(?:cfo|chief\s+financial\s+officer)\b", re.IGNORECASE)),
    ("coo", re.compile(r"\b(?:coo|chief\s+operating\s+officer)\b", re.IGNORECASE)),
    ("chair", re.compile(r"\bchair(?:man|woman|person)?\b", re.IGNORECASE)),
)


def holder_key(title: str | None) -> str | None:
    """'ceo' for 'President and CEO' or 'chief executive'; None for titles many people hold."""
    if not title or re.search(r"\b(?:vice|deputy|assistant|acting|interim|former)\b", title, re.I):
        return None
    return next((key for key, pattern in _SINGLE_HOLDER if pattern.search(title)), None)


def superseded_holders(contacts: Iterable[ResolvedContact]) -> frozenset[str]:
    """Ids of target-staff contacts whose one-holder title (CEO, CFO, COO, chair) a later report
    gives to someone else at the same organization: "Pat Gelsinger, CEO" (undated) once "chief
    executive Lip-Bu Tan" is reported in 2025. An undated role counts as the earliest."""
    holders: dict[tuple[str, str], list[ResolvedContact]] = {}
    for contact in contacts:
        key = holder_key(contact.current_role)
        if key is not None and contact.stakeholder_role == "target_staff":
            holders.setdefault((key, _key(contact.organization)), []).append(contact)
    superseded: set[str] = set()
    for group in holders.values():
        latest = max((c.role_reported_on or date.min for c in group), default=date.min)
        if latest == date.min:
            continue
        superseded.update(c.contact_id for c in group if (c.role_reported_on or date.min) < latest)
    return frozenset(superseded)


def role_as_of(contact: ResolvedContact, today: date) -> str:
    """' as of 2022' for a stale role, else ''."""
    if contact.role_reported_on is None or not is_stale(contact, today):
        return ""
    return f" as of {contact.role_reported_on.year}"


def is_outdated(contact: ResolvedContact, today: date | None, superseded: frozenset[str]) -> bool:
    """True for a stale role (when the day is known) or a superseded one-holder title."""
    return (today is not None and is_stale(contact, today)) or contact.contact_id in superseded
