/**
 * The optional built-in accounts ({@code latchkey.accounts.enabled=true}): {@link dev.latchkey.account.Accounts}
 * registers, checks and disables accounts with bcrypt password hashes, and takes part in sign-in as an
 * identity store.
 */
package dev.latchkey.account;
