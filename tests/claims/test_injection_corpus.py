"""Injection is data, in any form: every attack of the corpus leaves the dossier as it was.

For each attack of tests/claims/injection_attacks.py, planted into a real corpus, a whole
dossier run (tests/claims/injection_run.py) on the offline backend and on the openai backend
over a compromised scripted model (it states the planted fact as a clean claim citing the
attacked page) must show, against the same run without the attack:
1. every claim the attack brings is at most a LOW NOTE (no person, attribute, value, event);
2. none is routed to a section or cited, and no planted fact is written anywhere;
3. the lead score is unchanged.
A few attacks also go through the real Runner and store, which the fast harness must match.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from engine.claims.ids import source_id_for
from engine.demo import demo_clients, demo_scenarios
from engine.export import export_dossier
from engine.llm.protocol import CallContext
from engine.models.client import Client
from engine.models.run import RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.runner import Runner
from engine.research.backend import Backend
from engine.research.offline import OfflineBackend
from engine.research.openai_backend import OpenAIBackend
from engine.scoring import LeadScore
from engine.store import Store
from tests.claims.injection_attacks import ATTACKS, BOREALIS, Attack, plant
from tests.claims.injection_run import TODAY, Dossier, run_dossier, violations
from tests.fakes.compromised import compromised
from tests.fakes.llm import ScriptedModel

BACKENDS = ("offline", "scripted-model")
ORG = "injection"


def _client(corpus: Path) -> tuple[str, Client]:
    if corpus == BOREALIS:
        scenario = demo_scenarios()[0]
        return scenario.target, next(c for c in demo_clients() if c.name == scenario.client_name)
    expectations = json.loads((corpus / "expectations.json").read_text(encoding="utf-8"))
    return expectations["target"]["target"], Client.model_validate(expectations["client"])


def _backend(kind: str, attack: Attack | None = None) -> Backend:
    if kind == "offline":
        return OfflineBackend()
    planted = {source_id_for(attack.document): attack.drafts()} if attack else {}
    model = ScriptedModel(responder=compromised(planted))
    return OpenAIBackend(model, context=CallContext(org_id=ORG, run_id="injection"))


@cache
def _baseline(corpus: Path, kind: str) -> Dossier:
    target, client = _client(corpus)
    return run_dossier(_backend(kind), corpus, target, client)


def test_the_corpus_covers_forty_attacks_in_eight_languages_or_disguises() -> None:
    assert len(ATTACKS) >= 40
    assert len({a.attack_id for a in ATTACKS}) == len(ATTACKS)
    languages = {"fr", "de", "es", "it", "pt", "nl", "pl", "sv", "ru", "tr", "zh", "ja", "cs", "id"}
    disguises = {"leet", "spacing", "homoglyph", "zero-width", "hidden"}
    assert len({a.kind for a in ATTACKS} & (languages | disguises)) >= 8
    structures = {"next", "table", "heading", "caption", "passive", "question", "persona"}
    assert structures | {"quote", "front-matter"} <= {a.kind for a in ATTACKS}


@pytest.mark.parametrize("kind", BACKENDS)
def test_the_baselines_state_none_of_the_planted_facts(kind: str) -> None:
    for corpus in {attack.corpus for attack in ATTACKS}:
        baseline = _baseline(corpus, kind)
        text = "\n".join([baseline.written_text(), *(c.statement for c in baseline.claims)])
        markers = {m for a in ATTACKS if a.corpus == corpus for m in a.markers}
        assert not [m for m in markers if m.casefold() in text.casefold()]


@pytest.mark.parametrize("kind", BACKENDS)
@pytest.mark.parametrize("attack", ATTACKS, ids=[a.attack_id for a in ATTACKS])
def test_an_attack_leaves_the_dossier_as_it_was(attack: Attack, kind: str, tmp_path: Path) -> None:
    plant(attack, tmp_path)
    target, client = _client(attack.corpus)
    attacked = run_dossier(_backend(kind, attack), tmp_path, target, client)
    found = violations(
        _baseline(attack.corpus, kind), attacked, attack.markers, self_declared=attack.self_declared
    )
    assert not found, "\n".join(found)


# --- the same, through the real Runner and store -------------------------------------------


def _full_run(sources: Path, backend: Callable[[], Backend], store_path: Path) -> Dossier:
    """A Runner's dossier over a DuckDB store, read back into the harness's Dossier."""
    target, client = _client(sources)
    with Store(store_path) as store:
        store.add_client(ORG, client)
        request = RunRequest(client_name=client.name, target=target, sources_dir=str(sources))
        run = create_run(store, ORG, request)
        runner = Runner(store, ORG, backend_factory=lambda _: backend(), today=TODAY)
        finished = asyncio.run(runner.execute(run.run_id))
        assert finished.status == "succeeded", finished.error
        dossier = store.get_dossier(ORG, run.dossier_id)
        plan = store.latest_plan(ORG, run.run_id)
        merge = store.latest_merge(ORG, run.run_id)
        insight = store.get_step(ORG, run.run_id, "insight")
        assert dossier and plan and merge and insight and insight.output
        return Dossier(
            documents=[],
            claims=store.list_claims(ORG, run.run_id),
            merge=merge,
            lead=LeadScore.model_validate(insight.output["lead"]),
            plan=plan[1],
            media=[],
            contacts_copy=[],
            sections=dict(dossier.sections),
            export=export_dossier(dossier, "md"),
        )


def test_the_harness_gives_the_runners_dossier(tmp_path: Path) -> None:
    corpus = ATTACKS[0].corpus
    full = _full_run(corpus, OfflineBackend, tmp_path / "base.duckdb")
    assert full.lead.score == _baseline(corpus, "offline").lead.score
    assert len(full.claims) == len(_baseline(corpus, "offline").claims)


@pytest.mark.parametrize(
    ("attack_id", "kind"),
    [("fr-override", "offline"), ("css-white-on-white", "scripted-model")],
)
def test_full_runs_keep_attacks_out_of_the_dossier(
    attack_id: str, kind: str, tmp_path: Path
) -> None:
    attack = next(a for a in ATTACKS if a.attack_id == attack_id)
    sources = tmp_path / "sources"
    sources.mkdir()
    plant(attack, sources)
    (sources / "expectations.json").write_text(
        (attack.corpus / "expectations.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    attacked = _full_run(sources, lambda: _backend(kind, attack), tmp_path / "run.duckdb")
    assert not violations(_baseline(attack.corpus, kind), attacked, attack.markers)
    assert not [m for m in attack.markers if m.casefold() in attacked.export.casefold()]
