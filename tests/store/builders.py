"""Builders for Store tests: a realistic merge result, reviews, sources and clients."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from engine.models import (
    AmbiguousItem,
    AppliedDecision,
    Client,
    Conflict,
    MergeResult,
    MergeSummary,
    ResolvedContact,
    Review,
    SourceDocument,
    Timeline,
    TimelineEvent,
)


def make_client(name: str = "Northwind Drilling", **fields: Any) -> Client:
    """A valid client; any field can be overridden."""
    values: dict[str, Any] = {
        "name": name,
        "description": f"{name} sells drilling services to mining projects.",
        "services": "core drilling",
        "icp": "mid-tier miners",
        "differentiators": "fast mobilisation",
    }
    values.update(fields)
    return Client.model_validate(values)


def make_source(source_id: str = "src-1", **fields: Any) -> SourceDocument:
    """A valid source document; any field can be overridden."""
    values: dict[str, Any] = {
        "source_id": source_id,
        "path": f"corpus/{source_id}.md",
        "url": f"https://news.example.com/{source_id}",
        "title": f"Title of {source_id}",
        "source_name": "Example News",
        "published": date(2024, 3, 1),
        "source_type": "news",
        "tier": "NEWS",
        "text": f"Body of {source_id}.",
        "images": [{"url": "https://news.example.com/a.png", "caption": "site"}],
    }
    values.update(fields)
    return SourceDocument.model_validate(values)


def make_review(review_id: str = "review-1", **fields: Any) -> Review:
    """A valid PICK_VALUE review; any field can be overridden."""
    values: dict[str, Any] = {
        "review_id": review_id,
        "decision": "PICK_VALUE",
        "claim_ids": ["search_001", "entity_002"],
        "chosen_claim_id": "entity_002",
        "note": "the regulator filing is newer",
        "decided_by": "analyst@example.com",
        "decided_at": datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=UTC),
    }
    values.update(fields)
    return Review.model_validate(values)


def make_merge_result(target_entity: str = "Wyloo Metals", **fields: Any) -> MergeResult:
    """A merge result with one item of every kind and an applied decision."""
    values: dict[str, Any] = {
        "reconciliation_timestamp": datetime(
            2024, 6, 1, 14, 5, 9, 654321, tzinfo=timezone(timedelta(hours=2))
        ),
        "target_entity": target_entity,
        "summary": MergeSummary(
            total_claims=6,
            contacts_resolved=1,
            timelines_resolved=1,
            conflicts_found=1,
            ambiguous_items=1,
            passed_through=1,
        ),
        "contacts_resolved": [
            ResolvedContact(
                contact_id="contact_001",
                name="Sylvain Goyette",
                current_role="VP Projects",
                organization=target_entity,
                evidence_claims=["contact_001", "contact_002"],
                resolution="SAME_PERSON",
                confidence="HIGH",
                linkedin_url="https://www.linkedin.com/in/sgoyette",
            )
        ],
        "timelines_resolved": [
            Timeline(
                timeline_id="timeline_001",
                subject="Eagle's Nest",
                attribute="construction_start",
                current_status="REVISED",
                current_date=date(2026, 1, 1),
                history=[
                    TimelineEvent(
                        date_reported=date(2023, 2, 1),
                        status="ANNOUNCED",
                        value="2025",
                        claim_id="search_001",
                    ),
                    TimelineEvent(
                        date_reported=None, status="REVISED", value="2026", claim_id="lead_003"
                    ),
                ],
            )
        ],
        "conflicts": [
            Conflict(
                conflict_id="conflict_001",
                type="ATTRIBUTE",
                subject=target_entity,
                attribute="hq_location",
                description="Two headquarters reported.",
                claims_involved=["entity_002", "entity_004"],
                values={"entity_002": "Perth", "entity_004": "Toronto"},
                recommendation="Perth",
                recommended_claim_id="entity_002",
                resolution_logic="higher source tier",
            )
        ],
        "ambiguous": [
            AmbiguousItem(
                ambiguous_id="ambiguous_001",
                kind="CONTACT",
                description="Same name at two organisations.",
                claims_involved=["contact_005", "contact_006"],
                options=["SAME_PERSON", "DIFFERENT_PERSON"],
                reason="no LinkedIn URL or email settles it",
            )
        ],
        "pass_through": ["opp_001"],
        "decisions": [
            AppliedDecision(
                review_id="review-1",
                decision="PICK_VALUE",
                item_kind="CONFLICT",
                claims_involved=["entity_002", "entity_007"],
                chosen_claim_id="entity_002",
                note="filing wins",
                description="hq_location of Wyloo Metals",
            )
        ],
    }
    values.update(fields)
    return MergeResult.model_validate(values)
