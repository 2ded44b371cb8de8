-- Latchkey built-in account store, schema version 4, for H2 2.x (tested with 2.3.232).
-- Which provider identity (provider name, the provider's subject) signs in to which account.
CREATE TABLE latchkey_account_link (
    provider    VARCHAR(40)   NOT NULL,
    subject     VARCHAR(255)  NOT NULL,
    user_name   VARCHAR(255)  NOT NULL,
    email       VARCHAR(320),
    linked_at   BIGINT        NOT NULL,
    CONSTRAINT latchkey_account_link_pk PRIMARY KEY (provider, subject)
);
CREATE INDEX latchkey_account_link_user_idx ON latchkey_account_link (user_name);
