-- Latchkey built-in account store, schema version 2, for MariaDB (tested with 11.4.5; meant for MySQL 8 too, untested).
-- Only needed with latchkey.accounts.enabled=true. password_hash is a bcrypt hash.
CREATE TABLE latchkey_account (
    user_name           VARCHAR(255)  NOT NULL,
    password_hash       VARCHAR(100)  NOT NULL,
    group_names         VARCHAR(2000),
    created_at          BIGINT        NOT NULL,
    password_changed_at BIGINT        NOT NULL,
    CONSTRAINT latchkey_account_pk PRIMARY KEY (user_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
