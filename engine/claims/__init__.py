"""Claims extraction from source documents, source tiers and claim ids.

The public entry points are re-exported here; each lives in its own module:
documents.py (load_documents, parse_document), tiers.py (derive_tier) and extract.py
(extract_claims, extract_from_text).
"""

from engine.claims.documents import load_documents, parse_document
from engine.claims.extract import extract_claims, extract_from_text
from engine.claims.tiers import derive_tier

__all__ = [
    "derive_tier",
    "extract_claims",
    "extract_from_text",
    "load_documents",
    "parse_document",
]
