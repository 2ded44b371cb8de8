package dev.latchkey.internal.servlet;

import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.internal.web.OriginCheck;
import java.util.Optional;

/**
 * What Latchkey found out about one request, kept as a request attribute so that the session is
 * validated once however many components ask. Holds no token.
 *
 * @param session    the live session, or {@code null}
 * @param rejection  why there is none, or {@code null}
 * @param viaCookie  whether the credential came in the session cookie (and so CSRF checks apply)
 */
public record RequestState(Session session, Reason rejection, boolean viaCookie) {

    /** The request attribute holding the state. */
    public static final String ATTRIBUTE = RequestState.class.getName();

    /** The live session, if any. */
    public Optional<Session> activeSession() {
        return Optional.ofNullable(session);
    }

    /** What authenticated the request, for the CSRF decision. */
    public OriginCheck.Credential credential() {
        if (session == null) {
            return OriginCheck.Credential.NONE;
        }
        return viaCookie ? OriginCheck.Credential.SESSION_COOKIE : OriginCheck.Credential.BEARER_TOKEN;
    }
}
