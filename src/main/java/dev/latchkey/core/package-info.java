/**
 * The plain-Java heart of Latchkey: the {@link dev.latchkey.core.Latchkey} facade, sessions, tokens,
 * the settings, the session cookie, the {@link dev.latchkey.core.SessionStore} a database adapter
 * implements (with an in-memory one), and the core's message ids ({@link dev.latchkey.core.Message}, {@code LK-0xx} to {@code LK-4xx}).
 */
package dev.latchkey.core;
