package dev.latchkey.internal.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One element of an RFC 7239 {@code Forwarded} header: what one proxy wrote — the address it received
 * the request from ({@code for}), and the scheme and host the request was addressed to ({@code proto},
 * {@code host}). Each is {@code null} when absent; quoted values are unquoted.
 *
 * <p>Proxies append: the elements that can be believed are at the right end, and whatever the client
 * wrote is at the left. Both forwarding headers are therefore read from their right end, and a reading
 * stops at the first piece that is cut off or malformed, so that nothing a client writes (too many
 * elements, a header too long, an unclosed quote) can push the proxies' own elements out of reach.
 */
record ForwardedElement(String forAddress, String proto, String host) {

    /** Most elements read from one header, from its right end: more hops than any real chain of proxies. */
    static final int MAX_ELEMENTS = 32;

    /**
     * The elements of a {@code Forwarded} header, the client's side first: at most {@value #MAX_ELEMENTS}
     * of them from the last {@link WebOrigin#MAX_HEADER_LENGTH} characters, read from the right up to the
     * first that is cut off or malformed.
     */
    static List<ForwardedElement> parseAll(String header) {
        List<ForwardedElement> elements = new ArrayList<>();
        for (String text : piecesFromTheRight(header, true)) {
            ForwardedElement element = parse(text);
            if (element == null) {
                break;
            }
            elements.add(element);
        }
        Collections.reverse(elements);
        return elements;
    }

    /**
     * The addresses of an {@code X-Forwarded-For} or {@code X-Real-IP} list, the client's side first, read
     * as {@link #parseAll} reads elements; each as an element with only {@code for}.
     */
    static List<ForwardedElement> addresses(String list) {
        List<ForwardedElement> hops = new ArrayList<>();
        for (String hop : piecesFromTheRight(list, false)) {
            hops.add(new ForwardedElement(hop.strip(), null, null));
        }
        Collections.reverse(hops);
        return hops;
    }

    /**
     * The comma-separated pieces of a header, right-most first, blank ones left out. A comma inside a
     * quoted string separates nothing when {@code quotes}. The left-most piece is kept only when it is
     * whole: not cut by the length limit, nor opened by a quote that never closes.
     */
    private static List<String> piecesFromTheRight(String header, boolean quotes) {
        List<String> pieces = new ArrayList<>();
        int lowest = Math.max(0, header.length() - WebOrigin.MAX_HEADER_LENGTH);
        boolean quoted = false;
        int end = header.length();
        for (int i = header.length() - 1; i >= lowest && pieces.size() < MAX_ELEMENTS; i--) {
            char c = header.charAt(i);
            if (quotes && c == '"' && !(quoted && i > 0 && header.charAt(i - 1) == '\\')) {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                addUnlessBlank(pieces, header.substring(i + 1, end));
                end = i;
            }
        }
        if (pieces.size() < MAX_ELEMENTS && lowest == 0 && !quoted) {
            addUnlessBlank(pieces, header.substring(0, end));
        }
        return pieces;
    }

    private static void addUnlessBlank(List<String> pieces, String piece) {
        if (!piece.isBlank() && pieces.size() < MAX_ELEMENTS) {
            pieces.add(piece);
        }
    }

    /** One element's {@code name=value} pairs; {@code null} when a quoted value never closes. */
    private static ForwardedElement parse(String element) {
        String forAddress = null;
        String proto = null;
        String host = null;
        int i = 0;
        int n = element.length();
        while (i < n) {
            char c = element.charAt(i);
            if (c == ' ' || c == '\t' || c == ';') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && element.charAt(i) != '=' && element.charAt(i) != ';') {
                i++;
            }
            if (i >= n || element.charAt(i) != '=') {
                continue; // a token without a value: ignored
            }
            String name = element.substring(nameStart, i).strip();
            i++;
            String value;
            if (i < n && element.charAt(i) == '"') {
                int close = element.indexOf('"', i + 1);
                if (close < 0) {
                    return null;
                }
                value = element.substring(i + 1, close);
                i = close + 1;
            } else {
                int start = i;
                while (i < n && element.charAt(i) != ';') {
                    i++;
                }
                value = element.substring(start, i).strip();
            }
            if (name.equalsIgnoreCase("for")) {
                forAddress = value;
            } else if (name.equalsIgnoreCase("proto")) {
                proto = value;
            } else if (name.equalsIgnoreCase("host")) {
                host = value;
            }
        }
        return new ForwardedElement(forAddress, proto, host);
    }
}
