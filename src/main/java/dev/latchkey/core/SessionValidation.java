package dev.latchkey.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Latchkey#validateSession(String)}: a session, or the reason there is none.
 *
 * <p>{@link #isFresh()} is true when this validation renewed the session; the caller must then send
 * the client a new cookie (the web layer does so on its own).
 */
public final class SessionValidation {

    private final Session session;
    private final boolean fresh;
    private final Reason rejection;

    private SessionValidation(Session session, boolean fresh, Reason rejection) {
        this.session = session;
        this.fresh = fresh;
        this.rejection = rejection;
    }

    /** A valid session; {@code fresh} when it was renewed by this validation. */
    public static SessionValidation valid(Session session, boolean fresh) {
        return new SessionValidation(Objects.requireNonNull(session, "session"), fresh, null);
    }

    /** No session, for the given reason. */
    public static SessionValidation rejected(Reason reason) {
        return new SessionValidation(null, false, Objects.requireNonNull(reason, "reason"));
    }

    /** Whether the token named a live session. */
    public boolean isValid() {
        return session != null;
    }

    /** The session, when valid. */
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    /** Whether this validation renewed the session, so a new cookie must be sent. */
    public boolean isFresh() {
        return fresh;
    }

    /** Why there is no session; empty when valid. */
    public Optional<Reason> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public String toString() {
        return session != null
                ? "SessionValidation[valid, id=" + session.id() + (fresh ? ", fresh]" : "]")
                : "SessionValidation[rejected, " + rejection + "]";
    }
}
