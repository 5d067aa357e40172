-- 0006 intel briefings (seed 001, DESIGN §10): ICP job titles, company and person briefings.
-- One row per key. Key parts are stored twice: as given (for display) and in key form
-- (engine.briefings.keys: domains and LinkedIn URLs normalized, names NFKC + whitespace
-- collapsed + case-folded). A missing key part is stored as '' in its key column, never NULL:
-- in SQL a NULL never equals a NULL, so a key with a NULL part would be inserted again on every
-- upsert. id is a UUID; created_at and updated_at are set by the Store (no triggers in DuckDB).
-- raw_output is the briefing as produced; source_run_id + source_step_id say what produced it.

CREATE TABLE icp_job_titles (
    org_id              TEXT      NOT NULL,
    id                  TEXT      NOT NULL,
    company_domain      TEXT      NOT NULL,
    company_name        TEXT,
    company_description TEXT,
    raw_output          JSON      NOT NULL,
    provider_call_id    TEXT,
    processor           TEXT,
    source_run_id       TEXT,
    source_step_id      TEXT,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, company_domain)
);

CREATE TABLE company_intel_briefings (
    org_id                     TEXT      NOT NULL,
    id                         TEXT      NOT NULL,
    company_domain             TEXT      NOT NULL,
    company_name               TEXT,
    client_company_name        TEXT,
    client_key                 TEXT      NOT NULL,
    client_company_description TEXT,
    raw_output                 JSON      NOT NULL,
    provider_call_id           TEXT,
    processor                  TEXT,
    source_run_id              TEXT,
    source_step_id             TEXT,
    created_at                 TIMESTAMP NOT NULL,
    updated_at                 TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, company_domain, client_key)
);
CREATE INDEX idx_company_intel_briefings_client ON company_intel_briefings (org_id, client_key);

CREATE TABLE person_intel_briefings (
    org_id                      TEXT      NOT NULL,
    id                          TEXT      NOT NULL,
    person_full_name            TEXT      NOT NULL,
    person_key                  TEXT      NOT NULL,
    person_linkedin_url         TEXT,
    person_current_company_name TEXT,
    company_key                 TEXT      NOT NULL,
    person_current_job_title    TEXT,
    client_company_name         TEXT,
    client_key                  TEXT      NOT NULL,
    client_company_description  TEXT,
    customer_company_name       TEXT,
    raw_output                  JSON      NOT NULL,
    provider_call_id            TEXT,
    processor                   TEXT,
    source_run_id               TEXT,
    source_step_id              TEXT,
    created_at                  TIMESTAMP NOT NULL,
    updated_at                  TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, person_key, company_key, client_key)
);
CREATE INDEX idx_person_intel_briefings_linkedin ON person_intel_briefings (org_id, person_linkedin_url);
CREATE INDEX idx_person_intel_briefings_company ON person_intel_briefings (org_id, company_key);
CREATE INDEX idx_person_intel_briefings_client ON person_intel_briefings (org_id, client_key);
