package dev.latchkey.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Latchkey's settings. Every default is the secure one; {@link #defaults()} needs no changes to run.
 *
 * <pre>{@code
 * LatchkeyConfig config = LatchkeyConfig.builder()
 *         .idleTimeout(Duration.ofDays(14))
 *         .trustedOrigins(List.of("https://*.example.com"))
 *         .build();
 * }</pre>
 *
 * @param idleTimeout               idle window of a "remember me" session; default 30 days
 * @param browserSessionIdleTimeout idle window of a browser-session session; default 1 day
 * @param absoluteLifetime          no session lives longer than this from its creation; default 400 days
 * @param cleanupBatchSize          rows deleted per statement by expired-session cleanup; default 500
 * @param cookie                    the session cookie's name and attributes
 * @param trustedOrigins            origins besides the server's own allowed to send unsafe requests,
 *                                  such as {@code https://app.example.com} or {@code https://*.example.com}
 * @param trustedProxies            addresses or CIDR ranges of reverse proxies whose forwarding header is believed
 * @param proxyHeader               the header the trusted proxies write the client's address in; required when
 *                                  there are trusted proxies, {@code null} otherwise
 * @param loopbackDevelopment       whether a plain-HTTP connection from this machine to itself gets the
 *                                  session cookie without {@code Secure} and without its prefix, so that local
 *                                  development works in every browser; default true
 */
public record LatchkeyConfig(
        Duration idleTimeout,
        Duration browserSessionIdleTimeout,
        Duration absoluteLifetime,
        int cleanupBatchSize,
        CookieSettings cookie,
        List<String> trustedOrigins,
        List<String> trustedProxies,
        ProxyHeader proxyHeader,
        boolean loopbackDevelopment) {

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
        trustedOrigins = List.copyOf(Objects.requireNonNull(trustedOrigins, "trustedOrigins"));
        trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
        if (!trustedProxies.isEmpty() && proxyHeader == null) {
            throw new IllegalArgumentException(Message.PROXY_HEADER_MISSING.error("latchkey.proxy.trusted is "
                    + String.join(",", trustedProxies) + ", but latchkey.proxy.header does not say which header these proxies"
                    + " write the client's address in"));
        }
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
                .cookie(cookie)
                .trustedOrigins(trustedOrigins)
                .trustedProxies(trustedProxies)
                .proxyHeader(proxyHeader)
                .loopbackDevelopment(loopbackDevelopment);
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
        private List<String> trustedOrigins = List.of();
        private List<String> trustedProxies = List.of();
        private ProxyHeader proxyHeader;
        private boolean loopbackDevelopment = true;

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

        /** Origins, besides the server's own, allowed to send unsafe requests. */
        public Builder trustedOrigins(List<String> value) {
            this.trustedOrigins = value;
            return this;
        }

        /** Reverse proxies whose forwarding headers are believed. */
        public Builder trustedProxies(List<String> value) {
            this.trustedProxies = value;
            return this;
        }

        /** The header the trusted proxies write the client's address in. */
        public Builder proxyHeader(ProxyHeader value) {
            this.proxyHeader = value;
            return this;
        }

        /** Whether plain-HTTP connections from this machine to itself get the development cookie. */
        public Builder loopbackDevelopment(boolean value) {
            this.loopbackDevelopment = value;
            return this;
        }

        /** The settings, checked. */
        public LatchkeyConfig build() {
            return new LatchkeyConfig(idleTimeout, browserSessionIdleTimeout, absoluteLifetime, cleanupBatchSize,
                    cookie, trustedOrigins, trustedProxies, proxyHeader, loopbackDevelopment);
        }
    }
}
