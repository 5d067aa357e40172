"""Score the tool's output on a real-world corpus against its `expectations.json`.

A corpus folder holds source pages and `expectations.json` (format: the practice corpus in
`../shared/corpora/real/README.md`). `run_corpus` runs the offline `dossier` pipeline on the
pages for the corpus's client, in a fresh DuckDB file, and returns what the analyst would
read: the claims, the merge, the dossier and its Markdown export. `score` turns each
expectation into one or more `Check`s (a person gives one per judged aspect: found, org,
title, ...) with its level (`must` or `stretch`), whether it passed and what was seen.

Semantics (patterns are case-insensitive regular expressions):
- people: a resolved contact whose name folds to the person's name or a variant. `org` and
  `title` test its organization and current role; `in_dossier_contacts` the Verified contacts
  section; `not_target` its stakeholder role (not target staff) and no outreach copy;
  `one_contact` exactly one contact of that name.
- attributes: a claim of one of `attribute_any` (any attribute when null) whose value matches
  a pattern of `values`; `min_found` distinct patterns must match (default 1).
- conflicts: a merge conflict (or a TIMELINE ambiguous item: same-day reports of one event
  that disagree) with values matching `values_any_n[0]` distinct patterns, whose attribute,
  description or values match `context_re`.
- timelines: a timeline of one of `attribute_any` whose current status is one of
  `expect_status` and current date lies in the range; `history_has_year` /
  `history_has_later_year` years appear in its history.
- relationships: a claim naming the party (`party_re`) in its value or subject, whose attribute
  or statement matches `role_re`.
- dossier_facts / must_not_state: the Markdown dossier matches / does not match.
- junk / script_markers: no claim statement matches (a marker is literal text).
- false_conflicts: no conflict of those attributes has values matching every pattern.
- project_re: the dossier's project; primary_signal: the primary buying signal's statement.
- outreach_copy: copy for every target person expected in the contacts; none for others.
"""

from __future__ import annotations

import asyncio
import json
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from engine.export import export_dossier
from engine.models import Claim, MergeResult
from engine.models.client import Client
from engine.models.dossier import DossierRecord
from engine.models.run import RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.runner import Runner
from engine.store import Store

ORG = "corpus"
# Corpora are judged as of a fixed day, so recency and "as of" rules do not drift with time.
EVALUATION_DAY = date(2026, 12, 1)


@dataclass(frozen=True)
class Output:
    """What a run of the tool gives for one corpus."""

    claims: list[Claim]
    merge: MergeResult
    dossier: DossierRecord
    markdown: str


@dataclass(frozen=True)
class Check:
    """One judged expectation."""

    check_id: str
    level: str
    passed: bool
    detail: str


def load_expectations(folder: Path) -> dict[str, Any]:
    """The corpus's expectations.json."""
    data: dict[str, Any] = json.loads((folder / "expectations.json").read_text("utf-8"))
    return data


def run_corpus(folder: Path, *, today: date = EVALUATION_DAY) -> Output:
    """Run the offline dossier pipeline on the corpus for its client (fresh store file)."""
    expectations = load_expectations(folder)
    client = Client.model_validate(expectations["client"])
    target = expectations["target"]["target"]
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "eval.duckdb") as store:
        store.add_client(ORG, client)
        request = RunRequest(client_name=client.name, target=target, sources_dir=str(folder))
        run = create_run(store, ORG, request)
        finished = asyncio.run(Runner(store, ORG, today=today).execute(run.run_id))
        if finished.status != "succeeded":
            raise RuntimeError(f"run of {folder.name} ended {finished.status}: {finished.error}")
        merge = store.latest_merge(ORG, run.run_id)
        dossier = store.get_dossier(ORG, run.dossier_id)
        assert merge is not None and dossier is not None
        claims = store.list_claims(ORG, run.run_id)
    return Output(claims, merge, dossier, export_dossier(dossier, "md"))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().replace("’", "'").split())


def _search(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE | re.MULTILINE) is not None


def _section_text(output: Output, section: str) -> str:
    written = output.dossier.sections.get(section)  # type: ignore[call-overload]
    return written.markdown() if written is not None else ""


