package dev.latchkey.internal.log;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Log lines that clients can cause, written so that no client can flood the log or fill memory.
 *
 * <ul>
 * <li>{@link #log} writes a message id at most once per interval; the lines held back are counted
 *     and the count is added to the next line written for that id.</li>
 * <li>{@link #once} writes a message the first time its key is seen (a host name, say), through the
 *     same limit. It remembers at most {@value #MAX_KEYS} keys; past that, a key counts as new and
 *     only the rate limit applies.</li>
 * </ul>
 *
 * <p>Message ids are the code's constants, so the state kept per id is bounded by the code, never by
 * what clients send. Thread-safe.
 */
public final class RateLimitedLog {

    /** How often one message id may be written: once a minute. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** The most keys {@link #once} remembers. */
    public static final int MAX_KEYS = 1000;

    private final System.Logger logger;
    private final Clock clock;
    private final long intervalMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    private static final class Window {
        long nextMillis = Long.MIN_VALUE;
        long heldBack;
    }

    /**
     * @param logger   where lines go
     * @param clock    the time the interval is measured in
     * @param interval the shortest time between two lines of one message id
     */
    public RateLimitedLog(System.Logger logger, Clock clock, Duration interval) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalMillis = interval.toMillis();
    }

    /**
     * Writes {@code messageId + " " + text} unless a line of this id was written less than an
     * interval ago.
     *
     * @return whether the line was written
     */
    public boolean log(System.Logger.Level level, String messageId, String text) {
        if (!logger.isLoggable(level)) {
            return false;
        }
        Window window = windows.computeIfAbsent(messageId, id -> new Window());
        long now = clock.millis();
        long heldBack;
        synchronized (window) {
            if (now < window.nextMillis) {
                window.heldBack++;
                return false;
            }
            heldBack = window.heldBack;
            window.heldBack = 0;
            window.nextMillis = now + intervalMillis;
        }
        logger.log(level, messageId + " " + text + (heldBack == 0 ? ""
                : " (" + heldBack + " more " + messageId + " lines were held back since the last one)"));
        return true;
    }

    /**
     * Writes the message the first time {@code key} is seen for {@code messageId}, within the rate
     * limit of {@link #log}.
     *
     * @return whether the line was written
     */
    public boolean once(System.Logger.Level level, String messageId, String key, String text) {
        String entry = messageId + ' ' + key;
        if (seen.contains(entry)) {
            return false;
        }
        if (!log(level, messageId, text)) {
            return false;
        }
        if (seen.size() < MAX_KEYS) {
            seen.add(entry);
        }
        return true;
    }

    /** How many keys {@link #once} remembers now. */
    int rememberedKeys() {
        return seen.size();
    }
}
