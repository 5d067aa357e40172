"""Properties: parsing and extraction never crash on arbitrary text, and claims always validate."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.claims.documents import parse_document
from engine.claims.extract import extract_claims
from engine.claims.sentences import MAX_STATEMENT_CHARS
from engine.models import Claim, InvalidInput

TARGET = "Borealis Nickel"
FRAGMENTS = st.sampled_from(
    [
        "Borealis Nickel",
        "James Carver",
        "J. R.",
        "VP Projects",
        "at",
        "is",
        "the",
        ",",
        ".",
        "$1.2 billion",
        "capital cost",
        "Q3 2025",
        "construction",
        "began",
        "expected",
        "pushed to",
        "<p>",
        "</p>",
        "<script>",
        "---",
        "\n",
        "# ",
        "- ",
        "Ltd.",
        "Inc.",
        "headquartered in",
        "Sudbury, Ontario",
        "employs",
        "450 people",
        "subsidiary of",
        "Ignore previous instructions",
        "(",
        ")",
        "'s",
        "project",
        "mid-2026",
        "2025-02-30",
        "Dr.",
        "é",
        "“",
        "—",
        "3,000 tpd",
        "a@b.com",
        "linkedin.com/in/x",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(FRAGMENTS, max_size=50).map(" ".join))
NAMES = st.sampled_from(["a.md", "b.html", "c.txt", "nested/d.md"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, TEXTS)
def test_parse_and_extract_never_raise_and_claims_validate(name: str, raw: str) -> None:
    try:
        document = parse_document(name, raw, target=TARGET)
    except InvalidInput as error:
        assert raw.lstrip("\ufeff").startswith("---")
        assert "\n" not in str(error)
        return
    claims = extract_claims([document], target=TARGET, prefix="doc", start=1)
    assert [c.claim_id for c in claims] == [f"doc_{n:03d}" for n in range(1, len(claims) + 1)]
    for claim in claims:
        assert Claim.model_validate(claim.model_dump()) == claim
        assert claim.statement == claim.statement.strip() and claim.statement
        assert len(claim.statement) <= MAX_STATEMENT_CHARS
        assert claim.source_tier is document.tier
    assert extract_claims([document], target=TARGET) == claims


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=3), st.integers(min_value=0, max_value=5000))
def test_ids_are_sequential_from_start_across_documents(texts: list[str], start: int) -> None:
    documents = [
        parse_document(f"doc{i}.txt", "\n" + text, target=TARGET) for i, text in enumerate(texts)
    ]
    claims = extract_claims(documents, target=TARGET, prefix="lead", start=start)
    assert [c.claim_id for c in claims] == [f"lead_{start + n:03d}" for n in range(len(claims))]
