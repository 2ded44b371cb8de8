package dev.latchkey.it.app;

import dev.latchkey.account.Accounts;
import dev.latchkey.cdi.UserSessions;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Changes the signed-in user's password (which signs out the user's other sessions). */
@WebServlet("/password")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class PasswordServlet extends HttpServlet {

    @Inject
    Accounts accounts;

    @Inject
    UserSessions sessions;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Accounts.PasswordChange result = accounts.changePassword(
                String.valueOf(request.getParameter("current")).toCharArray(),
                String.valueOf(request.getParameter("replacement")).toCharArray());
        response.setStatus(switch (result) {
            case CHANGED -> 200;
            case THROTTLED -> 429;
            default -> 400;
        });
        sessions.lastRefusal().flatMap(refusal -> refusal.retryAfterSeconds())
                .ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
        response.getWriter().print(result.name());
    }
}
