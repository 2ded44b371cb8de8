package dev.latchkey.internal.security;

import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.internal.servlet.Challenges;
import dev.latchkey.internal.servlet.RequestState;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.internal.servlet.SessionsOnFirstUse;
import dev.latchkey.internal.servlet.SignInResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

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
    private static final String AUTH_TYPE_KEY = "jakarta.servlet.http.authType";

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
            return answer(sessions.signIn(request, response, credential, identityStores, parameters.isRememberMe()),
                    response, context);
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
        Optional<String> loginPage = sessions.loginRedirect(request);
        if (loginPage.isPresent()) {
            return context.redirect(loginPage.get());
        }
        return unauthorized(response, context, state);
    }

    /** The container's answer to a sign-in, whose refusal, if any, was already reported and recorded. */
    private static AuthenticationStatus answer(SignInResult result, HttpServletResponse response, HttpMessageContext context) {
        return switch (result.outcome()) {
            case SIGNED_IN -> context.notifyContainerAboutLogin(result.caller().getCallerPrincipal(),
                    result.caller().getCallerGroups());
            case CROSS_SITE -> fail(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden: sign-in from another site refused ("
                    + result.reason().messageId() + " " + result.reason().name() + ")");
            case THROTTLED -> AuthenticationStatus.SEND_FAILURE; // 429 with Retry-After, before any password was checked
            case WRONG_CREDENTIAL -> wrongCredential(response);
            case STORE_UNAVAILABLE -> unavailable(response);
        };
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!sessionsOnFirstUse.get().signOut(request, response)) {
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
            response.setHeader("WWW-Authenticate", Challenges.BEARER);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** 401 with the challenge; {@code error="invalid_token"} when a bearer token was sent and refused (RFC 6750). */
    private static AuthenticationStatus unauthorized(HttpServletResponse response,
            HttpMessageContext context, RequestState state) {
        if (!response.isCommitted()) {
            response.setHeader("WWW-Authenticate", Challenges.forAnonymous(state));
        }
        return context.responseUnauthorized();
    }

    private static AuthenticationStatus unavailable(HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.setHeader("Retry-After", Long.toString(Challenges.STORE_RETRY_SECONDS));
        }
        return fail(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Challenges.STORE_DOWN);
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
}
