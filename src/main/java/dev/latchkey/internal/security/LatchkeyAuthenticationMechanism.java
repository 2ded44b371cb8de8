package dev.latchkey.internal.security;

import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.core.Message;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.SignInRefusal;
import dev.latchkey.internal.servlet.RequestState;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.internal.servlet.SessionsOnFirstUse;
import dev.latchkey.internal.servlet.SignInGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Latchkey's Jakarta Security mechanism: the session cookie or bearer token becomes the caller the
 * container knows, so {@code @RolesAllowed}, {@code getUserPrincipal()}, {@code isUserInRole()} and
 * {@code SecurityContext} work.
 *
 * <ul>
 * <li>Every request: a valid session → {@code notifyContainerAboutLogin(name, groups)}; a renewed
 *     one also gets a fresh cookie; an invalid one gets the blank cookie and stays anonymous.</li>
 * <li>A protected resource without a session → 401 with {@code WWW-Authenticate: Bearer}, or a
 *     redirect to {@code latchkey.login-page} for browsers; when the store is down → 503 with
 *     {@code Retry-After}, never anonymous access.</li>
 * <li>{@code SecurityContext.authenticate(..., withParams().credential(...).rememberMe(...))} →
 *     the origin rule of a cookie-authenticated request first (403 otherwise: no login CSRF), then
 *     the application's identity stores check the credential, any existing session is deleted and
 *     a new one is created with its cookie.</li>
 * <li>{@code request.logout()} → the blank cookie is sent and the session row deleted; if the store
 *     fails, 503: a sign-out never looks successful while the session still works.</li>
 * </ul>
 */
@ApplicationScoped
public class LatchkeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The authentication type {@code request.getAuthType()} reports for Latchkey's callers. */
    public static final String AUTH_TYPE = "LATCHKEY";
    /** The challenge of every 401: API clients are told to send a bearer token. */
    static final String CHALLENGE = "Bearer realm=\"latchkey\"";
    private static final String AUTH_TYPE_KEY = "jakarta.servlet.http.authType";
    /** How long a client is told to wait while the store is down. */
    private static final Duration RETRY = Duration.ofSeconds(ServletSessions.STORE_RETRY_SECONDS);

    @Inject
    Provider<ServletSessions> servletSessions;

    private final SessionsOnFirstUse sessionsOnFirstUse = new SessionsOnFirstUse(() -> servletSessions.get());

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        // The authentication type of the caller (Servlet profile of Jakarta Authentication).
        context.getMessageInfo().getMap().put(AUTH_TYPE_KEY, AUTH_TYPE);
        ServletSessions sessions = sessionsOnFirstUse.get();
        AuthenticationParameters parameters = context.getAuthParameters();
        Credential credential = parameters == null ? null : parameters.getCredential();
        if (context.isAuthenticationRequest() && credential != null) {
            return signIn(sessions, request, response, context, credential, parameters.isRememberMe());
        }
        RequestState state = sessions.resolve(request, response);
        if (state.session() != null) {
            Session session = state.session();
            return context.notifyContainerAboutLogin(session.userId(), session.groups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (state.rejection() == Reason.STORE_UNAVAILABLE) {
            return unavailable(response);
        }
        String loginPage = sessions.loginPage();
        if (loginPage != null && wantsHtml(request)) {
            return context.redirect(request.getContextPath() + loginPage);
        }
        return unauthorized(response, context, state);
    }

    private AuthenticationStatus signIn(ServletSessions sessions, HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, Credential credential, boolean rememberMe) {
        Optional<Reason> refused = sessions.refuseCookieSignIn(request);
        if (refused.isPresent()) {
            sessions.guard().refuse(request, response, new SignInRefusal(refused.get(), Optional.empty()));
            return fail(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden: sign-in from another site refused ("
                    + refused.get().messageId() + " " + refused.get().name() + ")");
        }
        try {
            Optional<CredentialValidationResult> valid = sessions.guard().validate(request, response, credential,
                    identityStores);
            if (valid.isEmpty()) {
                // throttled: 429 with Retry-After, before any password was checked
                return SignInGuard.refusal(request).filter(r -> r.reason() == Reason.SIGN_IN_THROTTLED).isPresent()
                        ? AuthenticationStatus.SEND_FAILURE : wrongCredential(response);
            }
            CredentialValidationResult result = valid.get();
            Set<String> groups = result.getCallerGroups();
            sessions.signIn(request, response, result.getCallerPrincipal().getName(), groups, rememberMe);
            return context.notifyContainerAboutLogin(result.getCallerPrincipal(), groups);
        } catch (SessionStoreException e) {
            sessions.diagnostics().warn(Message.STORE_UNAVAILABLE, "sign-in failed: the store is"
                    + " unavailable (" + e.getClass().getName() + ")");
            sessions.guard().refuse(request, response, new SignInRefusal(Reason.STORE_UNAVAILABLE, Optional.of(RETRY)));
            return unavailable(response);
        }
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        ServletSessions sessions = sessionsOnFirstUse.get();
        try {
            sessions.signOut(request, response);
        } catch (SessionStoreException e) {
            sessions.diagnostics().warn(Message.STORE_UNAVAILABLE, "sign-out failed: the store is"
                    + " unavailable, so the session may still be valid; the client was told 503 ("
                    + e.getClass().getName() + ")");
            sessions.diagnostics().reject(request, response, Reason.STORE_UNAVAILABLE);
            unavailable(response);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    /**
     * 401 with the challenge, not committed: the application that called {@code authenticate} shows
     * its own answer (a sign-in form with an error, say).
     */
    private static AuthenticationStatus wrongCredential(HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** 401 with the challenge; {@code error="invalid_token"} when a bearer token was sent and refused (RFC 6750). */
    private static AuthenticationStatus unauthorized(HttpServletResponse response,
            HttpMessageContext context, RequestState state) {
        if (!response.isCommitted()) {
            response.setHeader("WWW-Authenticate", challenge(state));
        }
        return context.responseUnauthorized();
    }

    /**
     * The {@code WWW-Authenticate} value for an anonymous request in {@code state}: {@code Bearer}, with
     * {@code error="invalid_token"} when a bearer token was sent and refused (RFC 6750).
     */
    public static String challenge(RequestState state) {
        boolean badBearer = state != null && state.rejection() != null && !state.viaCookie()
                && state.rejection() != Reason.NO_TOKEN && state.rejection() != Reason.NO_TOKEN_CROSS_SITE;
        return badBearer ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE;
    }

    private static AuthenticationStatus unavailable(HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.setHeader("Retry-After", Long.toString(RETRY.toSeconds()));
        }
        return fail(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service unavailable: the session store"
                + " cannot be reached; try again shortly");
    }

    /** Ends the exchange with a status the application can no longer change (the response is committed). */
    private static AuthenticationStatus fail(HttpServletResponse response, int status, String message) {
        try {
            if (!response.isCommitted()) {
                response.sendError(status, message);
            }
        } catch (IOException | IllegalStateException e) {
            response.setStatus(status);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("Authorization") == null && accept != null && accept.contains("text/html");
    }
}
