"""Claims extraction from source documents, source tiers and claim ids."""
