"""`python -m engine` runs the workbench CLI."""

from engine.cli import main

raise SystemExit(main())
