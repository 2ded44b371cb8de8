package dev.latchkey.core;

/**
 * Why Latchkey refused a token, a request or a cookie.
 *
 * <p>Every rejection carries one of these codes. Each has a stable message id (for searching logs
 * and the troubleshooting guide) and a one-line hint that names the likely cause; both come from
 * {@link Message}. Neither ever contains a token, a secret or any other value the client sent.
 */
public enum Reason implements Rejection {
    /** The request carried no session cookie and no bearer token. */
    NO_TOKEN(Message.NO_TOKEN),
    /** The token is not of the form {@code <id>.<secret>} in Latchkey's alphabet and lengths. */
    MALFORMED_TOKEN(Message.MALFORMED_TOKEN),
    /** No session with the token's id exists (never created, signed out, revoked or cleaned up). */
    UNKNOWN_SESSION(Message.UNKNOWN_SESSION),
    /** The session's idle timeout or absolute lifetime has passed; the row has been deleted. */
    SESSION_EXPIRED(Message.SESSION_EXPIRED),
    /** A session with the token's id exists, but the secret does not match its hash. */
    SECRET_MISMATCH(Message.SECRET_MISMATCH),
    /** The session store could not be reached or failed; nothing was decided about the session. */
    STORE_UNAVAILABLE(Message.STORE_UNAVAILABLE),
    /** A session cookie (new, renewed or blank) could not be sent because the response was already committed. */
    COOKIE_NOT_WRITTEN(Message.COOKIE_NOT_WRITTEN),
    /** A sign-in was attempted and no identity store accepted the credential. */
    INVALID_CREDENTIALS(Message.INVALID_CREDENTIALS),
    /** A cross-site request carried no session cookie. */
    NO_TOKEN_CROSS_SITE(Message.NO_TOKEN_CROSS_SITE),
    /** An unsafe request was marked cross-site (or same-site) by the browser's {@code Sec-Fetch-Site}. */
    CSRF_CROSS_SITE(Message.CSRF_CROSS_SITE),
    /** An unsafe request's {@code Origin} matched neither the request's own origin nor a trusted origin. */
    CSRF_ORIGIN_MISMATCH(Message.CSRF_ORIGIN_MISMATCH),
    /** An unsafe cookie-authenticated request, or a sign-in, carried neither {@code Sec-Fetch-Site} nor {@code Origin}. */
    CSRF_NO_ORIGIN(Message.CSRF_NO_ORIGIN),
    /** Too many failed sign-ins for this account, client address or both: wait and try again. */
    SIGN_IN_THROTTLED(Message.SIGN_IN_THROTTLED),
    /** The action needs a sign-in more recent than the session's. */
    RECENT_SIGN_IN_REQUIRED(Message.RECENT_SIGN_IN_REQUIRED);

    private final Message message;

    Reason(Message message) {
        this.message = message;
    }

    @Override
    public Message message() {
        return message;
    }
}
