"""Plans, sections and dossiers: numbered plans, upserted sections, versioned frozen dossiers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.models import DOSSIER_SECTIONS, DossierPlan, SectionName, SectionRoute
from engine.models.dossier import (
    STATUS_TRANSITIONS,
    CitedSentence,
    DossierRecord,
    DossierStatus,
    WrittenSection,
)
from engine.store import (
    DuplicateError,
    FrozenDossierError,
    InvalidTransitionError,
    NotFoundError,
    Store,
    StoreError,
)

ORG, OTHER, RUN = "org-a", "org-b", "run-1"
DOSS = "DOSS_20240517_0001"
STATUSES: list[DossierStatus] = ["draft", "ready", "released"]


def make_plan(*claim_ids: str) -> DossierPlan:
    """A plan routing `claim_ids` to INTRO and nothing elsewhere."""
    return DossierPlan(section_routing={"INTRO": SectionRoute(claim_ids=list(claim_ids))})


def make_section(section: SectionName, text: str = "Wyloo builds Eagle's Nest.") -> WrittenSection:
    """A written section with one cited sentence."""
    return WrittenSection(
        section=section,
        title=section.title(),
        sentences=[CitedSentence(text=text, claim_ids=["search_001"])],
        routed_claim_ids=["search_001"],
        cited_claim_ids=["search_001"],
        fingerprint=f"fp-{section}-{len(text)}",
        writer_version="offline-1",
    )


def make_dossier(dossier_id: str = DOSS, run_id: str = RUN, **fields: Any) -> DossierRecord:
    """A dossier record with every JSON column filled; any field can be overridden."""
    values: dict[str, Any] = {
        "dossier_id": dossier_id,
        "run_id": run_id,
        "client_id": "client-1",
        "client_name": "Northwind",
        "target_entity": "Wyloo Metals",
        "target_project": "Eagle's Nest",
        "lead_score": 72,
        "find_lead": {
            "timing_urgency": "HOT - construction starts in 2026",
            "the_angle": "drilling for the new mine",
            "one_liner": "Wyloo is building Eagle's Nest.",
            "lead_score": 72,
            "score_explanation": "two fresh signals",
            "primary_buying_signal": {"claim_id": "search_001"},
        },
        "enrich_lead": {"lead_claims": ["lead_001"]},
        "insight": {"strategy": {"the_angle": "drilling"}},
        "copy": {"contacts": [{"name": "Sylvain Goyette"}]},
        "media": {"image_assets": []},
        "sections": {"INTRO": make_section("INTRO"), "SCORE": make_section("SCORE")},
        "sources": [
            {
                "number": 1,
                "url": "https://news.example.com/a",
                "name": "Example News",
                "tier": "NEWS",
                "used_in": ["INTRO"],
                "claim_ids": ["search_001"],
            }
        ],
        "assembled_dossier": {"plan_no": 1},
    }
    values.update(fields)
    return DossierRecord.model_validate(values)


def test_plans_are_numbered_per_run_and_the_latest_counts(store: Store) -> None:
    assert store.latest_plan(ORG, RUN) is None
    before = datetime.now(UTC) - timedelta(seconds=1)
    assert store.save_plan(ORG, RUN, make_plan("search_001")) == 1
    assert store.save_plan(ORG, RUN, make_plan("search_002"), author="analyst") == 2
    assert store.save_plan(ORG, "run-2", make_plan()) == 1
    assert store.latest_plan(ORG, RUN) == (2, make_plan("search_002"))
    listed = store.list_plans(ORG, RUN)
    assert [(plan_no, author) for plan_no, author, _ in listed] == [(1, "default"), (2, "analyst")]
    assert all(at.tzinfo is UTC and at >= before for _, _, at in listed)


def test_a_plan_needs_an_author(store: Store) -> None:
    with pytest.raises(StoreError, match="author must be a non-empty string"):
        store.save_plan(ORG, RUN, make_plan(), author="")
    assert store.list_plans(ORG, RUN) == []


def test_sections_are_upserted_by_name_and_listed_in_dossier_order(store: Store) -> None:
    store.save_sections(ORG, RUN, [make_section("SOURCES"), make_section("INTRO")])
    rewritten = make_section("INTRO", "Wyloo Metals is building Eagle's Nest.")
    store.save_sections(ORG, RUN, [rewritten, make_section("SCORE")])
    listed = store.list_sections(ORG, RUN)
    assert list(listed) == ["INTRO", "SCORE", "SOURCES"]
    assert listed["INTRO"] == rewritten
    assert listed["SOURCES"] == make_section("SOURCES")
    assert store.list_sections(ORG, "run-2") == {}


def test_a_section_batch_repeating_a_name_or_holding_a_bad_one_saves_nothing(store: Store) -> None:
    with pytest.raises(DuplicateError, match="section 'INTRO' appears twice"):
        store.save_sections(ORG, RUN, [make_section("INTRO"), make_section("INTRO", "Other.")])
    empty = CitedSentence.model_construct(text="", claim_ids=[])
    broken = make_section("SCORE").model_copy(update={"sentences": [empty]})
    with pytest.raises(StoreError, match="section 'SCORE' is invalid"):
        store.save_sections(ORG, RUN, [make_section("INTRO"), broken])
    assert store.list_sections(ORG, RUN) == {}


@settings(max_examples=25, deadline=None)
@given(
    texts=st.dictionaries(
        st.sampled_from(DOSSIER_SECTIONS),
        st.text(min_size=1).filter(lambda text: text.strip() != ""),
        max_size=len(DOSSIER_SECTIONS),
    )
)
def test_sections_read_back_equal_whatever_their_text(texts: dict[SectionName, str]) -> None:
    sections = [make_section(name, text) for name, text in texts.items()]
    with Store() as store:
        store.save_sections(ORG, RUN, sections)
        listed = store.list_sections(ORG, RUN)
    assert list(listed) == [name for name in DOSSIER_SECTIONS if name in texts]
    assert listed == {section.section: section for section in sections}


def test_the_first_save_is_a_draft_version_one_that_reads_back_equal(store: Store) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    saved = store.save_dossier(ORG, make_dossier(status="released", version=9), reason="assembled")
    assert (saved.version, saved.status, saved.released_at) == (1, "draft", None)
    assert saved.created_at == saved.updated_at
    assert saved.created_at is not None and saved.created_at >= before
    assert store.get_dossier(ORG, DOSS) == saved
    assert store.get_dossier_for_run(ORG, RUN) == saved
    assert saved.model_dump(mode="json")["copy"] == {"contacts": [{"name": "Sylvain Goyette"}]}
    assert list(saved.sections) == ["INTRO", "SCORE"]


def test_a_later_save_is_the_next_version_keeping_status_and_creation(store: Store) -> None:
    first = store.save_dossier(ORG, make_dossier(), reason="assembled")
    store.set_dossier_status(ORG, DOSS, "ready")
    second = store.save_dossier(ORG, make_dossier(lead_score=80), reason="reassembled")
    assert (second.version, second.status, second.lead_score) == (2, "ready", 80)
    assert second.created_at == first.created_at
    assert second.updated_at is not None and first.updated_at is not None
    assert second.updated_at >= first.updated_at
    assert store.get_dossier(ORG, DOSS) == second


def test_every_save_is_kept_as_a_version_with_its_reason(store: Store) -> None:
    first = store.save_dossier(ORG, make_dossier(), reason="assembled")
    second = store.save_dossier(ORG, make_dossier(lead_score=5), reason="rebuilt after review")
    store.set_dossier_status(ORG, DOSS, "ready")
    versions = store.list_dossier_versions(ORG, DOSS)
    assert [(version, reason) for version, reason, _ in versions] == [
        (1, "assembled"),
        (2, "rebuilt after review"),
    ]
    assert versions[0][2] == first.updated_at
    assert store.get_dossier_version(ORG, DOSS, 1) == first
    assert store.get_dossier_version(ORG, DOSS, 2) == second
    assert store.get_dossier_version(ORG, DOSS, 3) is None


def test_a_released_dossier_is_frozen(store: Store) -> None:
    store.save_dossier(ORG, make_dossier(), reason="assembled")
    store.set_dossier_status(ORG, DOSS, "ready")
    released = store.set_dossier_status(ORG, DOSS, "released")
    assert released.released_at is not None and released.version == 1
    with pytest.raises(FrozenDossierError, match=f"dossier '{DOSS}' is released and cannot change"):
        store.save_dossier(ORG, make_dossier(lead_score=1), reason="late edit")
    with pytest.raises(InvalidTransitionError, match="is released: released dossiers are frozen"):
        store.set_dossier_status(ORG, DOSS, "draft")
    assert store.get_dossier(ORG, DOSS) == released
    assert len(store.list_dossier_versions(ORG, DOSS)) == 1


def test_a_status_move_outside_the_transitions_is_refused_naming_the_allowed(
    store: Store,
) -> None:
    store.save_dossier(ORG, make_dossier(), reason="assembled")
    message = f"cannot move dossier '{DOSS}' from 'draft' to 'released'; allowed: 'ready'"
    with pytest.raises(InvalidTransitionError, match=message):
        store.set_dossier_status(ORG, DOSS, "released")
    assert store.set_dossier_status(ORG, DOSS, "draft") == store.get_dossier(ORG, DOSS)
    with pytest.raises(StoreError, match="unknown dossier status 'final'"):
        store.set_dossier_status(ORG, DOSS, "final")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match="dossier 'DOSS_20991231_0001' does not exist"):
        store.set_dossier_status(ORG, "DOSS_20991231_0001", "ready")


@settings(max_examples=30, deadline=None)
@given(moves=st.lists(st.sampled_from(STATUSES), max_size=8))
def test_status_follows_exactly_the_allowed_transitions(moves: list[DossierStatus]) -> None:
    with Store() as store:
        store.save_dossier(ORG, make_dossier(), reason="assembled")
        current: str = "draft"
        for move in moves:
            if move == current or move in STATUS_TRANSITIONS[current]:
                assert store.set_dossier_status(ORG, DOSS, move).status == move
                current = move
            else:
                with pytest.raises(InvalidTransitionError):
                    store.set_dossier_status(ORG, DOSS, move)
            stored = store.get_dossier(ORG, DOSS)
            assert stored is not None and stored.status == current
            assert (stored.released_at is not None) == (current == "released")
        assert [v for v, _, _ in store.list_dossier_versions(ORG, DOSS)] == [1]


def test_dossiers_are_listed_most_recently_updated_first(store: Store) -> None:
    store.save_dossier(ORG, make_dossier("DOSS_20240517_0001", "run-1"), reason="assembled")
    store.save_dossier(ORG, make_dossier("DOSS_20240517_0002", "run-2"), reason="assembled")
    store.save_dossier(ORG, make_dossier("DOSS_20240517_0001", "run-1"), reason="reassembled")
    listed = store.list_dossiers(ORG)
    assert [d.dossier_id for d in listed] == ["DOSS_20240517_0001", "DOSS_20240517_0002"]
    assert store.get_dossier_for_run(ORG, "run-2") == listed[1]
    assert store.get_dossier_for_run(ORG, "run-3") is None


def test_an_org_never_sees_or_changes_another_orgs_dossiers(store: Store) -> None:
    store.save_plan(OTHER, RUN, make_plan("search_001"))
    store.save_sections(OTHER, RUN, [make_section("INTRO")])
    theirs = store.save_dossier(OTHER, make_dossier(), reason="assembled")
    assert store.latest_plan(ORG, RUN) is None and store.list_plans(ORG, RUN) == []
    assert store.list_sections(ORG, RUN) == {}
    assert store.get_dossier(ORG, DOSS) is None and store.list_dossiers(ORG) == []
    assert store.get_dossier_for_run(ORG, RUN) is None
    assert store.list_dossier_versions(ORG, DOSS) == []
    assert store.get_dossier_version(ORG, DOSS, 1) is None
    with pytest.raises(NotFoundError):
        store.set_dossier_status(ORG, DOSS, "ready")
    # Dossier ids are numbered per org: the same id in this org is this org's own dossier.
    ours = store.save_dossier(ORG, make_dossier(lead_score=1), reason="assembled")
    assert ours.version == 1 and store.get_dossier(ORG, DOSS) == ours
    assert store.save_plan(ORG, RUN, make_plan()) == 1
    assert store.get_dossier(OTHER, DOSS) == theirs
    assert len(store.list_dossier_versions(OTHER, DOSS)) == 1
    assert store.latest_plan(OTHER, RUN) == (1, make_plan("search_001"))


def test_dossiers_persist_in_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "dossiers.duckdb"
    with Store(path) as store:
        store.save_plan(ORG, RUN, make_plan("search_001"))
        store.save_sections(ORG, RUN, [make_section("INTRO")])
        saved = store.save_dossier(ORG, make_dossier(), reason="assembled")
    with Store(path) as reopened:
        assert reopened.get_dossier(ORG, DOSS) == saved
        assert reopened.get_dossier_version(ORG, DOSS, 1) == saved
        assert reopened.list_sections(ORG, RUN) == {"INTRO": make_section("INTRO")}
        assert reopened.latest_plan(ORG, RUN) == (1, make_plan("search_001"))
