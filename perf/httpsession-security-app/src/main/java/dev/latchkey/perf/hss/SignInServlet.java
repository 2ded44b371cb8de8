package dev.latchkey.perf.hss;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /signin} with {@code username} and {@code password}: {@link SessionSignInMechanism} has
 * signed the caller in before this runs (or answered 401 itself); answers 200.
 */
@WebServlet(SignInServlet.PATH)
public class SignInServlet extends HttpServlet {

    static final String PATH = "/signin";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.setContentType("text/plain");
        response.getWriter().write("signed in");
    }
}
