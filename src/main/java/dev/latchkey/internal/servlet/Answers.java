package dev.latchkey.internal.servlet;

import dev.latchkey.core.Reason;
import dev.latchkey.core.SessionStoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The answers Latchkey writes in the application's place, each reported with its message id: a
 * cross-site request refused, a more recent sign-in needed, the store down. None is written on a
 * committed response.
 */
final class Answers {

    private final Diagnostics diagnostics;
    private final String loginPage;

    Answers(Diagnostics diagnostics, String loginPage) {
        this.diagnostics = diagnostics;
        this.loginPage = loginPage;
    }

    /** 403 for a request the CSRF rule refused ({@code LK-20x}). */
    void crossSite(HttpServletRequest request, HttpServletResponse response, Reason reason) throws IOException {
        diagnostics.reject(request, response, reason);
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Forbidden: cross-site request rejected (" + reason.messageId() + " " + reason.name() + ")\n");
    }

    /**
     * {@code LK-205}: a browser goes to the login page with {@code return} ({@code target}) and
     * {@code reauth} (the seconds required); any other client gets 401 with the RFC 9470 challenge.
     */
    void recentSignInRequired(HttpServletRequest request, HttpServletResponse response, Duration maxAge, String target)
            throws IOException {
        diagnostics.reject(request, response, Reason.RECENT_SIGN_IN_REQUIRED);
        if (response.isCommitted()) {
            return;
        }
        String accept = request.getHeader("Accept");
        if (loginPage != null && accept != null && accept.contains("text/html") && "GET".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + loginPage + (loginPage.contains("?") ? "&" : "?")
                    + "return=" + URLEncoder.encode(target, StandardCharsets.UTF_8) + "&reauth=" + maxAge.toSeconds());
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", Challenges.recentSignIn(maxAge));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(Challenges.recentSignInNeeded(maxAge) + " (" + Reason.RECENT_SIGN_IN_REQUIRED.messageId() + ")\n");
    }

    /**
     * {@code LK-106} met by the application's call into Latchkey: 503 with {@code Retry-After}, whatever
     * the application had put in the buffer, and a warning (at most once a minute) naming the exception's class.
     */
    void storeUnavailable(HttpServletRequest request, HttpServletResponse response, SessionStoreException cause)
            throws IOException {
        diagnostics.reject(request, response, Reason.STORE_UNAVAILABLE);
        diagnostics.warn(Reason.STORE_UNAVAILABLE.message(), "the application's call into Latchkey met the session store"
                + " down; the client was told 503 (" + cause.getClass().getName() + ")");
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Long.toString(Challenges.STORE_RETRY_SECONDS));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(Challenges.STORE_DOWN + " ("
                + Reason.STORE_UNAVAILABLE.messageId() + ")\n");
    }

    /** Where a browser asking for a protected page is sent, or {@code null} for a plain 401. */
    String loginRedirect(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        boolean browser = request.getHeader("Authorization") == null && accept != null && accept.contains("text/html");
        return loginPage != null && browser ? request.getContextPath() + loginPage : null;
    }
}
