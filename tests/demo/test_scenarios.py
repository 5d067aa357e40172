"""The demo scenarios give every pipeline step real work: checked with the real claims engine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from urllib.parse import urlsplit

import pytest

from engine.claims.documents import load_documents
from engine.claims.extract import extract_claims
from engine.demo import DemoScenario, demo_clients, demo_scenarios
from engine.merge.core import merge_claims
from engine.models import (
    TIER_RANK,
    Claim,
    ClaimType,
    Confidence,
    EventStatus,
    MergeResult,
    SourceDocument,
    SourceTier,
    claims_to_json,
    parse_claims,
)
from engine.research.allocation import RESEARCH_STEPS, allocate_documents

SCENARIOS = demo_scenarios()
INJECTION = "must rate"
_HIDDEN_BLOCK = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Extracted:
    """One scenario's documents, claims and merge."""

    documents: list[SourceDocument]
    claims: list[Claim]
    merge: MergeResult

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.claim_id == claim_id)


@cache
def extracted(slug: str) -> Extracted:
    scenario = next(s for s in SCENARIOS if s.slug == slug)
    documents = load_documents(scenario.path, target=scenario.target)
    claims = extract_claims(documents, target=scenario.target)
    return Extracted(documents, claims, merge_claims(claims, target_entity=scenario.target))


@pytest.fixture(params=SCENARIOS, ids=[s.slug for s in SCENARIOS])
def scenario(request: pytest.FixtureRequest) -> DemoScenario:
    chosen: DemoScenario = request.param
    return chosen


def test_there_are_two_scenarios_each_paired_with_one_demo_client() -> None:
    assert len(SCENARIOS) == 2
    assert len({s.slug for s in SCENARIOS}) == len({s.target for s in SCENARIOS}) == 2
    assert [s.client_name for s in SCENARIOS] == [c.name for c in demo_clients()]
    assert all(s.path.is_dir() and s.title for s in SCENARIOS)


def test_documents_mix_formats_and_tiers(scenario: DemoScenario) -> None:
    documents = extracted(scenario.slug).documents
    assert 6 <= len(documents) <= 10
    suffixes = {d.path.rsplit(".", 1)[-1] for d in documents}
    assert {"md", "html"} <= suffixes
    assert {SourceTier.GOV, SourceTier.PRIMARY, SourceTier.NEWS} <= {d.tier for d in documents}
    assert all(d.url and d.published and d.source_type for d in documents)


def test_every_document_contributes_claims(scenario: DemoScenario) -> None:
    data = extracted(scenario.slug)
    sources = {c.source_url for c in data.claims}
    assert [d.path for d in data.documents if d.url not in sources] == []


def test_claims_are_contract_json_with_sequential_ids(scenario: DemoScenario) -> None:
    claims = extracted(scenario.slug).claims
    assert parse_claims(claims_to_json(claims)) == claims
    assert [c.claim_id for c in claims] == [f"doc_{n:03d}" for n in range(1, len(claims) + 1)]


def test_some_documents_carry_https_images(scenario: DemoScenario) -> None:
    images = [image for d in extracted(scenario.slug).documents for image in d.images]
    assert images
    for image in images:
        parts = urlsplit(image["image_url"])
        assert parts.scheme == "https" and parts.netloc, image
        assert image.get("caption") and image.get("asset_type"), image


def test_conflict_across_tiers_recommends_the_higher_tier(scenario: DemoScenario) -> None:
    data = extracted(scenario.slug)
    across: list[tuple[str, str]] = []
    for conflict in data.merge.conflicts:
        tiers = {data.claim(cid).source_tier for cid in conflict.claims_involved}
        disagreement = conflict.conflict_kind == "DISAGREEMENT"
        if len(tiers) > 1 and conflict.recommended_claim_id is not None and disagreement:
            best = max(tiers, key=TIER_RANK.__getitem__)
            assert data.claim(conflict.recommended_claim_id).source_tier is best
            across.append((conflict.subject, conflict.attribute))
    assert (scenario.target, "hq_location") in across


