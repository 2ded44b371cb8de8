-- Latchkey built-in account store, schema version 3, for MariaDB (tested with 11.4.5; meant for MySQL 8 too, untested).
-- disabled_at: when the account was disabled (epoch milliseconds), or NULL while it may sign in.
ALTER TABLE latchkey_account ADD COLUMN disabled_at BIGINT;
