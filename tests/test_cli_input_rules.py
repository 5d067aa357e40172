"""The CLI's input rules: prompts checked first, --db paths, long values, one form for names."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.demo import demo_scenarios
from engine.models import Client
from engine.store import Store
from tests.test_cli_runs import cli


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.duckdb"
    assert cli(["--db", str(path), "demo"], capsys)[0] == 0
    return path


def test_a_bad_prompts_folder_exits_2_before_the_run_exists(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("WORKBENCH_PROMPTS", str(tmp_path / "no-such-prompts"))
    scenario = demo_scenarios()[0]
    argv = ["--db", str(db), "run", "--client", scenario.client_name, "--target", scenario.target]
    code, _, err = cli([*argv, "--backend", "openai"], capsys)
    assert code == 2 and "prompts folder" in err and "WORKBENCH_PROMPTS" in err
    assert err.count("\n") == 1
    with Store(db) as store:
        assert store.list_runs("default") == []


def test_a_prompt_that_is_not_utf8_is_named_before_the_run_exists(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    prompts = tmp_path / "prompts"
    shipped = Path(__file__).resolve().parents[1] / "prompts"
    prompts.mkdir()
    for path in shipped.glob("*.md"):
        (prompts / path.name).write_bytes(path.read_bytes())
    first = sorted(prompts.glob("*.md"))[0]
    first.write_bytes(b"\xff\xfe broken")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("WORKBENCH_PROMPTS", str(prompts))
    scenario = demo_scenarios()[0]
    argv = ["--db", str(db), "run", "--client", scenario.client_name, "--target", scenario.target]
    code, _, err = cli([*argv, "--backend", "openai"], capsys)
    assert code == 2 and first.stem in err and "UTF-8" in err
    with Store(db) as store:
        assert store.list_runs("default") == []


def test_a_db_in_a_missing_folder_exits_2_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "dta" / "workbench.duckdb"
    code, _, err = cli(["--db", str(typo), "clients"], capsys)
    assert code == 2 and "does not exist" in err and str(typo.parent) in err
    assert not typo.parent.exists()
    fresh = tmp_path / "new.duckdb"  # a new file in an existing folder is created as before
    assert cli(["--db", str(fresh), "clients"], capsys)[0] == 0 and fresh.exists()


def test_a_db_that_is_a_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(["--db", str(tmp_path), "runs"], capsys)
    assert code == 2 and "is a folder" in err


def test_a_long_client_name_is_not_echoed_in_full(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "A" * 100_000
    code, _, err = cli(["--db", str(db), "client", "add", name, "--description", "x"], capsys)
    assert code == 2 and "longer than 200 characters" in err
    assert len(err) < 400 and "100,000 characters" in err


@pytest.mark.parametrize(
    "spelling", ["acme corp", "ACME   CORP", "Ａｃｍｅ Corp", "  Acme\u3000Corp ", "Acme\u00a0Corp"]
)
def test_client_names_differing_only_in_case_spaces_or_width_are_one_client(
    db: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    assert (
        cli(["--db", str(db), "client", "add", "Acme Corp", "--description", "x"], capsys)[0] == 0
    )
    code, _, err = cli(["--db", str(db), "client", "add", spelling, "--description", "y"], capsys)
    assert code == 2 and "already exists" in err
    with Store(db) as store:
        assert [c.name for c in store.list_clients("default")].count("Acme Corp") == 1
        assert store.get_client("default", spelling) == store.get_client("default", "Acme Corp")


def test_a_run_for_a_client_spelled_differently_finds_and_stores_its_name(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = demo_scenarios()[0]
    shouted = "  ".join(scenario.client_name.upper().split(" "))
    argv = ["--db", str(db), "run", "--client", shouted, "--target", scenario.target]
    code, _, err = cli(argv, capsys)
    assert code == 0, err
    with Store(db) as store:
        assert store.list_runs("default")[0].client_name == scenario.client_name


@pytest.mark.parametrize(
    ("org", "problem"),
    [
        ("acme\x1b[2J", "invisible character"),
        ("acme\u202eevil", "invisible character"),
        ("o" * 100_000, "longer than 64 characters"),
        ("   ", "must not be blank"),
    ],
)
def test_bad_org_ids_exit_2_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], org: str, problem: str
) -> None:
    code, _, err = cli(["--db", str(tmp_path / "w.duckdb"), "--org", org, "clients"], capsys)
    assert code == 2 and problem in err and len(err) < 400


def test_org_ids_in_another_case_or_width_are_one_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.duckdb")
    add = ["client", "add", "Acme", "--description", "x"]
    assert cli(["--db", db, "--org", "Team  North", *add], capsys)[0] == 0
    code, out, _ = cli(["--db", db, "--org", "ｔｅａｍ north", "clients"], capsys)
    assert code == 0 and out.startswith("Acme")


def test_rebuild_of_a_run_left_running_by_a_kill_says_to_resume(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(db) as store:
        client_id = store.get_client_id("default", demo_scenarios()[0].client_name)
        assert client_id is not None
        from engine.models.run import RunRequest

        request = RunRequest(client_name=demo_scenarios()[0].client_name, target="Somewhere")
        run = store.create_run("default", request, client_id=client_id)
        store.set_run_status("default", run.run_id, "running")
    code, _, err = cli(["--db", str(db), "rebuild", run.run_id], capsys)
    assert code == 2 and f"workbench resume {run.run_id}" in err


def test_dossier_ids_are_numbered_per_org(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = demo_scenarios()[0]
    with Store(db) as store:
        store.add_client("b", Client(name=scenario.client_name, description="x"))
    ids = []
    for org in ("default", "b"):
        argv = ["--db", str(db), "--org", org, "run", "--client", scenario.client_name]
        code, _, err = cli([*argv, "--target", scenario.target], capsys)
        assert code == 0, err
        with Store(db) as store:
            ids.append(store.list_runs(org)[0].dossier_id)
    assert ids[0] == ids[1] and ids[0].endswith("_0001")


def test_client_add_takes_a_web_domain_in_any_spelling(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add = ["--db", str(db), "client", "add", "Acme Corp", "--description", "x"]
    assert cli([*add, "--domain", "jane@WWW.Acme.com"], capsys)[0] == 0
    with Store(db) as store:
        assert store.get_client("default", "acme corp").domain == "acme.com"  # type: ignore[union-attr]
    code, _, err = cli([*add[:4], "Other Co", *add[5:], "--domain", "acme"], capsys)
    assert code == 2 and "client domain" in err and "no dot" in err
