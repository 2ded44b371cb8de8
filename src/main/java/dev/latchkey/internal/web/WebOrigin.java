package dev.latchkey.internal.web;

import java.util.Locale;
import java.util.Optional;

/**
 * A web origin, {@code scheme://host:port}, normalised for exact comparison: lowercase scheme and
 * host, explicit port. Only {@code http} and {@code https} are origins Latchkey compares; anything
 * else (including the opaque {@code null} origin) does not parse.
 */
record WebOrigin(String scheme, String host, int port) {

    static final int MAX_LENGTH = 2048;
    /** Longer header values are not parsed at all. */
    static final int MAX_HEADER_LENGTH = 16 * 1024;

    /** Parses a serialised origin such as an {@code Origin} header: {@code scheme://host[:port]}, nothing more. */
    static Optional<WebOrigin> parse(String value) {
        if (value == null || value.length() > MAX_LENGTH || !isVisibleAscii(value)) {
            return Optional.empty();
        }
        int sep = value.indexOf("://");
        if (sep <= 0) {
            return Optional.empty();
        }
        return fromHost(value.substring(0, sep), value.substring(sep + 3));
    }

    /** The origin of a request made with {@code scheme} to {@code hostAndPort} (a {@code Host} header value). */
    static Optional<WebOrigin> fromHost(String scheme, String hostAndPort) {
        if (scheme == null || hostAndPort == null || hostAndPort.isEmpty() || hostAndPort.length() > MAX_LENGTH
                || !isVisibleAscii(hostAndPort)) {
            return Optional.empty();
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        int defaultPort;
        if (s.equals("https")) {
            defaultPort = 443;
        } else if (s.equals("http")) {
            defaultPort = 80;
        } else {
            return Optional.empty();
        }
        String host;
        String portText = null;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0 || !isIpv6Literal(hostAndPort.substring(1, close))) {
                return Optional.empty();
            }
            host = hostAndPort.substring(0, close + 1);
            String rest = hostAndPort.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = hostAndPort.indexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            portText = colon < 0 ? null : hostAndPort.substring(colon + 1);
            if (!isRegName(host)) {
                return Optional.empty();
            }
        }
        int port = defaultPort;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !isDigits(portText)) {
                return Optional.empty();
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        return Optional.of(new WebOrigin(s, host.toLowerCase(Locale.ROOT), port));
    }

    private static boolean isRegName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6Literal(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisibleAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** {@code scheme://host:port}, the port always written. */
    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
