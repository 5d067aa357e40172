"""Offline per-contact enrichment (step `enrich_contacts`): bio, relation to signal, outreach copy.

Everything is read from the contact's own claims, the run's strongest signal and the client;
instruction-like claims are ignored (a signal that reads as one is treated as no signal). The
generic email has 80-150 words and names no client; the client versions name the client and
one of its services and differentiators. LinkedIn notes never exceed `LINKEDIN_MAX_CHARS`:
each is the richest variant that fits, cut to the limit as a last resort.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.claims.guard import is_instruction_statement
from engine.merge.text import fold
from engine.models.claims import Claim
from engine.models.dossier import LINKEDIN_MAX_CHARS, ContactCopy
from engine.packs.facts import names_match
from engine.packs.orgs import key_project
from engine.scoring import best_first, signal_kind
from engine.writing.inputs import ContactInput
from engine.writing.section_fit import best_service, client_differentiators
from engine.writing.section_people import remit, role_at
from engine.writing.section_text import (
    KIND_NEEDS,
    TIER_NOUNS,
    as_sentence,
    clause,
    clip_words,
    embedded,
    lower_first,
    plain,
    usable_claims,
    without_dateline,
)

MIN_EMAIL_WORDS, MAX_EMAIL_WORDS = 80, 150
NAME_CHARS = 60
BIO_STATEMENTS = 2
STATEMENT_CHARS = 200
HOOK_WORDS = 25
SHORT_HOOK_CHARS = 110
# Added, in order, until an email reaches MIN_EMAIL_WORDS.
_PADDING = (
    "Happy to share what has worked on comparable projects, with no obligation.",
    "If someone else on your team owns this, a pointer to the right person would be appreciated.",
    "The first call stays short and practical: where the schedule stands, which packages are "
    "still open, and whether there is a fit.",
    "Either way, good luck with the next milestone.",
)


def end(text: str) -> str:
    """The text closed with a period, unless it already ends a sentence or with an ellipsis."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def first_name(name: str) -> str:
    """The name to greet: the first word, unless it is an initial."""
    words = name.split()
    if not words or len(words[0].rstrip(".")) <= 1:
        return name
    return words[0]


def hook_text(signal: Claim | None, words: int) -> str:
    """The signal's statement as a clause: dateline removed, first letter lower, `words` long."""
    if signal is None:
        return ""
    text = without_dateline(signal.statement).rstrip(".")
    parts = text.split()
    clipped = " ".join(parts[:words]) + ("…" if len(parts) > words else "")
    return embedded(clipped.rstrip(".,;:"))


def _title_key(title: str) -> str:
    return fold(title).replace("vice president", "vp").replace("senior vp", "svp")


def _bio(inp: ContactInput, claims: Sequence[Claim]) -> str:
    contact = inp.contact
    name = plain(contact.name)
    where = role_at(contact)
    parts = [end(f"{name} is {where}") if where else f"{name} is named in the research."]
    role = _title_key(contact.current_role or "")
    titles = [
        (plain(c.person.title), plain(c.source_name or c.claim_id))
        for c in claims
        if c.person is not None and c.person.title and _title_key(c.person.title) != role
    ]
    for title, source in list(dict.fromkeys(titles))[:2]:
        parts.append(f"Also listed as {title} ({source}).")
    said = [
        as_sentence(clip_words(c.statement, STATEMENT_CHARS))
        for c in claims
        if fold(c.statement).removesuffix(" ") != fold(parts[0])
    ]
    parts.extend(list(dict.fromkeys(said))[:BIO_STATEMENTS])
    sources = [
        f"{plain(c.source_name)} ({TIER_NOUNS[c.source_tier][0]})" for c in claims if c.source_name
    ]
    if sources:
        parts.append("Sources: " + "; ".join(dict.fromkeys(sources)) + ".")
    return " ".join(parts)


def _relation(inp: ContactInput, signal: Claim | None, place: str) -> str:
    contact = inp.contact
    where = role_at(contact)
    text = f"As {where}, {plain(contact.name)} {remit(contact)}." if where else ""
    text = text or f"{plain(contact.name)} {remit(contact)}."
    if contact.resolution == "UNSURE":
        text += " Identity unconfirmed: a namesake exists, so confirm before outreach."
    if contact.organization and not names_match(contact.organization, inp.target):
        text += (
            f" Works at {plain(contact.organization)}, not {plain(inp.target)}: confirm the link."
        )
    if signal is None:
        return text
    need = KIND_NEEDS[signal_kind(signal)]
    return f"{text} This bears on the {need} at {place}: {end(clause(signal.statement))}"


