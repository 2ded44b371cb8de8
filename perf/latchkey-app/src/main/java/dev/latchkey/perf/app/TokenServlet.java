package dev.latchkey.perf.app;

import dev.latchkey.cdi.UserSessions;
import dev.latchkey.core.IssuedSession;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code POST /token} with {@code username} and {@code password}: a bearer token in the body, or 401. */
@WebServlet("/token")
public class TokenServlet extends HttpServlet {

    @Inject
    UserSessions sessions;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<IssuedSession> issued = sessions.signInForBearerToken(PerfIdentityStore.credential(request));
        if (issued.isEmpty()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.setContentType("text/plain");
        response.getWriter().write(issued.get().token());
    }
}
