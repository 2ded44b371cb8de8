package dev.latchkey.account;

import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.recovery.MessageKind;
import jakarta.servlet.http.HttpServletRequest;

/** The links of recovery messages, to Latchkey's pages under {@code /latchkey/recovery/}, and what an address is. */
final class RecoveryLinks {

    /** The pages, under the application's context path. */
    static final String PREFIX = "/latchkey/recovery/";

    private final ServletSessions sessions;
    private final String configured;

    RecoveryLinks(ServletSessions sessions, String configured) {
        this.sessions = sessions;
        this.configured = configured;
    }

    /**
     * The application's address for links: {@code latchkey.recovery.base-url}, or else the request's own for a
     * request to this machine (development). Never another request's Host header: whoever asks for a reset link
     * to someone else's address writes that header, and the link must not lead to their site.
     *
     * @throws NoLinkAddress when neither applies
     */
    String base(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        String own = sessions.requestBaseUrl(request).orElse("");
        String host = java.net.URI.create(own.isEmpty() ? "http://unknown" : own).getHost();
        if (!"localhost".equals(host) && !"127.0.0.1".equals(host) && !"[::1]".equals(host)) {
            throw new NoLinkAddress();
        }
        return own + request.getContextPath();
    }


    /** The link of a message of this kind. */
    String link(String base, MessageKind kind, String token) {
        String page = switch (kind) {
            case VERIFY_ADDRESS -> "verify";
            case RESET_PASSWORD -> "reset";
            case SIGN_IN_LINK -> "sign-in";
            default -> throw new IllegalArgumentException(kind + " carries no link");
        };
        return base + PREFIX + page + "?token=" + token;
    }

    /**
     * Whether the text can be an e-mail address: at most 254 characters, one {@code @} with something on each
     * side and a dot in the domain, no white space, no control character, no angle bracket or comma (one
     * address, never a list).
     */
    static boolean isAddress(String text) {
        if (text == null || text.length() > 254 || text.length() < 5) {
            return false;
        }
        int at = text.indexOf('@');
        if (at < 1 || at != text.lastIndexOf('@') || text.indexOf('.', at) < at + 2 || text.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')'
                    || c == '\\' || c == '[' || c == ']' || c == ':') {
                return false;
            }
        }
        return true;
    }
}
