package dev.latchkey.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AttemptStore} must do, as default tests over two nodes of one store (the same
 * object for a store in memory): an attempt is counted before it goes ahead, on all its counters or
 * none, so that however many arrive at once a limit lets exactly its number through.
 */
public interface AttemptStoreContract {

    Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    Instant FORGET_BEFORE = NOW.minus(Duration.ofHours(1));
    ThrottleLimit THREE = new ThrottleLimit(3, Duration.ofSeconds(10), Duration.ofMinutes(15));
    ThrottleLimit ONE = new ThrottleLimit(1, Duration.ofSeconds(10), Duration.ofSeconds(10));

    /** A node of the store, emptied of counters. */
    AttemptStore attemptStore();

    /** Another node on the same counters (the same object for a store in memory). */
    AttemptStore otherAttemptNode();

    private static AttemptStore.Counter counter(String key, ThrottleLimit limit) {
        return new AttemptStore.Counter(key, limit);
    }

    /** Fifty reservations at once, alternating between the two nodes: the counters of the i-th, and each answer. */
    private List<Optional<Instant>> fiftyAtOnce(IntFunction<List<AttemptStore.Counter>> countersOf) throws Exception {
        AttemptStore a = attemptStore();
        AttemptStore b = otherAttemptNode();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CyclicBarrier start = new CyclicBarrier(50);
            List<Future<Optional<Instant>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                AttemptStore node = i % 2 == 0 ? a : b;
                List<AttemptStore.Counter> counters = countersOf.apply(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return node.reserve(counters, NOW, FORGET_BEFORE);
                }));
            }
            List<Optional<Instant>> answered = new ArrayList<>();
            for (Future<Optional<Instant>> answer : answers) {
                answered.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answered;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void fiftyAttemptsAtOnceOnTwoNodesGoAheadExactlyAsOftenAsTheLimitAllows() throws Exception {
        List<Optional<Instant>> answers = fiftyAtOnce(i -> List.of(counter("p:race", THREE), counter("a:race", THREE)));
        for (Optional<Instant> blocked : answers) {
            blocked.ifPresent(until -> assertEquals(NOW.plusSeconds(10), until, "blocked by the third attempt"));
        }
        assertEquals(3, answers.stream().filter(Optional::isEmpty).count(), "attempts that went ahead");
    }

    /**
     * Credential stuffing: fifty different accounts tried at once from one address, each attempt with
     * counters of its own that no row holds yet beside the address's. The address's limit still lets
     * exactly its number through, and no attempt fails on the race of the new rows.
     */
    @Test
    default void fiftyDifferentAccountsAtOnceFromOneAddressGoAheadExactlyAsOftenAsTheAddressAllows() throws Exception {
        List<Optional<Instant>> answers = fiftyAtOnce(i -> List.of(counter("p:stuffed-" + i, THREE),
                counter("a:stuffing", THREE), counter("u:stuffed-" + i, THREE)));
        assertEquals(3, answers.stream().filter(Optional::isEmpty).count(), "attempts that went ahead");
    }

    @Test
    default void anAttemptIsCountedOnAllItsCountersOrOnNone() {
        AttemptStore store = attemptStore();
        assertEquals(Optional.empty(), store.reserve(List.of(counter("a:shared", ONE)), NOW, FORGET_BEFORE));
        assertEquals(Optional.of(NOW.plusSeconds(10)),
                store.reserve(List.of(counter("p:fresh", ONE), counter("a:shared", ONE)), NOW.plusSeconds(1), FORGET_BEFORE),
                "the address is blocked by its first attempt");
        assertEquals(Optional.empty(), otherAttemptNode().reserve(List.of(counter("p:fresh", ONE)), NOW.plusSeconds(2),
                FORGET_BEFORE), "the refused attempt counted nothing on its other counter");
        assertEquals(Optional.of(NOW.plusSeconds(12)), store.reserve(List.of(counter("p:fresh", ONE)), NOW.plusSeconds(3),
                FORGET_BEFORE));
    }

    @Test
    default void eachAttemptAtItsLimitWaitsAsThrottleLimitSays() {
        AttemptStore store = attemptStore();
        Instant now = NOW;
        for (int count = 1; count <= 14; count++) {
            assertEquals(Optional.empty(), store.reserve(List.of(counter("p:doubling", THREE)), now,
                    now.minus(Duration.ofHours(1))), "attempt " + count + ", after the wait of the one before");
            Duration wait = THREE.delayAfter(count);
            if (!wait.isZero()) {
                assertEquals(Optional.of(now.plus(wait)), otherAttemptNode().reserve(List.of(counter("p:doubling", THREE)),
                        now, now.minus(Duration.ofHours(1))), "the wait after attempt " + count);
            }
            now = now.plus(wait);
        }
    }

    @Test
    default void aCounterLastUsedBeforeForgetBeforeStartsAgainAtOne() {
        AttemptStore store = attemptStore();
        for (int i = 0; i < 3; i++) {
            store.reserve(List.of(counter("u:old", THREE)), NOW, FORGET_BEFORE);
        }
        Instant later = NOW.plus(Duration.ofHours(2));
        assertEquals(Optional.empty(), store.reserve(List.of(counter("u:old", THREE)), later, later.minus(Duration.ofHours(1))));
        assertEquals(Optional.empty(), store.reserve(List.of(counter("u:old", THREE)), later, later.minus(Duration.ofHours(1))),
                "the second attempt since: no wait");
    }

    @Test
    default void aReleaseOfTheAttemptThatReachedTheLimitLiftsItsWait() {
        AttemptStore store = attemptStore();
        List<AttemptStore.Counter> address = List.of(counter("a:at-the-limit", THREE));
        for (int i = 0; i < 3; i++) {
            store.reserve(address, NOW, FORGET_BEFORE);
        }
        otherAttemptNode().release(address.get(0));
        assertEquals(Optional.empty(), store.reserve(address, NOW.plusSeconds(1), FORGET_BEFORE),
                "the third attempt succeeded: no wait is left of it");
        assertEquals(Optional.of(NOW.plusSeconds(11)), store.reserve(address, NOW.plusSeconds(2), FORGET_BEFORE));
    }

    @Test
    default void aReleaseGivesOneAttemptBackAndAClearForgetsTheCounter() {
        AttemptStore store = attemptStore();
        List<AttemptStore.Counter> address = List.of(counter("a:released", THREE));
        store.reserve(address, NOW, FORGET_BEFORE);
        store.reserve(address, NOW, FORGET_BEFORE);
        otherAttemptNode().release(address.get(0));
        assertEquals(Optional.empty(), store.reserve(address, NOW, FORGET_BEFORE), "the second of three");
        assertEquals(Optional.empty(), store.reserve(address, NOW, FORGET_BEFORE), "the third of three");
        assertEquals(Optional.of(NOW.plusSeconds(10)), store.reserve(address, NOW, FORGET_BEFORE));
        store.clear("a:released");
        assertEquals(Optional.empty(), otherAttemptNode().reserve(address, NOW, FORGET_BEFORE), "cleared");
        List<AttemptStore.Counter> twice = List.of(counter("a:released-twice", THREE));
        store.reserve(twice, NOW, FORGET_BEFORE);
        store.release(twice.get(0));
        store.release(twice.get(0));
        for (int i = 1; i <= 3; i++) {
            assertEquals(Optional.empty(), store.reserve(twice, NOW, FORGET_BEFORE), "attempt " + i + " after two releases");
        }
        assertEquals(Optional.of(NOW.plusSeconds(10)), store.reserve(twice, NOW, FORGET_BEFORE),
                "a release never takes a count below zero");
        assertEquals(Optional.empty(), store.reserve(List.of(), NOW, FORGET_BEFORE), "no counter, nothing to block");
    }
}
