package dev.latchkey.internal.oauth;

import dev.latchkey.internal.web.Html;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Rejection;
import dev.latchkey.core.SameSite;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.oauth.OAuthReason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/** How the OAuth flow's requests end: the browser sent back where it started, or a refusal with its reason. */
final class FlowAnswers {

    /**
     * Failures that point at the settings, the provider or the database rather than at one browser:
     * also a warning (at most one a minute per id). The others are debug lines only.
     */
    private static final Set<Rejection> CONFIGURATION_PROBLEMS = Set.of(OAuthReason.OAUTH_PROVIDER_ERROR,
            OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, OAuthReason.OAUTH_ID_TOKEN_INVALID, OAuthReason.OAUTH_PROVIDER_UNAVAILABLE,
            Reason.STORE_UNAVAILABLE);

    private final ServletSessions sessions;

    FlowAnswers(ServletSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Sends the browser to the page the sign-in started from. With a {@code SameSite=Strict} session
     * cookie a redirect would not do: a navigation that a cross-site redirect chain began carries no
     * strict cookie, so the page would look signed out. A page of this site that moves on does.
     */
    void sendBack(HttpServletRequest request, HttpServletResponse response, String target) throws IOException {
        if (sessions.cookieSettings(request).sameSite() != SameSite.STRICT) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", target);
            return;
        }
        String href = Html.escape(target);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta http-equiv=\"refresh\" content=\"0;url=" + href
                + "\"><title>Signed in</title></head><body><a href=\"" + href + "\">Continue</a></body></html>\n");
    }

    /** Reports the failure and, unless the response is committed, answers it: its status, reason and what to do. */
    void refuse(HttpServletRequest request, HttpServletResponse response, ProviderClient callback,
            FlowFailure failure) throws IOException {
        Rejection reason = failure.reason();
        sessions.reportRefusal(request, response, reason, failure.detail(),
                CONFIGURATION_PROBLEMS.contains(reason) && !failure.byTheUser());
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(failure.status());
        if (failure.status() == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
            response.setHeader("Allow", callback != null ? "GET" : "GET, POST");
        }
        response.setContentType("text/plain;charset=UTF-8");
        String provider = callback != null ? " with " + callback.provider().name() : "";
        response.getWriter().write("Sign-in" + provider + " did not work (" + reason.messageId() + " " + reason.name()
                + "): " + reason.hint() + ".\n" + reason.message().fix() + "\n");
    }
}
