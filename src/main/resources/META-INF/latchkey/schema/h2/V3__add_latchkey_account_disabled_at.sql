-- Latchkey built-in account store, schema version 3, for H2 2.x (tested with 2.3.232).
-- disabled_at: when the account was disabled (epoch milliseconds), or NULL while it may sign in.
ALTER TABLE latchkey_account ADD COLUMN disabled_at BIGINT;
