package dev.latchkey.servlet;

import dev.latchkey.web.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The facts of a servlet request that the CSRF decision and the cookie policy need, gathered once per request. */
final class RequestFactsOf {

    private static final String ATTRIBUTE = RequestFacts.class.getName();
    private static final String[] HEADERS = {"Origin", "Sec-Fetch-Site", "Forwarded", "X-Forwarded-Proto",
        "X-Forwarded-Host", "X-Forwarded-For", "X-Real-IP", "Via"};

    /** Headers that are lists: sent on several lines they are one list, in order (RFC 9110, 5.3). */
    private static final Set<String> LISTS = Set.of("Forwarded", "X-Forwarded-For", "Via");

    private RequestFactsOf() {
    }

    private static String joined(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null || !values.hasMoreElements() ? null : String.join(", ", Collections.list(values));
    }

    static RequestFacts request(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof RequestFacts known) {
            return known;
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : HEADERS) {
            String value = LISTS.contains(name) ? joined(request, name) : request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        RequestFacts facts = new RequestFacts(request.getMethod(), request.getScheme(), request.getHeader("Host"),
                request.getRemoteAddr(), request.getLocalAddr(), headers);
        request.setAttribute(ATTRIBUTE, facts);
        return facts;
    }
}
