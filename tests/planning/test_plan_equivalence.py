"""The near-linear plan and packs give, byte for byte, what the pairwise code gave.

The expected digests are SHA-256 of the outputs' JSON (`model_dump(mode="json")`, sorted keys)
as the pairwise (quadratic) code produced them, on generated runs whose related names grow with
the run and on the Wyloo scenario. A rule change that alters outputs on purpose must refresh
them: print `output_digests()` and paste the new values. (Refreshed since: a conflict's claim
that states the recommended value is no longer excluded, which changed linked_900_3's plan; claims
naming a chief executive, and their contacts, are routed to INTRO too, which changed both
linked plans.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import pytest

from bench.planning import TARGET, WORKS, linked_claims
from engine.models import Claim, MergeResult
from tests.scenarios import TARGET as WYLOO
from tests.scenarios import wyloo_claims, wyloo_merge
from tests.strategies import simple_merge

EXPECTED: dict[str, str] = {
    "linked_400_10.contacts_to_enrichment": (
        "fbaa48423cd74a2a688840b478feb1505d5e9244976a3c39a511983b3e6f9a6a"
    ),
    "linked_400_10.default_plan": (
        "ef614b3ebe4c806e971263c43adbdda1090ee39ebdcf463d10e499f6558eedf8"
    ),
    "linked_400_10.entity_to_contacts": (
        "f69375fc370a353dd9e8966647ef0497007d92c1ec23d1e41075e1f73c00baa5"
    ),
    "linked_400_10.signal_to_entity": (
        "f2a519b70b3223d1d9713eb66b0fa9c159be0c162dab14d34b436e0ec712188d"
    ),
    "linked_900_3.contacts_to_enrichment": (
        "3d90cb7c8fdb6522f8697348d12b7b68b7210481f63ce9afb90a62a67534d02f"
    ),
    "linked_900_3.default_plan": (
        "0095459b4d4599340be6e45b005f79ff5c19548dc4ea6e1577886cd19eabc3de"
    ),
    "linked_900_3.entity_to_contacts": (
        "1c38bfadb12b70c3bb54d384cd67cfdcc23da07ef2f14c32e2679661a1ed7ec2"
    ),
    "linked_900_3.signal_to_entity": (
        "4e2ed615c17b22b9b34f38e4c468000d1f88b61ecf4385e2b0a2debf3fba0854"
    ),
    "wyloo.contacts_to_enrichment": (
        "ada17e5fa78bafeba2c641c63df66e049a48532359a1249e72d5f5efd0bb7253"
    ),
    "wyloo.default_plan": ("cbe76b46aa8d4285407a35b215e913d6e5dd31d0c2f1ea75ea3b792e272c8e99"),
    "wyloo.entity_to_contacts": (
        "a5db177b3f178efa298d4e65ac2c79a3dcfccbe1246dbde310674da53ad69f46"
    ),
    "wyloo.signal_to_entity": ("a2b32720789ce5527d3c738019e95ab8e4c4e913f7eda7c6e5fb30642ad3c3fb"),
}


def cases() -> Iterator[tuple[str, list[Claim], MergeResult, str]]:
    """(name, claims, merge, target) of every compared input."""
    for size, every in ((400, 10), (900, 3)):
        claims = linked_claims(size, seed=size, every=every)
        yield f"linked_{size}_{every}", claims, simple_merge(claims, TARGET), TARGET
    yield "wyloo", wyloo_claims(), wyloo_merge(), WYLOO


def output_digests() -> dict[str, str]:
    """Case and output name -> SHA-256 of the output's sorted-key JSON."""
    digests: dict[str, str] = {}
    for name, claims, merge, target in cases():
        for work_name, work in WORKS.items():
            dumped = work(claims, merge, target).model_dump(mode="json")
            text = json.dumps(dumped, sort_keys=True, ensure_ascii=False)
            digests[f"{name}.{work_name}"] = hashlib.sha256(text.encode()).hexdigest()
    return digests


@pytest.fixture(scope="module")
def digests() -> dict[str, str]:
    """Today's digests."""
    return output_digests()


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_output_is_what_the_pairwise_code_gave(key: str, digests: dict[str, str]) -> None:
    assert digests[key] == EXPECTED[key]


def test_every_output_is_compared(digests: dict[str, str]) -> None:
    assert sorted(digests) == sorted(EXPECTED)
