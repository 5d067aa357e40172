"""Benchmark of the dossier plan and the context-pack builders on large claim runs.

Times `default_plan`, `build_signal_to_entity`, `build_entity_to_contacts` and
`build_contacts_to_enrichment` on claims from bench/claimgen.py (2,000 / 10,000 / 20,000 by
default), on generated claims where every tenth names the target and a new supplier
(`linked_claims`: the related names grow with the run, 2,000 / 4,000 / 8,000), and on the claims
extracted from a ~1 MB document made by repeating the demo scenarios' text. Generation,
extraction and the merge are not timed; each timing is the median of the repeats, each started
with the engine's caches empty. Prints one JSON line. Run from the repo root:

    .venv/bin/python bench/planning.py [--sizes 2000,10000,20000] [--linked-sizes 2000,4000,8000]
        [--repeats 3] [--seed 7]

`--snapshot DIR` instead writes the plan and pack outputs (model_dump JSON) of a fixed set of
inputs to DIR, and `--compare DIR` checks that today's outputs equal those byte for byte: run
the first before an optimisation and the second after it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.claimgen import ORG_SUFFIXES, ClaimGenerator  # noqa: E402
from engine.claims import extract_claims, load_documents, parse_document  # noqa: E402
from engine.demo import demo_scenarios  # noqa: E402
from engine.merge import merge_claims  # noqa: E402
from engine.models import Claim, MergeResult  # noqa: E402
from engine.packs import (  # noqa: E402
    build_contacts_to_enrichment,
    build_entity_to_contacts,
    build_signal_to_entity,
)
from engine.planning import default_plan  # noqa: E402

TARGET = "Borealis Nickel"
CORPUS_CHARS = 1_000_000
Work = Callable[[list[Claim], MergeResult, str], Any]
WORKS: dict[str, Work] = {
    "default_plan": lambda claims, merge, target: default_plan(claims, merge, target=target),
    "signal_to_entity": lambda claims, merge, target: build_signal_to_entity(claims, target=target),
    "entity_to_contacts": lambda claims, merge, target: build_entity_to_contacts(
        claims, target=target
    ),
    "contacts_to_enrichment": lambda claims, merge, target: build_contacts_to_enrichment(
        claims, merge, target=target
    ),
}


def clear_engine_caches() -> None:
    """Empty every lru_cache of the engine, so that each timed run starts cold."""
    for name, module in list(sys.modules.items()):
        if name.startswith("engine."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def cold_median(work: Callable[[], Any], repeats: int) -> float:
    """Median wall time of `repeats` cold runs of `work`."""
    timings: list[float] = []
    for _ in range(repeats):
        clear_engine_caches()
        gc.collect()
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def corpus_claims(chars: int = CORPUS_CHARS) -> tuple[list[Claim], str]:
    """Claims extracted from one document of the demo scenarios' text repeated to `chars`."""
    scenarios = demo_scenarios()
    texts = [d.text for s in scenarios for d in load_documents(s.path, target=s.target)]
    base = "\n\n".join(texts)
    text = base
    while len(text) < chars:
        text += "\n\n" + base
    target = scenarios[0].target
    document = parse_document("corpus.txt", text, target=target)
    return extract_claims([document], target=target), target


def linked_claims(size: int, seed: int = 7, every: int = 10) -> list[Claim]:
    """Generated claims where every `every`-th names the target and a supplier of its own, and
    the one after it names an unrelated organization of its own.

    Unlike plain generated claims (whose organizations are a fixed pool), the names related to
    the target then grow with the run, as they do in a long document, and so do the claims that
    must be checked against all of them.
    """
    claims = ClaimGenerator(seed=seed).run(size)
    for index in range(0, size, every):
        supplier = f"Vendor {index} Metals"
        claims[index] = claims[index].model_copy(
            update={"entities": [TARGET, supplier], "statement": f"{TARGET} buys from {supplier}."}
        )
        if index + 1 < size:
            stranger = f"Stranger {index} Holdings"
            claims[index + 1] = claims[index + 1].model_copy(
                update={"entities": [stranger], "statement": f"{stranger} opened an office."}
            )
    return claims


