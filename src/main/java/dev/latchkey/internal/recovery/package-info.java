/**
 * Latchkey's pages of recovery under {@code /latchkey/recovery/}: password reset, address verification, sign-in
 * by link or code and a first password, over {@code dev.latchkey.account.AccountRecovery}.
 */
package dev.latchkey.internal.recovery;
