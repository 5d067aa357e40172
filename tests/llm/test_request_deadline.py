"""The model client's total request deadline: a trickled answer times out like a silent one.

The SDK's timeout measures inactivity, so a server sending a byte now and then keeps a request
alive for ever; `request_deadline_s` (WORKBENCH_REQUEST_DEADLINE_S) bounds the whole request.
Inside a step's deadline (engine.llm.deadlines) the client neither sends nor waits to retry
past it. Every cut call is logged with the deadline that cut it.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from pydantic import BaseModel, SecretStr

from engine.llm.deadlines import Deadline, deadline_scope
from engine.llm.openai_client import OpenAIClient
from engine.llm.protocol import CallContext, CallRecord, ChatMessage, LLMTransientError, Prompt
from engine.llm.settings import LLMSettings
from tests.fakes.openai_server import LoopbackOpenAI

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

PROMPT = Prompt(
    name="research_search_signal",
    prompt_hash="p" * 64,
    messages=(ChatMessage("system", "You extract facts."), ChatMessage("user", "Find the title.")),
    messages_hash="m" * 64,
)
SLACK_S = 2.0


class Answer(BaseModel):
    title: str
    count: int


class ListLog:
    def __init__(self) -> None:
        self.records: list[CallRecord] = []

    def record(self, record: CallRecord) -> None:
        self.records.append(record)


def client(server: LoopbackOpenAI, log: ListLog, **settings: Any) -> OpenAIClient:
    options: dict[str, Any] = {"timeout_s": 30.0, "max_retries": 1, "request_deadline_s": 1.0}
    options.update(settings)
    return OpenAIClient(
        LLMSettings(model="m", base_url=server.base_url, api_key=SecretStr("sk-x" * 5), **options),
        log=log,  # type: ignore[arg-type]
    )


def call(model: OpenAIClient, deadline_s: float | None = None) -> float:
    """Make one call (it must fail transiently); the seconds it took."""

    async def go() -> None:
        try:
            if deadline_s is None:
                await model.structured(PROMPT, Answer, context=CallContext())
                return
            at = asyncio.get_running_loop().time() + deadline_s
            with deadline_scope(Deadline(at, "the step deadline of test")):
                await model.structured(PROMPT, Answer, context=CallContext())
        finally:
            await model.aclose()

    began = time.monotonic()
    with pytest.raises(LLMTransientError):
        asyncio.run(asyncio.wait_for(go(), 30))
    return time.monotonic() - began


@pytest.mark.parametrize("fault", ["trickle", "hang"])
def test_a_request_that_never_completes_ends_at_its_deadline(fault: str) -> None:
    log = ListLog()
    with LoopbackOpenAI(lambda body: {"title": "late", "count": 1}) as server:
        server.fail_next(fault, times=10, every=0.1)  # type: ignore[arg-type]
        took = call(client(server, log))
        sent = len(server.chat_requests)
    (record,) = log.records
    assert sent == 2 and record.attempts == 2
    assert record.error is not None and "WORKBENCH_REQUEST_DEADLINE_S" in record.error
    assert "on all 2 attempts" in record.error
    assert 2.0 <= took < 2.0 + 1.0 + SLACK_S, f"the call took {took:.1f} s"  # 2 tries + backoff


def test_inside_a_step_deadline_no_request_or_retry_goes_past_it() -> None:
    log = ListLog()
    with LoopbackOpenAI(lambda body: {"title": "late", "count": 1}) as server:
        server.fail_next("hang", times=100)
        took = call(client(server, log, max_retries=20, request_deadline_s=0.6), deadline_s=1.5)
    (record,) = log.records
    assert record.error is not None and "the step deadline of test" in record.error
    assert took < 1.5 + SLACK_S, f"the call took {took:.1f} s"


def test_a_passed_step_deadline_sends_nothing() -> None:
    log = ListLog()
    with LoopbackOpenAI(lambda body: {"title": "ok", "count": 1}) as server:
        call(client(server, log), deadline_s=-1.0)
        assert server.chat_requests == []
    assert "no model request was sent" in (log.records[0].error or "")
