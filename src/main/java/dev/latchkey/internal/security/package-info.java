/**
 * Internal: Latchkey's Jakarta Security {@code HttpAuthenticationMechanism}, which hands the caller to the container.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.security;
