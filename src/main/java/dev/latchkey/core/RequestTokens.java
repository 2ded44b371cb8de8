package dev.latchkey.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a session token from the places a client may put it: the {@code Cookie} header and the
 * {@code Authorization: Bearer} header. Never throws; odd input yields nothing.
 *
 * <p>Tokens are never read from URLs or form fields: a token in a URL leaks through logs and
 * {@code Referer}, and accepting one invites session fixation.
 */
final class RequestTokens {

    /** Longer header values are not parsed at all. */
    static final int MAX_HEADER_LENGTH = 16 * 1024;

    private RequestTokens() {
    }

    /**
     * Every value of cookie {@code name} in {@code Cookie} header values, in order. A browser can
     * send one name several times (a cookie set for a parent domain or another path); the caller
     * tries them in turn. Values in double quotes are unquoted; pairs without {@code =} are skipped.
     *
     * @param cookieHeaders the values of every {@code Cookie} header of the request (HTTP/2 may split them)
     * @param name          the cookie name, matched exactly (names are case-sensitive)
     */
    public static List<String> cookieValues(Iterable<String> cookieHeaders, String name) {
        List<String> values = new ArrayList<>(1);
        if (cookieHeaders == null) {
            return values;
        }
        for (String header : cookieHeaders) {
            if (header == null || header.length() > MAX_HEADER_LENGTH) {
                continue;
            }
            int start = 0;
            while (start < header.length()) {
                int end = header.indexOf(';', start);
                end = end < 0 ? header.length() : end;
                int eq = header.indexOf('=', start);
                if (eq >= 0 && eq < end && isName(header, start, eq, name)) {
                    values.add(unquote(header.substring(eq + 1, end).trim()));
                }
                start = end + 1;
            }
        }
        return values;
    }

    /** Whether {@code header[start, end)}, without surrounding white space, is {@code name}. */
    private static boolean isName(String header, int start, int end, String name) {
        while (start < end && header.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && header.charAt(end - 1) <= ' ') {
            end--;
        }
        return end - start == name.length() && header.regionMatches(start, name, 0, name.length());
    }

    /**
     * The token in an {@code Authorization} header of the {@code Bearer} scheme (any case), as in
     * RFC 6750: {@code Bearer <token>}.
     *
     * @param authorization the header value, or {@code null}
     * @return the token, or empty when the header is absent, of another scheme or malformed
     */
    public static Optional<String> bearerToken(String authorization) {
        if (authorization == null || authorization.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = value.substring(7).stripLeading();
        if (token.isEmpty() || !isToken68(token)) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    private static boolean isToken68(String token) {
        int i = 0;
        while (i < token.length() && isToken68Char(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < token.length() && token.charAt(i) == '=') {
            i++;
        }
        return i == token.length();
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
