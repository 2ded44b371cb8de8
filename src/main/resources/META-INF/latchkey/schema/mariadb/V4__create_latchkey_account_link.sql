-- Latchkey built-in account store, schema version 4, for MariaDB (tested with 11.4.5; meant for MySQL 8 too, untested).
-- Which provider identity (provider name, the provider's subject) signs in to which account.
CREATE TABLE latchkey_account_link (
    provider    VARCHAR(40)   NOT NULL,
    subject     VARCHAR(255)  NOT NULL,
    user_name   VARCHAR(255)  NOT NULL,
    email       VARCHAR(320),
    linked_at   BIGINT        NOT NULL,
    CONSTRAINT latchkey_account_link_pk PRIMARY KEY (provider, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX latchkey_account_link_user_idx ON latchkey_account_link (user_name);
