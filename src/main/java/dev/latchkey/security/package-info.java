/**
 * Internal: Latchkey's Jakarta Security {@code HttpAuthenticationMechanism}, which hands the caller to
 * the container. Registered as a CDI bean; applications do not use this package.
 */
package dev.latchkey.security;
