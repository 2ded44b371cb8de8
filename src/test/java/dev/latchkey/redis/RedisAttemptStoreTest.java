package dev.latchkey.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.RedisServer;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.SignInThrottle;
import dev.latchkey.throttle.ThrottleSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in failure counters in Redis: shared by every node, never a lost count, gone by themselves once forgotten. */
class RedisAttemptStoreTest {

    private final RedisServer server = RedisServer.get();
    private final MutableClock clock = MutableClock.startingAt("2026-11-23T10:00:00Z");
    private RedisSessionStore nodeA;
    private RedisSessionStore nodeB;

    @BeforeEach
    void open() {
        server.flush();
        nodeA = RedisSessionStore.builder(server.uri()).build();
        nodeB = RedisSessionStore.builder(server.uri()).build();
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void failureCountersAreSharedByTwoNodesAndOutliveANode() {
        SignInThrottle a = new SignInThrottle(nodeA.attemptStore(), clock, ThrottleSettings.defaults());
        SignInThrottle b = new SignInThrottle(nodeB.attemptStore(), clock, ThrottleSettings.defaults());
        a.failed("Ada", "192.0.2.1");
        b.failed("ada", "192.0.2.1");
        assertEquals(Optional.empty(), a.check("ada", "192.0.2.1"));
        a.failed("ada", "192.0.2.1");
        assertEquals(Optional.of(Duration.ofSeconds(10)), b.check("ada", "192.0.2.1"),
                "three failures on two nodes: the fourth attempt waits on both");
        b.succeeded("ada", "192.0.2.1");
        assertEquals(Optional.empty(), a.check("ada", "192.0.2.1"), "a success on B clears A's view");
        a.failed("ada", "192.0.2.1");
        a.failed("ada", "192.0.2.1");
        a.failed("ada", "192.0.2.1");
        nodeA.close();
        try (RedisSessionStore restarted = RedisSessionStore.builder(server.uri()).build()) {
            assertEquals(Optional.of(Duration.ofSeconds(10)),
                    new SignInThrottle(restarted.attemptStore(), clock, ThrottleSettings.defaults()).check("ada", "192.0.2.1"),
                    "a restarted node still sees the counters");
        }
        for (String key : server.with(jedis -> jedis.keys("*"))) {
            assertTrue(key.matches("latchkey:a:[pau]:[A-Za-z0-9_-]{43}"), "a hash, never a name or address: " + key);
            assertEquals(Duration.ofHours(1).toMillis(), server.with(jedis -> jedis.pttl(key)), 1000,
                    "a counter expires once forgotten (forget-after 1h)");
        }
        nodeA = RedisSessionStore.builder(server.uri()).build();
    }

    @Test
    void concurrentFailuresOnTwoNodesLoseNoCount() throws Exception {
        Instant now = clock.instant();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CyclicBarrier start = new CyclicBarrier(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                AttemptStore node = (t % 2 == 0 ? nodeA : nodeB).attemptStore();
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        node.fail("p:race", now, now.minus(Duration.ofHours(1)), count -> Duration.ofSeconds(count));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(81, nodeB.attemptStore().fail("p:race", now, now.minus(Duration.ofHours(1)), count -> Duration.ZERO),
                    "80 concurrent failures, then one more");
            assertEquals(Optional.of(now.plusSeconds(80)), nodeA.attemptStore().blockedUntil(List.of("p:race", "p:other")),
                    "the longest block stays, whatever order the nodes wrote in");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForgottenCounterStartsAgainAndAnEarlierBlockNeverShortensALaterOne() {
        AttemptStore store = nodeA.attemptStore();
        Instant t0 = clock.instant();
        assertEquals(1, store.fail("a:x", t0, t0.minus(Duration.ofHours(1)), c -> Duration.ofMinutes(10)));
        assertEquals(2, store.fail("a:x", t0.plusSeconds(1), t0.minus(Duration.ofHours(1)), c -> Duration.ofSeconds(1)));
        assertEquals(Optional.of(t0.plus(Duration.ofMinutes(10))), store.blockedUntil(List.of("a:x")));
        Instant later = t0.plus(Duration.ofHours(2));
        assertEquals(1, store.fail("a:x", later, later.minus(Duration.ofHours(1)), c -> Duration.ofSeconds(5)),
                "the last failure was before forgetBefore: the count starts again");
        assertEquals(Optional.of(later.plusSeconds(5)), store.blockedUntil(List.of("a:x")));
        store.clear("a:x");
        assertEquals(Optional.empty(), store.blockedUntil(List.of("a:x")));
        assertEquals(0, store.deleteForgotten(later, 100), "Redis forgets by itself");
        assertEquals(Optional.empty(), store.blockedUntil(List.of()));
    }
}
