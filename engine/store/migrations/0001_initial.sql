-- 0001 initial: clients, sources, claims, merges and reviews.
-- Every table holding client data carries org_id; run_id has no foreign key yet (runs come later).
-- Timestamps are UTC, stored as TIMESTAMP without a zone; JSON columns use DuckDB's JSON type.

CREATE TABLE clients (
    org_id          TEXT      NOT NULL,
    client_id       TEXT      NOT NULL,
    name            TEXT      NOT NULL,
    description     TEXT      NOT NULL,
    services        TEXT      NOT NULL DEFAULT '',
    icp             TEXT      NOT NULL DEFAULT '',
    differentiators TEXT      NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, client_id),
    UNIQUE (org_id, name)
);

CREATE TABLE sources (
    org_id      TEXT      NOT NULL,
    run_id      TEXT      NOT NULL,
    source_id   TEXT      NOT NULL,
    path        TEXT      NOT NULL,
    url         TEXT,
    title       TEXT,
    source_name TEXT,
    published   DATE,
    source_type TEXT,
    tier        TEXT      NOT NULL,
    text        TEXT      NOT NULL,
    images      JSON      NOT NULL,
    stored_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, run_id, source_id)
);

CREATE TABLE claims (
    org_id        TEXT      NOT NULL,
    run_id        TEXT      NOT NULL,
    step_id       TEXT,
    claim_id      TEXT      NOT NULL,
    claim_type    TEXT      NOT NULL,
    statement     TEXT      NOT NULL,
    entities      JSON      NOT NULL,
    date_in_claim DATE,
    source_url    TEXT,
    source_name   TEXT,
    source_tier   TEXT      NOT NULL,
    confidence    TEXT      NOT NULL,
    subject       TEXT,
    attribute     TEXT,
    value         TEXT,
    event_status  TEXT,
    reported_on   DATE,
    person        JSON,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, run_id, claim_id)
);

CREATE TABLE merges (
    org_id                   TEXT      NOT NULL,
    run_id                   TEXT      NOT NULL,
    merge_id                 TEXT      NOT NULL,
    merge_no                 INTEGER   NOT NULL,
    target_entity            TEXT      NOT NULL,
    reconciliation_timestamp TIMESTAMP NOT NULL,
    result                   JSON      NOT NULL,
    decisions                JSON      NOT NULL,
    created_at               TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, run_id, merge_id),
    UNIQUE (org_id, run_id, merge_no)
);

CREATE TABLE reviews (
    org_id          TEXT      NOT NULL,
    run_id          TEXT      NOT NULL,
    review_id       TEXT      NOT NULL,
    decision        TEXT      NOT NULL,
    claim_ids       JSON      NOT NULL,
    chosen_claim_id TEXT,
    note            TEXT      NOT NULL DEFAULT '',
    decided_by      TEXT,
    decided_at      TIMESTAMP,
    saved_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, run_id, review_id)
);
