"""AppTest of the Runs page: empty and seeded workspaces, launching through the form (one run per
submission, even when the same submission arrives twice), refusing a bad folder, cancelling a
paused run (each asserted through the store), untrusted names and errors escaped for Streamlit's
Markdown, and the model-call trace of a run with logged calls (none for an offline run)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from engine.demo import demo_scenarios
from engine.llm.protocol import CallUsage
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.graph import DOSSIER_STEP_IDS
from engine.pipeline.launch import create_run
from engine.store import Store
from engine.workspace.text import streamlit_markdown
from tests.factories import T0, make_call
from tests.ui.conftest import DEMO_CLIENT, DEMO_TARGET, ORG, TIMEOUT_S
from ui.resources import run_worker

PAGE = "pages/runs.py"
ERROR = "search_signal failed: *boom*"


def texts(at: AppTest) -> str:
    """Every text the page rendered, joined (markdown, captions, alerts, metrics)."""
    parts = [element.value for element in at.markdown]
    parts += [element.value for element in at.caption]
    parts += [
        element.value for group in (at.info, at.error, at.success, at.warning) for element in group
    ]
    return "\n".join(str(part) for part in parts)


def launch_button(at: AppTest) -> Any:
    """The launch form's submit button (its key carries the session's launch token)."""
    [button] = [b for b in at.button if (b.key or "").startswith("launch_submit_")]
    return button


def wait_for_status(path: Path, run_id: str, status: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        with Store(path) as store:
            run = store.get_run(ORG, run_id)
        if run is not None and run.status == status:
            return
        assert time.monotonic() < deadline, f"run {run_id} never became {status}"
        time.sleep(0.05)


def test_empty_workspace_offers_to_seed_the_demo_and_the_button_seeds_clients(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    assert not at.exception
    assert any("no clients yet" in info.value for info in at.info)
    assert any("No runs yet" in info.value for info in at.info)
    at.button(key="seed_demo").click().run()
    assert not at.exception
    with Store(empty_db) as store:
        names = {client.name for client in store.list_clients(ORG)}
    assert DEMO_CLIENT in names
    assert at.selectbox(key="launch_client").value in names
    assert at.text_input(key="launch_target").value == demo_scenarios()[0].target


def test_seeded_workspace_shows_the_finished_run_and_its_steps(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    assert not at.exception
    listing = at.dataframe[0].value
    assert listing["run_id"].tolist() == [run.run_id]
    assert listing["status"].tolist() == ["succeeded"]
    assert at.selectbox(key="run_select").value == run.run_id
    steps = at.dataframe[1].value
    assert steps["step"].tolist() == list(DOSSIER_STEP_IDS)
    assert set(steps["status"]) == {"succeeded"}
    with Store(path) as store:
        total = store.count_claims(ORG, run.run_id)
        by_step = store.count_claims_by_step(ORG, run.run_id)
    assert int(listing["claims"].iloc[0]) == total
    assert dict(zip(steps["step"], steps["claims"], strict=True)) == {
        step_id: by_step.get(step_id, 0) for step_id in DOSSIER_STEP_IDS
    }
    assert at.metric[0].value == str(total)
    feed = at.dataframe[2].value
    assert 0 < len(feed) <= 30
    assert "succeeded" in texts(at)
    assert not [button for button in at.button if button.key == "run_cancel"]


def test_launching_a_demo_scenario_through_the_form_runs_it_to_the_end(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, finished = seeded_db
    at = app_at(PAGE)
    at.radio(key="launch_source").set_value("demo").run()
    at.selectbox(key="launch_client").set_value(DEMO_CLIENT)
    at.text_input(key="launch_target").set_value(DEMO_TARGET)
    launch_button(at).click().run()
    assert not at.exception
    with Store(path) as store:
        runs = store.list_runs(ORG)
    assert len(runs) == 2
    launched = next(run for run in runs if run.run_id != finished.run_id)
    assert launched.client_name == DEMO_CLIENT and launched.target == DEMO_TARGET
    assert f"Run {launched.run_id} launched" in texts(at)
    done = run_worker(str(path), ORG).wait(launched.run_id, timeout=TIMEOUT_S)
    assert done.status == "succeeded"
    at.run()
    assert not at.exception
    assert at.selectbox(key="run_select").value == launched.run_id
    assert "succeeded" in texts(at)
    with Store(path) as store:
        assert store.count_claims(ORG, launched.run_id) > 0


def test_a_folder_that_does_not_exist_is_refused_and_no_run_is_stored(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest], tmp_path: Path
) -> None:
    path, _ = seeded_db
    missing = tmp_path / "no-such-folder"
    at = app_at(PAGE)
    at.radio(key="launch_source").set_value("folder").run()
    at.text_input(key="launch_folder").set_value(str(missing))
    launch_button(at).click().run()
    assert not at.exception
    assert any("does not exist" in error.value for error in at.error)
    with Store(path) as store:
        assert len(store.list_runs(ORG)) == 1


def test_uploaded_files_become_the_sources_of_a_launched_run(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, finished = seeded_db
    text = b"Borealis Nickel expects to begin construction of its Kestrel Lake mine in 2028.\n"
    at = app_at(PAGE)
    at.radio(key="launch_source").set_value("upload").run()
    launch_button(at).click().run()
    assert any("no files were uploaded" in error.value for error in at.error)
    at.file_uploader(key="launch_files").set_value([("news.md", text, "text/markdown")])
    launch_button(at).click().run()
    assert not at.exception
    assert not at.error
    with Store(path) as store:
        runs = [run for run in store.list_runs(ORG) if run.run_id != finished.run_id]
        assert len(runs) == 1
        sources = store.list_sources(ORG, runs[0].run_id)
    assert [source.path for source in sources] == ["news.md"]
    assert Path(runs[0].sources_dir or "").parent == path.parent.resolve() / "uploads"
    run_worker(str(path), ORG).wait(runs[0].run_id, timeout=TIMEOUT_S)


def test_the_research_report_template_is_refused_as_not_available(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    at = app_at(PAGE)
    at.selectbox(key="launch_template").set_value("research_report")
    launch_button(at).click().run()
    assert any("not available yet" in error.value for error in at.error)
    with Store(path) as store:
        assert len(store.list_runs(ORG)) == 1


def test_cancel_button_cancels_a_paused_run(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    at = app_at(PAGE)
    worker = run_worker(str(path), ORG)
    scenario = demo_scenarios()[0]
    paused = worker.launch(
        RunRequest(
            client_name=scenario.client_name,
            target=scenario.target,
            sources_dir=str(scenario.path),
            pause_after_insight=True,
        )
    )
    worker.wait(paused.run_id, timeout=TIMEOUT_S)
    wait_for_status(path, paused.run_id, "paused")
    at.run()
    at.selectbox(key="run_select").set_value(paused.run_id).run()
    assert not at.exception
    assert "Paused for review" in texts(at)
    at.button(key="run_cancel").click().run()
    assert not at.exception
    with Store(path) as store:
        run = store.get_run(ORG, paused.run_id)
    assert run is not None and run.status == "cancelled"


def test_a_failed_run_shows_its_error_and_resume_runs_it_to_the_end(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    scenario = demo_scenarios()[0]
    with Store(path) as store:
        request = RunRequest(
            client_name=scenario.client_name, target=scenario.target, sources_dir=str(scenario.path)
        )
        failed = create_run(store, ORG, request)
        store.set_run_status(ORG, failed.run_id, "failed", error=ERROR)
    at = app_at(PAGE)
    assert at.selectbox(key="run_select").value == failed.run_id
    assert streamlit_markdown(ERROR) == "search_signal failed:\u2060 \\*boom\\*"
    assert any(error.value == streamlit_markdown(ERROR) for error in at.error)
    assert not [button for button in at.button if button.key == "run_cancel"]
    at.button(key="run_resume").click().run()
    assert not at.exception
    done = run_worker(str(path), ORG).wait(failed.run_id, timeout=TIMEOUT_S)
    assert done.status == "succeeded"


def test_one_submission_launches_one_run_even_when_it_arrives_twice(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, finished = seeded_db
    at = app_at(PAGE)
    at.radio(key="launch_source").set_value("demo").run()
    first = launch_button(at)
    stale: WidgetState = first.click()._widget_state  # the click, as the browser sent it
    at.run()
    assert not at.exception
    assert launch_button(at).key != first.key  # the token moved on
    states = at._tree.get_widget_states()
    states.widgets.append(stale)  # a second click of the same form, queued during the launch
    at._run(states)
    assert not at.exception
    with Store(path) as store:
        launched = [run for run in store.list_runs(ORG) if run.run_id != finished.run_id]
    assert len(launched) == 1
    worker = run_worker(str(path), ORG)
    worker.wait(launched[0].run_id, timeout=TIMEOUT_S)
    launch_button(at).click().run()  # a new submission of the redrawn form launches again
    assert not at.exception
    with Store(path) as store:
        launched = [run for run in store.list_runs(ORG) if run.run_id != finished.run_id]
    assert len(launched) == 2
    for run in launched:
        worker.wait(run.run_id, timeout=TIMEOUT_S)


HOSTILE_TARGET = "Borealis :material/bolt: $5$ :red[Nickel]"
HOSTILE_ERROR = "search_signal failed: :material/warning: quoted $x$ from a source"


def test_untrusted_target_client_and_error_cannot_become_icons_math_or_colour(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    scenario = demo_scenarios()[0]
    with Store(path) as store:
        request = RunRequest(
            client_name=scenario.client_name, target=HOSTILE_TARGET, sources_dir=str(scenario.path)
        )
        failed = create_run(store, ORG, request)
        store.set_run_status(ORG, failed.run_id, "failed", error=HOSTILE_ERROR)
    at = app_at(PAGE)
    assert not at.exception
    assert at.selectbox(key="run_select").value == failed.run_id
    heading = streamlit_markdown(f"{HOSTILE_TARGET} · {scenario.client_name}")
    assert heading in [subheader.value for subheader in at.subheader]
    assert streamlit_markdown(HOSTILE_ERROR) in [error.value for error in at.error]
    shown = [*texts(at).split("\n"), *(subheader.value for subheader in at.subheader)]
    assert not [line for line in shown if ":material/bolt" in line or ":red[" in line]
    assert not [line for line in shown if ":material/warning" in line]
    assert not [line for line in shown if "$5$" in line or " $x$" in line]


UNTRUSTED_REPLY = '{"claims": []} <script>alert(1)</script> **not bold** [x](javascript:alert(1))'


def save_model_calls(path: Path, run_id: str) -> None:
    """Three calls of the run: answered (with a hostile reply), a cache hit, a failure."""
    with Store(path) as store:
        store.save_llm_call(
            ORG,
            make_call(
                "call-1",
                run_id=run_id,
                org_id=ORG,
                response_text=UNTRUSTED_REPLY,
                usage=CallUsage(prompt_tokens=1000, completion_tokens=250, cost_usd=0.25),
                created_at=T0,
            ),
        )
        store.save_llm_call(
            ORG,
            make_call(
                "call-2",
                run_id=run_id,
                org_id=ORG,
                step_id="insight",
                mode="cache",
                usage=CallUsage(cache_hit=True),
                created_at=T0 + timedelta(seconds=1),
            ),
        )
        store.save_llm_call(
            ORG,
            make_call(
                "call-3",
                run_id=run_id,
                org_id=ORG,
                step_id="write_sections",
                response_text=None,
                error="HTTP 500 after 4 attempts",
                usage=CallUsage(prompt_tokens=0, cost_usd=0.125),
                created_at=T0 + timedelta(seconds=2),
            ),
        )


def metric_values(at: AppTest) -> dict[str, str]:
    return {metric.label: str(metric.value) for metric in at.metric}


def test_an_offline_run_shows_no_model_calls_and_costs_nothing(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    assert not at.exception
    listing = at.dataframe[0].value
    assert listing["model calls"].tolist() == [0]
    assert listing["cost (USD)"].tolist() == [0.0]
    assert not [expander for expander in at.expander if expander.label == "Model calls"]
    assert not [box for box in at.selectbox if box.key == "run_call_select"]


def test_a_run_with_model_calls_shows_their_trace_totals_and_one_calls_messages(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    save_model_calls(path, run.run_id)
    at = app_at(PAGE)
    assert not at.exception
    listing = at.dataframe[0].value
    assert listing["model calls"].tolist() == [3]
    assert listing["cost (USD)"].tolist() == [0.375]
    assert [expander.label for expander in at.expander if expander.label == "Model calls"]
    metrics = metric_values(at)
    assert metrics["Calls"] == "3"
    assert metrics["Tokens"] == "1,250"
    assert metrics["Cost (USD)"] == "0.3750"
    assert metrics["Cache hits"] == "1"
    trace = next(frame.value for frame in at.dataframe if "call id" in frame.value.columns)
    assert trace["call id"].tolist() == ["call-1", "call-2", "call-3"]
    assert trace["step"].tolist() == ["search_signal", "insight", "write_sections"]
    assert trace["error"].tolist() == ["", "", "HTTP 500 after 4 attempts"]
    assert at.selectbox(key="run_call_select").value == "call-3"  # the newest call
    assert "HTTP 500 after 4 attempts" in [text.value for text in at.text]
    at.selectbox(key="run_call_select").set_value("call-1").run()
    assert not at.exception
    shown = [code.value for code in at.code]
    with Store(path) as store:
        [first, *_] = store.list_llm_calls(ORG, run.run_id)
    assert [message.content for message in first.messages] + [UNTRUSTED_REPLY] == shown
    assert not [part for part in texts(at).split("\n") if "<script>" in part]
