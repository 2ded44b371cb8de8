package dev.latchkey.perf.hss;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;

/**
 * The sign-in the standard Jakarta Security way, with the user kept in the container's HttpSession:
 * on {@code POST /signin} the form's {@code username} and {@code password} go to the identity store
 * and a valid result to the container. {@link AutoApplySession} then has the container register the
 * caller in a new HttpSession ({@code JSESSIONID}), and on later requests of that session re-applies
 * the caller from it before this method would run. Every other request: nothing to do.
 */
@ApplicationScoped
@AutoApplySession
public class SessionSignInMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (!isSignIn(request)) {
            return context.doNothing();
        }
        CredentialValidationResult result = identityStores.validate(credential(request));
        return result.getStatus() == CredentialValidationResult.Status.VALID
                ? context.notifyContainerAboutLogin(result)
                : context.responseUnauthorized();
    }

    private static boolean isSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + SignInServlet.PATH);
    }

    private static UsernamePasswordCredential credential(HttpServletRequest request) {
        return new UsernamePasswordCredential(Objects.requireNonNullElse(request.getParameter("username"), ""),
                Objects.requireNonNullElse(request.getParameter("password"), ""));
    }
}
