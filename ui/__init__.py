"""Streamlit-side helpers shared by the pages: cached resources, page state, safe rendering."""
