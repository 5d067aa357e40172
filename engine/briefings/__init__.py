"""Intel briefings (seed 001): ICP job titles, company and person briefings per client lens."""
