package dev.latchkey.internal.servlet;

import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.Message;
import dev.latchkey.internal.web.OriginCheck;
import dev.latchkey.internal.web.RequestFacts;

/**
 * Which cookie a request gets: the configured one, or, for local development (a plain-HTTP
 * connection from this machine to itself, see {@link OriginCheck#isLocalDevelopment}), the same
 * without {@code Secure} and the {@code __Host-} prefix, so that every browser keeps it. Says so
 * once ({@code LK-301}), and warns when a {@code Secure} cookie goes over plain HTTP ({@code LK-302}).
 */
final class CookiePolicy {

    /** What the start-up summary and LK-301 say about the development cookie. */
    static final String LOCAL_DEVELOPMENT_RULE = "Only a plain-HTTP connection from a loopback address to a"
            + " loopback address, addressed to localhost, 127.x.x.x or [::1], with no proxy header and not from a"
            + " trusted proxy, gets it; every other request keeps Secure and the configured name"
            + " (latchkey.cookie.loopback-development=false switches it off)";

    private final CookieSettings configured;
    private final CookieSettings development;
    private final OriginCheck originCheck;
    private final Diagnostics diagnostics;
    /** Whether LK-301 was written: a request must not build its text again only to find it said. */
    private volatile boolean announced;

    CookiePolicy(CookieSettings configured, OriginCheck originCheck, Diagnostics diagnostics) {
        this.configured = configured;
        this.development = configured.forPlainHttpLoopback();
        this.originCheck = originCheck;
        this.diagnostics = diagnostics;
    }

    CookieSettings forRequest(RequestFacts facts) {
        if (!configured.secure() || originCheck.isSecure(facts)) {
            return configured;
        }
        if (originCheck.isLocalDevelopment(facts)) {
            if (!announced) {
                announced = true;
                diagnostics.once(System.Logger.Level.INFO, Message.DEVELOPMENT_COOKIE, "loopback", "plain HTTP from this"
                        + " machine to itself: the session cookie is sent as " + development.name() + " without Secure, for"
                        + " local development. " + LOCAL_DEVELOPMENT_RULE);
            }
            return development;
        }
        String origin = originCheck.requestOrigin(facts).orElse("an unparseable host");
        diagnostics.once(System.Logger.Level.WARNING, Message.SECURE_COOKIE_OVER_HTTP, origin, "a Secure session"
                + " cookie is sent over plain HTTP to " + origin + "; browsers will drop it. "
                + Message.SECURE_COOKIE_OVER_HTTP.fix());
        return configured;
    }

    /** The rule in force, for the start-up summary. */
    static String describe(boolean loopbackDevelopment) {
        return "development cookie over plain HTTP " + (loopbackDevelopment ? "on. " + LOCAL_DEVELOPMENT_RULE : "off");
    }
}
