"""The Store: the one boundary that runs SQL (DuckDB), with forward-only migrations."""
