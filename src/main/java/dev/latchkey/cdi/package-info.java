/**
 * Latchkey in a Jakarta EE application: inject {@link dev.latchkey.cdi.CurrentUser} for the caller and
 * {@link dev.latchkey.cdi.UserSessions} to sign in, list and revoke sessions, and
 * annotate a method {@link dev.latchkey.cdi.RecentSignIn} to ask for a fresh sign-in. The wiring the
 * container finds by itself lives in {@code dev.latchkey.internal.cdi}.
 */
package dev.latchkey.cdi;
