"""Media assets from the sources' front matter images."""

from __future__ import annotations

from engine.models import SourceDocument, SourceTier
from engine.steps.media import asset_prefix, media_assets


def doc(source_id: str, images: list[dict[str, str]], url: str | None = None) -> SourceDocument:
    return SourceDocument(
        source_id=source_id,
        path=source_id,
        url=url,
        title=f"Title {source_id}",
        tier=SourceTier.PRIMARY,
        text="text",
        images=images,
    )


def test_assets_are_numbered_deduplicated_and_web_only() -> None:
    corpus = [
        doc(
            "b",
            [{"image_url": "https://x.com/2.png"}, {"image_url": "javascript:alert(1)"}],
            url="https://x.com/page",
        ),
        doc(
            "a",
            [
                {"image_url": "https://x.com/1.png", "caption": "Site", "asset_type": "site_photo"},
                {"image_url": "https://x.com/2.png"},
            ],
            url="ftp://x.com/a",
        ),
    ]
    assets = media_assets(corpus, "Borealis Nickel")
    assert [a.image_url for a in assets] == ["https://x.com/1.png", "https://x.com/2.png"]
    assert [a.asset_id for a in assets] == ["BN-01", "BN-02"]
    assert assets[0].caption_suggested == "Site" and assets[0].asset_type == "site_photo"
    assert assets[0].source_page_url is None  # not a web page URL
    assert assets[1].caption_suggested == "Title a" and assets[1].asset_type == "image"


def test_asset_prefix() -> None:
    assert asset_prefix("Halvard Data Centres Inc.") == "HDCI"
    assert asset_prefix("!!!") == "IMG"


def test_media_and_sources_routes_come_from_what_the_other_sections_use() -> None:
    from engine.models import DossierPlan, SectionRoute
    from engine.models.dossier import MediaAsset
    from engine.steps.plan import with_media_and_sources
    from tests.factories import make_claim

    page = "https://x.com/project"
    claims = [
        make_claim("entity_001", source_url=page, source_tier="PRIMARY", confidence="HIGH"),
        make_claim("entity_002", source_url=page),
        make_claim("entity_003", source_url=page, source_tier="OTHER", confidence="LOW"),
        make_claim("lead_001", source_url="https://news.com/a"),
        make_claim("lead_002", source_url=page),  # on the page, but routed nowhere
    ]
    plan = DossierPlan(
        section_routing={
            "INTRO": SectionRoute(claim_ids=["entity_001", "entity_002", "entity_003"]),
            "SCORE": SectionRoute(claim_ids=["lead_001"]),
        }
    )
    asset = MediaAsset(
        asset_id="X-01",
        asset_type="site_photo",
        image_url="https://x.com/1.png",
        caption_suggested="Site",
        source_page_url=page,
    )
    edited = with_media_and_sources(plan, claims, [asset])
    assert edited.section_routing["MEDIA"].claim_ids == ["entity_001", "entity_002"]
    assert edited.section_routing["SOURCES"].claim_ids == [
        "entity_001",
        "entity_002",
        "entity_003",
        "lead_001",
    ]
    assert with_media_and_sources(plan, claims, []).section_routing["MEDIA"].claim_ids == []
