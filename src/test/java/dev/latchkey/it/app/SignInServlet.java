package dev.latchkey.it.app;

import dev.latchkey.cdi.UserSessions;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Signs in through the standard route (SecurityContext.authenticate), or with via=helper through UserSessions.signIn. */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    @Inject
    SecurityContext security;

    @Inject
    UserSessions sessions;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String user = request.getParameter("username");
        String password = request.getParameter("password");
        if (user == null || password == null) {
            response.sendError(400, "username and password required");
            return;
        }
        UsernamePasswordCredential credential = new UsernamePasswordCredential(user, new Password(password));
        boolean rememberMe = "on".equals(request.getParameter("remember"));
        // The standard route, or Latchkey's helper that first signs out a session the request carries.
        AuthenticationStatus status = "helper".equals(request.getParameter("via"))
                ? sessions.signIn(response, credential, rememberMe)
                : security.authenticate(request, response, AuthenticationParameters.withParams()
                        .credential(credential).rememberMe(rememberMe));
        if (status == AuthenticationStatus.SUCCESS) {
            response.setContentType("text/plain");
            response.getWriter().print("signed in as " + request.getUserPrincipal().getName());
            if ("token".equals(request.getParameter("api"))) {
                response.getWriter().print("\ntoken=" + sessions.issuedToken().orElse("none"));
            }
        } else {
            response.setStatus(401);
            response.getWriter().print("sign-in failed: " + status);
        }
    }
}
