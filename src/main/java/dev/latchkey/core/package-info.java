/**
 * The plain-Java heart of Latchkey: the {@link dev.latchkey.core.Latchkey} facade, sessions, tokens,
 * the settings, the session cookie, the {@link dev.latchkey.core.SessionStore} a database adapter
 * implements (with an in-memory one), and every message id ({@link dev.latchkey.core.Message}).
 */
package dev.latchkey.core;
