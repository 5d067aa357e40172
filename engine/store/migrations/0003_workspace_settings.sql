-- 0003 workspace settings: what an analyst saves in the Settings page, per org, one row a setting.
-- Never a secret: the API key stays in the environment or .streamlit/secrets.toml.

CREATE TABLE workspace_settings (
    org_id     TEXT      NOT NULL,
    setting    TEXT      NOT NULL,
    value      TEXT      NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, setting)
);
