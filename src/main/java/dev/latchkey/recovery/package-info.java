/**
 * A way back in: single-use secrets sent out of band ({@link dev.latchkey.recovery.OneTimeTokens}) — links and
 * short codes to verify an e-mail address, reset a password or sign in — and how they are sent
 * ({@link dev.latchkey.recovery.OutOfBandSender}, by default Jakarta Mail through the server's mail session).
 * The built-in accounts' flows on top of them are in {@code dev.latchkey.account.AccountRecovery}.
 */
package dev.latchkey.recovery;
