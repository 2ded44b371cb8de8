/**
 * Sign-in throttling, plain Java: {@link dev.latchkey.throttle.SignInThrottle} decides before any
 * password is checked whether an attempt may go ahead, from failure counters per account, per client
 * address and per pair, kept in an {@link dev.latchkey.throttle.AttemptStore} that every node shares
 * (the database, by default).
 */
package dev.latchkey.throttle;
