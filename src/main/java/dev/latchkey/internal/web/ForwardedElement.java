package dev.latchkey.internal.web;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of an RFC 7239 {@code Forwarded} header: what one proxy wrote — the address it received
 * the request from ({@code for}), and the scheme and host the request was addressed to ({@code proto},
 * {@code host}). Each is {@code null} when absent; quoted values are unquoted.
 */
record ForwardedElement(String forAddress, String proto, String host) {

    /** Most elements read from one header: more hops than any real chain of proxies. */
    static final int MAX_ELEMENTS = 32;

    /**
     * The elements of a header, the client's side first (proxies append theirs), at most
     * {@value #MAX_ELEMENTS} of them from a header at most {@link WebOrigin#MAX_HEADER_LENGTH} long.
     * Malformed text ends the parse: the elements read before it are kept.
     */
    static List<ForwardedElement> parseAll(String header) {
        List<ForwardedElement> elements = new ArrayList<>();
        String forAddress = null;
        String proto = null;
        String host = null;
        int i = 0;
        int n = Math.min(header.length(), WebOrigin.MAX_HEADER_LENGTH);
        while (i < n && elements.size() < MAX_ELEMENTS) {
            char c = header.charAt(i);
            if (c == ' ' || c == '\t' || c == ';') {
                i++;
                continue;
            }
            if (c == ',') {
                elements.add(new ForwardedElement(forAddress, proto, host));
                forAddress = proto = host = null;
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';' && header.charAt(i) != ',') {
                i++;
            }
            if (i >= n || header.charAt(i) != '=') {
                continue; // a token without a value: ignored
            }
            String name = header.substring(nameStart, i).strip();
            i++;
            String value;
            if (i < n && header.charAt(i) == '"') {
                int close = header.indexOf('"', i + 1);
                if (close < 0 || close >= n) {
                    return elements;
                }
                value = header.substring(i + 1, close);
                i = close + 1;
            } else {
                int start = i;
                while (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
                    i++;
                }
                value = header.substring(start, i).strip();
            }
            if (name.equalsIgnoreCase("for")) {
                forAddress = value;
            } else if (name.equalsIgnoreCase("proto")) {
                proto = value;
            } else if (name.equalsIgnoreCase("host")) {
                host = value;
            }
        }
        if (elements.size() < MAX_ELEMENTS && (forAddress != null || proto != null || host != null)) {
            elements.add(new ForwardedElement(forAddress, proto, host));
        }
        return elements;
    }
}
