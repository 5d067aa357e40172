"""The pipeline commands of the CLI: demo, run (--json contract), resume, runs, export, status."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine.cli import main
from engine.demo import demo_scenarios
from engine.models import Client
from engine.models.run import RunRequest
from engine.store import Store

SUMMARY_KEYS = [
    "run_id",
    "dossier_id",
    "status",
    "claims",
    "sections",
    "lead_score",
    "llm_calls",
    "tokens",
    "cost_usd",
    "error",
]


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.duckdb"
    assert cli(["--db", str(path), "demo"], capsys)[0] == 0
    return path


def demo_run(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    scenario = demo_scenarios()[0]
    code, out, err = cli(
        [
            "--db",
            str(db),
            "run",
            "--client",
            scenario.client_name,
            "--target",
            scenario.target,
            "--json",
            *extra,
        ],
        capsys,
    )
    assert code == 0, err
    assert len(out.strip().splitlines()) == 1
    summary: dict[str, object] = json.loads(out)
    return summary


def test_demo_is_idempotent(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["--db", str(db), "demo"], capsys)
    assert code == 0 and "added" not in out and out.count("already there") == 2
    code, out, _ = cli(["--db", str(db), "clients", "--json"], capsys)
    assert sorted(c["name"] for c in json.loads(out)) == sorted(
        s.client_name for s in demo_scenarios()
    )


def test_run_json_prints_the_one_line_contract(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = demo_run(db, capsys)
    assert list(summary) == SUMMARY_KEYS
    assert summary["status"] == "succeeded" and summary["error"] is None
    assert (
        summary["sections"] == 9 and isinstance(summary["claims"], int) and summary["claims"] > 30
    )
    assert summary["llm_calls"] == 0 and summary["tokens"] == 0 and summary["cost_usd"] == 0.0
    assert isinstance(summary["lead_score"], int) and 0 <= summary["lead_score"] <= 100


def test_run_with_progress_streams_events_to_stderr(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = demo_scenarios()[1]
    code, out, err = cli(
        [
            "--db",
            str(db),
            "run",
            "--client",
            scenario.client_name,
            "--target",
            scenario.target,
            "--progress",
        ],
        capsys,
    )
    assert code == 0 and "succeeded" in out
    lines = err.splitlines()
    assert lines[0].startswith("run_started") and lines[-1].startswith("run_finished")
    assert any(line.startswith("claims_added search_signal") for line in lines)


def test_runs_export_and_status(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = demo_run(db, capsys)
    dossier_id = str(summary["dossier_id"])
    code, out, _ = cli(["--db", str(db), "runs", "--json"], capsys)
    runs = json.loads(out)
    assert code == 0 and runs[0]["run_id"] == summary["run_id"]
    assert runs[0]["claims"] == summary["claims"]
    code, out, _ = cli(["--db", str(db), "runs"], capsys)
    assert str(summary["run_id"]) in out and "succeeded" in out

    code, out, _ = cli(["--db", str(db), "export", dossier_id, "--format", "md"], capsys)
    assert code == 0 and out.startswith("# ") and "## Sources" in out
    target = tmp_path / "dossier.html"
    code, out, _ = cli(
        ["--db", str(db), "export", dossier_id, "--format", "html", "--out", str(target)], capsys
    )
    assert code == 0 and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, out, _ = cli(["--db", str(db), "export", dossier_id, "--format", "json"], capsys)
    assert json.loads(out)["dossier_id"] == dossier_id

    code, _, err = cli(["--db", str(db), "status", dossier_id, "released"], capsys)
    assert code == 2 and "cannot move dossier" in err and "'draft'" in err
    assert cli(["--db", str(db), "status", dossier_id, "ready"], capsys)[0] == 0
    code, out, _ = cli(["--db", str(db), "status", dossier_id, "released"], capsys)
    assert code == 0 and "released" in out
    code, _, err = cli(["--db", str(db), "status", dossier_id, "draft"], capsys)
    assert code == 2 and "frozen" in err
    code, _, err = cli(["--db", str(db), "rebuild", str(summary["run_id"])], capsys)
    assert code == 2 and "released" in err


def test_resume_of_a_paused_run_finishes_it(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = demo_run(db, capsys, "--pause")
    assert summary["status"] == "paused" and summary["sections"] == 0
    code, out, err = cli(["--db", str(db), "resume", str(summary["run_id"]), "--json"], capsys)
    assert code == 0, err
    resumed = json.loads(out)
    assert resumed["status"] == "succeeded" and resumed["claims"] == summary["claims"]
    assert resumed["dossier_id"] == summary["dossier_id"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["run", "--client", "Nobody", "--target", "Borealis Nickel"],
            "client 'Nobody' does not exist",
        ),
        (
            ["run", "--client", "Northway Modular Structures", "--target", "Unknown Corp"],
            "no sources given for 'Unknown Corp'",
        ),
        (
            [
                "run",
                "--client",
                "Northway Modular Structures",
                "--target",
                "X",
                "--sources",
                "/nope",
            ],
            "sources folder '/nope' does not exist",
        ),
        (
            [
                "run",
                "--client",
                "Northway Modular Structures",
                "--target",
                "Borealis Nickel",
                "--template",
                "research_report",
            ],
            "template 'research_report' is not available yet",
        ),
        (
            [
                "run",
                "--client",
                "Northway Modular Structures",
                "--target",
                "Borealis Nickel",
                "--backend",
                "openai",
            ],
            "backend 'openai' needs OPENAI_API_KEY",
        ),
        (["run", "--client", "Northway Modular Structures", "--target", "  "], "target"),
        (["resume", "run_000000000000"], "run 'run_000000000000' does not exist"),
        (["export", "DOSS_20200101_0001", "--format", "md"], "dossier 'DOSS_20200101_0001'"),
        (["status", "DOSS_20200101_0001", "ready"], "DOSS_20200101_0001"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_stores_no_run(
    db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "WORKBENCH_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = cli(["--db", str(db), *argv], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    code, out, _ = cli(["--db", str(db), "runs", "--json"], capsys)
    assert json.loads(out) == []


def test_bad_concurrency_setting_exits_2_before_the_run_exists(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_CONCURRENCY", "lots")
    scenario = demo_scenarios()[0]
    code, _, err = cli(
        ["--db", str(db), "run", "--client", scenario.client_name, "--target", scenario.target],
        capsys,
    )
    assert code == 2 and "WORKBENCH_CONCURRENCY must be a whole number" in err
    monkeypatch.delenv("WORKBENCH_CONCURRENCY")
    assert json.loads(cli(["--db", str(db), "runs", "--json"], capsys)[1]) == []


def test_a_bad_source_document_is_named(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "broken.md").write_text("---\npublished: not-a-date\n---\nText.\n", encoding="utf-8")
    code, _, err = cli(
        [
            "--db",
            str(db),
            "run",
            "--client",
            "Northway Modular Structures",
            "--target",
            "X",
            "--sources",
            str(sources),
        ],
        capsys,
    )
    assert code == 2 and "broken.md" in err


def _run_over(db: Path, sources: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    argv = ["--db", str(db), "run", "--client", "Northway Modular Structures"]
    return cli([*argv, "--target", "Borealis Nickel", "--sources", str(sources)], capsys)


def _no_runs(db: Path, capsys: pytest.CaptureFixture[str]) -> bool:
    return json.loads(cli(["--db", str(db), "runs", "--json"], capsys)[1]) == []


def test_sources_that_are_a_file_are_named_as_not_a_folder(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "notes.md"
    document.write_text("Borealis Nickel is headquartered in Toronto.\n", encoding="utf-8")
    code, out, err = _run_over(db, document, capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "is not a folder" in err and "does not exist" not in err
    assert _no_runs(db, capsys)


def test_a_binary_document_with_a_text_suffix_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.md").write_text("Borealis Nickel is in Toronto.\n", encoding="utf-8")
    # An SQLite file is valid UTF-8 (its header is ASCII and NUL bytes), yet no text.
    (sources / "image.md").write_bytes(b"SQLite format 3\x00\x10\x00\x01\x01" + b"\x00" * 64)
    code, out, err = _run_over(db, sources, capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "'image.md'" in err and "binary" in err
    assert _no_runs(db, capsys)


def test_listings_never_send_terminal_control_sequences(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Stored by another way in (the UI, an older version): the listings must still be inert.
    name, target = "Evil\x1b]0;pwned\x07 Co\u202e", "Borealis\x1b[31m Nickel\x9b"
    with Store(db) as store:
        client_id = store.add_client("default", Client(name=name, description="x\x1b[2J y"))
        request = RunRequest(client_name=name, target=target)
        store.create_run("default", request, client_id=client_id)
    for command in ("clients", "runs"):
        code, out, _ = cli(["--db", str(db), command], capsys)
        assert code == 0
        assert not set(out) & {"\x1b", "\x07", "\x9b", "\u202e"}, command
        assert "Evil\\x1b]0;pwned\\x07 Co\\u202e" in out
    assert "Borealis\\x1b[31m Nickel\\x9b" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["client", "add", "Evil\x1b[31m Co", "--description", "x"],
        ["client", "add", "Evil\u202e Co", "--description", "x"],
        ["run", "--client", "Northway Modular Structures", "--target", "Borealis\x1b[2J Nickel"],
        ["run", "--client", "Northway Modular Structures", "--target", "Borealis\u200b Nickel"],
    ],
)
def test_names_with_control_or_format_characters_are_refused(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = cli(["--db", str(db), *argv], capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "invisible" in err and "\x1b" not in err and "\u202e" not in err
    assert _no_runs(db, capsys)
    clients = json.loads(cli(["--db", str(db), "clients", "--json"], capsys)[1])
    assert len(clients) == 2


def test_export_never_overwrites_a_database(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier_id = str(demo_run(db, capsys)["dossier_id"])
    other = tmp_path / "other.duckdb"
    assert cli(["--db", str(other), "demo"], capsys)[0] == 0
    link = tmp_path / "link.md"
    link.symlink_to(db)
    for out_path in (db, link, other):
        before = out_path.read_bytes()
        argv = ["--db", str(db), "export", dossier_id, "--format", "md", "--out", str(out_path)]
        code, out, err = cli(argv, capsys)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
        assert "database" in err
        assert out_path.read_bytes() == before
    assert cli(["--db", str(db), "runs", "--json"], capsys)[0] == 0


def test_export_to_a_new_file_leaves_no_partial_file_on_failure(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier_id = str(demo_run(db, capsys)["dossier_id"])
    folder = tmp_path / "a_folder"
    folder.mkdir()
    argv = ["--db", str(db), "export", dossier_id, "--format", "md", "--out", str(folder)]
    code, out, err = cli(argv, capsys)
    assert code == 2 and out == "" and "cannot write" in err
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == [
        "a_folder",
        "cli.duckdb",
    ]


def test_a_file_name_that_is_not_utf8_is_named_and_nothing_is_stored(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.md").write_text("Borealis Nickel is in Toronto.\n", encoding="utf-8")
    bad = os.fsdecode(b"\xff\xfe news.md")
    (sources / bad).write_text("Borealis Nickel began construction.\n", encoding="utf-8")
    code, out, err = _run_over(db, sources, capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "\\udcff" in err and "not UTF-8" in err
    assert _no_runs(db, capsys)
