package dev.latchkey.internal.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.RecordingAttemptStore;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.AttemptStoreContract;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.throttle.ThrottleLimit;
import dev.latchkey.throttle.ThrottleSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The limiter on a clock moved by hand: when an attempt waits, how long, and what a success clears.
 * An attempt is counted when it is let through ({@link SignInThrottle#reserve}); one that then fails
 * needs nothing more.
 */
class SignInThrottleTest implements AttemptStoreContract {

    private final MutableClock clock = MutableClock.startingAt("2026-11-23T10:00:00Z");
    private final InMemoryAttemptStore memory = new InMemoryAttemptStore();
    private final RecordingAttemptStore store = new RecordingAttemptStore();
    private final List<String> keysSeen = store.keysSeen;
    private final SignInThrottle throttle = new SignInThrottle(store, clock, ThrottleSettings.defaults());

    @Override
    public AttemptStore attemptStore() {
        return memory;
    }

    @Override
    public AttemptStore otherAttemptNode() {
        return memory;
    }

    /** {@code n} failed attempts, each let through; then what the next attempt is told. */
    private Optional<Duration> failTimes(int n, String account, String address) {
        for (int i = 0; i < n; i++) {
            assertEquals(Optional.empty(), throttle.reserve(account, address), "failure " + (i + 1) + " of " + n);
        }
        return throttle.reserve(account, address);
    }

    @Test
    void threeQuickFailuresThenTheFourthAttemptWaitsAndTheWaitDoubles() {
        assertEquals(Optional.empty(), failTimes(2, "ada", "192.0.2.1"), "two failures: the third goes ahead");
        assertEquals(Optional.of(Duration.ofSeconds(10)), throttle.reserve("ada", "192.0.2.1"),
                "the third attempt: 10 s before the fourth");
        clock.advance(Duration.ofSeconds(4));
        assertEquals(Optional.of(Duration.ofSeconds(6)), throttle.reserve("ada", "192.0.2.1"), "whatever the password");
        clock.advance(Duration.ofSeconds(6));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            waits.add(failTimes(1, "ada", "192.0.2.1").orElseThrow().toSeconds());
            clock.advance(Duration.ofSeconds(waits.get(i)));
        }
        assertEquals(List.of(20L, 40L, 80L, 160L, 320L, 640L, 900L, 900L, 900L), waits, "doubling up to 15 minutes");
    }

    @Test
    void aSuccessClearsThePairAndTheAccountAndGivesTheAddressItsAttemptBack() {
        failTimes(1, "ada", "192.0.2.1");
        throttle.succeeded("ada", "192.0.2.1");
        assertEquals(Optional.empty(), failTimes(2, "ada", "192.0.2.1"), "the pair starts again");
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), throttle.reserve("member" + i, "198.51.100.9"));
            throttle.succeeded("member" + i, "198.51.100.9");
        }
        assertEquals(Optional.empty(), throttle.reserve("someone", "198.51.100.9"), "100 sign-ins from one network are no failures");
        for (int i = 0; i < 29; i++) {
            assertEquals(Optional.empty(), throttle.reserve("user" + i, "198.51.100.7"));
            assertEquals(Optional.empty(), throttle.reserve("mine", "198.51.100.7"));
            throttle.succeeded("mine", "198.51.100.7");
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), failTimes(1, "someone-else", "198.51.100.7"),
                "30 failures from one address, whatever the accounts and successes between: credential stuffing waits");
        assertEquals(Optional.empty(), throttle.reserve("someone-else", "198.51.100.8"), "another address does not");
    }

    @Test
    void aDistributedGuesserDelaysTheAccountByMinutesNeverLocksIt() {
        for (int i = 0; i < 9; i++) {
            assertEquals(Optional.empty(), throttle.reserve("victim", "203.0.113." + i));
        }
        assertEquals(Optional.empty(), throttle.reserve("victim", "203.0.113.9"), "the tenth");
        assertEquals(Optional.of(Duration.ofSeconds(5)), throttle.reserve("victim", "192.0.2.200"),
                "ten failures from anywhere: the account waits, from every address");
        for (int i = 10; i < 40; i++) {
            clock.advance(throttle.reserve("victim", "203.0.113." + i).orElse(Duration.ZERO));
            throttle.reserve("victim", "203.0.113." + i);
        }
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.reserve("victim", "192.0.2.200"), "at most 5 minutes");
    }

    @Test
    void namesDifferingInCaseAreOneAccountAndNeitherNameNorAddressIsStored() {
        failTimes(2, "Ada", "192.0.2.1");
        assertTrue(throttle.reserve("ADA ", "192.0.2.1").isPresent(), "the third attempt of Ada blocks ADA");
        assertFalse(keysSeen.isEmpty());
        for (String key : keysSeen) {
            assertTrue(key.matches("[pau]:[A-Za-z0-9_-]{43}"), key);
            assertFalse(key.toLowerCase().contains("ada") || key.contains("192"), key);
        }
    }

    @Test
    void withoutAnAccountOnlyTheAddressIsCounted() {
        throttle.reserve(null, "192.0.2.1");
        assertEquals(List.of("a:"), keysSeen.stream().map(key -> key.substring(0, 2)).toList());
    }

    @Test
    void countersAreForgottenAnHourAfterTheLastAttempt() {
        failTimes(3, "ada", "192.0.2.1");
        throttle.reserve("bob", "192.0.2.2");
        clock.advance(Duration.ofMinutes(61));
        assertEquals(Optional.empty(), failTimes(2, "ada", "192.0.2.1"), "counting starts again");
        assertEquals(3, throttle.deleteForgotten(100), "bob's three counters are deleted, ada's fresh ones kept");
        assertEquals(Optional.of(Duration.ofSeconds(10)), throttle.reserve("ada", "192.0.2.1"));
    }

    @Test
    void aLimitOfZeroFailuresIsOff() {
        SignInThrottle pairOnly = new SignInThrottle(new InMemoryAttemptStore(), clock, new ThrottleSettings(
                new ThrottleLimit(3, Duration.ofSeconds(10), Duration.ofMinutes(15)), ThrottleLimit.OFF, ThrottleLimit.OFF,
                Duration.ofHours(1)));
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), pairOnly.reserve("user" + i, "198.51.100.7"), "no address limit");
        }
        SignInThrottle off = new SignInThrottle(new InMemoryAttemptStore(), clock, ThrottleSettings.off());
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), off.reserve("ada", "192.0.2.1"));
        }
        assertFalse(ThrottleSettings.off().isOn());
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ThrottleLimit(-1, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ThrottleLimit(3, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ThrottleLimit(3, Duration.ofMinutes(2), Duration.ofMinutes(1)));
        IllegalArgumentException shortMemory = assertThrows(IllegalArgumentException.class, () -> new ThrottleSettings(
                ThrottleSettings.defaults().pair(), ThrottleLimit.OFF, ThrottleLimit.OFF, Duration.ofMinutes(10)));
        assertTrue(shortMemory.getMessage().startsWith("latchkey.throttle.forget-after (PT10M) must be at least"));
        ThrottleLimit limit = new ThrottleLimit(3, Duration.ofSeconds(10), Duration.ofMinutes(15));
        assertEquals(Duration.ZERO, limit.delayAfter(2));
        assertEquals(Duration.ofSeconds(10), limit.delayAfter(3));
        assertEquals(Duration.ofMinutes(15), limit.delayAfter(1_000_000), "no overflow");
    }
}
