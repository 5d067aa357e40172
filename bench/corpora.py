"""Must and stretch expectations met on every real-world corpus: one JSON line per corpus.

    .venv/bin/python bench/corpora.py [--verbose] [FOLDER ...]

Without folders: every corpus under data/corpora/real/ (the shared practice corpus is copied
there), and any other in ../shared/corpora/real/. --verbose prints each failed check to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus_eval import load_expectations, run_corpus, score, tally  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora" / "real"
OWN = ROOT / "data" / "corpora" / "real"


def corpus_folders() -> list[Path]:
    """Every corpus folder (one holding expectations.json): the project's own, then shared
    ones the project has no copy of."""
    found: dict[str, Path] = {}
    for base in (OWN, SHARED):
        if base.is_dir():
            for path in sorted(p.parent for p in base.glob("*/expectations.json")):
                found.setdefault(path.name, path)
    return list(found.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    for folder in args.folders or corpus_folders():
        started = time.perf_counter()
        checks = score(load_expectations(folder), run_corpus(folder))
        counts = tally(checks)
        line = {"corpus": folder.name, **counts, "seconds": round(time.perf_counter() - started, 2)}
        print(json.dumps(line))
        if args.verbose:
            for check in checks:
                if not check.passed:
                    print(
                        f"  FAIL {check.level:7} {check.check_id}: {check.detail}", file=sys.stderr
                    )


if __name__ == "__main__":
    main()
