-- 0004 llm calls: every call to a language model (answered, served from the cache, or failed)
-- with the messages sent, the response, tokens, cost and latency; and the response cache that
-- answers an identical call (same model, messages and schema) without a request.
-- Never the API key. run_id and step_id are NULL for a call made outside a run.
-- Timestamps are UTC, stored as TIMESTAMP without a zone; JSON columns use DuckDB's JSON type.

CREATE TABLE llm_calls (
    org_id            TEXT      NOT NULL,
    call_id           TEXT      NOT NULL,
    run_id            TEXT,
    step_id           TEXT,
    model             TEXT      NOT NULL,
    prompt_name       TEXT      NOT NULL,
    prompt_hash       TEXT      NOT NULL,
    schema_name       TEXT      NOT NULL,
    mode              TEXT      NOT NULL,
    messages          JSON      NOT NULL,
    response_text     TEXT,
    prompt_tokens     BIGINT    NOT NULL DEFAULT 0,
    completion_tokens BIGINT    NOT NULL DEFAULT 0,
    cost_usd          DOUBLE    NOT NULL DEFAULT 0,
    latency_ms        BIGINT    NOT NULL DEFAULT 0,
    cache_hit         BOOLEAN   NOT NULL DEFAULT FALSE,
    attempts          INTEGER   NOT NULL DEFAULT 0,
    repaired          BOOLEAN   NOT NULL DEFAULT FALSE,
    error             TEXT,
    extra             JSON      NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, call_id)
);

CREATE TABLE llm_cache (
    org_id        TEXT      NOT NULL,
    cache_key     TEXT      NOT NULL,
    model         TEXT      NOT NULL,
    response_text TEXT      NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, cache_key)
);