def _people_checks(person: dict[str, Any], output: Output) -> Iterator[Check]:
    names = {_fold(person["name"]), *(_fold(v) for v in person.get("variants", []))}
    contacts = [c for c in output.merge.contacts_resolved if _fold(c.name) in names]
    seen = "; ".join(f"{c.name} | {c.current_role} | {c.organization}" for c in contacts)
    copied = {_fold(c.get("name", "")) for c in output.dossier.copy_.get("contacts", [])}
    contacts_section = _fold(_section_text(output, "VERIFIED_CONTACTS"))
    for aspect, level in person["level"].items():
        if aspect == "found":
            passed = bool(contacts)
        elif aspect == "org":
            passed = any(_search(person["org_re"], c.organization or "") for c in contacts)
        elif aspect == "title":
            passed = any(_search(person["title_re"], c.current_role or "") for c in contacts)
        elif aspect == "in_dossier_contacts":
            passed = any(name in contacts_section for name in names)
        elif aspect == "one_contact":
            passed = len(contacts) == 1
        elif aspect == "not_target":
            roles = {getattr(c, "stakeholder_role", None) for c in contacts}
            passed = bool(contacts) and "target_staff" not in roles and not names & copied
            seen += f" roles={sorted(map(str, roles))} copied={bool(names & copied)}"
        else:
            raise ValueError(f"unknown person aspect {aspect!r}")
        yield Check(f"person:{person['id']}:{aspect}", level, passed, seen or "no contact")


def _attribute_check(item: dict[str, Any], output: Output) -> Check:
    wanted = item.get("attribute_any")
    values = [
        c.value or ""
        for c in output.claims
        if c.value and (wanted is None or c.attribute in wanted)
    ]
    matched = [p for p in item["values"] if any(_search(p, v) for v in values)]
    needed = item.get("min_found", 1)
    detail = f"matched {matched} in {len(values)} values" + (f": {values[:8]}" if wanted else "")
    return Check(f"attribute:{item['id']}", item["level"], len(matched) >= needed, detail)


def _conflict_check(item: dict[str, Any], output: Output) -> Check:
    detail = f"{len(output.merge.conflicts)} conflicts"
    if "values_any_n" not in item:  # a judgement the merge cannot show as values (people)
        return Check(f"conflict:{item['id']}", item["level"], False, "not judged automatically")
    needed, patterns = item["values_any_n"]
    candidates = [
        (conflict.description, list(conflict.values.values()), conflict.attribute)
        for conflict in output.merge.conflicts
    ]
    # A timeline whose same-day reports disagree is put to the analyst as an ambiguous item.
    candidates += [
        (item.description, item.options, item.kind)
        for item in output.merge.ambiguous
        if item.kind == "TIMELINE"
    ]
    for description, values, attribute in candidates:
        matched = {p for p in patterns if any(_search(p, v) for v in values)}
        context = " ".join([attribute.replace("_", " "), description, *values])
        if len(matched) >= needed and _search(item.get("context_re", "."), context):
            return Check(f"conflict:{item['id']}", item["level"], True, description)
    return Check(f"conflict:{item['id']}", item["level"], False, detail)


def _timeline_check(item: dict[str, Any], output: Output) -> Check:
    wanted = item.get("attribute_any")
    low = date.fromisoformat(item["expect_date_from"]) if "expect_date_from" in item else None
    high = date.fromisoformat(item["expect_date_to"]) if "expect_date_to" in item else None
    seen: list[str] = []
    for timeline in output.merge.timelines_resolved:
        if wanted is not None and timeline.attribute not in wanted:
            continue
        seen.append(f"{timeline.attribute} {timeline.current_status} {timeline.current_date}")
        if "expect_status" in item and timeline.current_status not in item["expect_status"]:
            continue
        when = timeline.current_date
        if low is not None and (when is None or when < low or (high and when > high)):
            continue
        history = " ".join(f"{h.value} {h.date_reported}" for h in timeline.history)
        years = [str(e.value) for e in timeline.history]
        if not all(any(y in v for v in years) for y in item.get("history_has_year", [])):
            continue
        if not all(y in history for y in item.get("history_has_later_year", [])):
            continue
        return Check(f"timeline:{item['id']}", item["level"], True, seen[-1])
    return Check(f"timeline:{item['id']}", item["level"], False, "; ".join(seen) or "none")


