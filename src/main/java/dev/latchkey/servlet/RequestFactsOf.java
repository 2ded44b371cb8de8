package dev.latchkey.servlet;

import dev.latchkey.web.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;

/** The facts of a servlet request that the CSRF decision and the cookie policy need, gathered once per request. */
final class RequestFactsOf {

    private static final String ATTRIBUTE = RequestFacts.class.getName();
    private static final String[] HEADERS = {"Origin", "Sec-Fetch-Site", "Forwarded", "X-Forwarded-Proto",
        "X-Forwarded-Host", "X-Forwarded-For", "X-Real-IP", "Via"};

    private RequestFactsOf() {
    }

    static RequestFacts request(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof RequestFacts known) {
            return known;
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : HEADERS) {
            String value = request.getHeader(name);
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
