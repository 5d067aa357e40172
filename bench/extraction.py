"""Benchmark of offline claim extraction: claims per second on about 1 MB of news-style prose.

The prose is the text of the demo scenarios and of the shared real-world practice corpus
(news pages, government pages, press releases; --folders for others), parsed once, then
repeated with numbered copies of every paragraph until it reaches the size asked for
(numbers and dates vary between copies so no two paragraphs are the same text). Parsing is
not timed; extraction is. Prints one JSON line: bytes, claims, seconds (median of the
repeats) and claims per second. Run from the repo root:

    .venv/bin/python bench/extraction.py [--megabytes 1.0] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.claims import extract_claims, load_documents  # noqa: E402
from engine.models import SourceDocument  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# Fixed inputs, so figures compare across commits (the project's own corpora grow).
FOLDERS = (ROOT / "data" / "demo" / "scenarios", ROOT.parent / "shared" / "corpora" / "real")
TARGET = "Wyloo Metals"


def _paragraphs(folders: tuple[Path, ...]) -> list[str]:
    paragraphs: list[str] = []
    for base in folders:
        if not base.is_dir():
            continue
        for folder in sorted(p for p in base.iterdir() if p.is_dir()):
            for document in load_documents(folder, target=TARGET):
                paragraphs.extend(line for line in document.text.splitlines() if line.strip())
    return paragraphs


def news_prose(megabytes: float, folders: tuple[Path, ...] = FOLDERS) -> SourceDocument:
    """One document of about `megabytes` MB built from the corpora's paragraphs."""
    paragraphs = _paragraphs(folders)
    wanted = int(megabytes * 1_000_000)
    lines: list[str] = []
    size, copy = 0, 0
    while size < wanted:
        copy += 1
        for paragraph in paragraphs:
            line = paragraph.replace("2026", str(2026 + copy % 5)).replace("15,000", f"{copy},000")
            lines.append(line)
            size += len(line.encode()) + 1
            if size >= wanted:
                break
    text = "\n".join(lines)
    return SourceDocument(
        source_id="bench-news",
        path="bench-news.md",
        url="https://news.example.com/bench",
        source_name="Bench News",
        tier="NEWS",
        text=text,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--folders", nargs="*", type=Path, help="collections of corpus folders")
    args = parser.parse_args()
    document = news_prose(args.megabytes, tuple(args.folders or FOLDERS))
    timings: list[float] = []
    claims = 0
    for _ in range(args.repeats):
        started = time.perf_counter()
        claims = len(extract_claims([document], target=TARGET))
        timings.append(time.perf_counter() - started)
    seconds = statistics.median(timings)
    line = {
        "bench": "extraction",
        "bytes": len(document.text.encode()),
        "claims": claims,
        "seconds": round(seconds, 3),
        "claims_per_second": round(claims / seconds, 1),
        "bytes_per_second": round(len(document.text.encode()) / seconds),
    }
    print(json.dumps(line))


if __name__ == "__main__":
    main()
