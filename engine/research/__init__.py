"""Research backends: the interface steps call, and the offline backend over local documents."""

from engine.research.backend import Backend, ResearchRequest, TransientError, Usage

__all__ = ["Backend", "ResearchRequest", "TransientError", "Usage"]
