package dev.latchkey.security;

import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.servlet.RequestSessions;
import dev.latchkey.servlet.RequestState;
import dev.latchkey.servlet.SessionsSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * Latchkey's Jakarta Security mechanism: the session cookie or bearer token becomes the caller the
 * container knows, so {@code @RolesAllowed}, {@code getUserPrincipal()}, {@code isUserInRole()} and
 * {@code SecurityContext} work.
 *
 * <ul>
 * <li>Every request: a valid session → {@code notifyContainerAboutLogin(name, groups)}; a renewed
 *     one also gets a fresh cookie; an invalid one gets the blank cookie and stays anonymous.</li>
 * <li>A protected resource without a session → 401, or a redirect to {@code latchkey.login-page}
 *     for browsers; when the store is down → 503, never anonymous access.</li>
 * <li>{@code SecurityContext.authenticate(..., withParams().credential(...).rememberMe(...))} →
 *     the application's identity stores check the credential, any existing session is deleted and
 *     a new one is created with its cookie.</li>
 * <li>{@code request.logout()} → the session row is deleted and the blank cookie sent.</li>
 * </ul>
 */
@ApplicationScoped
public class LatchkeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    SessionsSource source;

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    MechanismSettings settings;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        RequestSessions sessions = source.requestSessions();
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
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            return AuthenticationStatus.SEND_FAILURE;
        }
        String loginPage = settings.loginPage();
        if (loginPage != null && wantsHtml(request)) {
            return context.redirect(request.getContextPath() + loginPage);
        }
        return context.responseUnauthorized();
    }

    private AuthenticationStatus signIn(RequestSessions sessions, HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, Credential credential, boolean rememberMe) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            sessions.diagnostics().reject(request, response, Reason.INVALID_CREDENTIALS);
            return context.responseUnauthorized();
        }
        Set<String> groups = result.getCallerGroups();
        sessions.signIn(request, response, result.getCallerPrincipal().getName(), groups, rememberMe);
        return context.notifyContainerAboutLogin(result.getCallerPrincipal(), groups);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        source.requestSessions().signOut(request, response);
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("Authorization") == null && accept != null && accept.contains("text/html");
    }
}
