package dev.latchkey.core;

/**
 * Why Latchkey refused a token, a request, a sign-in or a cookie: a {@link Reason} of the core, or the
 * reason of an area of its own ({@code dev.latchkey.oauth.OAuthReason}). Each carries a stable message
 * id (for searching logs and the troubleshooting guide) and a one-line hint naming the likely cause;
 * neither ever contains a token, a secret or any other value the client sent. The
 * {@code Latchkey-Reason} response header is the message id and the name, {@code LK-104 SESSION_EXPIRED}.
 */
public interface Rejection {

    /** The name, as in {@code SESSION_EXPIRED}. */
    String name();

    /** The catalogue entry, with what to do about it. */
    MessageId message();

    /** The stable message id, such as {@code LK-104}. */
    default String messageId() {
        return message().id();
    }

    /** A one-line explanation of the likely cause, safe to log and to show a developer. */
    default String hint() {
        return message().summary();
    }
}
