"""The `workbench` commands that run the pipeline: demo, run, resume, runs, rebuild, export, status.

A run executes in the foreground; `--progress` writes each progress event to stderr as it is
stored, and `--json` prints the one-line summary of DESIGN §9. Exit codes: 0 when the run
succeeded, ended partial or paused; 1 when it failed or was cancelled; 2 on bad input.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.demo import seed_demo
from engine.export import EXPORT_FORMATS, export_dossier
from engine.llm.secrets import redact
from engine.models import InvalidInput
from engine.models.claims import describe_validation_error
from engine.models.names import refuse_invisible
from engine.models.run import RunRequest, RunSummary
from engine.pipeline.launch import create_run, run_summary
from engine.pipeline.policy import concurrency_from_env, deadlines_from_env
from engine.pipeline.rebuild import rebuild
from engine.pipeline.runner import Runner
from engine.store import Store, default_db_path
from engine.workspace.demo import seed_demo_workspace

FAILED_EXIT = 1
_DUCKDB_MAGIC = (8, b"DUCK")  # offset and bytes of a DuckDB file's header
OpenStore = Callable[[argparse.Namespace], Store]


def terminal_text(text: str) -> str:
    """Stored text made safe to print: control and format characters shown as escapes.

    Names and targets come from users and documents; printed raw, an ESC or a bidi override
    would drive the terminal (retitle it, clear it, reverse the line) instead of being read.
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Cf")
        else char
        for char in text
    )


