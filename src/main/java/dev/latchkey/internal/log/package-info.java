/**
 * Internal: log lines a client can cause, written at most once an interval per message id.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.log;
