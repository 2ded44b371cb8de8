package dev.latchkey.internal.oauth;

import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.SameSite;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.oauth.OAuthReason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The cookie that carries a sign-in with a provider from its start to its callback: the flow, sealed
 * ({@link FlowSeal}), ten minutes, good for one callback.
 *
 * <p>Its name is the session cookie's without its prefix and with {@code -oauth}; host-only, Lax so that
 * it survives the trip back from the provider. Wherever the session cookie is {@code Secure} it carries
 * the {@code __Host-} prefix, whatever the session cookie's own name: a browser takes such a cookie only
 * from this host over HTTPS, so no sibling subdomain can plant a flow of its author's (login CSRF), even
 * when the session cookie has a {@code Domain}; a cookie under the plain name is not read.
 */
final class StateCookie {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final ServletSessions sessions;
    private final FlowSeal seal;
    private final Clock clock;

    StateCookie(ServletSessions sessions, FlowSeal seal, Clock clock) {
        this.sessions = sessions;
        this.seal = seal;
        this.clock = clock;
    }

    /** Sets the cookie of a flow that starts now. */
    void set(HttpServletRequest request, HttpServletResponse response, FlowState flow) {
        sessions.addCookie(request, response, settings(request).sessionCookie(seal.seal(flow), LIFETIME));
    }

    /**
     * Spends the cookie (the blank cookie goes out whatever happens next) and answers its flow, checked:
     * present, sealed by this server, not expired, for this provider.
     *
     * @throws FlowFailure {@code LK-501}, {@code LK-502} or {@code LK-503} naming what is wrong
     */
    FlowState take(HttpServletRequest request, HttpServletResponse response, String provider) {
        CookieSettings cookie = settings(request);
        sessions.addCookie(request, response, cookie.blankCookie());
        List<String> values = cookie.valuesIn(Collections.list(request.getHeaders("Cookie")));
        if (values.isEmpty()) {
            throw new FlowFailure(OAuthReason.OAUTH_STATE_MISSING, 400, provider + ": no state cookie (expired, another host or"
                    + " scheme than the start, SameSite=Strict somewhere, or a proxy dropping cookies)");
        }
        FlowState flow = values.stream().map(seal::open).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new FlowFailure(OAuthReason.OAUTH_VERIFIER_MISSING, 400, provider + ": the state cookie is"
                        + " unreadable or its seal does not verify (changed in the browser, or sealed by another node or"
                        + (seal.configured() ? " an old key" : " before a restart: set " + FlowSeal.SETTING + " on every node")
                        + ")"));
        if (!clock.instant().isBefore(flow.startedAt().plus(LIFETIME))) {
            throw new FlowFailure(OAuthReason.OAUTH_STATE_MISSING, 400, provider + ": the state cookie has expired");
        }
        if (!flow.provider().equals(provider)) {
            throw new FlowFailure(OAuthReason.OAUTH_STATE_MISMATCH, 400, provider + ": the sign-in started with " + flow.provider());
        }
        return flow;
    }

    private CookieSettings settings(HttpServletRequest request) {
        CookieSettings session = sessions.cookieSettings(request);
        String name = session.name().replaceFirst("^__(Host|Secure)-", "") + "-oauth";
        return new CookieSettings(session.secure() ? "__Host-" + name : name, session.secure(), SameSite.LAX, "/", null);
    }
}
