"""The dossier plan: which claims and merge objects feed each section (step `dossier_plan`)."""

from engine.planning.plan import claim_order, default_plan, section_route, sections_of

__all__ = ["claim_order", "default_plan", "section_route", "sections_of"]
