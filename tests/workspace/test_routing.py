"""The Plan page's routing logic: matrix, edits back to a plan, saving versions, coverage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.models import (
    DOSSIER_SECTIONS,
    Client,
    DossierPlan,
    InvalidInput,
    SectionRoute,
    UnmappedClaims,
)
from engine.models.run import RunRecord, RunRequest
from engine.planning.edit import ANALYST_REASON
from engine.store import Store
from engine.workspace import routing
from tests.factories import make_claim

ORG = "org-plan"
CLAIMS = [
    make_claim("search_001", claim_type="SIGNAL", statement="Borealis Nickel got its permit."),
    make_claim("search_002", claim_type="METRIC", statement="Capital cost is $1.2 billion."),
    make_claim("entity_001", claim_type="ENTITY", statement="Borealis is based in Sudbury."),
    make_claim("contact_001", claim_type="CONTACT", statement="James Carver leads projects."),
    make_claim("contact_002", claim_type="NOTE", statement="A general note."),
]
IDS = [claim.claim_id for claim in CLAIMS]


def plan() -> DossierPlan:
    return DossierPlan(
        section_routing={
            "INTRO": SectionRoute(
                claim_ids=["entity_001"],
                resolved_object_ids=["conflict_001"],
                coverage_notes="Has HQ.",
            ),
            "OPPORTUNITY": SectionRoute(claim_ids=["search_001", "search_002"]),
            "VERIFIED_CONTACTS": SectionRoute(
                claim_ids=["contact_001"], coverage_notes="1 contact."
            ),
            "SOURCES": SectionRoute(claim_ids=["search_001", "search_002", "entity_001"]),
        },
        unmapped_claims=UnmappedClaims(
            claim_ids=["contact_002"], reasons={"contact_002": "NOTE with LOW confidence"}
        ),
    )


def tick(matrix: pl.DataFrame, claim_id: str, section: str, value: bool) -> pl.DataFrame:
    """The matrix with one cell set."""
    cell = pl.when(pl.col("claim_id") == claim_id).then(value).otherwise(pl.col(section))
    return matrix.with_columns(cell.alias(section))


def test_matrix_has_one_row_per_claim_and_true_exactly_where_routed() -> None:
    matrix = routing.routing_matrix(plan(), CLAIMS)
    assert matrix.columns == [*routing.CLAIM_COLUMNS, *DOSSIER_SECTIONS]
    assert sorted(matrix["claim_id"].to_list()) == sorted(IDS)
    routed = {
        (row["claim_id"], section)
        for row in matrix.iter_rows(named=True)
        for section in DOSSIER_SECTIONS
        if row[section]
    }
    expected = {
        (claim_id, section)
        for section, route in plan().section_routing.items()
        for claim_id in route.claim_ids
    }
    assert routed == expected


def test_matrix_orders_claims_by_step_and_clips_long_statements() -> None:
    long = make_claim("lead_001", statement="word " * 100 + "\nend")
    matrix = routing.routing_matrix(plan(), [*CLAIMS, long])
    assert matrix["claim_id"].to_list()[:3] == ["search_001", "search_002", "entity_001"]
    clipped = matrix.filter(pl.col("claim_id") == "lead_001")["statement"][0]
    assert len(clipped) == routing.STATEMENT_CHARS and clipped.endswith("…")
    assert "\n" not in clipped


@st.composite
def routed_plans(draw: st.DrawFn) -> DossierPlan:
    """A consistent plan over IDS: each claim routed to some sections, or unmapped with a reason."""
    chosen = {claim_id: draw(st.sets(st.sampled_from(DOSSIER_SECTIONS))) for claim_id in IDS}
    present = draw(st.sets(st.sampled_from(DOSSIER_SECTIONS)))
    routing_map = {
        section: SectionRoute(
            claim_ids=[cid for cid in draw(st.permutations(IDS)) if section in chosen[cid]],
            resolved_object_ids=draw(st.lists(st.sampled_from(["person_001", "timeline_001"]))),
            coverage_notes=draw(st.text(max_size=20)),
        )
        for section in DOSSIER_SECTIONS
        if section in present or any(section in sections for sections in chosen.values())
    }
    unmapped = [cid for cid in IDS if not chosen[cid]]
    reasons = {cid: draw(st.text(min_size=1, max_size=20)) for cid in unmapped}
    return DossierPlan(
        section_routing=routing_map,
        unmapped_claims=UnmappedClaims(claim_ids=unmapped, reasons=reasons),
    )


@given(routed_plans())
def test_plan_from_its_own_matrix_is_the_same_plan(original: DossierPlan) -> None:
    matrix = routing.routing_matrix(original, CLAIMS)
    assert routing.plan_from_matrix(original, matrix) == original


@given(routed_plans(), st.sampled_from(IDS), st.sampled_from(DOSSIER_SECTIONS))
def test_flipping_one_box_changes_exactly_that_section(
    original: DossierPlan, claim_id: str, section: str
) -> None:
    matrix = routing.routing_matrix(original, CLAIMS)
    was = matrix.filter(pl.col("claim_id") == claim_id)[section][0]
    edited = routing.plan_from_matrix(original, tick(matrix, claim_id, section, not was))
    assert routing.changed_sections(original, edited) == [section]
    assert (claim_id in edited.section_routing[section].claim_ids) is (not was)  # type: ignore[index]
    assert edited.section_routing.get("INTRO", SectionRoute()).coverage_notes == (
        original.section_routing.get("INTRO", SectionRoute()).coverage_notes
    )


def test_rows_left_out_by_a_filter_keep_their_routing() -> None:
    matrix = routing.routing_matrix(plan(), CLAIMS)
    shown = routing.filter_matrix(matrix, section="OPPORTUNITY")
    edited = routing.plan_from_matrix(plan(), tick(shown, "search_001", "OPPORTUNITY", False))
    assert edited.section_routing["OPPORTUNITY"].claim_ids == ["search_002"]
    assert edited.section_routing["SOURCES"] == plan().section_routing["SOURCES"]
    assert edited.section_routing["INTRO"] == plan().section_routing["INTRO"]


def test_a_claim_routed_nowhere_is_unmapped_and_a_routed_one_leaves_unmapped() -> None:
    matrix = routing.routing_matrix(plan(), CLAIMS)
    matrix = tick(matrix, "contact_001", "VERIFIED_CONTACTS", False)
    matrix = tick(matrix, "contact_002", "OUTREACH", True)
    edited = routing.plan_from_matrix(plan(), matrix)
    assert edited.unmapped_claims.claim_ids == ["contact_001"]
    assert edited.unmapped_claims.reasons == {"contact_001": ANALYST_REASON}
    assert edited.section_routing["OUTREACH"].claim_ids == ["contact_002"]
    assert edited.section_routing["VERIFIED_CONTACTS"].coverage_notes == "1 contact."
    assert routing.changed_sections(plan(), edited) == ["VERIFIED_CONTACTS", "OUTREACH"]


def test_unknown_claim_ids_in_the_edited_rows_are_refused() -> None:
    matrix = routing.routing_matrix(plan(), [*CLAIMS, make_claim("search_099")])
    with pytest.raises(InvalidInput, match="'search_099'"):
        routing.plan_from_matrix(plan(), matrix)
    routed = tick(matrix, "search_099", "SCORE", True)
    edited = routing.plan_from_matrix(plan(), routed, claim_ids=[*IDS, "search_099"])
    assert edited.section_routing["SCORE"].claim_ids == ["search_099"]


@pytest.mark.parametrize(
    "broken",
    [
        lambda m: m.drop("MEDIA"),
        lambda m: pl.concat([m, m.head(1)]),
        lambda m: m.with_columns(pl.lit("maybe").alias("SCORE")),
    ],
    ids=["missing section column", "duplicate claim", "not a boolean"],
)
def test_malformed_edited_rows_are_refused(broken: object) -> None:
    matrix = routing.routing_matrix(plan(), CLAIMS)
    with pytest.raises(InvalidInput):
        routing.plan_from_matrix(plan(), broken(matrix))  # type: ignore[operator]


def test_changed_sections_compare_claims_objects_and_notes() -> None:
    old, new = plan(), plan()
    assert routing.changed_sections(old, new) == []
    new.section_routing["INTRO"].coverage_notes = "Other notes."
    new.section_routing["MEDIA"] = SectionRoute(claim_ids=["search_001"])
    new.section_routing["SOURCES"].resolved_object_ids = ["person_001"]
    assert routing.changed_sections(old, new) == ["INTRO", "MEDIA", "SOURCES"]
    assert routing.section_titles(["INTRO", "MEDIA"]) == "Introduction, Media"
    assert routing.section_titles([]) == "none"


def test_filter_by_section_type_and_text() -> None:
    matrix = routing.routing_matrix(plan(), CLAIMS)

    def ids(frame: pl.DataFrame) -> list[str]:
        return frame["claim_id"].to_list()

    assert ids(routing.filter_matrix(matrix, section="INTRO")) == ["entity_001"]
    assert ids(routing.filter_matrix(matrix, section=routing.UNROUTED)) == ["contact_002"]
    assert ids(routing.filter_matrix(matrix, claim_types=["METRIC", "CONTACT"])) == [
        "search_002",
        "contact_001",
    ]
    assert ids(routing.filter_matrix(matrix, text="  SUDBURY ")) == ["entity_001"]
    assert ids(routing.filter_matrix(matrix, text="contact_00", section="SOURCES")) == []
    assert routing.filter_matrix(matrix).height == len(CLAIMS)


def test_coverage_and_unmapped_tables() -> None:
    coverage = routing.coverage_table(plan())
    assert coverage["section"].to_list() == list(DOSSIER_SECTIONS)
    intro = coverage.row(0, named=True)
    assert intro == {
        "section": "INTRO",
        "title": "Introduction",
        "claims": 1,
        "resolved_objects": 1,
        "coverage_notes": "Has HQ.",
    }
    assert coverage.filter(pl.col("section") == "MEDIA")["claims"][0] == 0
    unmapped = routing.unmapped_table(plan(), CLAIMS)
    assert unmapped.to_dicts() == [
        {
            "claim_id": "contact_002",
            "claim_type": "NOTE",
            "statement": "A general note.",
            "reason": "NOTE with LOW confidence",
        }
    ]


# --- with a real store ------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "workbench.duckdb") as opened:
        yield opened


def new_run(store: Store, *, with_plan: bool = True) -> RunRecord:
    """A run of CLAIMS, with the default plan() stored as version 1."""
    client = Client(name="Northway", description="Modular camps.")
    client_id = store.get_client_id(ORG, client.name) or store.add_client(ORG, client)
    run = store.create_run(
        ORG, RunRequest(client_name=client.name, target="Borealis Nickel"), client_id=client_id
    )
    store.save_claims(ORG, run.run_id, CLAIMS)
    if with_plan:
        store.save_plan(ORG, run.run_id, plan())
    return run


def test_move_and_save_stores_an_analyst_version(store: Store) -> None:
    run = new_run(store)
    saved = routing.move_and_save(
        store, ORG, run.run_id, "search_002", "OPPORTUNITY", "DEAL_STRATEGY", base_plan_no=1
    )
    assert saved == routing.SavedPlan(2, ["OPPORTUNITY", "DEAL_STRATEGY"])
    plan_no, stored = store.latest_plan(ORG, run.run_id) or (0, plan())
    assert plan_no == 2 and [v[1] for v in store.list_plans(ORG, run.run_id)] == [
        "default",
        "analyst",
    ]
    assert stored.section_routing["OPPORTUNITY"].claim_ids == ["search_001"]
    assert stored.section_routing["DEAL_STRATEGY"].claim_ids == ["search_002"]


def test_move_refuses_a_claim_not_in_the_source_section(store: Store) -> None:
    run = new_run(store)
    with pytest.raises(InvalidInput, match="not routed to 'INTRO'"):
        routing.move_and_save(
            store, ORG, run.run_id, "search_002", "INTRO", "SCORE", base_plan_no=1
        )
    assert len(store.list_plans(ORG, run.run_id)) == 1


def test_save_matrix_saves_a_version_only_when_something_changed(store: Store) -> None:
    run = new_run(store)
    view = routing.plan_view(store, ORG, run.run_id)
    assert view is not None and view.plan_no == 1 and view.matrix.height == len(CLAIMS)
    unchanged = routing.save_matrix(store, ORG, run.run_id, view.matrix, base_plan_no=1)
    assert unchanged == routing.SavedPlan(None, [])
    edited = tick(view.matrix, "contact_002", "MEDIA", True)
    saved = routing.save_matrix(store, ORG, run.run_id, edited, base_plan_no=1)
    assert saved == routing.SavedPlan(2, ["MEDIA"])
    latest = store.latest_plan(ORG, run.run_id)
    assert latest is not None and latest[1].section_routing["MEDIA"].claim_ids == ["contact_002"]
    assert latest[1].unmapped_claims.claim_ids == []


def test_saving_over_a_newer_version_is_refused(store: Store) -> None:
    run = new_run(store)
    routing.move_and_save(
        store, ORG, run.run_id, "search_002", "OPPORTUNITY", "SCORE", base_plan_no=1
    )
    matrix = routing.routing_matrix(plan(), CLAIMS)
    with pytest.raises(InvalidInput, match="plan version 2 was saved"):
        routing.save_matrix(store, ORG, run.run_id, matrix, base_plan_no=1)


def test_save_matrix_refuses_claims_the_run_does_not_have(store: Store) -> None:
    run = new_run(store)
    matrix = routing.routing_matrix(plan(), [*CLAIMS, make_claim("opp_007")])
    with pytest.raises(InvalidInput, match="'opp_007'"):
        routing.save_matrix(store, ORG, run.run_id, matrix, base_plan_no=1)


def test_runs_offered_and_the_default_run(store: Store) -> None:
    assert routing.plan_runs(store, ORG) == [] and routing.default_run([], None) is None
    planned = new_run(store)
    unplanned = new_run(store, with_plan=False)
    choices = routing.plan_runs(store, ORG)
    assert {(c.run.run_id, c.plan_no) for c in choices} == {
        (planned.run_id, 1),
        (unplanned.run_id, None),
    }
    assert routing.default_run(choices, None) == planned.run_id
    assert routing.default_run(choices, unplanned.run_id) == unplanned.run_id
    assert routing.default_run(choices, "run_gone") == planned.run_id
    assert routing.plan_view(store, ORG, unplanned.run_id) is None
    with pytest.raises(InvalidInput):
        routing.plan_view(store, ORG, "run_gone")
    assert len(routing.plan_runs(store, ORG, limit=1)) == 1


def test_routed_sections_of_a_claim() -> None:
    assert routing.routed_sections(plan(), "search_001") == ["OPPORTUNITY", "SOURCES"]
    assert routing.routed_sections(plan(), "contact_002") == []


def test_move_destinations_are_the_sections_a_claim_does_not_feed() -> None:
    assert routing.move_destinations(plan(), "search_001") == [
        s for s in DOSSIER_SECTIONS if s not in ("OPPORTUNITY", "SOURCES")
    ]
    assert routing.move_destinations(plan(), "contact_002") == list(DOSSIER_SECTIONS)
    everywhere = plan()
    for section in DOSSIER_SECTIONS:
        route = everywhere.section_routing.setdefault(section, SectionRoute())
        route.claim_ids = sorted({*route.claim_ids, "entity_001"})
    assert routing.move_destinations(everywhere, "entity_001") == []


def test_move_refuses_a_destination_the_claim_already_feeds(store: Store) -> None:
    run = new_run(store)
    with pytest.raises(InvalidInput, match="'search_002' already feeds 'SOURCES'"):
        routing.move_and_save(
            store, ORG, run.run_id, "search_002", "OPPORTUNITY", "SOURCES", base_plan_no=1
        )
    with pytest.raises(InvalidInput, match="already feeds 'OPPORTUNITY'"):
        routing.move_and_save(
            store, ORG, run.run_id, "search_002", "OPPORTUNITY", "OPPORTUNITY", base_plan_no=1
        )
    assert len(store.list_plans(ORG, run.run_id)) == 1