def _time_all(claims: list[Claim], target: str, repeats: int) -> dict[str, float]:
    merge = merge_claims(claims, target_entity=target)
    return {
        name: round(cold_median(lambda w=work: w(claims, merge, target), repeats), 3)
        for name, work in WORKS.items()
    }


def _mixed(claims: list[Claim], generator: ClaimGenerator, target: str, seed: int) -> list[Claim]:
    """The claims with seeded entities, subjects and statements naming related organizations."""
    rng = random.Random(seed)
    names = [target, *generator.organizations[:12], *generator.subjects[:12]]
    mixed: list[Claim] = []
    for claim in claims:
        roll = rng.random()
        if roll < 0.3:
            entities = [rng.choice(names) + rng.choice(ORG_SUFFIXES) for _ in range(2)]
            update: dict[str, Any] = {"entities": entities}
            if rng.random() < 0.5:
                update["statement"] = f"{rng.choice(names)} works with {rng.choice(names)}."
            if rng.random() < 0.2:
                update["subject"] = rng.choice(names)
            claim = claim.model_copy(update=update)
        mixed.append(claim)
    return mixed


def snapshot_cases() -> Iterator[tuple[str, list[Claim], str]]:
    """(name, claims, target) of every input the snapshot covers."""
    for seed, size in ((1, 300), (2, 1500), (3, 5000), (4, 2500)):
        generator = ClaimGenerator(seed=seed)
        claims = generator.run(size)
        for target in (TARGET, generator.organizations[seed]):
            slug = target.replace(" ", "_")
            yield f"gen_s{seed}_n{size}_{slug}", claims, target
            yield f"mixed_s{seed}_n{size}_{slug}", _mixed(claims, generator, target, seed), target
    for size in (1000, 3000):
        yield f"linked_n{size}", linked_claims(size, seed=size), TARGET
    for scenario in demo_scenarios():
        documents = load_documents(scenario.path, target=scenario.target)
        yield (
            f"demo_{scenario.slug}",
            extract_claims(documents, target=scenario.target),
            (scenario.target),
        )
    claims, target = corpus_claims(200_000)
    yield "corpus_200k", claims, target


def snapshot_outputs() -> Iterator[tuple[str, str]]:
    """(file name, JSON text) of the plan and packs of every snapshot case."""
    for name, claims, target in snapshot_cases():
        merge = merge_claims(claims, target_entity=target)
        for work_name, work in WORKS.items():
            output = work(claims, merge, target)
            text = json.dumps(output.model_dump(mode="json"), indent=1, sort_keys=True)
            yield f"{name}.{work_name}.json", text


def snapshot(directory: Path) -> None:
    """Write every snapshot output to `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    for file_name, text in snapshot_outputs():
        (directory / file_name).write_text(text, encoding="utf-8")
        print(f"wrote {file_name}")


def compare(directory: Path) -> None:
    """Compare every snapshot output with the one saved in `directory`; exit 1 on a difference."""
    differ = 0
    count = 0
    for file_name, text in snapshot_outputs():
        count += 1
        saved = (directory / file_name).read_text(encoding="utf-8")
        if saved != text:
            differ += 1
            print(f"DIFFERS {file_name}")
    print(json.dumps({"compared": count, "differ": differ}))
    sys.exit(1 if differ else 0)


def main() -> None:
    """Time (or snapshot, or compare) and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000,20000")
    parser.add_argument("--linked-sizes", default="2000,4000,8000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--snapshot", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    if args.snapshot:
        snapshot(args.snapshot)
        return
    if args.compare:
        compare(args.compare)
        return
    figures: dict[str, Any] = {"bench": "planning", "claims": {}}
    for size in [int(size) for size in args.sizes.split(",")]:
        claims = ClaimGenerator(seed=args.seed).run(size)
        figures["claims"][str(size)] = _time_all(claims, TARGET, args.repeats)
    figures["linked_claims"] = {
        str(size): _time_all(linked_claims(size, args.seed), TARGET, args.repeats)
        for size in [int(size) for size in args.linked_sizes.split(",")]
    }
    claims, target = corpus_claims()
    figures["corpus_1mb"] = {"claims": len(claims), **_time_all(claims, target, args.repeats)}
    figures["repeats"] = args.repeats
    figures["seed"] = args.seed
    figures["cpus"] = os.cpu_count()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
