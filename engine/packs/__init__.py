"""Context packs (seed 003): focused, budgeted summaries passed from one pipeline step to the next.

`build_signal_to_entity` after the search step, `build_entity_to_contacts` after entity research,
`build_contacts_to_enrichment` after the merge. Each is pure, order-independent and fits its token
budget (`engine.tokens.estimate_tokens`) while keeping the canonical identity.
"""

from engine.packs.budget import MIN_BUDGET_TOKENS, PackBudgetError
from engine.packs.enrichment import build_contacts_to_enrichment
from engine.packs.entity import build_entity_to_contacts
from engine.packs.signal import build_signal_to_entity

__all__ = [
    "MIN_BUDGET_TOKENS",
    "PackBudgetError",
    "build_contacts_to_enrichment",
    "build_entity_to_contacts",
    "build_signal_to_entity",
]
