package dev.latchkey.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.throttle.ThrottleSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scheduled cleanup of attempt counters: a run goes on while its batches come back full. */
class CleanupScheduleTest {

    @Test
    void aRunDeletesEveryForgottenCounterHoweverManyBatchesItTakes() {
        MutableClock clock = MutableClock.startingAt("2026-12-02T10:00:00Z");
        InMemoryAttemptStore store = new InMemoryAttemptStore();
        for (int i = 0; i < 60_123; i++) {
            store.reserve(List.of(new AttemptStore.Counter("a:" + i, ThrottleSettings.defaults().address())),
                    clock.instant(), clock.instant().minus(Duration.ofHours(1)));
        }
        SignInThrottle throttle = new SignInThrottle(store, clock, ThrottleSettings.defaults());
        assertEquals(Optional.empty(), throttle.reserve("fresh", "192.0.2.1"));
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), throttle.reserve("fresher", "192.0.2.2"));
        clock.advance(Duration.ofMinutes(31));
        assertEquals(60_123 + 3, CleanupSchedule.deleteForgottenCounters(throttle, 500),
                "more than 100 batches of 500 in one run; the three counters of the later attempt kept");
        assertEquals(0, CleanupSchedule.deleteForgottenCounters(throttle, 500));
    }
}
