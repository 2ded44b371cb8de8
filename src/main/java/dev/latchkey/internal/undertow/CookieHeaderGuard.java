package dev.latchkey.internal.undertow;

import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the {@code name=value} pairs of a {@code Cookie} header that Undertow refuses to parse, before
 * anything reads the cookies.
 *
 * <p>Undertow (WildFly 39) throws {@code UT000173} for an unquoted cookie value holding a control
 * character or any byte from 0x7f up (a non-ASCII character), and the first reader of the cookies is
 * Weld's request listener asking for the HTTP session, before any filter: every such request became
 * a 500, whatever the application does. No Latchkey token holds such a character, and RFC 6265 allows
 * none in a cookie value, so the pair is dropped and the rest of the header kept (the HTTP session
 * cookie included). Registered through {@code META-INF/services/io.undertow.servlet.ServletExtension}.
 */
public class CookieHeaderGuard implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addInitialHandlerChainWrapper(next -> exchange -> {
            clean(exchange);
            next.handleRequest(exchange);
        });
    }

    static void clean(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getRequestHeaders();
        HeaderValues values = headers.get(Headers.COOKIE);
        if (values == null) {
            return;
        }
        boolean dirty = false;
        for (String value : values) {
            dirty |= hasRefusedPair(value);
        }
        if (!dirty) {
            return;
        }
        List<String> cleaned = new ArrayList<>(values.size());
        for (String value : values) {
            String kept = withoutRefusedPairs(value);
            if (!kept.isEmpty()) {
                cleaned.add(kept);
            }
        }
        headers.remove(Headers.COOKIE);
        if (!cleaned.isEmpty()) {
            headers.addAll(Headers.COOKIE, cleaned);
        }
    }

    static boolean hasRefusedPair(String header) {
        for (String pair : header.split(";", -1)) {
            if (isRefused(pair)) {
                return true;
            }
        }
        return false;
    }

    static String withoutRefusedPairs(String header) {
        StringBuilder kept = new StringBuilder(header.length());
        for (String pair : header.split(";", -1)) {
            if (pair.isBlank() || isRefused(pair)) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append(';');
            }
            kept.append(pair);
        }
        return trimSpaces(kept.toString());
    }

    /**
     * Whether Undertow would refuse the pair: a control character (but tab) or a byte from 0x7f up in
     * the name or in an unquoted value. Only spaces and tabs around the value are ignored, as in HTTP.
     */
    static boolean isRefused(String pair) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : trimSpaces(pair.substring(eq + 1));
        if (hasRefusedCharacter(name)) {
            return true;
        }
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return false; // Undertow takes quoted values as they are
        }
        return hasRefusedCharacter(value);
    }

    private static boolean hasRefusedCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }
}
