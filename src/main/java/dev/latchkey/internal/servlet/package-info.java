/**
 * Internal: Latchkey on servlet requests — the session of each request, the cookies on each response, the CSRF filter, sign-in throttling and the diagnostics header.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.servlet;
