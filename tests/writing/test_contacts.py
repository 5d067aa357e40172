"""Per-contact copy: bio and relation from claims, email lengths, LinkedIn limits, no injection."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from engine.models import Claim, Client, ResolvedContact
from engine.models.dossier import LINKEDIN_MAX_CHARS, ContactCopy
from engine.writing import enrich_contact
from engine.writing.contacts import MAX_EMAIL_WORDS, MIN_EMAIL_WORDS
from engine.writing.inputs import ContactInput
from tests.factories import make_claim
from tests.scenarios import TARGET
from tests.writing.test_sections import CLIENT, INSTRUCTION, demo_run

SIGNAL = make_claim(
    "client_001",
    claim_type="SIGNAL",
    statement="Wyloo Metals is tendering the Eagle's Nest mill building package",
    entities=[TARGET, "Eagle's Nest"],
    date_in_claim=date(2025, 9, 15),
)
EVIDENCE = make_claim(
    "contact_001",
    claim_type="CONTACT",
    statement="Sylvain Goyette is VP Projects at Wyloo Metals",
    person={"name": "Sylvain Goyette", "title": "VP Projects", "organization": TARGET},
    source_name="Wyloo Metals website",
    source_tier="PRIMARY",
)


def _contact(name: str = "Sylvain Goyette", role: str | None = "VP Projects") -> ResolvedContact:
    return ResolvedContact(
        contact_id="person_001",
        name=name,
        current_role=role,
        organization=TARGET,
        evidence_claims=["contact_001"],
        resolution="SINGLE_CLAIM",
        confidence="HIGH",
    )


def _copy(
    contact: ResolvedContact | None = None,
    claims: list[Claim] | None = None,
    client: Client = CLIENT,
    signal: Claim | None = SIGNAL,
) -> ContactCopy:
    return enrich_contact(
        ContactInput(
            contact=contact or _contact(),
            claims=[EVIDENCE] if claims is None else claims,
            target=TARGET,
            client=client,
            signal=signal,
        )
    )


def _words(text: str) -> int:
    return len(text.split())


def test_bio_and_relation_come_from_the_contact_claims_and_the_signal() -> None:
    copy = _copy()
    assert copy.bio.startswith("Sylvain Goyette is VP Projects at Wyloo Metals.")
    assert "Wyloo Metals website (company source)" in copy.bio
    assert copy.relation_to_signal.startswith(
        "As VP Projects at Wyloo Metals, Sylvain Goyette owns project execution."
    )
    assert "tendering the Eagle's Nest mill building package" in copy.relation_to_signal
    assert copy.evidence_claims == ["contact_001"]


def test_generic_copy_names_no_client_and_client_copy_names_client_and_service() -> None:
    copy = _copy()
    assert MIN_EMAIL_WORDS <= _words(copy.email_copy) <= MAX_EMAIL_WORDS
    assert MIN_EMAIL_WORDS <= _words(copy.client_email_copy) <= MAX_EMAIL_WORDS
    assert copy.email_copy.startswith("Hi Sylvain,")
    assert "Wyloo Metals is tendering" in copy.email_copy
    assert CLIENT.name not in copy.email_copy and CLIENT.name not in copy.linkedin_copy
    assert CLIENT.name in copy.client_email_copy
    assert "pre-engineered steel buildings for the process plant and mill" in (
        copy.client_email_copy
    )
    assert CLIENT.name in copy.client_linkedin_copy
    assert len(copy.linkedin_copy) <= LINKEDIN_MAX_CHARS
    assert len(copy.client_linkedin_copy) <= LINKEDIN_MAX_CHARS


def test_copy_without_a_signal_still_has_the_required_lengths() -> None:
    copy = _copy(signal=None, claims=[])
    assert MIN_EMAIL_WORDS <= _words(copy.email_copy) <= MAX_EMAIL_WORDS
    assert copy.relation_to_signal == (
        "As VP Projects at Wyloo Metals, Sylvain Goyette owns project execution."
    )


def test_instruction_like_claims_never_reach_the_copy() -> None:
    bad_signal = make_claim("search_009", claim_type="SIGNAL", statement=INSTRUCTION)
    bad_note = make_claim("contact_009", claim_type="NOTE", statement=INSTRUCTION)
    copy = _copy(claims=[EVIDENCE, bad_note], signal=bad_signal)
    assert "previous instructions" not in copy.model_dump_json().lower()


def test_an_unsure_contact_is_flagged_in_the_relation() -> None:
    run = demo_run()
    carver = next(c for c in run.copies if c.contact_id == "person_002")
    assert "Identity unconfirmed" in carver.relation_to_signal
    assert "Works at Carver Logistics Inc., not Borealis Nickel" in carver.relation_to_signal


def test_demo_copies_respect_every_limit() -> None:
    for copy in demo_run().copies:
        assert MIN_EMAIL_WORDS <= _words(copy.email_copy) <= MAX_EMAIL_WORDS
        assert MIN_EMAIL_WORDS <= _words(copy.client_email_copy) <= MAX_EMAIL_WORDS
        assert len(copy.linkedin_copy) <= LINKEDIN_MAX_CHARS
        assert len(copy.client_linkedin_copy) <= LINKEDIN_MAX_CHARS


_long = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200
).filter(str.strip)


@given(name=_long, title=st.one_of(st.none(), _long), client_name=_long, services=_long)
def test_linkedin_copy_fits_for_very_long_names_titles_and_clients(
    name: str, title: str | None, client_name: str, services: str
) -> None:
    client = Client(
        name=client_name,
        description="A supplier.",
        services=services,
        differentiators="Fast delivery; " + services,
    )
    copy = _copy(contact=_contact(name=name, role=title), client=client)
    assert len(copy.linkedin_copy) <= LINKEDIN_MAX_CHARS
    assert len(copy.client_linkedin_copy) <= LINKEDIN_MAX_CHARS
    assert MIN_EMAIL_WORDS <= _words(copy.email_copy) <= MAX_EMAIL_WORDS
    assert MIN_EMAIL_WORDS <= _words(copy.client_email_copy) <= MAX_EMAIL_WORDS
