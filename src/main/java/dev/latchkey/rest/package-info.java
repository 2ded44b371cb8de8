/**
 * Jakarta REST: {@link dev.latchkey.rest.RolesAllowedChallenge} makes a resource guarded by
 * {@code @RolesAllowed} answer an anonymous caller 401 with {@code WWW-Authenticate} on every server
 * (503 when the session store is down). Discovered like any provider of the application; an
 * {@code Application} that lists its classes adds it.
 */
package dev.latchkey.rest;
