"""The single merge point (step 07B): contacts, timelines, conflicts, ambiguity, pass-through."""

from engine.merge.core import merge_claims

__all__ = ["merge_claims"]
