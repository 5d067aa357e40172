"""Must and stretch expectations met on every real-world corpus: one JSON line per corpus.

    .venv/bin/python bench/corpora.py [--verbose] [FOLDER ...]

Without folders: the practice corpus in ../shared/corpora/real/ (when present) and every
corpus under data/corpora/real/. --verbose prints each failed check to stderr.
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
    """Every corpus folder (one holding expectations.json) in the shared and own collections."""
    found: list[Path] = []
    for base in (SHARED, OWN):
        if base.is_dir():
            found.extend(sorted(p.parent for p in base.glob("*/expectations.json")))
    return found


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
