/**
 * Internal: the two requests of a sign-in with a provider, the state cookie, and the clients of GitHub and OpenID Connect providers.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.oauth;
