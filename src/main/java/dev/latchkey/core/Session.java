package dev.latchkey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A signed-in session, as stored. Immutable; holds no secret.
 *
 * @param id              the session id, the part of the token before the dot; safe to show a user (for "revoke")
 * @param userId          the application's id for the user
 * @param createdAt       when the session was created; the absolute lifetime counts from here
 * @param expiresAt       when the session expires unless renewed first (the sliding idle deadline)
 * @param renewedAt       when the idle deadline was last moved; equals {@code createdAt} until the first renewal
 * @param authenticatedAt when the user last presented a credential, for "recently signed in" checks
 * @param idleTimeout     the idle window chosen at creation: "remember me" or browser session
 * @param persistent      whether the cookie outlives the browser ("remember me") or is a browser-session cookie
 * @param clientIp        the client address at creation, truncated; informational, never trusted for security
 * @param userAgent       the client's {@code User-Agent} at creation, truncated; informational
 * @param groups          the caller's groups (roles) at creation, sorted, unmodifiable
 * @param attributes      a few small application values
 */
public record Session(
        String id,
        String userId,
        Instant createdAt,
        Instant expiresAt,
        Instant renewedAt,
        Instant authenticatedAt,
        Duration idleTimeout,
        boolean persistent,
        String clientIp,
        String userAgent,
        Set<String> groups,
        SessionAttributes attributes) {

    /** Checks that nothing is missing and freezes the groups. */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(renewedAt, "renewedAt");
        Objects.requireNonNull(authenticatedAt, "authenticatedAt");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        groups = Collections.unmodifiableSet(new TreeSet<>(groups == null ? Set.of() : groups));
        attributes = attributes == null ? SessionAttributes.empty() : attributes;
    }

    /** This session with its idle deadline moved to {@code newExpiresAt}, renewed at {@code at}. */
    public Session renewed(Instant newExpiresAt, Instant at) {
        return new Session(id, userId, createdAt, newExpiresAt, at, authenticatedAt, idleTimeout, persistent,
                clientIp, userAgent, groups, attributes);
    }

    /** This session with other groups, after the user's roles changed. */
    public Session withGroups(Set<String> newGroups) {
        return new Session(id, userId, createdAt, expiresAt, renewedAt, authenticatedAt, idleTimeout, persistent,
                clientIp, userAgent, newGroups, attributes);
    }

    /** This session with a new time of the user's last credential (after a re-authentication). */
    public Session withAuthenticatedAt(Instant at) {
        return new Session(id, userId, createdAt, expiresAt, renewedAt, at, idleTimeout, persistent,
                clientIp, userAgent, groups, attributes);
    }

    /** Whether the idle deadline has passed at {@code now}. */
    public boolean isIdleExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
