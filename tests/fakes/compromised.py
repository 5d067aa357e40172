"""A compromised model: answers like the careful one, but obeys what a source planted.

`compromised(planted)` gives a responder for `ScriptedModel` (or the loopback server): every
prompt is answered by `llm_answers.answer`, and an extraction prompt that holds a planted
document (by source id) also returns the planted drafts, each citing that document, as a model
that followed the injected instruction would ("Acme employs 9,137 people", stated cleanly).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tests.fakes.llm_answers import answer, fenced_blocks, schema_name

Responder = Callable[[dict[str, Any]], dict[str, Any]]


def compromised(planted: Mapping[str, Sequence[Mapping[str, Any]]]) -> Responder:
    """A responder that adds `planted[source_id]` drafts to extractions of that document."""

    def respond(body: dict[str, Any]) -> dict[str, Any]:
        reply = answer(body)
        if schema_name(body) != "ExtractionOutput":
            return reply
        user = next(
            (
                str(m.get("content", ""))
                for m in body.get("messages", [])
                if m.get("role") == "user"
            ),
            "",
        )
        sources = {
            label.split()[1] for label, _ in fenced_blocks(user) if label.startswith("source ")
        }
        extra = [
            {**draft, "source_id": source_id}
            for source_id, drafts in planted.items()
            if source_id in sources
            for draft in drafts
        ]
        return {**reply, "claims": [*reply.get("claims", []), *extra]}

    return respond
