package dev.latchkey.internal.servlet;

import dev.latchkey.internal.web.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/** The facts of a servlet request that the CSRF decision and the cookie policy need, gathered once per request. */
final class RequestFactsOf {

    private static final String ATTRIBUTE = RequestFacts.class.getName();
    /** Headers of one value. */
    private static final String[] HEADERS = {"Origin", "Sec-Fetch-Site", "X-Forwarded-Proto", "X-Forwarded-Host",
        "X-Real-IP"};

    /** Headers that are lists: sent on several lines they are one list, in order (RFC 9110, 5.3). */
    private static final String[] LISTS = {"Forwarded", "X-Forwarded-For", "Via"};

    private RequestFactsOf() {
    }

    private static String joined(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        while (values.hasMoreElements()) {
            all.append(", ").append(values.nextElement());
        }
        return all.toString();
    }

    private static void putIfSent(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    static RequestFacts request(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof RequestFacts known) {
            return known;
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : HEADERS) {
            putIfSent(headers, name, request.getHeader(name));
        }
        for (String name : LISTS) {
            putIfSent(headers, name, joined(request, name));
        }
        RequestFacts facts = new RequestFacts(request.getMethod(), request.getScheme(), request.getHeader("Host"),
                request.getRemoteAddr(), request.getLocalAddr(), headers);
        request.setAttribute(ATTRIBUTE, facts);
        return facts;
    }
}
