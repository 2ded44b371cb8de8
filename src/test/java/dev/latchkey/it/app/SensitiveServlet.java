package dev.latchkey.it.app;

import dev.latchkey.cdi.UserSessions;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET runs a sensitive action (a @RecentSignIn bean method); POST password=... confirms the password
 * (re-authentication) and answers "confirmed", or the refusal's reason with 401 or 429.
 */
@WebServlet("/sensitive")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class SensitiveServlet extends HttpServlet {

    @Inject
    SensitiveActions actions;

    @Inject
    UserSessions sessions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(actions.deleteEverything());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean confirmed = sessions.reauthenticate(new UsernamePasswordCredential(request.getUserPrincipal().getName(),
                new Password(String.valueOf(request.getParameter("password")))));
        if (confirmed) {
            response.getWriter().print("confirmed");
            return;
        }
        var refusal = sessions.lastRefusal().orElseThrow();
        response.setStatus(refusal.reason() == dev.latchkey.core.Reason.SIGN_IN_THROTTLED ? 429 : 401);
        refusal.retryAfterSeconds().ifPresent(s -> response.setHeader("Retry-After", Long.toString(s)));
        response.getWriter().print(refusal.reason().name());
    }
}
