-- Latchkey session table, schema version 1, for H2 2.x (tested with 2.3.232).
-- Times are epoch milliseconds (UTC) in BIGINT columns: no time zones involved.
-- secret_hash is the hex SHA-256 of the token's secret; the token itself is never stored.
CREATE TABLE latchkey_session (
    id                VARCHAR(32)   NOT NULL,
    secret_hash       VARCHAR(64)   NOT NULL,
    user_id           VARCHAR(255)  NOT NULL,
    created_at        BIGINT        NOT NULL,
    expires_at        BIGINT        NOT NULL,
    renewed_at        BIGINT        NOT NULL,
    authenticated_at  BIGINT        NOT NULL,
    idle_timeout_ms   BIGINT        NOT NULL,
    persistent_cookie BOOLEAN       NOT NULL,
    client_ip         VARCHAR(64),
    user_agent        VARCHAR(256),
    group_names       VARCHAR(2000),
    attributes        VARCHAR(2000),
    CONSTRAINT latchkey_session_pk PRIMARY KEY (id)
);
CREATE INDEX latchkey_session_user_idx ON latchkey_session (user_id);
CREATE INDEX latchkey_session_expires_idx ON latchkey_session (expires_at);
