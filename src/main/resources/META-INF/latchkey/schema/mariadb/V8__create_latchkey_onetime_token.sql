-- Latchkey one-time tokens, schema version 8, for MariaDB (tested with 11.4.5; meant for MySQL 8 too, untested).
-- Only needed with latchkey.recovery.enabled=true (or when the application uses OneTimeTokens): the links and
-- codes sent by e-mail to verify an address, reset a password or sign in. Nothing secret is stored: token_id is
-- the public half of a token, secret_hash a SHA-256 of its secret half, code_hash a SHA-256 of the secret and
-- the typed code. A row is deleted when it is used, replaced or expired; times are epoch milliseconds.
CREATE TABLE latchkey_onetime_token (
    token_id     VARCHAR(32)   NOT NULL,
    secret_hash  VARCHAR(64)   NOT NULL,
    code_hash    VARCHAR(64),
    purpose      VARCHAR(20)   NOT NULL,
    user_id      VARCHAR(255)  NOT NULL,
    address      VARCHAR(320)  NOT NULL,
    issued_at    BIGINT        NOT NULL,
    expires_at   BIGINT        NOT NULL,
    CONSTRAINT latchkey_onetime_token_pk PRIMARY KEY (token_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX latchkey_onetime_token_user_idx ON latchkey_onetime_token (user_id, purpose);
CREATE INDEX latchkey_onetime_token_expiry_idx ON latchkey_onetime_token (expires_at);
