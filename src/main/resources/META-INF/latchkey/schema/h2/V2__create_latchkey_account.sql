-- Latchkey built-in account store, schema version 2, for H2 2.x (tested with 2.3.232).
-- Only needed with latchkey.accounts.enabled=true. password_hash is a bcrypt hash.
CREATE TABLE latchkey_account (
    user_name           VARCHAR(255)  NOT NULL,
    password_hash       VARCHAR(100)  NOT NULL,
    group_names         VARCHAR(2000),
    created_at          BIGINT        NOT NULL,
    password_changed_at BIGINT        NOT NULL,
    CONSTRAINT latchkey_account_pk PRIMARY KEY (user_name)
);
