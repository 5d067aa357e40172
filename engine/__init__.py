"""Dossier Workbench engine: claims, merge, routing, scoring, store and CLI."""