def _relationship_check(item: dict[str, Any], output: Output) -> Check:
    for claim in output.claims:
        if claim.attribute is None or claim.claim_type.value == "NOTE":
            continue
        party = f"{claim.value or ''} | {claim.subject or ''}"
        role = f"{claim.attribute.replace('_', ' ')} | {claim.statement}"
        if _search(item["party_re"], party) and _search(item["role_re"], role):
            detail = f"{claim.claim_id} {claim.attribute}={claim.value}"
            return Check(f"relationship:{item['id']}", item["level"], True, detail)
    return Check(f"relationship:{item['id']}", item["level"], False, "no claim")


def _claim_text_checks(target: dict[str, Any], output: Output) -> Iterator[Check]:
    statements = [claim.statement for claim in output.claims]
    for pattern in target.get("junk", []):
        hits = [s for s in statements if _search(pattern, s)]
        yield Check(f"junk:{pattern}", "must", not hits, "; ".join(hits[:2]))
    for marker in target.get("script_markers", []):
        hits = [s for s in statements if marker in s]
        yield Check(f"script:{marker}", "must", not hits, "; ".join(hits[:2]))


def _dossier_checks(target: dict[str, Any], output: Output) -> Iterator[Check]:
    text = output.markdown
    for fact in target.get("dossier_facts", []):
        yield Check(f"dossier:{fact['id']}", fact["level"], _search(fact["re"], text), "")
    for item in target.get("must_not_state", []):
        found = re.search(item["re"], text, re.IGNORECASE)
        detail = found.group(0) if found else ""
        yield Check(f"must_not_state:{item['id']}", item["level"], found is None, detail)
    if "project_re" in target:
        project = output.dossier.target_project or ""
        yield Check("project", "must", _search(target["project_re"], project), project)
    signal = target.get("primary_signal")
    if signal:
        primary = output.dossier.find_lead.primary_buying_signal or {}
        statement = str(primary.get("statement", ""))
        yield Check("primary_signal", signal["level"], _search(signal["re"], statement), statement)


def _false_conflict_checks(target: dict[str, Any], output: Output) -> Iterator[Check]:
    for item in target.get("false_conflicts", []):
        hit = ""
        for conflict in output.merge.conflicts:
            if item.get("attribute_any") and conflict.attribute not in item["attribute_any"]:
                continue
            values = list(conflict.values.values())
            if all(any(_search(p, v) for v in values) for p in item["values_all"]):
                hit = conflict.description
        yield Check(f"false_conflict:{item['id']}", item["level"], not hit, hit)


def _outreach_checks(target: dict[str, Any], output: Output) -> Iterator[Check]:
    levels = target.get("outreach_copy")
    if not levels:
        return
    copied = {_fold(c.get("name", "")) for c in output.dossier.copy_.get("contacts", [])}
    people = target.get("people", [])
    wanted = [
        p for p in people if p["at_target"] and p["level"].get("in_dossier_contacts") == "must"
    ]
    missing = [p["name"] for p in wanted if _fold(p["name"]) not in copied]
    yield Check(
        "outreach:for_target_people", levels["for_target_people"], not missing, str(missing)
    )
    officials = [p["name"] for p in people if not p["at_target"] and _fold(p["name"]) in copied]
    yield Check(
        "outreach:not_for_officials", levels["not_for_officials"], not officials, str(officials)
    )


def score(expectations: dict[str, Any], output: Output) -> list[Check]:
    """Every expectation of the corpus judged against the output."""
    target = expectations["target"]
    checks: list[Check] = []
    for person in target.get("people", []):
        checks.extend(_people_checks(person, output))
    checks.extend(_attribute_check(item, output) for item in target.get("attributes", []))
    checks.extend(_conflict_check(item, output) for item in target.get("conflicts", []))
    checks.extend(_timeline_check(item, output) for item in target.get("timelines", []))
    checks.extend(_relationship_check(item, output) for item in target.get("relationships", []))
    checks.extend(_claim_text_checks(target, output))
    checks.extend(_dossier_checks(target, output))
    checks.extend(_false_conflict_checks(target, output))
    checks.extend(_outreach_checks(target, output))
    return checks


def tally(checks: list[Check]) -> dict[str, dict[str, int]]:
    """Passed and total checks per level."""
    counts: dict[str, dict[str, int]] = {}
    for check in checks:
        entry = counts.setdefault(check.level, {"passed": 0, "total": 0})
        entry["total"] += 1
        entry["passed"] += int(check.passed)
    return counts
