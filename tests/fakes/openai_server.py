"""A loopback OpenAI-compatible HTTP server, so tests drive the real `openai` SDK without a network.

`LoopbackOpenAI(responder)` is a context manager: a `ThreadingHTTPServer` on 127.0.0.1 (port 0)
in a daemon thread, at `.base_url`. `POST /v1/chat/completions` asks `responder(body)` for the
JSON object the assistant answers (or a str: the raw reply text, for odd replies) and wraps it as
a chat.completion with usage (tokens ~ chars/4);
`POST /v1/responses` asks `web_responder(body)` for `(text, [(url, title)])` and answers a Responses
API object with `url_citation` annotations (404 without a web responder); anything else is a 404
like OpenAI's. `.requests` records each request (path, JSON body, and whether an Authorization
header came: never its value); `.max_in_flight` is the most requests handled at once.
Faults are queued with `fail_next(kind, times=1, **options)`: "429" (Retry-After `seconds`,
default 0.2; or `ms` for retry-after-ms), "500" (`status` 500/502/503/504), "timeout" (sleep
`seconds`, default 1, then answer), "truncated" (content cut mid-JSON, finish_reason "length"),
"ignore_schema" (a JSON object that matches no schema), "reject_json_schema" (400: json_schema
not supported), "error" (`status` and `message`, optional `code`: any error reply), "raw"
(`status`, default 200, and `body`: that JSON sent as is), "hang" (never answers: holds the
request open for `seconds`, default 60, or until the server closes), "trickle" (answers 200
with its headers at once, then the body one byte every `every` seconds, default 0.5, so no
read ever times out for inactivity; it gives up after `seconds`, default 60, or when the server
closes). Tests using it must be marked `@pytest.mark.allow_hosts(["127.0.0.1"])`.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal, get_args

Responder = Callable[[dict[str, Any]], dict[str, Any] | str]
WebResponder = Callable[[dict[str, Any]], tuple[str, list[tuple[str, str]]]]
FaultKind = Literal[
    "429",
    "500",
    "timeout",
    "truncated",
    "ignore_schema",
    "reject_json_schema",
    "error",
    "raw",
    "hang",
    "trickle",
]
FAULT_KINDS = frozenset(get_args(FaultKind))
CHAT_PATH = "/v1/chat/completions"
RESPONSES_PATH = "/v1/responses"
SCHEMA_NAME = re.compile(r"matching the schema ([A-Za-z0-9_\-]+)\.")
JSON_SCHEMA_REFUSAL = "response_format of type 'json_schema' is not supported by this server"
Answer = tuple[int, dict[str, Any], dict[str, str]]
TRICKLE = "x-loopback-trickle-every"  # answer headers the handler reads, never sends
TRICKLE_FOR = "x-loopback-trickle-for"


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received: path, JSON body, and whether it was authorized."""

    path: str
    body: dict[str, Any] | None
    authorized: bool

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The chat messages of the body (empty when there are none)."""
        found = (self.body or {}).get("messages")
        return found if isinstance(found, list) else []

    @property
    def response_format_type(self) -> str | None:
        """The body's response_format type ("json_schema", "json_object"), if any."""
        found = (self.body or {}).get("response_format")
        return found.get("type") if isinstance(found, dict) else None


def requested_schema(body: dict[str, Any]) -> str | None:
    """The schema name the system message asks for ("... matching the schema <Name>.")."""
    messages = body.get("messages")
    for message in messages if isinstance(messages, list) else []:
        if isinstance(message, dict) and message.get("role") == "system":
            names = SCHEMA_NAME.findall(str(message.get("content", "")))
            if names:
                return str(names[-1])
    return None


def _error(
    message: str, kind: str = "invalid_request_error", code: str | None = None
) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def _tokens(text: str) -> int:
    return (len(text) + 3) // 4


def _text_of(body: dict[str, Any]) -> str:
    messages = body.get("messages")
    if isinstance(messages, list):
        return "".join(str(m.get("content", "")) for m in messages if isinstance(m, dict))
    return str(body.get("input", ""))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """Quiet: tests read `.requests`, not the access log."""

    def do_POST(self) -> None:
        """Answer a POST through the fake."""
        self.server.fake._handle(self, "POST")

    def do_GET(self) -> None:
        """Answer a GET (always 404) through the fake."""
        self.server.fake._handle(self, "GET")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: LoopbackOpenAI


