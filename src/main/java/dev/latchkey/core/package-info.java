/** The plain-Java heart of Latchkey: the {@link dev.latchkey.core.Latchkey} facade, sessions, tokens, settings and rejection reasons. */
package dev.latchkey.core;
