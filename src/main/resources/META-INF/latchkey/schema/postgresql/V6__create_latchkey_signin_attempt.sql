-- Latchkey sign-in throttling, schema version 6, for PostgreSQL (tested with 18.6).
-- Failed sign-ins counted per key (a SHA-256 of the account name and/or the client address, never either
-- in the clear), shared by every node; times are epoch milliseconds. Rows are deleted an hour (forget-after)
-- after their last failure.
CREATE TABLE latchkey_signin_attempt (
    attempt_key      VARCHAR(64)  NOT NULL,
    failures         INTEGER      NOT NULL,
    last_failure_at  BIGINT       NOT NULL,
    blocked_until    BIGINT       NOT NULL,
    CONSTRAINT latchkey_signin_attempt_pk PRIMARY KEY (attempt_key)
);
CREATE INDEX latchkey_signin_attempt_last_idx ON latchkey_signin_attempt (last_failure_at);
