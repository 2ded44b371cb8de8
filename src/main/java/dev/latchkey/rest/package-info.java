/**
 * Internal: Jakarta REST resources guarded by {@code @RolesAllowed} answer an anonymous caller 401 with
 * {@code WWW-Authenticate} on every server, and 503 when the session store is down. Discovered by the
 * Jakarta REST runtime like any provider in the application; nothing to register.
 */
package dev.latchkey.rest;
