package dev.latchkey.it.app;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.UserSessions;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SignInRefusal;
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
import java.io.PrintWriter;
import java.util.Collections;
import java.util.Optional;

/**
 * Signs in through the standard route (SecurityContext.authenticate), with via=helper through
 * UserSessions.signIn, or with api=token for a bearer token (no cookie). With then=revoke-others the
 * same request then signs out the user's other sessions; with show=attributes it lists every request
 * attribute, to show the token is not among them. A throttled sign-in answers 429 with Retry-After.
 */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    @Inject
    SecurityContext security;

    @Inject
    UserSessions sessions;

    @Inject
    CurrentUser user;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String name = request.getParameter("username");
        String password = request.getParameter("password");
        if (name == null || password == null) {
            response.sendError(400, "username and password required");
            return;
        }
        UsernamePasswordCredential credential = new UsernamePasswordCredential(name, new Password(password));
        if ("token".equals(request.getParameter("api"))) {
            Optional<IssuedSession> issued = sessions.signInForBearerToken(credential);
            response.setContentType("text/plain");
            Optional<SignInRefusal> refusal = sessions.lastRefusal();
            if (issued.isEmpty() && refusal.map(r -> r.reason() == Reason.SIGN_IN_THROTTLED).orElse(false)) {
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(refusal.get().retryAfterSeconds().orElseThrow()));
            } else {
                response.setStatus(issued.isPresent() ? 200 : 401);
            }
            response.getWriter().print(issued.map(i -> "token=" + i.token()).orElse("sign-in failed: "
                    + refusal.map(r -> r.reason().name()).orElse("?")));
            return;
        }
        boolean rememberMe = "on".equals(request.getParameter("remember"));
        AuthenticationStatus status = "helper".equals(request.getParameter("via"))
                ? sessions.signIn(response, credential, rememberMe)
                : security.authenticate(request, response, AuthenticationParameters.withParams()
                        .credential(credential).rememberMe(rememberMe));
        if (status != AuthenticationStatus.SUCCESS) {
            Optional<SignInRefusal> refusal = sessions.lastRefusal();
            if (refusal.map(r -> r.reason() != Reason.SIGN_IN_THROTTLED).orElse(true)) {
                response.setStatus(401); // a throttled sign-in keeps Latchkey's 429 and Retry-After
            }
            response.getWriter().print("sign-in failed: " + refusal.map(r -> r.reason().name()).orElse(status.name()));
            return;
        }
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        out.print("signed in as " + request.getUserPrincipal().getName());
        if ("revoke-others".equals(request.getParameter("then"))) {
            out.print("\ncurrent=" + user.id() + " session=" + user.session().orElseThrow().id()
                    + " revoked=" + sessions.revokeOthers());
        }
        if ("attributes".equals(request.getParameter("show"))) {
            for (String attribute : Collections.list(request.getAttributeNames())) {
                out.print("\n" + attribute + "=" + request.getAttribute(attribute));
            }
        }
    }
}
