package dev.latchkey.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The application's clock, which the test moves forward instead of waiting. Latchkey uses a produced Clock. */
@ApplicationScoped
public class TestClock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    static void advance(Duration by) {
        OFFSET.updateAndGet(o -> o.plus(by));
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new OffsetClock();
    }

    /** The system clock plus the offset the test has moved it by. */
    public static class OffsetClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(OFFSET.get());
        }
    }
}
