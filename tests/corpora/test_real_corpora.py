"""Every `must` expectation of every real-world corpus is a test, and passes.

The corpora (data/corpora/real/*: paraphrased real news, government pages and press
releases, with their page furniture and disagreements kept) are run through the offline
dossier pipeline once each, judged as of bench.corpus_eval.EVALUATION_DAY, and every must
check of bench/corpus_eval.py becomes one test id ("wyloo-eagles-nest/person:straub:title").
Stretch expectations are scored by `bench/corpora.py`, not asserted here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bench.corpus_eval import Check, load_expectations, run_corpus, score

CORPORA = Path(__file__).resolve().parents[2] / "data" / "corpora" / "real"
FOLDERS = sorted(p.parent for p in CORPORA.glob("*/expectations.json"))


@cache
def _checks(folder: Path) -> dict[str, Check]:
    checks = score(load_expectations(folder), run_corpus(folder))
    return {check.check_id: check for check in checks}


def _must_ids() -> list[tuple[Path, str]]:
    cases: list[tuple[Path, str]] = []
    for folder in FOLDERS:
        for check in _checks(folder).values():
            if check.level == "must":
                cases.append((folder, check.check_id))
    return cases


def test_there_are_three_corpora_with_many_must_expectations() -> None:
    assert len(FOLDERS) >= 3
    for folder in FOLDERS:
        musts = [c for c in _checks(folder).values() if c.level == "must"]
        assert len(musts) >= 40, folder.name


@pytest.mark.parametrize(
    ("folder", "check_id"),
    _must_ids(),
    ids=[f"{folder.name}/{check_id}" for folder, check_id in _must_ids()],
)
def test_must_expectation(folder: Path, check_id: str) -> None:
    check = _checks(folder)[check_id]
    assert check.passed, f"{folder.name} {check_id}: {check.detail}"
