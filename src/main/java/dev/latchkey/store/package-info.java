/** The storage boundary: {@link dev.latchkey.store.SessionStore} and the in-memory adapter. */
package dev.latchkey.store;
