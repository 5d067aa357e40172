"""Benchmark of the openai backend's spend: calls and tokens per dossier run, and what packs save.

Each demo scenario runs on the openai backend through the real SDK against the loopback
OpenAI-compatible server of the tests (tests/fakes/openai_server.py, answering like a careful
model with tests/fakes/llm_answers.py), twice: with context packs (what the steps receive) and with
all earlier claims in their place (`context_mode="all_claims"`). Tokens are the server's estimate
(characters / 4, as engine/tokens.py), not a real tokenizer's count. A third run repeats the first
with the cache on and counts the requests it makes. Prints one JSON line:

    .venv/bin/python bench/llm.py
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pydantic import SecretStr  # noqa: E402

from engine.demo import demo_scenarios, seed_demo  # noqa: E402
from engine.llm.calllog import StoreCallCache, StoreCallLog  # noqa: E402
from engine.llm.openai_client import OpenAIClient  # noqa: E402
from engine.llm.protocol import CallContext  # noqa: E402
from engine.llm.settings import LLMSettings  # noqa: E402
from engine.models.run import RunRecord, RunRequest  # noqa: E402
from engine.pipeline.launch import create_run  # noqa: E402
from engine.pipeline.runner import Runner  # noqa: E402
from engine.research.openai_backend import OpenAIBackend  # noqa: E402
from engine.store import Store  # noqa: E402
from tests.fakes.llm_answers import answer  # noqa: E402
from tests.fakes.openai_server import LoopbackOpenAI  # noqa: E402

ORG = "bench"
PACK_STEPS = (
    "entity_research",
    "contact_discovery",
    "enrich_lead",
    "enrich_opportunity",
    "client_specific",
    "insight",
)


def _run(store: Store, server: LoopbackOpenAI, slug: str, mode: str, cache: bool) -> str:
    scenario = next(s for s in demo_scenarios() if s.slug == slug)
    request = RunRequest(
        client_name=scenario.client_name,
        target=scenario.target,
        sources_dir=str(scenario.path),
        backend="openai",
    )
    settings = LLMSettings(
        model="loopback-model",
        base_url=server.base_url,
        api_key=SecretStr("sk-bench"),
        cache=cache,
    )

    def make(run: RunRecord) -> OpenAIBackend:
        client = OpenAIClient(
            settings, log=StoreCallLog(store, ORG), cache=StoreCallCache(store, ORG)
        )
        context = CallContext(org_id=ORG, run_id=run.run_id)
        return OpenAIBackend(client, context=context, context_mode=mode)  # type: ignore[arg-type]

    run = _create(store, request)
    finished = asyncio.run(Runner(store, ORG, backend_factory=make).execute(run.run_id))
    if finished.status != "succeeded":
        raise SystemExit(f"{slug} {mode}: run {finished.status}: {finished.error}")
    return run.run_id


def _create(store: Store, request: RunRequest) -> RunRecord:
    import os

    os.environ.setdefault("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")  # create_run's check only
    return create_run(store, ORG, request)


def _spend(store: Store, run_id: str) -> dict[str, Any]:
    calls = store.list_llm_calls(ORG, run_id)
    by_step: dict[str, int] = defaultdict(int)
    for call in calls:
        by_step[call.context.step_id or "-"] += call.usage.prompt_tokens
    return {
        "calls": len(calls),
        "requests": sum(call.attempts for call in calls if not call.usage.cache_hit),
        "prompt_tokens": sum(call.usage.prompt_tokens for call in calls),
        "completion_tokens": sum(call.usage.completion_tokens for call in calls),
        "pack_step_prompt_tokens": sum(by_step.get(step, 0) for step in PACK_STEPS),
        "claims": store.count_claims(ORG, run_id),
    }


def main() -> None:
    """Run every scenario with packs, with all claims, and again from the cache."""
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch, LoopbackOpenAI(answer) as server:
        store = Store(Path(scratch) / "llm-bench.duckdb")
        seed_demo(store, ORG)
        for scenario in demo_scenarios():
            pack = _spend(store, _run(store, server, scenario.slug, "pack", cache=False))
            every = _spend(store, _run(store, server, scenario.slug, "all_claims", cache=False))
            _run(store, server, scenario.slug, "pack", cache=True)  # fills the cache
            before = len(server.requests)
            again = _run(store, server, scenario.slug, "pack", cache=True)
            saved = 1 - pack["pack_step_prompt_tokens"] / every["pack_step_prompt_tokens"]
            figures[scenario.slug] = {
                "with_packs": pack,
                "with_all_claims": every,
                "pack_steps_prompt_tokens_saved": round(saved, 3),
                "all_prompt_tokens_saved": round(
                    1 - pack["prompt_tokens"] / every["prompt_tokens"], 3
                ),
                "cached_rerun_requests": len(server.requests) - before,
                "cached_rerun_calls": _spend(store, again)["calls"],
            }
        store.close()
    print(json.dumps({"bench": "llm", "tokens": "estimated, chars/4", **figures}))


if __name__ == "__main__":
    main()
