"""Split across steps, the corpus yields the same claims as extracted whole.

Each research step reads only its share of the sources; with the corpus as context, every claim
(ids aside) and so the merge come out as from one extraction of the whole corpus — the project
named in one document is known in all of them.
"""

from __future__ import annotations

from typing import Any

from engine.claims import extract_claims, load_documents
from engine.demo import DemoScenario
from engine.merge import merge_claims
from engine.models import Claim
from engine.store import Store
from tests.pipeline.conftest import ORG, execute, start


def without_id(claim: Claim) -> str:
    data: dict[str, Any] = claim.model_dump(mode="json", exclude={"claim_id"})
    return repr(sorted(data.items()))


def test_pipeline_claims_and_merge_equal_a_whole_corpus_extraction(
    store: Store, scenario: DemoScenario
) -> None:
    run = start(store, scenario)
    assert execute(store, run.run_id).status == "succeeded"
    piped = store.list_claims(ORG, run.run_id)
    whole = extract_claims(
        load_documents(scenario.path, target=scenario.target), target=scenario.target
    )
    assert sorted(map(without_id, piped)) == sorted(map(without_id, whole))
    merged = store.latest_merge(ORG, run.run_id)
    assert merged is not None
    expected = merge_claims(whole, target_entity=scenario.target).summary
    assert merged.summary == expected
