"""What the workbench pages call: one engine function per page action, no Streamlit.

`settings` reads and saves workspace settings; `worker` runs pipelines in a background thread
that outlives a page. The page-facing views (runs, claims, review, plan, dossiers) live beside
them. Nothing here imports streamlit; pages render what these functions return.
"""
