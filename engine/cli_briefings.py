"""The `workbench briefings company|person|icp` commands: the query surface of intel briefings.

Read-only views over engine.briefings.queries (DESIGN §10): company briefings by target domain
and/or client lens, person briefings by LinkedIn URL, current company and/or client, ICP job
titles by the client company's domain; each paged with `--limit` (1-1,000, default 100) and
`--offset`, newest first. Filters are normalized like the keys (a URL finds its domain, any
spelling of a LinkedIn profile finds it, names match in any case); a bad filter or page is
InvalidInput (exit 2). Without `--json` a table, one line per briefing, every stored value shown
through `terminal_text`; with `--json` one JSON array of the records.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from engine.briefings.queries import (
    query_company_intel_briefings,
    query_icp_job_titles,
    query_person_intel_briefings,
)
from engine.cli_runs import OpenStore, terminal_text
from engine.models.briefings import (
    QUERY_LIMIT_DEFAULT,
    CompanyIntelBriefing,
    IcpJobTitles,
    PersonIntelBriefing,
)


def add_briefing_commands(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add `briefings company|person|icp` to the parser's subcommand group."""
    briefings = command(commands, "briefings", "query intel briefings (company, person, icp)")
    kinds = briefings.add_subparsers(dest="briefing_kind", required=True)
    company = command(kinds, "company", "company briefings, one per target and client lens")
    company.add_argument("--domain", default=None, help="the target's domain (or a URL)")
    company.add_argument("--client", default=None, help="the client lens (any case)")
    person = command(kinds, "person", "person briefings, one per contact and client lens")
    person.add_argument("--linkedin", default=None, help="the person's LinkedIn URL")
    person.add_argument("--company", default=None, help="the person's current company")
    person.add_argument("--client", default=None, help="the client lens (any case)")
    icp = command(kinds, "icp", "ICP job titles, one per client company")
    icp.add_argument("--domain", default=None, help="the client company's domain (or a URL)")
    for sub in (company, person, icp):
        sub.add_argument(
            "--limit", type=int, default=QUERY_LIMIT_DEFAULT, help="at most N rows (1-1000)"
        )
        sub.add_argument("--offset", type=int, default=0, help="skip the first N rows")
        sub.add_argument("--json", action="store_true", help="print a JSON array")


def _json_safe(text: str) -> str:
    """JSON text with control and format characters (C1 controls, bidi overrides) escaped.

    `json.dumps` escapes every C0 control inside a string, so the only raw one in its output
    is an indent newline; any other control or format character sits inside a string, where a
    `\\uXXXX` escape (a surrogate pair beyond the BMP) reads back as the same value.
    """
    return "".join(
        json.dumps(char, ensure_ascii=True)[1:-1]
        if unicodedata.category(char) in ("Cc", "Cf") and char != "\n"
        else char
        for char in text
    )


def _write_json(records: Sequence[BaseModel]) -> None:
    rows = [record.model_dump(mode="json") for record in records]
    text = _json_safe(json.dumps(rows, indent=2, ensure_ascii=False))
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        # Text the terminal cannot encode (or a lone surrogate): escape it.
        text = json.dumps(rows, indent=2, ensure_ascii=True)
    sys.stdout.write(text + "\n")


def _cell(value: str | None) -> str:
    return "-" if value is None or not value.strip() else terminal_text(value)


def _when(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _write_table(rows: list[list[str]]) -> None:
    """One line per row, every column but the last padded to its widest cell."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        sys.stdout.write("  ".join([*cells, row[-1]]) + "\n")


def _write(
    args: argparse.Namespace,
    records: Sequence[BaseModel],
    rows: list[list[str]],
    what: str,
    filtered: bool,
) -> int:
    if args.json:
        _write_json(records)
    elif rows:
        _write_table(rows)
    elif filtered:
        sys.stdout.write(f"no {what} match these filters\n")
    elif args.offset:
        sys.stdout.write(f"no {what} from offset {args.offset}: there are fewer\n")
    else:
        sys.stdout.write(f"no {what} yet in this workspace\n")
    return 0


def cmd_company(args: argparse.Namespace, open_store: OpenStore) -> int:
    """List company briefings, by target domain and/or client lens."""
    with open_store(args) as store:
        records: list[CompanyIntelBriefing] = query_company_intel_briefings(
            store,
            org_id=args.org,
            company_domain=args.domain,
            client_company_name=args.client,
            limit=args.limit,
            offset=args.offset,
        )
    rows = [
        [
            _when(r.updated_at),
            _cell(r.company_domain),
            _cell(r.client_company_name),
            _cell(r.company_name),
            _cell(r.processor),
            _cell(r.source_run_id),
        ]
        for r in records
    ]
    filtered = args.domain is not None or args.client is not None
    return _write(args, records, rows, "company briefings", filtered)


def cmd_person(args: argparse.Namespace, open_store: OpenStore) -> int:
    """List person briefings, by LinkedIn URL, current company and/or client lens."""
    with open_store(args) as store:
        records: list[PersonIntelBriefing] = query_person_intel_briefings(
            store,
            org_id=args.org,
            person_linkedin_url=args.linkedin,
            person_current_company_name=args.company,
            client_company_name=args.client,
            limit=args.limit,
            offset=args.offset,
        )
    rows = [
        [
            _when(r.updated_at),
            _cell(r.person_full_name),
            _cell(r.person_current_company_name),
            _cell(r.person_current_job_title),
            _cell(r.client_company_name),
            _cell(r.person_linkedin_url),
        ]
        for r in records
    ]
    filtered = any(value is not None for value in (args.linkedin, args.company, args.client))
    return _write(args, records, rows, "person briefings", filtered)


def _titles_count(raw_output: dict[str, Any]) -> str:
    titles = raw_output.get("job_titles", [])
    return str(len(titles)) if isinstance(titles, list) else "-"


def cmd_icp(args: argparse.Namespace, open_store: OpenStore) -> int:
    """List ICP job titles, by the client company's domain."""
    with open_store(args) as store:
        records: list[IcpJobTitles] = query_icp_job_titles(
            store, org_id=args.org, company_domain=args.domain, limit=args.limit, offset=args.offset
        )
    rows = [
        [
            _when(r.updated_at),
            _cell(r.company_domain),
            _cell(r.company_name),
            _titles_count(r.raw_output),
        ]
        for r in records
    ]
    filtered = args.domain is not None
    return _write(args, records, rows, "ICP job titles", filtered)


BRIEFING_HANDLERS: dict[str, Callable[[argparse.Namespace, OpenStore], int]] = {
    "company": cmd_company,
    "person": cmd_person,
    "icp": cmd_icp,
}
