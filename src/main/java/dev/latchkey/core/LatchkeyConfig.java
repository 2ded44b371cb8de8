package dev.latchkey.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Latchkey's settings. Every default is the secure one; {@link #defaults()} needs no changes to run.
 *
 * <pre>{@code
 * LatchkeyConfig config = LatchkeyConfig.builder()
 *         .idleTimeout(Duration.ofDays(14))
 *         .cookie(new CookieSettings("__Host-shop", true, SameSite.STRICT, "/", null))
 *         .build();
 * }</pre>
 *
 * <p>How requests are read — trusted origins, proxies, the development cookie — is the request
 * side's business: {@code dev.latchkey.web.WebSettings}.
 *
 * @param idleTimeout               idle window of a "remember me" session; default 30 days
 * @param browserSessionIdleTimeout idle window of a browser-session session; default 1 day
 * @param absoluteLifetime          no session lives longer than this from its creation; default 400 days
 * @param cleanupBatchSize          rows deleted per statement by expired-session cleanup; default 500
 * @param cookie                    the session cookie's name and attributes
 */
public record LatchkeyConfig(
        Duration idleTimeout,
        Duration browserSessionIdleTimeout,
        Duration absoluteLifetime,
        int cleanupBatchSize,
        CookieSettings cookie) {

    /** Largest cleanup batch allowed: larger deletes hold locks for too long. */
    public static final int MAX_CLEANUP_BATCH_SIZE = 10_000;

    /** Checks the settings; a bad value throws {@link IllegalArgumentException} naming the setting. */
    public LatchkeyConfig {
        requirePositive(idleTimeout, "latchkey.session.idle-timeout");
        requirePositive(browserSessionIdleTimeout, "latchkey.session.browser-idle-timeout");
        requirePositive(absoluteLifetime, "latchkey.session.absolute-lifetime");
        if (idleTimeout.compareTo(absoluteLifetime) > 0 || browserSessionIdleTimeout.compareTo(absoluteLifetime) > 0) {
            throw new IllegalArgumentException("latchkey.session.absolute-lifetime (" + absoluteLifetime
                    + ") must not be shorter than the idle timeouts (" + idleTimeout + ", " + browserSessionIdleTimeout + ")");
        }
        if (cleanupBatchSize < 1 || cleanupBatchSize > MAX_CLEANUP_BATCH_SIZE) {
            throw new IllegalArgumentException("latchkey.cleanup.batch-size must be 1-" + MAX_CLEANUP_BATCH_SIZE
                    + " but was " + cleanupBatchSize);
        }
        Objects.requireNonNull(cookie, "cookie");
    }

    /** All defaults. */
    public static LatchkeyConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .idleTimeout(idleTimeout)
                .browserSessionIdleTimeout(browserSessionIdleTimeout)
                .absoluteLifetime(absoluteLifetime)
                .cleanupBatchSize(cleanupBatchSize)
                .cookie(cookie);
    }

    /** The idle window for a session created with or without "remember me". */
    public Duration idleTimeoutFor(boolean rememberMe) {
        return rememberMe ? idleTimeout : browserSessionIdleTimeout;
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration but was " + value);
        }
    }

    /** Builds a {@link LatchkeyConfig}; unset values keep their defaults. */
    public static final class Builder {
        private Duration idleTimeout = Duration.ofDays(30);
        private Duration browserSessionIdleTimeout = Duration.ofDays(1);
        private Duration absoluteLifetime = Duration.ofDays(400);
        private int cleanupBatchSize = 500;
        private CookieSettings cookie = CookieSettings.defaults();

        private Builder() {
        }

        /** Idle window of "remember me" sessions. */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /** Idle window of browser-session sessions. */
        public Builder browserSessionIdleTimeout(Duration value) {
            this.browserSessionIdleTimeout = value;
            return this;
        }

        /** Longest life of any session, counted from its creation. */
        public Builder absoluteLifetime(Duration value) {
            this.absoluteLifetime = value;
            return this;
        }

        /** Rows deleted per statement by {@link Latchkey#deleteExpiredSessions()}. */
        public Builder cleanupBatchSize(int value) {
            this.cleanupBatchSize = value;
            return this;
        }

        /** The session cookie's settings. */
        public Builder cookie(CookieSettings value) {
            this.cookie = value;
            return this;
        }

        /** The settings, checked. */
        public LatchkeyConfig build() {
            return new LatchkeyConfig(idleTimeout, browserSessionIdleTimeout, absoluteLifetime, cleanupBatchSize,
                    cookie);
        }
    }
}
