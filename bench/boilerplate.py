"""Boilerplate removal on the real corpora's HTML pages: the engine's rules against trafilatura.

For every .html page of data/corpora/real/* the page text is taken two ways: the engine's
(markup.html_to_text) and trafilatura's (`trafilatura.extract`, recall-favouring, tables
kept), each then cut into sentences and filtered as extraction filters them (furniture lines,
boilerplate and credit sentences dropped). Each text is judged by the corpus's expectations:
furniture left (sentences matching a `junk` pattern or a script marker) and content kept
(people's names and `dossier_facts` patterns that the engine's raw page text holds, found
again in the cleaned text). Prints one JSON line.
trafilatura is not a dependency of the project: install it to run this (`pip install
trafilatura`); without it the line says so.

    .venv/bin/python bench/boilerplate.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.claims.frontmatter import split_front_matter  # noqa: E402
from engine.claims.furniture import is_furniture_line, is_furniture_sentence  # noqa: E402
from engine.claims.guard import is_boilerplate  # noqa: E402
from engine.claims.markup import html_to_text  # noqa: E402
from engine.claims.sentences import split_sentences  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "data" / "corpora" / "real"


def _clean(text: str) -> list[str]:
    """The sentences extraction reads: furniture lines, boilerplate and credits dropped."""
    lines = [line for line in text.splitlines() if line.strip() and not is_furniture_line(line)]
    return [
        sentence
        for sentence in split_sentences("\n".join(lines))
        if not is_boilerplate(sentence) and not is_furniture_sentence(sentence)
    ]


def _judge(
    lines: list[str], junk: list[str], markers: list[str], content: list[str]
) -> tuple[int, int]:
    left = sum(
        1
        for line in lines
        if any(re.search(p, line, re.I | re.M) for p in junk) or any(m in line for m in markers)
    )
    text = "\n".join(lines)
    kept = sum(1 for pattern in content if re.search(pattern, text, re.I))
    return left, kept


def main() -> None:
    try:
        import trafilatura
    except ImportError:
        print(json.dumps({"bench": "boilerplate", "error": "trafilatura is not installed"}))
        return
    totals = {"pages": 0, "content": 0, "engine_junk": 0, "engine_kept": 0}
    totals.update({"trafilatura_junk": 0, "trafilatura_kept": 0, "trafilatura_failed": 0})
    for expectations_file in sorted(CORPORA.glob("*/expectations.json")):
        target = json.loads(expectations_file.read_text("utf-8"))["target"]
        junk, markers = target.get("junk", []), target.get("script_markers", [])
        wanted = [re.escape(p["name"]) for p in target.get("people", [])]
        wanted += [fact["re"] for fact in target.get("dossier_facts", [])]
        for page in sorted(expectations_file.parent.glob("*.html")):
            _, body = split_front_matter(page.name, page.read_text("utf-8"))
            ours = html_to_text(body).text
            content = [p for p in wanted if re.search(p, ours, re.I)]
            extracted = trafilatura.extract(body, favor_recall=True, include_tables=True)
            theirs = extracted or ""
            totals["trafilatura_failed"] += extracted is None
            for name, text in (("engine", ours), ("trafilatura", theirs)):
                left, kept = _judge(_clean(text), junk, markers, content)
                totals[f"{name}_junk"] += left
                totals[f"{name}_kept"] += kept
            totals["pages"] += 1
            totals["content"] += len(content)
    print(json.dumps({"bench": "boilerplate", **totals}))


if __name__ == "__main__":
    main()
