package dev.latchkey.internal.servlet;

import dev.latchkey.core.MessageId;
import dev.latchkey.core.Rejection;
import dev.latchkey.internal.log.RateLimitedLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;

/**
 * Reports why Latchkey refused something: one debug log line with the stable message id, and, when
 * diagnostics are enabled, the response header {@value #HEADER}. Neither ever holds a token or any
 * other value the client sent; the request is named by method and path only. Warnings a client can
 * cause are rate-limited ({@link RateLimitedLog}), so no client can flood the log.
 */
public final class Diagnostics {

    /** The response header carrying the reason when diagnostics are enabled. */
    public static final String HEADER = "Latchkey-Reason";

    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    private final boolean header;
    private final RateLimitedLog limited;

    /**
     * @param header whether to send {@value #HEADER}
     * @param clock  the time the rate limit of warnings is measured in
     */
    public Diagnostics(boolean header, Clock clock) {
        this.header = header;
        this.limited = new RateLimitedLog(LOG, clock, RateLimitedLog.DEFAULT_INTERVAL);
    }

    /** Records a rejection for this request. */
    public void reject(HttpServletRequest request, HttpServletResponse response, Rejection reason) {
        reject(request, response, reason, reason.hint());
    }

    /**
     * Records a rejection for this request, with a detail of Latchkey's own making for the debug line
     * (never a value the client sent).
     */
    public void reject(HttpServletRequest request, HttpServletResponse response, Rejection reason, String detail) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, reason.messageId() + " " + reason.name() + ": " + detail
                    + " [" + request.getMethod() + " " + safePath(request) + "]");
        }
        if (header && response != null && !response.isCommitted()) {
            response.setHeader(HEADER, reason.messageId() + " " + reason.name());
        }
    }

    /**
     * Logs a message the first time {@code key} is seen for its id, at most once a minute
     * per message id, remembering a bounded number of keys.
     */
    void once(System.Logger.Level level, MessageId message, String key, String text) {
        limited.once(level, message.id(), key, text);
    }

    /** Logs a warning at most once a minute per message id, with a count of the lines held back. */
    public void warn(MessageId message, String text) {
        limited.log(System.Logger.Level.WARNING, message.id(), text);
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
