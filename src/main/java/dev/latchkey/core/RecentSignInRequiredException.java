package dev.latchkey.core;

import java.time.Duration;

/**
 * Thrown when an action needs a sign-in more recent than the session's ({@code @RecentSignIn}, or
 * {@code CurrentUser.requireSignInWithin}). Latchkey answers it: 401 with
 * {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=...} (RFC 9470), or
 * for a browser a redirect to the login page with {@code return} and {@code reauth}; reason
 * {@code LK-205}. The action did not run.
 */
public class RecentSignInRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration maxAge;

    /** @param maxAge how recent the sign-in must be */
    public RecentSignInRequiredException(Duration maxAge) {
        super(Reason.RECENT_SIGN_IN_REQUIRED.messageId() + " " + Reason.RECENT_SIGN_IN_REQUIRED.name() + ": a sign-in within "
                + maxAge + " is required", null, false, false);
        this.maxAge = maxAge;
    }

    /** How recent the sign-in must be. */
    public Duration maxAge() {
        return maxAge;
    }
}
