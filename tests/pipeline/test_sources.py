"""Sources collected from the claims the sections cite."""

from __future__ import annotations

from engine.models.dossier import CitedSentence, WrittenSection
from engine.pipeline.sources import collect_sources
from tests.factories import make_claim


def section(name: str, cited: list[str]) -> WrittenSection:
    return WrittenSection(
        section=name,  # type: ignore[arg-type]
        title=name,
        sentences=[CitedSentence(text="x", claim_ids=cited)],
        cited_claim_ids=cited,
    )


def test_sources_numbered_by_first_citation_with_sections_and_claims() -> None:
    claims = {
        "search_001": make_claim("search_001", source_url="https://gov.ca/a", source_tier="GOV"),
        "entity_001": make_claim("entity_001", source_url="https://news.com/b"),
        "lead_001": make_claim("lead_001", source_url="https://gov.ca/a", source_tier="GOV"),
        "opp_001": make_claim("opp_001", source_name="Trade Weekly"),
        "opp_002": make_claim("opp_002"),
    }
    sources = collect_sources(
        {
            "INTRO": section("INTRO", ["entity_001", "search_001"]),
            "SCORE": section("SCORE", ["lead_001", "opp_001", "opp_002", "missing_001"]),
        },
        claims,
    )
    assert [(s.number, s.url, s.name) for s in sources] == [
        (1, "https://news.com/b", None),
        (2, "https://gov.ca/a", None),
        (3, None, "Trade Weekly"),
    ]
    assert sources[1].used_in == ["INTRO", "SCORE"]
    assert sources[1].claim_ids == ["search_001", "lead_001"]
    assert sources[1].tier == "GOV"
