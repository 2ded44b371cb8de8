package dev.latchkey.internal.servlet;

import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionValidation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the token of a request — the bearer header first, then the session cookie — and validates
 * it: a renewed session's cookie, or the blank cookie for a rejected one, is written at once.
 */
final class TokenReader {

    /** At most this many well-formed session cookies of one request are looked up. */
    static final int MAX_COOKIES_TRIED = 3;

    private final Latchkey latchkey;
    private final ResponseCookies cookies;

    TokenReader(Latchkey latchkey, ResponseCookies cookies) {
        this.latchkey = latchkey;
        this.cookies = cookies;
    }

    RequestState read(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> bearer = latchkey.readBearerToken(request.getHeader("Authorization"));
        if (bearer.isPresent()) {
            SessionValidation v = latchkey.validateSession(bearer.get());
            return new RequestState(v.session().orElse(null), v.rejection().orElse(null), false);
        }
        List<String> cookieHeaders = cookieHeaders(request);
        // Which cookie name applies (the development one or not) is asked only when there are cookies to read.
        CookieSettings settings = cookieHeaders.isEmpty() ? null : cookies.settings(request);
        List<String> values = settings == null ? List.of() : settings.valuesIn(cookieHeaders);
        if (values.isEmpty()) {
            boolean crossSite = "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
            return new RequestState(null, crossSite ? Reason.NO_TOKEN_CROSS_SITE : Reason.NO_TOKEN, false);
        }
        Reason last = Reason.MALFORMED_TOKEN;
        int tried = 0;
        for (String value : values) {
            if (!Latchkey.isWellFormedToken(value) || tried++ >= MAX_COOKIES_TRIED) {
                continue;
            }
            SessionValidation v = latchkey.validateSession(value);
            if (v.isValid()) {
                Session session = v.session().orElseThrow();
                if (v.isFresh()) {
                    cookies.write(request, response, latchkey.createSessionCookie(value, session, settings));
                }
                return new RequestState(session, null, true);
            }
            last = v.rejection().orElseThrow();
            if (last == Reason.STORE_UNAVAILABLE) {
                return new RequestState(null, last, true); // keep the cookie: the session may be fine
            }
        }
        cookies.write(request, response, settings.blankCookie());
        return new RequestState(null, last, true);
    }

    private static List<String> cookieHeaders(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Cookie");
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return List.of(first);
        }
        List<String> all = Collections.list(values);
        all.add(0, first);
        return all;
    }
}
