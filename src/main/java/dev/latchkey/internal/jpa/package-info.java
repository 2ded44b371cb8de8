/**
 * Internal: Latchkey's own persistence unit, the database products it knows, the shipped scripts and the transactions of its stores.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.jpa;
