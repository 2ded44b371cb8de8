package dev.latchkey.internal.web;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the CSRF check needs to know about a request, free of any servlet type.
 *
 * @param method        the HTTP method as sent (methods are case-sensitive)
 * @param scheme        {@code http} or {@code https}, as the server received the request
 * @param host          the {@code Host} header value, or {@code null}
 * @param remoteAddress the address of the peer (the proxy, when there is one)
 * @param localAddress  the server's address the connection arrived at
 * @param headers       the other headers that matter, by name in any case: {@code Origin},
 *                      {@code Sec-Fetch-Site}, {@code Forwarded}, {@code X-Forwarded-Proto},
 *                      {@code X-Forwarded-Host}, and the other proxy headers
 *                      ({@code X-Forwarded-For}, {@code X-Real-IP}, {@code Via})
 */
public record RequestFacts(String method, String scheme, String host, String remoteAddress, String localAddress,
                           Map<String, String> headers) {

    /** Copies the headers into a case-insensitive map. */
    public RequestFacts {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scheme, "scheme");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    copy.put(name, value);
                }
            });
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** A header's value, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }
}
