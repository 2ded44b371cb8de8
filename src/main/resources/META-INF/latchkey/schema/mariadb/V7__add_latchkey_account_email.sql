-- Latchkey built-in account store, schema version 7, for MariaDB (tested with 11.4.5; meant for MySQL 8 too, untested).
-- Only needed with latchkey.recovery.enabled=true: each account's e-mail address (NULL when it has none) and
-- when it was verified (epoch milliseconds, NULL while unverified). An address belongs to one account at most.
ALTER TABLE latchkey_account ADD COLUMN email VARCHAR(320);
ALTER TABLE latchkey_account ADD COLUMN email_verified_at BIGINT;
CREATE UNIQUE INDEX latchkey_account_email_idx ON latchkey_account (email);
