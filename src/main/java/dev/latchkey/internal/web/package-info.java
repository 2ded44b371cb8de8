/**
 * Internal: HTTP rules without servlet types — the CSRF decision, the request's own origin and the client's address through trusted proxies, and when a connection is local development.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.web;
