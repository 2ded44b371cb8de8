/**
 * Internal: WildFly (Undertow) only — request cookies Undertow cannot parse are dropped before they can make a 500.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.undertow;
