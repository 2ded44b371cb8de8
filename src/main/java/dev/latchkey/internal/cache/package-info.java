/**
 * Internal: the validation cache ({@code latchkey.cache.*}): recently read session rows kept in memory for a bounded time, and the PostgreSQL change feed between the nodes' caches.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.cache;
