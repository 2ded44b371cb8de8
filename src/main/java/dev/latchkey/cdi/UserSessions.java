package dev.latchkey.cdi;

import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.SignInRefusal;
import dev.latchkey.internal.servlet.ServletSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
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

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Provider<ServletSessions> sessions;

    /**
     * Signs the caller in with a credential, replacing any session the request carries: the old one
     * is deleted first, so a session planted in the browser beforehand can never become the signed-in
     * one (no fixation), on every server. Equivalent to {@code request.logout()} followed by
     * {@code SecurityContext.authenticate(...)}; WildFly answers {@code authenticate} from the
     * existing login without asking the mechanism, so call this rather than {@code authenticate}
     * directly where a session may already exist.
     *
     * <p>A sign-in from another site is refused as a cookie-authenticated request from there would
     * be: the response is a committed 403, no credential is checked, and the old session is kept.
     *
     * @return the container's answer: {@code SUCCESS} when signed in, {@code SEND_FAILURE} otherwise
     */
    public AuthenticationStatus signIn(HttpServletResponse response, Credential credential, boolean rememberMe)
            throws ServletException {
        if (sessions.get().crossSiteSignIn(request).isEmpty()
                && (user.isSignedIn() || request.getUserPrincipal() != null)) {
            request.logout();
            if (response.isCommitted()) {
                return AuthenticationStatus.SEND_FAILURE; // the sign-out could not be completed (503)
            }
        }
        return security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(credential).rememberMe(rememberMe).newAuthentication(true));
    }

    /**
     * Signs an API client in and returns its token for {@code Authorization: Bearer}: the credential
     * is checked by the identity stores as in {@link #signIn}, a session is created with the
     * "remember me" idle window, and no cookie is set, so the token leaves through this one channel
     * (the response body the application writes). The request itself stays as it was.
     *
     * @return the new session and its token, or empty when no identity store accepted the credential
     * @throws dev.latchkey.core.SessionStoreException if the store fails
     */
    public Optional<IssuedSession> signInForBearerToken(Credential credential) {
        Optional<CredentialValidationResult> result = checkCredential(credential);
        return result.map(valid -> sessions.get().issueBearerSession(request, valid.getCallerPrincipal().getName(),
                valid.getCallerGroups()));
    }

    /**
     * Why this request's last sign-in or re-authentication was refused: a wrong credential
     * ({@code LK-108}), too many failures ({@code LK-204}, with how long to wait, answer 429 with
     * {@code Retry-After}), another site ({@code LK-20x}), or the store ({@code LK-106}).
     */
    public Optional<SignInRefusal> lastRefusal() {
        return sessions.get().lastRefusal(request);
    }

    /**
     * Confirms that the signed-in user is at the keyboard ("sudo mode"): the credential must be the
     * current user's and valid; the session's {@code authenticatedAt} then becomes now, so that actions
     * guarded by {@link RecentSignIn} go ahead. The session, its token and its cookie stay the same
     * (other tabs carry on; the token is not exposed by a re-authentication, so there is nothing to
     * rotate). Throttled like a sign-in.
     *
     * @return whether it was confirmed; see {@link #lastRefusal()} when not
     * @throws dev.latchkey.core.SessionStoreException if the store fails
     */
    public boolean reauthenticate(Credential credential) {
        Optional<Session> current = user.session();
        if (current.isEmpty()) {
            return false;
        }
        Optional<CredentialValidationResult> result = checkCredential(credential);
        if (result.isEmpty()) {
            return false;
        }
        if (!result.get().getCallerPrincipal().getName().equals(current.get().userId())) {
            sessions.get().refuseCredential(request);
            return false;
        }
        return sessions.get().markAuthenticated(request, current.get());
    }

    /**
     * Tells Latchkey that the current user has just changed their password in the application's own
     * identity store: every other session of the user ends, this one stays and counts as a sign-in
     * now. (The built-in accounts do this themselves in {@code Accounts.changePassword}.)
     *
     * @return how many other sessions were ended
     */
    public int passwordChanged() {
        Optional<Session> current = user.session();
        if (current.isEmpty()) {
            return 0;
        }
        int ended = latchkey.invalidateOtherSessions(current.get().userId(), current.get().id());
        sessions.get().markAuthenticated(request, current.get());
        return ended;
    }

    /** The credential checked as a sign-in checks it, throttling included; empty (with the refusal recorded) when refused. */
    private Optional<CredentialValidationResult> checkCredential(Credential credential) {
        return sessions.get().checkCredential(request, credential, identityStores);
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
     * Revokes every session of every user ("sign everybody out"): for administrators. Guard the
     * caller with {@code @RolesAllowed}; this method checks nothing itself. The caller's own session
     * goes too.
     *
     * @return how many were revoked
     */
    public int revokeAll() {
        return latchkey.invalidateAllSessions();
    }

    /**
     * Gives every session of {@code userId} these groups, at once: call it when an application that
     * keeps its own users changes someone's roles (the built-in accounts do it themselves). Guard
     * the caller with {@code @RolesAllowed}; this method checks nothing itself.
     *
     * @return how many sessions were changed
     * @throws IllegalArgumentException when a group name is not acceptable ({@code NewSession.checkGroups})
     */
    public int setGroupsOf(String userId, Collection<String> groups) {
        return latchkey.updateUserGroups(userId, groups);
    }
}
