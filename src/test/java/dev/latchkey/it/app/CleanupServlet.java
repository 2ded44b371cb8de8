package dev.latchkey.it.app;

import dev.latchkey.core.Latchkey;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only: runs the expired-session cleanup now (POST), the call the scheduled cleanup makes every
 * {@code latchkey.cleanup.interval} (at least a minute), and answers how many sessions it deleted.
 */
@WebServlet("/test-cleanup")
public class CleanupServlet extends HttpServlet {

    @Inject
    Latchkey latchkey;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("deleted " + latchkey.deleteExpiredSessions());
    }
}
