package dev.latchkey.core;

import java.util.Objects;

/**
 * A session just created, with the token that proves it.
 *
 * <p>This is the only place a token exists in full: hand it to the client (as a cookie or in a
 * response body for API clients) and drop it. Latchkey stores only a hash of its secret and cannot
 * produce it again. {@link #toString()} never shows the token.
 *
 * @param session the stored session
 * @param token   the token, {@code <id>.<secret>}
 */
public record IssuedSession(Session session, String token) {

    /** Checks that neither part is missing. */
    public IssuedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "IssuedSession[session=" + session + ", token=<redacted>]";
    }
}
