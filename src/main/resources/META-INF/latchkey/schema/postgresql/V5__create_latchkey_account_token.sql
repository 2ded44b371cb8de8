-- Latchkey built-in account store, schema version 5, for PostgreSQL (tested with 18.6).
-- Only needed when provider tokens are kept (latchkey.oauth.<name>.keep-tokens=true with latchkey.accounts.token-key):
-- each row is one provider's tokens for one account, sealed with AES-256-GCM; nothing in it is readable without the key.
CREATE TABLE latchkey_account_token (
    user_name   VARCHAR(255)  NOT NULL,
    provider    VARCHAR(40)   NOT NULL,
    sealed      TEXT          NOT NULL,
    kept_at     BIGINT        NOT NULL,
    CONSTRAINT latchkey_account_token_pk PRIMARY KEY (user_name, provider)
);
