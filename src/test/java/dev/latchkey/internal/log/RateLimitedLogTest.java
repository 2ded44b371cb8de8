package dev.latchkey.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    /** A logger that keeps its lines. */
    private static final class Lines implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }

        @Override
        public void log(Level level, Supplier<String> message) {
            lines.add(message.get());
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final Lines logger = new Lines();
    private final RateLimitedLog log = new RateLimitedLog(logger, clock, Duration.ofMinutes(1));

    @Test
    void aHundredThousandHostsWriteOneLineAndKeepABoundedSet() {
        for (int i = 0; i < 100_000; i++) {
            log.once(System.Logger.Level.WARNING, "LK-302", "host-" + i + ".example", "plain HTTP to host-" + i);
        }
        assertEquals(List.of("LK-302 plain HTTP to host-0"), logger.lines);
        assertTrue(log.rememberedKeys() <= RateLimitedLog.MAX_KEYS, "remembered " + log.rememberedKeys());
        clock.advance(Duration.ofMinutes(1));
        log.once(System.Logger.Level.WARNING, "LK-302", "another.example", "plain HTTP to another");
        assertEquals("LK-302 plain HTTP to another (99999 more LK-302 lines were held back since the last one)",
                logger.lines.get(1));
    }

    @Test
    void aKeyAlreadySaidIsNotSaidAgain() {
        log.once(System.Logger.Level.INFO, "LK-301", "loopback", "development cookie");
        clock.advance(Duration.ofHours(1));
        log.once(System.Logger.Level.INFO, "LK-301", "loopback", "development cookie");
        assertEquals(1, logger.lines.size());
    }

    @Test
    void aKeyHeldBackByTheLimitIsSaidLater() {
        log.log(System.Logger.Level.WARNING, "LK-107", "first");
        log.once(System.Logger.Level.WARNING, "LK-107", "k", "held back");
        clock.advance(Duration.ofMinutes(2));
        log.once(System.Logger.Level.WARNING, "LK-107", "k", "said now");
        assertEquals(2, logger.lines.size());
        assertTrue(logger.lines.get(1).startsWith("LK-107 said now"));
    }

    @Test
    void eachMessageIdHasItsOwnLimit() {
        log.log(System.Logger.Level.WARNING, "LK-106", "store down");
        log.log(System.Logger.Level.WARNING, "LK-107", "cookie not written");
        log.log(System.Logger.Level.WARNING, "LK-106", "store down");
        assertEquals(List.of("LK-106 store down", "LK-107 cookie not written"), logger.lines);
    }
}
