package dev.latchkey.core;

import dev.latchkey.internal.log.RateLimitedLog;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The validation of a token, for {@link Latchkey#validateSession}: parse, one read, constant-time
 * comparison of the secret's hash, expiry, and renewal at the halfway point with a conditional write,
 * claimed first so that racing requests on this node write it once ({@link RenewalClaims}).
 * Never throws for client input; a failing store is {@link Reason#STORE_UNAVAILABLE}, logged at most
 * once a minute.
 */
final class SessionValidator {

    private final SessionStore store;
    private final LatchkeyConfig config;
    private final RateLimitedLog log;
    private final RenewalClaims renewals = new RenewalClaims();

    SessionValidator(SessionStore store, LatchkeyConfig config, RateLimitedLog log) {
        this.store = store;
        this.config = config;
        this.log = log;
    }

    SessionValidation validate(String token, Instant now) {
        if (token == null || token.isEmpty()) {
            return SessionValidation.rejected(Reason.NO_TOKEN);
        }
        Optional<SessionToken> parsed = SessionToken.parse(token);
        if (parsed.isEmpty()) {
            return SessionValidation.rejected(Reason.MALFORMED_TOKEN);
        }
        Optional<StoredSession> found;
        try {
            found = store.find(parsed.get().id());
        } catch (RuntimeException e) {
            storeFailed("validating a session", e);
            return SessionValidation.rejected(Reason.STORE_UNAVAILABLE);
        }
        if (found.isEmpty()) {
            return SessionValidation.rejected(Reason.UNKNOWN_SESSION);
        }
        if (!MessageDigest.isEqual(parsed.get().secretHash(), found.get().secretHash())) {
            return SessionValidation.rejected(Reason.SECRET_MISMATCH);
        }
        return checkExpiry(found.get().session(), now);
    }

    static Instant absoluteExpiry(Session session, LatchkeyConfig config) {
        return session.createdAt().plus(config.absoluteLifetime());
    }

    private SessionValidation checkExpiry(Session session, Instant now) {
        Instant absoluteEnd = absoluteExpiry(session, config);
        if (session.isIdleExpiredAt(now) || !now.isBefore(absoluteEnd)) {
            deleteExpired(session);
            return SessionValidation.rejected(Reason.SESSION_EXPIRED);
        }
        Duration idle = session.idleTimeout();
        if (Duration.between(now, session.expiresAt()).compareTo(half(idle)) >= 0) {
            return SessionValidation.valid(session, false);
        }
        Instant renewedExpiry = now.plus(idle).isBefore(absoluteEnd) ? now.plus(idle) : absoluteEnd;
        if (!renewedExpiry.isAfter(session.expiresAt())) {
            return SessionValidation.valid(session, false);
        }
        if (!renewals.claim(session.id(), session.expiresAt())) {
            // Another request on this node renews it (and sends the new cookie), or already did.
            return SessionValidation.valid(session, false);
        }
        try {
            if (store.renew(session.id(), session.expiresAt(), renewedExpiry, now)) {
                return SessionValidation.valid(session.renewed(renewedExpiry, now), true);
            }
        } catch (RuntimeException e) {
            storeFailed("renewing a session; it stays valid until its current deadline", e);
        }
        // Another node renewed it first, or the write failed: the next request here may try again.
        renewals.release(session.id(), session.expiresAt());
        return SessionValidation.valid(session, false);
    }

    /** Half of a positive duration, rounded down to the nanosecond; {@code dividedBy} goes through BigDecimal. */
    static Duration half(Duration d) {
        return Duration.ofSeconds(d.getSeconds() / 2, d.getSeconds() % 2 * 500_000_000L + d.getNano() / 2);
    }

    /** Deletes a session found expired, unless it was renewed meanwhile (then its deadline moved). */
    private void deleteExpired(Session session) {
        try {
            store.deleteIfExpiresAt(session.id(), session.expiresAt());
        } catch (RuntimeException e) {
            storeFailed("deleting an expired session; the cleanup will", e);
        }
    }

    private void storeFailed(String doing, RuntimeException e) {
        log.log(System.Logger.Level.WARNING, Message.STORE_UNAVAILABLE.id(),
                "session store failed while " + doing + ": " + e.getClass().getName());
    }
}
