"""The `workbench` CLI: extract and merge print the contract JSON; bad input exits 2 in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine.cli import main
from engine.models import parse_claims
from engine.models.merge import MERGE_RESULT_KEYS
from engine.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "demo" / "sample"


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def claim(claim_id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "claim_id": claim_id,
        "claim_type": "ENTITY",
        "statement": f"Fact {claim_id}.",
        "source_tier": "NEWS",
        "confidence": "MEDIUM",
    }
    return base | fields


def test_extract_prints_valid_claims_of_the_demo_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        ["extract", "--sources", str(SAMPLE), "--target", "Borealis Nickel"], capsys
    )
    assert code == 0, err
    claims = parse_claims(json.loads(out))
    assert len(claims) >= 10
    assert all(c.claim_id.startswith("doc_") for c in claims)


def test_extract_then_merge_reconciles_the_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        ["extract", "--sources", str(SAMPLE), "--target", "Borealis Nickel"], capsys
    )
    assert code == 0
    claims_file = tmp_path / "claims.json"
    claims_file.write_text(out, encoding="utf-8")
    code, out, err = run_cli(
        ["merge", "--claims", str(claims_file), "--target", "Borealis Nickel"], capsys
    )
    assert code == 0, err
    result = json.loads(out)
    assert tuple(result) == MERGE_RESULT_KEYS
    assert result["summary"]["total_claims"] == len(json.loads(claims_file.read_text()))
    attributes = {c["attribute"] for c in result["conflicts"]}
    assert "capital_cost" in attributes
    statuses = {t["attribute"]: t["current_status"] for t in result["timelines_resolved"]}
    assert statuses.get("construction_start") == "ACTUAL"


def test_merge_applies_reviews_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = [
        claim("entity_001", subject="Acme", attribute="hq_location", value="Perth"),
        claim("lead_001", subject="Acme", attribute="hq_location", value="Sydney"),
    ]
    claims_file = write_json(tmp_path / "claims.json", claims)
    code, out, _ = run_cli(["merge", "--claims", str(claims_file)], capsys)
    assert code == 0
    assert json.loads(out)["target_entity"] == "Acme"
    assert len(json.loads(out)["conflicts"]) == 1
    reviews = [
        {
            "review_id": "rev-1",
            "decision": "PICK_VALUE",
            "claim_ids": ["entity_001", "lead_001"],
            "chosen_claim_id": "lead_001",
        }
    ]
    reviews_file = write_json(tmp_path / "reviews.json", reviews)
    code, out, _ = run_cli(
        ["merge", "--claims", str(claims_file), "--reviews", str(reviews_file)], capsys
    )
    assert code == 0
    assert json.loads(out)["conflicts"] == []


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[{", "is not valid JSON"),
        ('{"claim_id": "x"}', "must be a JSON array"),
        (
            json.dumps([claim("search_001", source_tier="BLOG")]),
            "claim 'search_001': field 'source_tier'",
        ),
        (json.dumps([claim("search_001"), claim("search_001")]), "duplicate"),
        (json.dumps([claim("search_001", date_in_claim="2025-02-30")]), "field 'date_in_claim'"),
    ],
)
def test_merge_rejects_bad_claims_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, fragment: str
) -> None:
    path = tmp_path / "claims.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run_cli(["merge", "--claims", str(path)], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and fragment in err


def test_missing_files_and_folders_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(["merge", "--claims", str(tmp_path / "nope.json")], capsys)
    assert code == 2 and "does not exist" in err
    code, _, err = run_cli(
        ["extract", "--sources", str(tmp_path / "nope"), "--target", "X"], capsys
    )
    assert code == 2 and err.count("\n") == 1


def test_usage_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["merge"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--claims" in err


def test_clients_are_stored_per_org_and_duplicates_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "wb.duckdb")
    add = ["--db", db, "client", "add", "Span Steel", "--description", "Pre-engineered buildings"]
    code, out, _ = run_cli([*add, "--services", "PEMB supply"], capsys)
    assert code == 0 and "Span Steel" in out
    code, _, err = run_cli(add, capsys)
    assert code == 2 and "already exists" in err and err.count("\n") == 1
    code, out, _ = run_cli(["--db", db, "clients", "--json"], capsys)
    assert [c["name"] for c in json.loads(out)] == ["Span Steel"]
    assert json.loads(out)[0]["services"] == "PEMB supply"
    code, out, _ = run_cli(["--db", db, "--org", "other", "clients", "--json"], capsys)
    assert json.loads(out) == []
    with Store(db) as store:
        assert [c.name for c in store.list_clients("default")] == ["Span Steel"]


def test_blank_client_description_is_rejected_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "wb.duckdb")
    code, _, err = run_cli(["--db", db, "client", "add", "Acme", "--description", "  "], capsys)
    assert code == 2 and "description" in err
    code, out, _ = run_cli(["--db", db, "clients"], capsys)
    assert code == 0 and "no clients yet" in out


def test_python_dash_m_engine_runs_the_cli(tmp_path: Path) -> None:
    bad = write_json(tmp_path / "claims.json", [claim("search_001", confidence="SURE")])
    done = subprocess.run(
        [sys.executable, "-m", "engine", "merge", "--claims", str(bad)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().startswith("workbench: claim 'search_001': field 'confidence'")
    assert done.stdout == ""


def test_global_options_are_accepted_after_the_subcommand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "wb.duckdb")
    code, _, _ = run_cli(["client", "add", "Acme", "--description", "x", "--db", db], capsys)
    assert code == 0
    code, out, _ = run_cli(["clients", "--json", "--db", db, "--org", "default"], capsys)
    assert [c["name"] for c in json.loads(out)] == ["Acme"]
    code, out, _ = run_cli(["--db", db, "clients", "--json", "--org", "elsewhere"], capsys)
    assert json.loads(out) == []


def test_hostile_json_and_empty_org_give_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run_cli(["merge", "--claims", str(deep)], capsys)
    assert code == 2 and "nested too deeply" in err and err.count("\n") == 1
    code, _, err = run_cli(["--org", " ", "clients"], capsys)
    assert code == 2 and "--org" in err and err.count("\n") == 1


def test_a_lone_surrogate_in_input_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.json"
    path.write_text(json.dumps([claim("doc_001", entities=["Acme \ud800"])]), encoding="utf-8")
    code, out, err = run_cli(["merge", "--claims", str(path)], capsys)
    assert code == 0, err
    assert json.loads(out)["target_entity"] == "Acme \ud800"
    assert "\\ud800" in out


def test_a_file_that_is_not_a_database_is_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_db = tmp_path / "notes.duckdb"
    not_db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 64)
    code, _, err = run_cli(["--db", str(not_db), "clients"], capsys)
    assert code == 2 and "is not a DuckDB database file" in err and err.count("\n") == 1