def add_run_commands(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the pipeline subcommands to the parser's subcommand group."""
    demo = command(commands, "demo", "seed the demo clients (idempotent)")
    demo.add_argument(
        "--with-run", action="store_true", help="also run a demo scenario if there is no run yet"
    )
    run = command(commands, "run", "run the research pipeline for a client and a target")
    run.add_argument("--client", required=True, help="client name")
    run.add_argument("--target", required=True, help="the target company")
    run.add_argument("--template", default="dossier", choices=["dossier", "research_report"])
    run.add_argument("--sources", type=Path, default=None, help="folder of .md/.txt/.html")
    run.add_argument("--backend", default=None, choices=["offline", "openai"])
    run.add_argument("--pause", action="store_true", help="pause after insight for review")
    for name, help_text in (("resume", "resume a run"), ("rebuild", "rebuild changed sections")):
        sub = command(commands, name, help_text)
        sub.add_argument("run_id")
    for sub in (run, *(commands.choices[n] for n in ("resume", "rebuild"))):
        sub.add_argument("--json", action="store_true", help="print the one-line JSON summary")
        sub.add_argument("--progress", action="store_true", help="progress events on stderr")
    runs = command(commands, "runs", "list runs")
    runs.add_argument("--json", action="store_true", help="print a JSON array")
    export = command(commands, "export", "export a dossier")
    export.add_argument("dossier_id")
    export.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    export.add_argument("--out", type=Path, default=None, help="file to write (default stdout)")
    status = command(commands, "status", "move a dossier to draft, ready or released")
    status.add_argument("dossier_id")
    status.add_argument("status", choices=["draft", "ready", "released"])


async def _with_progress(store: Store, org_id: str, run_id: str, work: Any, enabled: bool) -> Any:
    """Await `work`, echoing the run's new progress events to stderr meanwhile if enabled."""
    if not enabled:
        return await work
    task = asyncio.ensure_future(work)
    seen = max((e.seq for e in store.list_events(org_id, run_id)), default=0)
    while True:
        done = task.done()
        for event in await asyncio.to_thread(store.list_events, org_id, run_id, after_seq=seen):
            seen = event.seq
            step = f" {event.step_id}" if event.step_id else ""
            detail = json.dumps(event.detail, ensure_ascii=True, default=str)
            sys.stderr.write(f"{event.kind}{step} {detail}\n")
            sys.stderr.flush()
        if done:
            return task.result()
        await asyncio.sleep(0.05)


def _report(summary: RunSummary, as_json: bool) -> int:
    summary = summary.model_copy(update={"error": redact(summary.error or "") or None})
    if as_json:
        sys.stdout.write(json.dumps(summary.model_dump(mode="json"), ensure_ascii=True) + "\n")
    else:
        score = "-" if summary.lead_score is None else str(summary.lead_score)
        sys.stdout.write(
            f"run {summary.run_id} ({summary.dossier_id}) {summary.status}: "
            f"{summary.claims} claims, {summary.sections} sections, lead score {score}"
            + (f"; {summary.error}" if summary.error else "")
            + "\n"
        )
    return FAILED_EXIT if summary.status in ("failed", "cancelled") else 0


def _execute(store: Store, args: argparse.Namespace, run_id: str) -> int:
    runner = Runner(store, args.org)
    with store.session(f"running run {run_id}"):  # named to whoever finds the file busy
        asyncio.run(_with_progress(store, args.org, run_id, runner.execute(run_id), args.progress))
    usage = runner.usage.get(run_id)
    return _report(run_summary(store, args.org, run_id, usage), args.json)


def cmd_demo(args: argparse.Namespace, open_store: OpenStore) -> int:
    """Seed the demo clients (and, with --with-run, one finished demo run)."""
    run = None
    with open_store(args) as store:
        if getattr(args, "with_run", False):
            seeded, run = seed_demo_workspace(store, args.org)
        else:
            seeded = seed_demo(store, args.org)
    for name in seeded.clients_added:
        sys.stdout.write(f"added demo client {name!r}\n")
    for name in seeded.clients_existing:
        sys.stdout.write(f"demo client {name!r} already there\n")
    if run is not None:
        sys.stdout.write(
            f"demo run {run.run_id} {run.status}: dossier {run.dossier_id} ({run.target})\n"
        )
    return 0


def cmd_run(args: argparse.Namespace, open_store: OpenStore) -> int:
    """Create a run and execute it."""
    refuse_invisible(args.target, "target")
    try:
        request = RunRequest(
            client_name=args.client,
            target=args.target,
            template=args.template,
            backend=args.backend or _env_backend(),
            sources_dir=str(args.sources) if args.sources is not None else None,
            pause_after_insight=args.pause,
        )
    except ValidationError as exc:
        raise InvalidInput(describe_validation_error(exc, record="run")) from None
    if request.template != "dossier":
        raise InvalidInput(f"template {request.template!r} is not available yet; use 'dossier'")
    concurrency_from_env()  # a bad WORKBENCH_CONCURRENCY is refused before the run exists
    deadlines_from_env()  # and so are bad step and run deadlines
    with open_store(args) as store:
        run = create_run(store, args.org, request)
        return _execute(store, args, run.run_id)


def _env_backend() -> str:
    import os

    return os.environ.get("WORKBENCH_BACKEND", "").strip() or "offline"


def cmd_resume(args: argparse.Namespace, open_store: OpenStore) -> int:
    """Resume a run from its last finished step."""
    with open_store(args) as store:
        if store.get_run(args.org, args.run_id) is None:
            raise InvalidInput(f"run {args.run_id!r} does not exist")
        return _execute(store, args, args.run_id)


def cmd_rebuild(args: argparse.Namespace, open_store: OpenStore) -> int:
    """Rewrite the sections whose inputs changed and reassemble."""
    with open_store(args) as store:
        runner = Runner(store, args.org)
        result = asyncio.run(
            _with_progress(
                store, args.org, args.run_id, rebuild(runner, args.run_id), args.progress
            )
        )
        if args.json:
            sys.stdout.write(json.dumps(result.__dict__, ensure_ascii=True) + "\n")
        else:
            rewritten = ", ".join(result.rewritten) or "none"
            sys.stdout.write(
                f"rebuilt {result.dossier_id} (version {result.version}, {result.status}); "
                f"rewritten: {rewritten}\n"
            )
        return FAILED_EXIT if result.status in ("failed", "cancelled") else 0


def cmd_runs(args: argparse.Namespace, open_store: OpenStore) -> int:
    """List the org's runs, newest first."""
    with open_store(args) as store:
        runs = store.list_runs(args.org)
        rows = [
            {**run.model_dump(mode="json"), "claims": store.count_claims(args.org, run.run_id)}
            for run in runs
        ]
    if args.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    if not rows:
        sys.stdout.write("no runs yet: start one with 'workbench run --client NAME --target T'\n")
    for row in rows:
        sys.stdout.write(
            f"{row['run_id']}  {row['dossier_id']}  {row['status']:<9}  {row['claims']:>4} claims"
            f"  {terminal_text(row['client_name'])} -> {terminal_text(row['target'])}"
            f"  {row['created_at']}\n"
        )
    return 0


def _refuse_database_out(out: Path, db: Path) -> None:
    """InvalidInput if `out` is the workbench database (its WAL, a link to it) or a DuckDB file."""
    if not out.is_file():
        return
    wal = db.with_name(db.name + ".wal")
    same = any(path.exists() and out.samefile(path) for path in (db, wal))
    offset, magic = _DUCKDB_MAGIC
    try:
        with out.open("rb") as handle:
            header = handle.read(offset + len(magic))
    except OSError:
        header = b""
    if same or header[offset:] == magic:
        raise InvalidInput(
            f"--out {str(out)!r} is a DuckDB database; it would be overwritten: choose another file"
        )


def cmd_export(args: argparse.Namespace, open_store: OpenStore) -> int:
    """Write a dossier as JSON, Markdown or HTML."""
    if args.out is not None:
        _refuse_database_out(args.out, args.db if args.db is not None else default_db_path())
    with open_store(args) as store:
        record = store.get_dossier(args.org, args.dossier_id)
    if record is None:
        raise InvalidInput(f"dossier {args.dossier_id!r} does not exist")
    text = export_dossier(record, args.format)
    if args.out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(f"cannot write {str(args.out)!r}: {exc.strerror or exc}") from None
        sys.stdout.write(f"wrote {args.out}\n")
    return 0


def cmd_status(args: argparse.Namespace, open_store: OpenStore) -> int:
    """Move a dossier along draft -> ready -> released."""
    with open_store(args) as store:
        record = store.set_dossier_status(args.org, args.dossier_id, args.status)
    sys.stdout.write(f"dossier {record.dossier_id} is {record.status}\n")
    return 0


RUN_HANDLERS: dict[str, Callable[[argparse.Namespace, OpenStore], int]] = {
    "demo": cmd_demo,
    "run": cmd_run,
    "resume": cmd_resume,
    "rebuild": cmd_rebuild,
    "runs": cmd_runs,
    "export": cmd_export,
    "status": cmd_status,
}