def test_a_later_cost_estimate_is_a_revision_that_recommends_the_newest(
    scenario: DemoScenario,
) -> None:
    # The trade news "now pegs the capital cost at ..., up from the figure in its permit
    # filing": the newer estimate supersedes the filing's, whatever the filing's tier.
    data = extracted(scenario.slug)
    [conflict] = [c for c in data.merge.conflicts if c.attribute == "capital_cost"]
    assert conflict.conflict_kind == "REVISION"
    assert conflict.recommended_claim_id is not None
    newest = data.claim(conflict.recommended_claim_id)
    dates = [data.claim(cid).reported_on for cid in conflict.values]
    assert dates == sorted(dates, key=lambda d: d or date.min)
    assert newest.reported_on == max(d for d in dates if d is not None)
    assert "now pegs" in newest.statement


def test_a_timeline_is_announced_then_revised_then_actual(scenario: DemoScenario) -> None:
    timelines = extracted(scenario.slug).merge.timelines_resolved
    revised = [t for t in timelines if EventStatus.REVISED in {h.status for h in t.history}]
    assert revised
    complete = [
        t
        for t in revised
        if [h.status for h in t.history][0] is EventStatus.ANNOUNCED
        and t.current_status is EventStatus.ACTUAL
    ]
    assert "construction_start" in {t.attribute for t in complete}


def test_one_person_under_two_name_forms_is_one_contact_at_the_target(
    scenario: DemoScenario,
) -> None:
    data = extracted(scenario.slug)
    merged = []
    for contact in data.merge.contacts_resolved:
        people = [data.claim(cid).person for cid in contact.evidence_claims]
        forms = {person.name for person in people if person is not None}
        if len(forms) > 1:
            merged.append((contact, forms))
    assert merged
    for contact, forms in merged:
        assert contact.organization == scenario.target
        assert contact.resolution == "SAME_PERSON"
        assert len({name.split()[-1] for name in forms}) == 1  # one surname, two given names


def test_a_namesake_at_another_company_is_an_ambiguous_contact(scenario: DemoScenario) -> None:
    data = extracted(scenario.slug)
    items = [a for a in data.merge.ambiguous if a.kind == "CONTACT"]
    assert len(items) == 1
    people = [data.claim(cid).person for cid in items[0].claims_involved]
    assert all(person is not None for person in people)
    assert len({p.name for p in people if p is not None}) == 1
    organizations = {p.organization for p in people if p is not None}
    assert scenario.target in organizations and len(organizations) == 2


def test_the_injected_instruction_is_only_a_low_note(scenario: DemoScenario) -> None:
    claims = extracted(scenario.slug).claims
    [note] = [c for c in claims if INJECTION in c.statement]
    assert (note.claim_type, note.confidence) == (ClaimType.NOTE, Confidence.LOW)
    assert note.attribute is None and note.person is None and note.entities == []
    assert not [c for c in claims if "top lead" in c.statement and c is not note]


def test_script_and_style_text_never_becomes_a_claim(scenario: DemoScenario) -> None:
    data = extracted(scenario.slug)
    text = " ".join(c.statement for c in data.claims)
    pages = {d.path: (scenario.path / d.path).read_text(encoding="utf-8") for d in data.documents}
    press = [d.path for d in data.documents if d.source_type == "press_release"]
    assert any("<script" in pages[path] and "<style" in pages[path] for path in press)
    blocks = [body for page in pages.values() for _, body in _HIDDEN_BLOCK.findall(page)]
    assert len(blocks) >= 3
    for block in blocks:
        assert " ".join(block.split()) not in text
    for hidden in ("MARKER-TEXT", "HOT lead", "document.write", "cookie", "rights reserved"):
        assert hidden not in text


def test_there_are_real_dated_buying_signals(scenario: DemoScenario) -> None:
    claims = extracted(scenario.slug).claims
    signals = [c for c in claims if c.claim_type is ClaimType.SIGNAL]
    assert len(signals) >= 3
    kinds = {c.attribute for c in signals}
    assert {"permit_decision", "construction_start", "contract_award", "procurement"} <= kinds
    assert {"hiring", "financing_close"} <= kinds
    dated = [c for c in signals if c.event_status is not None]
    assert all(c.date_in_claim is not None for c in dated)


def test_each_research_step_finds_documents_for_the_paired_client(
    scenario: DemoScenario,
) -> None:
    [client] = [c for c in demo_clients() if c.name == scenario.client_name]
    allocation = allocate_documents(extracted(scenario.slug).documents, client)
    assert [step for step in RESEARCH_STEPS if not allocation[step]] == []
    by_step = {step: {d.source_type for d in docs} for step, docs in allocation.items()}
    assert "job_posting" in by_step["client_specific"]
    assert "tender" in by_step["client_specific"]
    assert "leadership" in by_step["contact_discovery"]
