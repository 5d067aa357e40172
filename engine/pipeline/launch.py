"""Launching runs: check the request, read the sources, create the run, report its summary.

Everything the analyst gave is checked before anything is stored: the client must exist, the
sources folder must hold readable documents (a bad document is named), the backend must be
available. Entries of the folder that are skipped (a link leading out of it, a FIFO, a device)
or cut (a huge document) are named in the run's `sources_skipped` event. Without `--sources`, a
demo scenario whose target matches is used; failing that, an openai run with web search on
(WORKBENCH_WEB_SEARCH) is stored without sources and its research steps search the web. The
summary is the one-line contract of `workbench run --json`.
"""

from __future__ import annotations

from pathlib import Path

from engine.claims import load_documents
from engine.models import InvalidInput
from engine.models.run import RunRecord, RunRequest, RunSummary
from engine.pipeline.backends import check_backend, web_search_enabled
from engine.pipeline.graph import TEMPLATES
from engine.research.backend import Usage
from engine.store import Store

SKIPPED_LISTED = 50  # the run's sources_skipped event names at most this many entries


def sources_dir_for(request: RunRequest) -> Path:
    """The folder of sources: the request's, else the demo scenario of the request's target."""
    if request.sources_dir:
        return Path(request.sources_dir)
    from engine.demo import demo_scenario

    try:
        return demo_scenario(request.target).path
    except InvalidInput as exc:
        raise InvalidInput(
            f"no sources given for {request.target!r} and no demo scenario matches it; "
            f"pass --sources DIR ({exc})"
        ) from None


def _searches_instead(store: Store, org_id: str, request: RunRequest) -> bool:
    """Whether the run may go without sources: none given, no demo matches, web search on."""
    if request.sources_dir or not web_search_enabled(store, org_id, request.backend):
        return False
    from engine.demo import demo_scenario

    try:
        demo_scenario(request.target)
    except InvalidInput:
        return True
    return False


def create_run(store: Store, org_id: str, request: RunRequest) -> RunRecord:
    """Check the request, create the run (dossier id made now) and store its sources."""
    if request.template not in TEMPLATES:
        raise InvalidInput(
            f"template {request.template!r} is not available yet; choose from {sorted(TEMPLATES)}"
        )
    check_backend(store, org_id, request.backend)
    client_id = store.get_client_id(org_id, request.client_name)
    if client_id is None:
        raise InvalidInput(
            f"client {request.client_name!r} does not exist; add it with `workbench client add` "
            "or seed the demo clients with `workbench demo`"
        )
    stored_client = store.get_client(org_id, request.client_name)
    if stored_client is not None:  # "acme  corp" names the client "Acme Corp": store that
        request = request.model_copy(update={"client_name": stored_client.name})
    if _searches_instead(store, org_id, request):
        return store.create_run(
            org_id, request.model_copy(update={"sources_dir": None}), client_id=client_id
        )
    directory = sources_dir_for(request)
    if not directory.exists():
        raise InvalidInput(f"sources folder {str(directory)!r} does not exist")
    if not directory.is_dir():
        raise InvalidInput(
            f"sources folder {str(directory)!r} is not a folder "
            "(--sources takes a folder of .md, .txt or .html files)"
        )
    notices: list[str] = []
    documents = load_documents(directory, target=request.target, notices=notices)
    if not documents:
        raise InvalidInput(f"sources folder {str(directory)!r} has no .md, .txt or .html files")
    stored = request.model_copy(update={"sources_dir": str(directory)})
    run = store.create_run(org_id, stored, client_id=client_id, sources=documents)
    if notices:  # entries skipped or cut (links out of the folder, FIFOs, huge files): named
        detail = {"count": len(notices), "notices": notices[:SKIPPED_LISTED]}
        store.add_event(org_id, run.run_id, "sources_skipped", detail=detail)
    return run


def run_summary(store: Store, org_id: str, run_id: str, usage: Usage | None = None) -> RunSummary:
    """The run's one-line summary: status, claims, sections, lead score and spend.

    Spend is what the run's logged model calls add up to (every execution, resumes included).
    Only calls that reached the endpoint count as calls: one answered from the cache, or
    refused by the budget before it was sent (no attempt), is not a request and costs nothing.
    A backend that logs no calls reports its own `usage`.
    """
    run = store.get_run(org_id, run_id)
    if run is None:
        raise InvalidInput(f"run {run_id!r} does not exist")
    dossier = store.get_dossier(org_id, run.dossier_id)
    logged = store.llm_usage(org_id, [run_id]).get(run_id)
    if logged is not None and logged.calls:
        requests = sum(
            1
            for call in store.list_llm_calls(org_id, run_id)
            if call.attempts > 0 and not call.usage.cache_hit
        )
        spent = Usage(requests, logged.total_tokens, logged.cost_usd)
    else:
        spent = usage or Usage()
    return RunSummary(
        run_id=run.run_id,
        dossier_id=run.dossier_id,
        status=run.status,
        claims=store.count_claims(org_id, run_id),
        sections=len(dossier.sections) if dossier else 0,
        lead_score=dossier.lead_score if dossier else None,
        llm_calls=spent.llm_calls,
        tokens=spent.tokens,
        cost_usd=round(spent.cost_usd, 6),
        error=run.error,
    )
