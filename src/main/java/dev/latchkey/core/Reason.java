package dev.latchkey.core;

/**
 * Why Latchkey refused a token, a request or a cookie.
 *
 * <p>Every rejection carries one of these codes. Each has a stable message id (for searching logs
 * and the troubleshooting guide) and a one-line hint that names the likely cause. Neither ever
 * contains a token, a secret or any other value the client sent.
 */
public enum Reason {
    /** The request carried no session cookie and no bearer token. */
    NO_TOKEN("LK-101", "no session cookie or bearer token was sent"),
    /** The token is not of the form {@code <id>.<secret>} in Latchkey's alphabet and lengths. */
    MALFORMED_TOKEN("LK-102", "the token is not a well-formed Latchkey token; it was rejected before the store was asked"),
    /** No session with the token's id exists (never created, signed out, revoked or cleaned up). */
    UNKNOWN_SESSION("LK-103", "no session with this id exists: it was signed out, revoked or deleted"),
    /** The session's idle timeout or absolute lifetime has passed; the row has been deleted. */
    SESSION_EXPIRED("LK-104", "the session has expired (idle timeout or absolute lifetime) and was deleted"),
    /** A session with the token's id exists, but the secret does not match its hash. */
    SECRET_MISMATCH("LK-105", "the token's secret does not match the stored hash"),
    /** The session store could not be reached or failed; nothing was decided about the session. */
    STORE_UNAVAILABLE("LK-106", "the session store failed or could not be reached"),
    /** A session cookie (new, renewed or blank) could not be sent because the response was already committed. */
    COOKIE_NOT_WRITTEN("LK-107", "the response was already committed, so the session cookie could not be sent;"
            + " sign in or out before writing the response body"),
    /** A sign-in was attempted and no identity store accepted the credential. */
    INVALID_CREDENTIALS("LK-108", "no identity store accepted the credential"),
    /** A cross-site request carried no session cookie. */
    NO_TOKEN_CROSS_SITE("LK-109", "a cross-site request carried no session cookie: the front end must send"
            + " credentials ('include'), and a cross-site cookie needs latchkey.cookie.same-site=None with Secure"),
    /** An unsafe request was marked cross-site (or same-site) by the browser's {@code Sec-Fetch-Site}. */
    CSRF_CROSS_SITE("LK-201", "an unsafe request came from another site (Sec-Fetch-Site); add its origin to the trusted origins if it is yours"),
    /** An unsafe request's {@code Origin} matched neither the request's own origin nor a trusted origin. */
    CSRF_ORIGIN_MISMATCH("LK-202", "the Origin header matches neither this server's origin nor a trusted origin; behind a proxy, list it as trusted"),
    /** An unsafe cookie-authenticated request carried neither {@code Sec-Fetch-Site} nor {@code Origin}. */
    CSRF_NO_ORIGIN("LK-203", "an unsafe request carried neither Sec-Fetch-Site nor Origin, so its origin cannot be checked");

    private final String messageId;
    private final String hint;

    Reason(String messageId, String hint) {
        this.messageId = messageId;
        this.hint = hint;
    }

    /** The stable message id, such as {@code LK-104}. */
    public String messageId() {
        return messageId;
    }

    /** A one-line explanation of the likely cause, safe to log and to show a developer. */
    public String hint() {
        return hint;
    }
}
