package dev.latchkey.internal.servlet;

import dev.latchkey.core.RecentSignInRequiredException;
import dev.latchkey.core.SessionStoreException;
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
 * request gets 403 with the reason's message id and never reaches the application. What the
 * application throws on the way back is answered when it is Latchkey's to answer and the response is
 * not committed yet: a need for a more recent sign-in ({@code LK-205}), or the session store down
 * ({@code LK-106}: 503 with {@code Retry-After}, as for a protected resource).
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
        if (!running.admit(http, httpResponse, running.resolve(http, httpResponse))) {
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (httpResponse.isCommitted()) {
                throw e;
            }
            RecentSignInRequiredException stepUp = cause(e, RecentSignInRequiredException.class);
            if (stepUp != null) {
                running.answerRecentSignInRequired(http, httpResponse, stepUp.maxAge());
                return;
            }
            SessionStoreException down = cause(e, SessionStoreException.class);
            if (down == null) {
                throw e;
            }
            // A call of the application's into Latchkey (Accounts, UserSessions...) met the store down: the
            // client gets what a protected resource gets then, not the server's 500.
            running.answerStoreUnavailable(http, httpResponse, down);
        }
    }

    /** An exception of {@code type} among the causes of what the application threw, however the server wrapped it. */
    private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof ServletException servlet && servlet.getRootCause() != null && servlet.getRootCause() != t.getCause()) {
                T root = cause(servlet.getRootCause(), type);
                if (root != null) {
                    return root;
                }
            }
        }
        return null;
    }
}
