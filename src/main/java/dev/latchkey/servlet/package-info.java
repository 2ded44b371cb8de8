/**
 * Internal: Latchkey on servlet requests — the session of each request, the cookies on each response,
 * the filter that applies the CSRF decision, and the diagnostics. Applications do not use this package;
 * they use {@code CurrentUser} and {@code UserSessions}.
 */
package dev.latchkey.servlet;
