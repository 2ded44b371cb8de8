package dev.latchkey.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a sign-in (or a re-authentication) of the current request was refused, for an application that
 * shows its own page: {@link Reason#INVALID_CREDENTIALS}, {@link Reason#SIGN_IN_THROTTLED} (with how
 * long to wait), one of the {@code CSRF_*} reasons, or {@link Reason#STORE_UNAVAILABLE}.
 *
 * @param reason     the reason
 * @param retryAfter how long to wait before trying again, when that is known
 */
public record SignInRefusal(Reason reason, Optional<Duration> retryAfter) {

    /** Checks the values. */
    public SignInRefusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Whole seconds to wait, rounded up, at least 1: the value of {@code Retry-After}. */
    public Optional<Long> retryAfterSeconds() {
        return retryAfter.map(d -> Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
