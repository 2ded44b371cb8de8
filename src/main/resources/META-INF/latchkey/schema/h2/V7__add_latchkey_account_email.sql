-- Latchkey built-in account store, schema version 7, for H2 2.x (tested with 2.3.232).
-- Only needed with latchkey.recovery.enabled=true: each account's e-mail address (NULL when it has none) and
-- when it was verified (epoch milliseconds, NULL while unverified). An address belongs to one account at most.
ALTER TABLE latchkey_account ADD COLUMN email VARCHAR(320);
ALTER TABLE latchkey_account ADD COLUMN email_verified_at BIGINT;
CREATE UNIQUE INDEX latchkey_account_email_idx ON latchkey_account (email);
