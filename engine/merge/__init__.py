"""The single merge point (step 07B): contacts, timelines, conflicts, ambiguity, pass-through."""
