-- 0005 dossier ids per org: DOSS_YYYYMMDD_NNNN is numbered per day within each workspace (org b's
-- first dossier of the day is _0001 too), so a dossier id is unique within its org, not across
-- orgs. DuckDB cannot drop a UNIQUE or PRIMARY KEY constraint in place: runs and dossiers are
-- rebuilt with (org_id, dossier_id) keys and their rows copied over, in this one transaction.

CREATE TABLE runs_per_org (
    org_id              TEXT      NOT NULL,
    run_id              TEXT      NOT NULL,
    dossier_id          TEXT      NOT NULL,
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
    PRIMARY KEY (org_id, run_id),
    UNIQUE (org_id, dossier_id)
);
INSERT INTO runs_per_org SELECT * FROM runs;
DROP TABLE runs;
ALTER TABLE runs_per_org RENAME TO runs;

CREATE TABLE dossiers_per_org (
    org_id            TEXT      NOT NULL,
    dossier_id        TEXT      NOT NULL,
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
    released_at       TIMESTAMP,
    PRIMARY KEY (org_id, dossier_id)
);
INSERT INTO dossiers_per_org SELECT * FROM dossiers;
DROP TABLE dossiers;
ALTER TABLE dossiers_per_org RENAME TO dossiers;
