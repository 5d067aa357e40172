"""The API key is never stored nor printed, even echoed by an endpoint without its prefix or split.

An endpoint error quoting the key ("token TESTKEY... is not valid") used to land verbatim in
runs.error, step_runs.error, llm_calls.error, run_events and the `run --json` line. Every one of
those texts must hold no run of 8 or more of the key's characters (engine.llm.secrets' rule),
whether the text came through the model client or from any other failing step.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import DEFAULT_ORG, main
from engine.demo import DemoScenario, demo_scenarios
from engine.store import Store
from tests.fakes.backends import ScriptedBackend
from tests.fakes.llm_answers import answer
from tests.fakes.openai_server import LoopbackOpenAI
from tests.llm.test_secrets import surviving_runs
from tests.pipeline.conftest import ORG, execute, start

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

KEY = "sk-proj-TESTKEYq3Zr9Wm2Lx7Vb4Nc8Hd1Pf6Gj0"
BARE = KEY.removeprefix("sk-proj-")
SPLIT = "TESTKEYq 3Zr9-Wm2L.x7Vb4\u200bNc8Hd1 Pf6Gj0"


def stored_texts(store: Store, run_id: str, org: str = ORG) -> list[str]:
    """Every text the store keeps about the run: its error, steps, events and model calls."""
    run = store.get_run(org, run_id)
    assert run is not None
    steps = store.list_steps(org, run_id)
    texts = [run.error or ""]
    texts += [step.error or "" for step in steps]
    texts += [json.dumps(step.output or {}, ensure_ascii=False) for step in steps]
    events = store.list_events(org, run_id)
    texts += [json.dumps(event.detail, ensure_ascii=False) for event in events]
    texts += [repr(call) for call in store.list_llm_calls(org, run_id)]
    return texts


@pytest.mark.parametrize("echo", [BARE, SPLIT, BARE.lower()], ids=["bare", "split", "lower"])
def test_an_endpoint_echoing_the_key_stores_and_prints_none_of_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    echo: str,
) -> None:
    db = tmp_path / "w.duckdb"
    scenario = demo_scenarios()[0]
    with LoopbackOpenAI(answer) as server:
        server.fail_next("error", times=100, status=400, message=f"token {echo} is not valid")
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("WORKBENCH_LLM_CACHE", "off")
        assert main(["--db", str(db), "demo"]) == 0
        argv = ["--db", str(db), "run", "--client", scenario.client_name]
        argv += ["--target", scenario.target, "--sources", str(scenario.path)]
        code = main([*argv, "--backend", "openai", "--json"])
        assert server.chat_requests, "the run never asked the endpoint"
    out = capsys.readouterr().out
    summary = json.loads(out.strip().splitlines()[-1])
    assert code != 0 and summary["status"] == "failed"
    assert "token" in summary["error"] and "is not valid" in summary["error"]
    assert surviving_runs(out, KEY) == []
    with Store(db) as store:
        (run,) = store.list_runs(DEFAULT_ORG)
        texts = stored_texts(store, run.run_id, DEFAULT_ORG)
    assert any("is not valid" in text for text in texts)
    for text in texts:
        assert surviving_runs(text, KEY) == [], text


def test_any_failing_step_has_the_environments_key_masked_in_what_is_stored(
    store: Store, first_scenario: DemoScenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    run = start(store, first_scenario)
    backend = ScriptedBackend(fail={"enrich_opportunity": RuntimeError(f"upstream: {SPLIT}")})
    finished = execute(store, run.run_id, backend)
    assert finished.status == "partial"
    assert (
        finished.error is not None and "enrich_opportunity failed: upstream: ***" in finished.error
    )
    for text in stored_texts(store, run.run_id):
        assert surviving_runs(text, KEY) == [], text
