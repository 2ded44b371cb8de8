/**
 * Internal: Latchkey assembled and started in a Jakarta EE deployment — the settings read, the stores opened, the CDI beans, the start-up event of the optional modules, the cleanup schedule.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.cdi;