def _bounded_email(paragraphs: Sequence[str]) -> str:
    """Join paragraphs, padded to MIN_EMAIL_WORDS and cut to MAX_EMAIL_WORDS words."""
    body = list(paragraphs)
    for padding in _PADDING:
        if len(" ".join(body).split()) >= MIN_EMAIL_WORDS:
            break
        body.insert(-2, padding)
    text = "\n\n".join(body)
    if len(text.split()) <= MAX_EMAIL_WORDS:
        return text
    tokens = re.split(r"(\s+)", text)
    kept: list[str] = []
    count = 0
    for token in tokens:
        if token.strip():
            if count >= MAX_EMAIL_WORDS - 2:
                break
            count += 1
        kept.append(token)
    return "".join(kept).rstrip() + "…\n\nBest regards"


def _email(greet: str, who: str, hook: str, need: str, place: str, offer: str) -> str:
    opening = end(f"I read that {hook}") if hook else f"I have been following the work on {place}."
    role = f" As {who}, you will be weighing the {need} over the coming months." if who else ""
    return _bounded_email(
        [
            f"Hi {greet},",
            opening + role,
            offer,
            f"Would you be open to a 20-minute call in the next two weeks to compare notes on "
            f"{place}?",
            "Best regards",
        ]
    )


def fit_note(variants: Sequence[str]) -> str:
    """The first variant within LINKEDIN_MAX_CHARS, else the last one cut to the limit."""
    for text in variants:
        if len(text) <= LINKEDIN_MAX_CHARS:
            return text
    return clip_words(variants[-1], LINKEDIN_MAX_CHARS)


def enrich_contact(inp: ContactInput) -> ContactCopy:
    """Bio, relation to the signal, and generic and client outreach copy for one contact."""
    contact = inp.contact
    claims = best_first(usable_claims(inp.claims))
    signal = inp.signal
    if signal is not None and is_instruction_statement(signal.statement):
        signal = None
    project = key_project([*claims, *([signal] if signal else [])], inp.target)
    place = clip_words(project or inp.target, NAME_CHARS)
    greet = clip_words(first_name(plain(contact.name)), NAME_CHARS)
    who = clip_words(role_at(contact), 2 * NAME_CHARS)
    need = KIND_NEEDS[signal_kind(signal)] if signal else "next phase"
    client = clip_words(inp.client.name, NAME_CHARS)
    service = best_service(inp.client, [signal] if signal else claims)
    offered = clip_words(lower_first(service), NAME_CHARS) if service else "project support"
    edges = client_differentiators(inp.client)
    edge = clip_words(lower_first(edges[0]), NAME_CHARS) if edges else ""
    hook = hook_text(signal, HOOK_WORDS)
    generic_offer = (
        "We work with project teams at exactly this stage, lining up suppliers early so that "
        "schedule and budget hold once work starts. A short conversation now usually saves "
        "time when the packages go out."
    )
    email_service = clip_words(lower_first(service), 2 * NAME_CHARS) if service else offered
    email_edge = clip_words(lower_first(edges[0]), 2 * NAME_CHARS) if edges else ""
    client_offer = end(
        f"At {client}, we provide {email_service}" + (f"; {email_edge}" if email_edge else "")
    )
    saw = end(f"I saw that {hook}") + " " if hook and len(hook) <= SHORT_HOOK_CHARS else ""
    saw = saw or f"I saw the news on the {need} at {place}. "
    role_line = f"Given your role as {who}, " if who else ""
    linkedin = fit_note(
        [
            f"Hi {greet}, {saw}{role_line}I'd like to connect and compare notes.",
            f"Hi {greet}, {saw}I'd like to connect and compare notes.",
            f"Hi {greet}, I'd like to connect and compare notes on the {need} at {place}.",
        ]
    )
    with_edge = f", {edge}" if edge else ""
    full_offer = end(f"{client} provides {offered}{with_edge}")
    short_offer = end(f"{client} provides {offered}")
    client_linkedin = fit_note(
        [
            f"Hi {greet}, {saw}{full_offer} Open to connecting?",
            f"Hi {greet}, {full_offer} Open to connecting?",
            f"Hi {greet}, {short_offer} Open to connecting?",
            f"{short_offer} Open to connecting?",
        ]
    )
    return ContactCopy(
        contact_id=contact.contact_id,
        name=contact.name,
        title=contact.current_role,
        organization=contact.organization,
        bio=_bio(inp, claims),
        relation_to_signal=_relation(inp, signal, place),
        email_copy=_email(greet, who, hook, need, place, generic_offer),
        linkedin_copy=linkedin,
        client_email_copy=_email(greet, who, hook, need, place, client_offer),
        client_linkedin_copy=client_linkedin,
        evidence_claims=list(contact.evidence_claims),
    )
