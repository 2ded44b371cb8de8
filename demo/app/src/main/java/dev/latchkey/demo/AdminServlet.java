package dev.latchkey.demo;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.UserSessions;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Administrators only: sign a user out everywhere. */
@WebServlet("/admin")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class AdminServlet extends HttpServlet {

    @Inject
    CurrentUser user;

    @Inject
    UserSessions sessions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        show(response, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = String.valueOf(request.getParameter("username"));
        show(response, "Revoked " + sessions.revokeAllOf(name) + " session(s) of " + name + ".");
    }

    private void show(HttpServletResponse response, String done) throws IOException {
        Page.render(response, user, "Administration", """
                <p class="note">%s</p>
                <form method="post" action="admin">
                  <label>Sign out every session of <input name="username" required></label>
                  <button>Revoke all sessions</button>
                </form>
                """.formatted(Page.escape(done)));
    }
}
