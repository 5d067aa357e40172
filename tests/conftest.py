"""Shared test set-up.

The network is disabled for every test (pytest-socket, see pyproject). Hypothesis runs without
per-example deadlines, so a loaded 2-core CI machine cannot turn a slow example into a failure;
under CI (CI=true) it is also derandomized, so a run there is reproducible.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("workbench", deadline=None, print_blob=True)
settings.register_profile("workbench-ci", deadline=None, print_blob=True, derandomize=True)
settings.load_profile("workbench-ci" if os.environ.get("CI") == "true" else "workbench")