class LoopbackOpenAI:
    """An OpenAI-compatible server on 127.0.0.1 answering from `responder`; faults on demand."""

    def __init__(
        self,
        responder: Responder,
        *,
        web_responder: WebResponder | None = None,
        supports_json_schema: bool = True,
    ) -> None:
        self.responder = responder
        self.web_responder = web_responder
        self.supports_json_schema = supports_json_schema
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._faults: deque[tuple[str, dict[str, Any]]] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()  # set on exit: hanging and trickling answers stop
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> LoopbackOpenAI:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._closing.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        """The server's API root, e.g. http://127.0.0.1:PORT/v1."""
        assert self._server is not None, "use LoopbackOpenAI as a context manager"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """The requests to /v1/chat/completions, in order."""
        return [request for request in self.requests if request.path == CHAT_PATH]

    def fail_next(self, kind: FaultKind, times: int = 1, **options: Any) -> None:
        """Queue a fault for the next `times` model requests."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; known: {sorted(FAULT_KINDS)}")
        with self._lock:
            self._faults.extend((kind, dict(options)) for _ in range(times))

    def _handle(self, handler: _Handler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.requests.append(
                RecordedRequest(
                    path,
                    body if isinstance(body, dict) else None,
                    "Authorization" in handler.headers,
                )
            )
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            status, payload, headers = self._answer(method, path, body)
        finally:
            with self._lock:
                self._in_flight -= 1
        data = json.dumps(payload).encode()
        if TRICKLE in headers:
            every, seconds = float(headers.pop(TRICKLE)), float(headers.pop(TRICKLE_FOR))
            self._trickle(handler, data, every, seconds)
            return
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
        except OSError:  # the client gave up (a timeout fault): nothing to answer
            handler.close_connection = True

    def _trickle(self, handler: _Handler, data: bytes, every: float, seconds: float) -> None:
        """Send the headers, then the body a byte at a time, `every` seconds apart."""
        ends = time.monotonic() + seconds
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.flush()
            for index in range(len(data)):
                if self._closing.wait(every) or time.monotonic() > ends:
                    break
                handler.wfile.write(data[index : index + 1])
                handler.wfile.flush()
        except OSError:  # the client gave up: nothing more to send
            pass
        handler.close_connection = True

    def _answer(self, method: str, path: str, body: object) -> Answer:
        if method != "POST" or path not in (CHAT_PATH, RESPONSES_PATH):
            return 404, _error(f"Unknown request URL: {method} {path}.", code="unknown_url"), {}
        if not isinstance(body, dict):
            return 400, _error("We could not parse the JSON body of your request."), {}
        with self._lock:
            kind, options = self._faults.popleft() if self._faults else ("", {})
        if kind == "429":
            headers = {"Retry-After": str(options.get("seconds", 0.2))}
            if "ms" in options:
                headers = {"retry-after-ms": str(options["ms"])}
            return 429, _error("Rate limit reached.", "requests", "rate_limit_exceeded"), headers
        if kind == "500":
            return (
                int(options.get("status", 500)),
                _error("The server had an error.", "server_error"),
                {},
            )
        if kind == "error":
            message = str(options.get("message", "The request was refused."))
            code = options.get("code")
            return int(options.get("status", 400)), _error(message, code=code), {}
        if kind == "raw":
            return int(options.get("status", 200)), options.get("body"), {}
        if kind == "timeout":
            time.sleep(float(options.get("seconds", 1.0)))
        if kind == "hang":
            self._closing.wait(float(options.get("seconds", 60.0)))
            return 504, _error("The loopback server stopped hanging.", "server_error"), {}
        if path == RESPONSES_PATH:
            return self._web_answer(body)
        format_type = (body.get("response_format") or {}).get("type")
        if kind == "reject_json_schema" or (
            format_type == "json_schema" and not self.supports_json_schema
        ):
            return 400, _error(JSON_SCHEMA_REFUSAL, code="unsupported_parameter"), {}
        try:
            replied = self.responder(body)
            content = replied if isinstance(replied, str) else json.dumps(replied)
        except Exception as exc:  # a broken responder is a test bug: say so, do not retry
            self.errors.append(f"{type(exc).__name__}: {exc}")
            return 400, _error(f"loopback responder failed: {type(exc).__name__}: {exc}"), {}
        finish = "stop"
        if kind == "truncated":
            content, finish = content[: max(1, len(content) // 2)], "length"
        elif kind == "ignore_schema":
            content = json.dumps({"answer": "I would rather talk about the weather."})
        if kind == "trickle":
            every, seconds = str(options.get("every", 0.5)), str(options.get("seconds", 60.0))
            trickled = {TRICKLE: every, TRICKLE_FOR: seconds}
            return 200, self._completion(body, content, finish), trickled
        return 200, self._completion(body, content, finish), {}

    def _completion(self, body: dict[str, Any], content: str, finish: str) -> dict[str, Any]:
        prompt_tokens, completion_tokens = _tokens(_text_of(body)), _tokens(content)
        return {
            "id": f"chatcmpl-loopback-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(body.get("model", "loopback")),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "finish_reason": finish,
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }

    def _web_answer(self, body: dict[str, Any]) -> Answer:
        if self.web_responder is None:
            return 404, _error("Unknown request URL: POST /v1/responses.", code="unknown_url"), {}
        try:
            text, citations = self.web_responder(body)
        except Exception as exc:  # a broken responder is a test bug: say so, do not retry
            self.errors.append(f"{type(exc).__name__}: {exc}")
            return 400, _error(f"loopback web responder failed: {type(exc).__name__}: {exc}"), {}
        annotations = [
            {
                "type": "url_citation",
                "url": url,
                "title": title,
                "start_index": 0,
                "end_index": len(text),
            }
            for url, title in citations
        ]
        input_tokens, output_tokens = _tokens(_text_of(body)), _tokens(text)
        message = {
            "type": "message",
            "id": "msg_loopback",
            "role": "assistant",
            "status": "completed",
            "content": [{"type": "output_text", "text": text, "annotations": annotations}],
        }
        return (
            200,
            {
                "id": f"resp_loopback_{len(self.requests)}",
                "object": "response",
                "created_at": int(time.time()),
                "model": str(body.get("model", "loopback")),
                "status": "completed",
                "output": [
                    {"type": "web_search_call", "id": "ws_loopback", "status": "completed"},
                    message,
                ],
                "usage": {
                    "input_tokens": input_tokens,
                    "output_tokens": output_tokens,
                    "total_tokens": input_tokens + output_tokens,
                    "input_tokens_details": {"cached_tokens": 0},
                    "output_tokens_details": {"reasoning_tokens": 0},
                },
                "parallel_tool_calls": True,
                "tool_choice": "auto",
                "tools": body.get("tools", []),
            },
            {},
        )
