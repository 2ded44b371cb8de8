package dev.latchkey.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One cookie as Latchkey writes it, and its {@code Set-Cookie} form (RFC 6265).
 *
 * <p>The constructor enforces what browsers enforce, so a cookie that would be silently dropped
 * cannot be built: the {@code __Host-} prefix needs {@code Secure}, {@code Path=/} and no
 * {@code Domain}; {@code __Secure-} needs {@code Secure}; {@code SameSite=None} needs
 * {@code Secure}. {@code Max-Age} is capped at 400 days, the longest browsers keep a cookie.
 * {@link #toString()} never shows the value.
 *
 * @param name     the cookie name, an RFC 6265 token
 * @param value    the value, RFC 6265 cookie-octets (may be empty)
 * @param maxAge   lifetime; {@code null} for a browser-session cookie, zero to delete the cookie
 * @param path     the {@code Path} attribute
 * @param domain   the {@code Domain} attribute, or {@code null} for a host-only cookie
 * @param secure   whether {@code Secure} is set
 * @param httpOnly whether {@code HttpOnly} is set
 * @param sameSite the {@code SameSite} attribute
 */
public record SessionCookie(String name, String value, Duration maxAge, String path, String domain,
                            boolean secure, boolean httpOnly, SameSite sameSite) {

    /** The longest lifetime a browser keeps a cookie (RFC 6265bis): 400 days. */
    public static final Duration MAX_AGE_LIMIT = Duration.ofDays(400);

    /** Checks the cookie against the rules browsers apply and caps {@code maxAge}. */
    public SessionCookie {
        CookieRules.requireName(name);
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            if (!CookieRules.isCookieOctet(value.charAt(i))) {
                throw new IllegalArgumentException("cookie '" + name + "' has a character not allowed in a cookie value at index " + i);
            }
        }
        CookieRules.requirePath(path);
        CookieRules.requireDomain(domain);
        Objects.requireNonNull(sameSite, "sameSite");
        CookieRules.requireConsistent(name, secure, path, domain, sameSite);
        if (maxAge != null) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("cookie '" + name + "' has a negative Max-Age");
            }
            if (maxAge.compareTo(MAX_AGE_LIMIT) > 0) {
                maxAge = MAX_AGE_LIMIT;
            }
        }
    }

    /** Whether this cookie tells the browser to delete it (empty value, {@code Max-Age=0}). */
    public boolean isBlank() {
        return value.isEmpty() && maxAge != null && maxAge.isZero();
    }

    /** Whether the browser keeps it after closing ({@code Max-Age} set and positive). */
    public boolean isPersistent() {
        return maxAge != null && !maxAge.isZero();
    }

    /** The value of a {@code Set-Cookie} header for this cookie. */
    public String toSetCookieHeader() {
        StringBuilder header = new StringBuilder(160).append(name).append('=').append(value);
        if (maxAge != null) {
            header.append("; Max-Age=").append(maxAge.getSeconds());
        }
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        header.append("; Path=").append(path);
        if (secure) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        header.append("; SameSite=").append(sameSite.attributeValue());
        return header.toString();
    }

    /** Everything but the value, which may be a token. */
    @Override
    public String toString() {
        return "SessionCookie[name=" + name + ", value=" + (value.isEmpty() ? "<empty>" : "<redacted>")
                + ", maxAge=" + maxAge + ", path=" + path + ", domain=" + domain + ", secure=" + secure
                + ", httpOnly=" + httpOnly + ", sameSite=" + sameSite + "]";
    }
}
