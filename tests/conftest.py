"""Shared fixtures. The network is disabled for every test (pytest-socket, see pyproject)."""
