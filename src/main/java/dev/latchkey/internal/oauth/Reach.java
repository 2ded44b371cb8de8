package dev.latchkey.internal.oauth;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Whether a provider can be reached, as the last call to it said. After a call fails (discovery, the
 * token endpoint, the keys, the API), sign-ins do not start — they answer 503 with {@code Retry-After}
 * — until a call succeeds again: a probe, tried at most every {@link #RETRY_MILLIS}, or a callback of a
 * sign-in started before. A browser is never sent to a provider Latchkey could not reach a moment ago.
 */
final class Reach {

    static final long RETRY_MILLIS = 10_000;

    private final Clock clock;
    private volatile boolean up;
    private volatile long lastTry = Long.MIN_VALUE / 2;
    private volatile String lastFailure = "not tried yet";

    /** @param up whether the provider counts as reachable before any call */
    Reach(Clock clock, boolean up) {
        this.clock = clock;
        this.up = up;
    }

    /**
     * Whether sign-ins may start: the provider answered the last call, or the probe, tried now because
     * the last try is {@link #RETRY_MILLIS} old, succeeds.
     */
    boolean ready(BooleanSupplier probe) {
        if (up) {
            return true;
        }
        synchronized (this) {
            long now = clock.millis();
            if (!up && now - lastTry >= RETRY_MILLIS) {
                lastTry = now;
                up = probe.getAsBoolean();
            }
            return up;
        }
    }

    /** A call failed: sign-ins wait until a call succeeds again. @param why for the log, never a secret */
    void failed(String why) {
        synchronized (this) {
            up = false;
            lastTry = clock.millis();
            lastFailure = why;
        }
    }

    /** A call succeeded. */
    void succeeded() {
        up = true;
    }

    /** Why the last call failed. */
    String lastFailure() {
        return lastFailure;
    }

    /** Seconds until the provider is tried again, at least 1: the {@code Retry-After} of a refused start. */
    long retryAfterSeconds() {
        long left = RETRY_MILLIS - (clock.millis() - lastTry);
        return Math.max(1, (left + 999) / 1000);
    }
}
