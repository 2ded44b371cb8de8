package dev.latchkey.internal.servlet;

import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SessionCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The one place Latchkey's cookies are added to a response, with the settings each request gets. */
final class ResponseCookies {

    private final CookiePolicy policy;
    private final Diagnostics diagnostics;

    ResponseCookies(CookiePolicy policy, Diagnostics diagnostics) {
        this.policy = policy;
        this.diagnostics = diagnostics;
    }

    /** The configured cookie, or the development cookie on a plain-HTTP connection from this machine to itself. */
    CookieSettings settings(HttpServletRequest request) {
        return policy.forRequest(RequestFactsOf.request(request));
    }

    /**
     * Adds a cookie unless the response is committed, which is reported as {@link Reason#COOKIE_NOT_WRITTEN};
     * nothing when there is no response.
     */
    void write(HttpServletRequest request, HttpServletResponse response, SessionCookie cookie) {
        if (response == null) {
            return;
        }
        if (response.isCommitted()) {
            diagnostics.reject(request, response, Reason.COOKIE_NOT_WRITTEN);
            diagnostics.once(System.Logger.Level.WARNING, Reason.COOKIE_NOT_WRITTEN.message(), "committed",
                    Reason.COOKIE_NOT_WRITTEN.hint() + "; " + Reason.COOKIE_NOT_WRITTEN.message().fix());
            return;
        }
        response.addHeader("Set-Cookie", cookie.toSetCookieHeader());
    }
}
