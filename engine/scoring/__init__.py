"""Scoring: the lead score and timing urgency, source reliability, buying-signal priority."""

from engine.scoring.evidence import best_first, evidence_sort_key, evidence_weight, signal_kind
from engine.scoring.lead import LeadScore, ScoreComponent, TimingUrgency, lead_score
from engine.scoring.reliability import buying_signal_priority, source_reliability

__all__ = [
    "LeadScore",
    "ScoreComponent",
    "TimingUrgency",
    "best_first",
    "buying_signal_priority",
    "evidence_sort_key",
    "evidence_weight",
    "lead_score",
    "signal_kind",
    "source_reliability",
]
