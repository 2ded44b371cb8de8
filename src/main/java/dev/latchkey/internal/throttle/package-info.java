/**
 * Internal: the decision whether a sign-in attempt may go ahead, on the counters of a {@code dev.latchkey.throttle.AttemptStore}.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.throttle;
