package dev.latchkey.internal.servlet;

import dev.latchkey.core.Reason;
import java.time.Duration;

/**
 * What a client is told to do next, the same from the mechanism, the filter and the Jakarta REST
 * providers: the {@code WWW-Authenticate} challenges and how long to wait while the store is down.
 */
public final class Challenges {

    /** The challenge of every 401: API clients are told to send a bearer token. */
    public static final String BEARER = "Bearer realm=\"latchkey\"";

    /** Seconds a client is told to wait when the session store is down ({@code Retry-After}). */
    public static final long STORE_RETRY_SECONDS = 5;

    /** What a client is told while the session store is down, before any message id. */
    public static final String STORE_DOWN = "Service unavailable: the session store cannot be reached; try again shortly";

    private Challenges() {
    }

    /** What a client is told when its action needs a sign-in within {@code maxAge}, before any message id. */
    public static String recentSignInNeeded(Duration maxAge) {
        return "Unauthorized: this needs a sign-in within the last " + maxAge.toSeconds()
                + " seconds; confirm your password and try again";
    }

    /**
     * The challenge for an anonymous request in {@code state}: {@code Bearer}, with
     * {@code error="invalid_token"} when a bearer token was sent and refused (RFC 6750).
     *
     * @param state the request's state, or {@code null} when it was never resolved
     */
    public static String forAnonymous(RequestState state) {
        boolean badBearer = state != null && state.rejection() != null && !state.viaCookie()
                && state.rejection() != Reason.NO_TOKEN && state.rejection() != Reason.NO_TOKEN_CROSS_SITE;
        return badBearer ? BEARER + ", error=\"invalid_token\"" : BEARER;
    }

    /** The RFC 9470 step-up challenge: a sign-in within {@code maxAge} is needed. */
    public static String recentSignIn(Duration maxAge) {
        return "Bearer realm=\"latchkey\", error=\"insufficient_user_authentication\","
                + " error_description=\"A more recent sign-in is required\", max_age=" + maxAge.toSeconds();
    }
}
