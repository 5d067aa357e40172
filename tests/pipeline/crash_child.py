"""Child process of the crash test: executes a run slowly, echoing each finished step.

Usage: python -m tests.pipeline.crash_child DB RUN_ID ORG. Prints "finished <step_id>" on
stdout (flushed) as steps commit, so the parent can kill it with SIGKILL mid-run.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time

from engine.pipeline.policy import RetryPolicy
from engine.pipeline.runner import Runner
from engine.store import Store
from tests.fakes.backends import ScriptedBackend


def _echo_finished_steps(store: Store, org: str, run_id: str, stop: threading.Event) -> None:
    seen = 0
    while not stop.is_set():
        for event in store.list_events(org, run_id, after_seq=seen):
            seen = event.seq
            if event.kind == "step_finished":
                sys.stdout.write(f"finished {event.step_id}\n")
                sys.stdout.flush()
        time.sleep(0.01)


def main(db: str, run_id: str, org: str) -> None:
    with Store(db) as store:
        backend = ScriptedBackend(latency_s=0.2)
        runner = Runner(store, org, backend_factory=lambda run: backend, retry=RetryPolicy())
        stop = threading.Event()
        echo = threading.Thread(target=_echo_finished_steps, args=(store, org, run_id, stop))
        echo.start()
        try:
            asyncio.run(runner.execute(run_id))
        finally:
            stop.set()
            echo.join()


if __name__ == "__main__":
    main(*sys.argv[1:4])
