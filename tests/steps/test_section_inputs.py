"""Each section's fingerprint covers everything its writer reads.

A writer that read something its fingerprint leaves out would not be rewritten when that thing
changed. So, for every section of a real demo run: changing the lead score where the section
does not list it, or dropping the merge objects its route does not name, leaves its draft
unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.models import DOSSIER_SECTIONS, MergeResult
from engine.models.dossier import ContactCopy, MediaAsset, StrategicInsight
from engine.models.packs import ContactsToEnrichmentPack
from engine.planning import section_route
from engine.scoring import LeadScore
from engine.steps.sections import SECTION_EXTRAS
from engine.store import Store
from engine.writing import write_section
from engine.writing.inputs import WriterInput
from tests.pipeline.conftest import ORG, execute, start


@pytest.fixture(scope="module")
def run_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from engine.demo import demo_scenarios, seed_demo

    path: Path = tmp_path_factory.mktemp("inputs") / "db.duckdb"
    with Store(path) as store:
        seed_demo(store, ORG)
        scenario = demo_scenarios()[0]
        run = start(store, scenario)
        assert execute(store, run.run_id).status == "succeeded"
        insight = store.get_step(ORG, run.run_id, "insight")
        contacts = store.get_step(ORG, run.run_id, "enrich_contacts")
        media = store.get_step(ORG, run.run_id, "media")
        plan = store.latest_plan(ORG, run.run_id)
        assert insight and contacts and media and plan and insight.output
        return {
            "claims": {c.claim_id: c for c in store.list_claims(ORG, run.run_id)},
            "merge": store.latest_merge(ORG, run.run_id),
            "plan": plan[1],
            "client": store.get_client(ORG, scenario.client_name),
            "target": scenario.target,
            "lead": LeadScore.model_validate(insight.output["lead"]),
            "insight": StrategicInsight.model_validate(insight.output["insight"]),
            "pack": ContactsToEnrichmentPack.model_validate(insight.output["pack"]),
            "contacts": [
                ContactCopy.model_validate(c) for c in (contacts.output or {})["contacts"]
            ],
            "media": [MediaAsset.model_validate(m) for m in (media.output or {})["image_assets"]],
        }


def writer_input(data: dict[str, object], section: str, **changes: object) -> WriterInput:
    route = section_route(data["plan"], section)  # type: ignore[arg-type]
    used = SECTION_EXTRAS[section]  # type: ignore[index]
    claims = data["claims"]
    values: dict[str, object] = {
        "section": section,
        "target": data["target"],
        "claims": [claims[cid] for cid in route.claim_ids],  # type: ignore[index]
        "resolved_object_ids": list(route.resolved_object_ids),
        "coverage_notes": route.coverage_notes,
        "merge": data["merge"],
        "client": data["client"],
        "lead": data["lead"],
        "insight": data["insight"] if "insight" in used else None,
        "pack": data["pack"] if "pack" in used else None,
        "contacts_copy": data["contacts"] if "contacts_copy" in used else (),
        "media": data["media"] if "media" in used else (),
    }
    values.update(changes)
    return WriterInput(**values)  # type: ignore[arg-type]


def only_named_objects(merge: MergeResult, ids: list[str]) -> MergeResult:
    keep = set(ids)
    return merge.model_copy(
        update={
            "contacts_resolved": [c for c in merge.contacts_resolved if c.contact_id in keep],
            "timelines_resolved": [t for t in merge.timelines_resolved if t.timeline_id in keep],
            "conflicts": [c for c in merge.conflicts if c.conflict_id in keep],
            "ambiguous": [a for a in merge.ambiguous if a.ambiguous_id in keep],
        }
    )


@pytest.mark.parametrize(
    "section", [s for s in DOSSIER_SECTIONS if "lead" not in SECTION_EXTRAS[s]]
)
def test_a_lead_change_matters_only_where_the_fingerprint_has_it(
    run_inputs: dict[str, object], section: str
) -> None:
    lead = run_inputs["lead"]
    assert isinstance(lead, LeadScore)
    other = lead.model_copy(update={"score": (lead.score + 37) % 100, "timing_urgency": "HOT"})
    base = write_section(writer_input(run_inputs, section))
    assert write_section(writer_input(run_inputs, section, lead=other)) == base


@pytest.mark.parametrize("section", DOSSIER_SECTIONS)
def test_a_writer_reads_only_the_merge_objects_its_route_names(
    run_inputs: dict[str, object], section: str
) -> None:
    inp = writer_input(run_inputs, section)
    merge = run_inputs["merge"]
    assert isinstance(merge, MergeResult)
    narrowed = writer_input(
        run_inputs, section, merge=only_named_objects(merge, list(inp.resolved_object_ids))
    )
    assert write_section(narrowed) == write_section(inp)
