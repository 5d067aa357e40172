"""Resuming a run that stopped short: what ran must be redone when its inputs changed.

A partial run resumed after its failed enrichment succeeds must merge those claims into the
dossier (the merge and every step after it run again), and a run paused after `insight` for
review must merge again with the analyst's reviews when it is resumed.
"""

from __future__ import annotations

from engine.demo import DemoScenario
from engine.models import Review
from engine.store import Store
from tests.fakes.backends import ScriptedBackend
from tests.pipeline.conftest import ORG, execute, start


def test_resuming_a_partial_run_merges_the_retried_steps_claims(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(fail={"enrich_opportunity": RuntimeError("quota exceeded")})
    assert execute(store, run.run_id, backend).status == "partial"
    first = store.get_dossier(ORG, run.dossier_id)
    assert first is not None and first.enrich_lead["opportunity_claims"] == []

    resumed = execute(store, run.run_id, ScriptedBackend())
    assert resumed.status == "succeeded" and resumed.error is None
    opp_claims = sorted(
        c.claim_id for c in store.list_claims(ORG, run.run_id) if c.claim_id.startswith("opp_")
    )
    assert opp_claims
    merge = store.latest_merge(ORG, run.run_id)
    assert merge is not None and merge.summary.total_claims == store.count_claims(ORG, run.run_id)
    dossier = store.get_dossier(ORG, run.dossier_id)
    assert dossier is not None and dossier.version == 2
    assert dossier.enrich_lead["opportunity_claims"] == opp_claims
    steps = store.list_steps(ORG, run.run_id)
    assert {s.status for s in steps} == {"succeeded"}
    assert sum(s.claims_added for s in steps) == store.count_claims(ORG, run.run_id)


def test_resuming_a_run_twice_after_it_succeeded_changes_nothing(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(fail={"enrich_opportunity": RuntimeError("quota exceeded")})
    execute(store, run.run_id, backend)
    execute(store, run.run_id, ScriptedBackend())
    again = ScriptedBackend()
    assert execute(store, run.run_id, again).status == "succeeded"
    assert again.calls == []
    dossier = store.get_dossier(ORG, run.dossier_id)
    assert dossier is not None and dossier.version == 2


def test_a_review_made_while_paused_is_merged_when_the_run_resumes(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario, pause_after_insight=True)
    assert execute(store, run.run_id).status == "paused"
    merge = store.latest_merge(ORG, run.run_id)
    assert merge is not None and merge.conflicts
    conflict = merge.conflicts[0]
    other = next(c for c in conflict.claims_involved if c != conflict.recommended_claim_id)
    store.add_review(
        ORG,
        run.run_id,
        Review(
            review_id="r1",
            decision="PICK_VALUE",
            claim_ids=list(conflict.claims_involved),
            chosen_claim_id=other,
        ),
    )

    assert execute(store, run.run_id).status == "succeeded"
    remerged = store.latest_merge(ORG, run.run_id)
    assert remerged is not None and len(remerged.conflicts) == len(merge.conflicts) - 1
    dossier = store.get_dossier(ORG, run.dossier_id)
    assert dossier is not None and dossier.version == 1
    assert len(dossier.insight["merge"]["conflicts"]) == len(merge.conflicts) - 1
    kinds = [e.kind for e in store.list_events(ORG, run.run_id)]
    assert kinds.count("run_paused") == 1


def test_a_paused_run_resumed_without_reviews_does_not_merge_again(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario, pause_after_insight=True)
    backend = ScriptedBackend()
    assert execute(store, run.run_id, backend).status == "paused"
    assert execute(store, run.run_id, backend).status == "succeeded"
    assert backend.called("insight") == ["insight"]


def test_resuming_a_run_with_a_failed_section_writes_only_that_section(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(fail={"OUTREACH": ValueError("writer crashed")})
    assert execute(store, run.run_id, backend).status == "partial"
    before = store.list_sections(ORG, run.run_id)
    assert "OUTREACH" not in before

    again = ScriptedBackend()
    resumed = execute(store, run.run_id, again)
    assert resumed.status == "succeeded" and resumed.error is None
    assert again.called("write_section") == ["OUTREACH"]
    assert again.called("research") == []
    after = store.list_sections(ORG, run.run_id)
    assert {name: after[name] for name in before} == before
    dossier = store.get_dossier(ORG, run.dossier_id)
    assert dossier is not None and "OUTREACH" in dossier.sections and dossier.version == 2
