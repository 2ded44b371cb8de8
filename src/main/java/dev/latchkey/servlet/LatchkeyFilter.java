package dev.latchkey.servlet;

import dev.latchkey.core.RecentSignInRequiredException;
import dev.latchkey.web.CsrfDecision;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Runs before the application on every request: makes sure the session was resolved (and its
 * cookie renewed or cleared before anything is written), then applies the CSRF decision. A rejected
 * request gets 403 with the reason's message id and never reaches the application.
 *
 * <p>Registered for {@code /*} by Latchkey's initializer; nothing to declare in {@code web.xml}.
 */
public class LatchkeyFilter implements Filter {

    @Inject
    Provider<ServletSessions> sessions;

    private final SessionsOnFirstUse sessionsOnFirstUse = new SessionsOnFirstUse(() -> sessions.get());

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        ServletSessions running = sessionsOnFirstUse.get();
        RequestState state = running.resolve(http, httpResponse);
        CsrfDecision decision = running.csrfDecision(http, state);
        if (!decision.allowed()) {
            running.diagnostics().reject(http, httpResponse, decision.rejection());
            httpResponse.setStatus(HttpServletResponse.SC_FORBIDDEN);
            httpResponse.setContentType("text/plain;charset=UTF-8");
            httpResponse.getWriter().write("Forbidden: cross-site request rejected ("
                    + decision.rejection().messageId() + " " + decision.rejection().name() + ")\n");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            RecentSignInRequiredException stepUp = stepUp(e);
            if (stepUp == null || httpResponse.isCommitted()) {
                throw e;
            }
            running.answerRecentSignInRequired(http, httpResponse, stepUp.maxAge());
        }
    }

    /** The step-up request among the causes of what the application threw, however the server wrapped it. */
    private static RecentSignInRequiredException stepUp(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecentSignInRequiredException found) {
                return found;
            }
            if (t instanceof ServletException servlet && servlet.getRootCause() != null && servlet.getRootCause() != t.getCause()) {
                RecentSignInRequiredException root = stepUp(servlet.getRootCause());
                if (root != null) {
                    return root;
                }
            }
        }
        return null;
    }
}
