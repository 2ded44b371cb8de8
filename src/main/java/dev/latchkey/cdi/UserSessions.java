package dev.latchkey.cdi;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.servlet.IssuedToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;

/**
 * Session management for the current user — "your sessions", revoke, sign out everywhere else —
 * and for administrators. Inject it where needed.
 *
 * <pre>{@code
 * @Inject UserSessions sessions;
 *
 * for (Session s : sessions.mine()) { ... s.id().equals(sessions.currentId().orElse(null)) ... }
 * sessions.revokeOthers();
 * }</pre>
 */
@RequestScoped
public class UserSessions {

    @Inject
    CurrentUser user;

    @Inject
    Latchkey latchkey;

    @Inject
    HttpServletRequest request;

    @Inject
    SecurityContext security;

    /**
     * Signs the caller in with a credential, replacing any session the request carries: the old one
     * is deleted first, so a session planted in the browser beforehand can never become the signed-in
     * one (no fixation), on every server. Equivalent to {@code request.logout()} followed by
     * {@code SecurityContext.authenticate(...)}; WildFly answers {@code authenticate} from the
     * existing login without asking the mechanism, so call this rather than {@code authenticate}
     * directly where a session may already exist.
     *
     * @return the container's answer: {@code SUCCESS} when signed in, {@code SEND_FAILURE} otherwise
     */
    public AuthenticationStatus signIn(HttpServletResponse response, Credential credential, boolean rememberMe)
            throws ServletException {
        if (user.isSignedIn() || request.getUserPrincipal() != null) {
            request.logout();
        }
        return security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(credential).rememberMe(rememberMe).newAuthentication(true));
    }

    /** The current user's live sessions, newest first; empty when nobody is signed in. */
    public List<Session> mine() {
        return user.isSignedIn() ? latchkey.listUserSessions(user.id()) : List.of();
    }

    /** The id of the session of this request. */
    public Optional<String> currentId() {
        return user.session().map(Session::id);
    }

    /**
     * Revokes one of the current user's sessions. An id of another user's session does nothing.
     *
     * @return whether a session was revoked
     */
    public boolean revoke(String sessionId) {
        return user.isSignedIn() && latchkey.invalidateUserSession(user.id(), sessionId);
    }

    /**
     * Revokes every session of the current user but this one ("sign out everywhere else").
     *
     * @return how many were revoked
     */
    public int revokeOthers() {
        return currentId().map(id -> latchkey.invalidateOtherSessions(user.id(), id)).orElse(0);
    }

    /**
     * Revokes every session of {@code userId}: for administrators. Guard the caller with
     * {@code @RolesAllowed}; this method checks nothing itself.
     *
     * @return how many were revoked
     */
    public int revokeAllOf(String userId) {
        return latchkey.invalidateUserSessions(userId);
    }

    /**
     * The token of a session created by a sign-in during this request, for an API endpoint that
     * returns it to a client using {@code Authorization: Bearer}. Browsers get the cookie instead.
     */
    public Optional<String> issuedToken() {
        return request.getAttribute(IssuedToken.ATTRIBUTE) instanceof IssuedToken issued
                ? Optional.of(issued.value()) : Optional.empty();
    }
}
