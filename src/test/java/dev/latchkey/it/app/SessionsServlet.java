package dev.latchkey.it.app;

import dev.latchkey.cdi.UserSessions;
import dev.latchkey.core.Session;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * "Your sessions": lists them (GET), revokes one or all others (POST action=revoke|revoke-others), or
 * tells Latchkey the password was changed elsewhere (action=password-changed).
 */
@WebServlet("/sessions")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class SessionsServlet extends HttpServlet {

    @Inject
    UserSessions sessions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        for (Session s : sessions.mine()) {
            boolean current = sessions.currentId().map(s.id()::equals).orElse(false);
            response.getWriter().print(s.id() + (current ? " current" : "") + "\n");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = String.valueOf(request.getParameter("action"));
        if (action.equals("revoke-others")) {
            response.getWriter().print("revoked " + sessions.revokeOthers());
        } else if (action.equals("password-changed")) {
            response.getWriter().print("ended " + sessions.passwordChanged());
        } else if (action.equals("revoke")) {
            response.getWriter().print("revoked " + sessions.revoke(request.getParameter("id")));
        } else {
            response.sendError(400, "unknown action");
        }
    }
}
