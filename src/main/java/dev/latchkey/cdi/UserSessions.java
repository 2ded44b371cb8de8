package dev.latchkey.cdi;

import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Session;
import dev.latchkey.servlet.ServletSessions;
import jakarta.inject.Provider;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
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
        if (sessions.get().refuseCookieSignIn(request).isEmpty()
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
        if (credential instanceof UsernamePasswordCredential password && !NewSession.isValidUserId(password.getCaller())) {
            return Optional.empty();
        }
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return Optional.empty();
        }
        return Optional.of(sessions.get().issueBearerSession(request,
                result.getCallerPrincipal().getName(), result.getCallerGroups()));
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
