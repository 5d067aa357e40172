"""`workbench briefings company|person|icp`: filters, JSON, paging, org isolation, bad input."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from engine.briefings.service import (
    upsert_company_intel_briefing,
    upsert_icp_job_titles,
    upsert_person_intel_briefing,
)
from engine.cli import main
from engine.store import Store

ORG, OTHER = "acme", "other"
RAW: dict[str, Any] = {"summary": "CoreWeave buys GPU capacity", "claims": ["search_001"]}
JIM = "https://www.linkedin.com/in/jim-higgins"


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exited:  # argparse refuses a usage error itself
        code = int(exited.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A database with briefings in ORG (and one in OTHER); the ids by name."""
    path = tmp_path / "briefings.duckdb"
    ids: dict[str, str] = {}
    with Store(path) as store:

        def company(name: str, org: str = ORG, **fields: Any) -> None:
            values = {"company_domain": "coreweave.com", "raw_output": RAW, **fields}
            ids[name] = upsert_company_intel_briefing(store, org_id=org, **values).id
            time.sleep(0.002)  # distinct updated_at: the order is newest first

        company("pal", client_company_name="SecurityPal", company_name="CoreWeave")
        company("cover", client_company_name="WithCoverage", processor="offline")
        company("nolens", company_name="CoreWeave")
        company("escape", company_domain="evil.example", company_name="Evil\x1b]0;owned\x07")
        company("foreign", org=OTHER, client_company_name="SecurityPal")
        for name, full_name, url in (
            ("jim", "Jim Higgins", JIM),
            ("ana", "Ana Lopez", "https://www.linkedin.com/in/ana-lopez"),
        ):
            ids[name] = upsert_person_intel_briefing(
                store,
                org_id=ORG,
                person_full_name=full_name,
                person_linkedin_url=url,
                person_current_company_name="CoreWeave",
                person_current_job_title="CISO",
                client_company_name="SecurityPal",
                raw_output=RAW,
            ).id
        ids["icp"] = upsert_icp_job_titles(
            store,
            org_id=ORG,
            company_domain="securitypal.com",
            company_name="SecurityPal",
            raw_output={"job_titles": ["CISO", "VP Security", "GRC Lead"]},
        ).id
    return path, ids


def run(db: tuple[Path, dict[str, str]], capsys: Any, *argv: str) -> tuple[int, str, str]:
    return cli(["--db", str(db[0]), "--org", ORG, "briefings", *argv], capsys)


def json_ids(db: tuple[Path, dict[str, str]], capsys: Any, *argv: str) -> list[str]:
    code, out, err = run(db, capsys, *argv, "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert isinstance(rows, list)
    return [row["id"] for row in rows]


def test_company_filters_by_a_domain_given_as_url_and_a_client_in_any_case(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    ids = db[1]
    by_url = json_ids(db, capsys, "company", "--domain", "https://www.CoreWeave.com/about")
    assert by_url == [ids["nolens"], ids["cover"], ids["pal"]]
    assert json_ids(db, capsys, "company", "--client", "  securitypal ") == [ids["pal"]]
    assert json_ids(db, capsys, "company", "--client", "") == [ids["escape"], ids["nolens"]]


def test_company_table_is_one_line_per_briefing_with_a_dash_for_no_lens(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(db, capsys, "company", "--domain", "coreweave.com")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[0].split()[1:] == ["coreweave.com", "-", "CoreWeave", "-", "-"]
    assert lines[1].split()[1:] == ["coreweave.com", "WithCoverage", "-", "offline", "-"]


def test_a_control_character_in_a_stored_name_is_printed_escaped(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(db, capsys, "company", "--domain", "evil.example")
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "Evil\\x1b]0;owned\\x07" in out
    _, raw, _ = run(db, capsys, "company", "--domain", "evil.example", "--json")
    assert "\x1b" not in raw
    assert json.loads(raw)[0]["company_name"] == "Evil\x1b]0;owned\x07"


def test_person_found_by_any_spelling_of_their_linkedin_url(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    ids = db[1]
    variant = "http://linkedin.com/in/Jim-Higgins/en/?trk=x"
    assert json_ids(db, capsys, "person", "--linkedin", variant) == [ids["jim"]]
    assert json_ids(db, capsys, "person", "--company", "coreweave") == [ids["ana"], ids["jim"]]
    code, out, _ = run(db, capsys, "person", "--linkedin", JIM)
    assert code == 0
    assert out.split()[1:] == ["Jim", "Higgins", "CoreWeave", "CISO", "SecurityPal", JIM]


def test_icp_table_counts_the_job_titles(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(db, capsys, "icp", "--domain", "SecurityPal.com")
    assert code == 0
    assert out.split()[1:] == ["securitypal.com", "SecurityPal", "3"]
    assert json_ids(db, capsys, "icp") == [db[1]["icp"]]


def test_limit_and_offset_page_through_newest_first(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    ids = db[1]
    newest_first = [ids[name] for name in ("escape", "nolens", "cover", "pal")]
    assert json_ids(db, capsys, "company") == newest_first
    assert json_ids(db, capsys, "company", "--limit", "2") == newest_first[:2]
    assert json_ids(db, capsys, "company", "--limit", "2", "--offset", "2") == newest_first[2:]
    assert json_ids(db, capsys, "company", "--offset", "4") == []


def test_another_orgs_briefings_never_appear(
    db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    ids = db[1]
    assert ids["foreign"] not in json_ids(db, capsys, "company", "--client", "SecurityPal")
    code, out, _ = cli(
        ["--db", str(db[0]), "--org", OTHER, "briefings", "company", "--json"], capsys
    )
    assert code == 0 and [row["id"] for row in json.loads(out)] == [ids["foreign"]]
    code, out, _ = cli(["--db", str(db[0]), "--org", OTHER, "briefings", "person"], capsys)
    assert code == 0 and out.startswith("no person briefings yet") and len(out.splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["company", "--limit", "0"], "limit"),
        (["company", "--limit", "1001"], "limit"),
        (["person", "--offset", "-1"], "offset"),
        (["company", "--domain", "not a domain"], "not a domain"),
        (["icp", "--domain", "localhost"], "localhost"),
        (["person", "--linkedin", "https://example.com/in/jim"], "not a LinkedIn URL"),
        (["company", "--limit", "ten"], "--limit"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_it(
    db: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    names: str,
) -> None:
    code, out, err = run(db, capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and names in err


def test_empty_results_say_where_briefings_come_from_or_that_none_match(
    tmp_path: Path, db: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    empty = ["--db", str(tmp_path / "empty.duckdb"), "briefings"]
    code, out, _ = cli([*empty, "company"], capsys)
    assert code == 0 and out.splitlines() == ["no company briefings yet in this workspace"]
    code, out, _ = cli([*empty, "icp", "--json"], capsys)
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(db, capsys, "person", "--client", "Nobody Inc")
    assert code == 0 and out == "no person briefings match these filters\n"
