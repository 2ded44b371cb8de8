package dev.latchkey.perf.app;

import dev.latchkey.cdi.UserSessions;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /signin} with {@code username} and {@code password}: a "remember me" session cookie, 200 or 401. */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    @Inject
    UserSessions sessions;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        AuthenticationStatus status = sessions.signIn(response, PerfIdentityStore.credential(request), true);
        if (status == AuthenticationStatus.SUCCESS) {
            response.setContentType("text/plain");
            response.getWriter().write("signed in");
        } else if (!response.isCommitted()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
