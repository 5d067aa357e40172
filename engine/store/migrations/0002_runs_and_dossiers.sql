-- 0002 runs and dossiers: runs, their steps and progress events, dossier plans, written sections,
-- the assembled dossiers and every saved version of them.
-- dossier_id (DOSS_YYYYMMDD_NNNN, numbered per day) is unique across all orgs.
-- Timestamps are UTC, stored as TIMESTAMP without a zone; JSON columns use DuckDB's JSON type.

CREATE TABLE runs (
    org_id              TEXT      NOT NULL,
    run_id              TEXT      NOT NULL,
    dossier_id          TEXT      NOT NULL UNIQUE,
    client_id           TEXT      NOT NULL,
    client_name         TEXT      NOT NULL,
    target              TEXT      NOT NULL,
    template            TEXT      NOT NULL,
    backend             TEXT      NOT NULL,
    model               TEXT,
    sources_dir         TEXT,
    pause_after_insight BOOLEAN   NOT NULL DEFAULT FALSE,
    status              TEXT      NOT NULL,
    error               TEXT,
    cancel_requested    BOOLEAN   NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMP NOT NULL,
    started_at          TIMESTAMP,
    finished_at         TIMESTAMP,
    PRIMARY KEY (org_id, run_id)
);

CREATE TABLE step_runs (
    org_id       TEXT      NOT NULL,
    run_id       TEXT      NOT NULL,
    step_id      TEXT      NOT NULL,
    status       TEXT      NOT NULL,
    attempts     INTEGER   NOT NULL DEFAULT 0,
    output       JSON,
    error        TEXT,
    claims_added INTEGER   NOT NULL DEFAULT 0,
    started_at   TIMESTAMP,
    finished_at  TIMESTAMP,
    duration_ms  BIGINT,
    PRIMARY KEY (org_id, run_id, step_id)
);

CREATE TABLE run_events (
    org_id  TEXT      NOT NULL,
    run_id  TEXT      NOT NULL,
    seq     INTEGER   NOT NULL,
    kind    TEXT      NOT NULL,
    step_id TEXT,
    detail  JSON      NOT NULL,
    "at"    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, run_id, seq)
);

CREATE TABLE plans (
    org_id     TEXT      NOT NULL,
    run_id     TEXT      NOT NULL,
    plan_no    INTEGER   NOT NULL,
    author     TEXT      NOT NULL,
    plan       JSON      NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, run_id, plan_no)
);

CREATE TABLE sections (
    org_id         TEXT      NOT NULL,
    run_id         TEXT      NOT NULL,
    section        TEXT      NOT NULL,
    fingerprint    TEXT      NOT NULL,
    writer_version TEXT      NOT NULL,
    content        JSON      NOT NULL,
    written_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, run_id, section)
);

CREATE TABLE dossiers (
    org_id            TEXT      NOT NULL,
    dossier_id        TEXT      NOT NULL PRIMARY KEY,
    run_id            TEXT      NOT NULL,
    client_id         TEXT      NOT NULL,
    client_name       TEXT      NOT NULL,
    target_entity     TEXT      NOT NULL,
    target_project    TEXT,
    lead_score        INTEGER   NOT NULL,
    status            TEXT      NOT NULL,
    find_lead         JSON      NOT NULL,
    enrich_lead       JSON      NOT NULL,
    insight           JSON      NOT NULL,
    "copy"            JSON      NOT NULL,
    media             JSON      NOT NULL,
    sections          JSON      NOT NULL,
    sources           JSON      NOT NULL,
    assembled_dossier JSON      NOT NULL,
    version           INTEGER   NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    released_at       TIMESTAMP
);

CREATE TABLE dossier_versions (
    org_id     TEXT      NOT NULL,
    dossier_id TEXT      NOT NULL,
    version    INTEGER   NOT NULL,
    reason     TEXT      NOT NULL,
    record     JSON      NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, dossier_id, version)
);
