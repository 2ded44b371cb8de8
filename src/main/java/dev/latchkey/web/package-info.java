/**
 * Internal: HTTP rules without servlet types — the CSRF decision, the request's own origin through
 * trusted proxies, and when a connection is local development. Applications do not use this package.
 */
package dev.latchkey.web;
