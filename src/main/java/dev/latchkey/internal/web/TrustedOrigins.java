package dev.latchkey.internal.web;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured origins allowed to send unsafe requests: exact ({@code https://app.example.com},
 * {@code http://localhost:3000}) or a subdomain wildcard ({@code https://*.example.com}, which
 * matches {@code https://a.example.com} and {@code https://a.b.example.com} but not
 * {@code https://example.com}). Unicode host names are converted to their ASCII (punycode) form.
 */
final class TrustedOrigins {

    private final List<WebOrigin> exact = new ArrayList<>();
    private final List<WebOrigin> wildcards = new ArrayList<>();

    TrustedOrigins(List<String> patterns) {
        for (String pattern : patterns) {
            add(pattern);
        }
    }

    private void add(String pattern) {
        String text = pattern == null ? "" : pattern.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw invalid(pattern);
        }
        String scheme = text.substring(0, sep);
        String hostPart = text.substring(sep + 3);
        boolean wildcard = hostPart.startsWith("*.");
        if (wildcard) {
            hostPart = hostPart.substring(2);
        }
        String ascii;
        try {
            ascii = hostPart.startsWith("[") ? hostPart : toAscii(hostPart);
        } catch (IllegalArgumentException e) {
            throw invalid(pattern);
        }
        Optional<WebOrigin> origin = WebOrigin.fromHost(scheme, ascii);
        if (origin.isEmpty() || (wildcard && origin.get().host().startsWith("["))) {
            throw invalid(pattern);
        }
        (wildcard ? wildcards : exact).add(origin.get());
    }

    private static String toAscii(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        String port = colon < 0 ? "" : hostAndPort.substring(colon);
        return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT) + port;
    }

    private static IllegalArgumentException invalid(String pattern) {
        return new IllegalArgumentException("latchkey.csrf.trusted-origins: '" + pattern + "' is not an origin such as"
                + " https://app.example.com, http://localhost:3000 or https://*.example.com");
    }

    boolean matches(WebOrigin origin) {
        if (exact.contains(origin)) {
            return true;
        }
        for (WebOrigin w : wildcards) {
            if (w.scheme().equals(origin.scheme()) && w.port() == origin.port()
                    && origin.host().endsWith("." + w.host())) {
                return true;
            }
        }
        return false;
    }
}
