-- Latchkey built-in account store, schema version 3, for MariaDB 10.6+ and MySQL 8.0+.
-- disabled_at: when the account was disabled (epoch milliseconds), or NULL while it may sign in.
ALTER TABLE latchkey_account ADD COLUMN disabled_at BIGINT;
