"""Write the Markdown dossier of each real-world corpus to docs/examples/<corpus>.md.

Runs the offline dossier pipeline on data/corpora/real/<corpus> for the corpus's client (as
bench/corpus_eval.py does, judged as of its fixed evaluation day, so the file changes only when
the engine does) and exports the dossier as Markdown. `make example` runs it:

    .venv/bin/python scripts/example_dossier.py [CORPUS ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus_eval import run_corpus  # noqa: E402

CORPORA = ROOT / "data" / "corpora" / "real"
EXAMPLES = ROOT / "docs" / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpora", nargs="*", default=["wyloo-eagles-nest"])
    args = parser.parse_args()
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    for name in args.corpora:
        output = run_corpus(CORPORA / name)
        path = EXAMPLES / f"{name}.md"
        path.write_text(output.markdown, encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(output.markdown):,} characters")


if __name__ == "__main__":
    main()
