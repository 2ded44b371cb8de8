/**
 * Latchkey in a Jakarta EE application: inject {@link dev.latchkey.cdi.CurrentUser} for the caller and
 * {@link dev.latchkey.cdi.UserSessions} to sign in, list and revoke sessions. Everything else here is
 * wiring the container finds by itself.
 */
package dev.latchkey.cdi;
