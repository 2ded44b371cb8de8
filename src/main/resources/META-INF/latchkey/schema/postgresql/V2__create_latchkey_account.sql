-- Latchkey built-in account store, schema version 2, for PostgreSQL (tested with 18.6).
-- Only needed with latchkey.accounts.enabled=true. password_hash is a bcrypt hash.
CREATE TABLE latchkey_account (
    user_name           VARCHAR(255)  NOT NULL,
    password_hash       VARCHAR(100)  NOT NULL,
    group_names         VARCHAR(2000),
    created_at          BIGINT        NOT NULL,
    password_changed_at BIGINT        NOT NULL,
    CONSTRAINT latchkey_account_pk PRIMARY KEY (user_name)
);
