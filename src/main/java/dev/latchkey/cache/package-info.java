/**
 * The optional validation cache ({@code latchkey.cache.*}): recently read session rows kept in
 * memory for a bounded time, so that a busy session costs no database read on every request.
 */
package dev.latchkey.cache;
