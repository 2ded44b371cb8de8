package dev.latchkey.servlet;

import dev.latchkey.core.Reason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports why Latchkey refused something: one debug log line with the stable message id, and, when
 * diagnostics are enabled, the response header {@value #HEADER}. Neither ever holds a token or any
 * other value the client sent; the request is named by method and path only.
 */
public final class Diagnostics {

    /** The response header carrying the reason when diagnostics are enabled. */
    public static final String HEADER = "Latchkey-Reason";

    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    private final boolean header;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    /** @param header whether to send {@value #HEADER} */
    public Diagnostics(boolean header) {
        this.header = header;
    }

    /** Records a rejection for this request. */
    public void reject(HttpServletRequest request, HttpServletResponse response, Reason reason) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, reason.messageId() + " " + reason.name() + ": " + reason.hint()
                    + " [" + request.getMethod() + " " + safePath(request) + "]");
        }
        if (header && response != null && !response.isCommitted()) {
            response.setHeader(HEADER, reason.messageId() + " " + reason.name());
        }
    }

    /** Logs {@code message} at {@code level} the first time {@code key} is seen, and never again. */
    public void once(String key, System.Logger.Level level, String message) {
        if (said.add(key)) {
            LOG.log(level, message);
        }
    }

    private static String safePath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < uri.length() && i < 200; i++) {
            char c = uri.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
