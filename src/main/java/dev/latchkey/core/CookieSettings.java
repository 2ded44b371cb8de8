package dev.latchkey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the session cookie is named and which attributes it carries. {@code HttpOnly} is always set.
 *
 * <p>The defaults ({@link #defaults()}) are the secure ones: the name {@value #DEFAULT_NAME}
 * ({@code __Host-} prefix), {@code Secure}, {@code SameSite=Lax}, {@code Path=/}, no {@code Domain}.
 * Combinations a browser would reject fail here, at configuration time, with a message that says how
 * to fix them.
 *
 * @param name     cookie name
 * @param secure   whether {@code Secure} is set
 * @param sameSite the {@code SameSite} attribute
 * @param path     the {@code Path} attribute
 * @param domain   the {@code Domain} attribute, or {@code null} for a host-only cookie (recommended)
 */
public record CookieSettings(String name, boolean secure, SameSite sameSite, String path, String domain) {

    /** The default cookie name. */
    public static final String DEFAULT_NAME = "__Host-latchkey";

    /** Validates the combination. */
    public CookieSettings {
        CookieRules.requireName(name);
        CookieRules.requirePath(path);
        CookieRules.requireDomain(domain);
        if (sameSite == null) {
            throw new IllegalArgumentException("cookie SameSite must be set");
        }
        CookieRules.requireConsistent(name, secure, path, domain, sameSite);
    }

    /** {@code __Host-latchkey; Secure; HttpOnly; SameSite=Lax; Path=/}. */
    public static CookieSettings defaults() {
        return new CookieSettings(DEFAULT_NAME, true, SameSite.LAX, "/", null);
    }

    /**
     * The settings to use on a plain-HTTP request to a loopback host during local development:
     * without {@code Secure} and without the {@code __Host-}/{@code __Secure-} prefix (which would
     * require it), and {@code SameSite=Lax} in place of {@code None}. Browsers keep such a cookie
     * for {@code http://localhost}.
     */
    public CookieSettings forPlainHttpLoopback() {
        String plainName = name;
        if (plainName.startsWith(CookieRules.HOST_PREFIX)) {
            plainName = plainName.substring(CookieRules.HOST_PREFIX.length());
        } else if (plainName.startsWith(CookieRules.SECURE_PREFIX)) {
            plainName = plainName.substring(CookieRules.SECURE_PREFIX.length());
        }
        return new CookieSettings(plainName, false, sameSite == SameSite.NONE ? SameSite.LAX : sameSite, path, domain);
    }

    /**
     * The session cookie carrying {@code token}.
     *
     * @param maxAge how long the browser keeps it, or {@code null} for a browser-session cookie
     */
    public SessionCookie sessionCookie(String token, Duration maxAge) {
        return new SessionCookie(name, token, maxAge, path, domain, secure, true, sameSite);
    }

    /**
     * Every value of this cookie in the {@code Cookie} headers of a request, in order (a browser can
     * send one name several times: a cookie set for a parent domain or another path). Quoted values
     * are unquoted; odd input yields nothing, never an exception.
     *
     * @param cookieHeaders the values of every {@code Cookie} header of the request
     */
    public List<String> valuesIn(Iterable<String> cookieHeaders) {
        return RequestTokens.cookieValues(cookieHeaders, name);
    }

    /**
     * The cookie carrying {@code token} for {@code session}: persistent until the session's idle
     * deadline for "remember me" sessions, a browser-session cookie otherwise.
     */
    public SessionCookie sessionCookie(String token, Session session, Instant now) {
        Duration maxAge = null;
        if (session.persistent()) {
            // Whole seconds, rounded up: the cookie may outlive the session by under a second, never the reverse.
            long millis = Duration.between(now, session.expiresAt()).toMillis();
            maxAge = Duration.ofSeconds(Math.max((millis + 999) / 1000, 0));
        }
        return sessionCookie(token, maxAge);
    }

    /** The cookie that deletes the session cookie: same name, path and domain, empty value, {@code Max-Age=0}. */
    public SessionCookie blankCookie() {
        return new SessionCookie(name, "", Duration.ZERO, path, domain, secure, true, sameSite);
    }
}
