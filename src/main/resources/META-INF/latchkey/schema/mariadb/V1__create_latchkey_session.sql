-- Latchkey session table, schema version 1, for MariaDB (tested with 11.4.5; meant for MySQL 8 too, untested).
-- Times are epoch milliseconds (UTC) in BIGINT columns: no time zones involved.
-- secret_hash is the hex SHA-256 of the token's secret; the token itself is never stored.
-- utf8mb4 keeps any user id or user agent; the binary collation on id keeps lookups exact.
CREATE TABLE latchkey_session (
    id                VARCHAR(32)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    secret_hash       VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
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
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX latchkey_session_user_idx ON latchkey_session (user_id);
CREATE INDEX latchkey_session_expires_idx ON latchkey_session (expires_at);
