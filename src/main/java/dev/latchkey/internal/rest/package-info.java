/**
 * Internal: the Jakarta REST filter and exception mapper behind {@code dev.latchkey.rest.RolesAllowedChallenge}.
 *
 * <p>Not part of Latchkey's API: every type under {@code dev.latchkey.internal} may change in any
 * release. Applications use the other packages.
 */
package dev.latchkey.internal.rest;
