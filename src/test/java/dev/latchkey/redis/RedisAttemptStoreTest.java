package dev.latchkey.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.RedisServer;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.AttemptStoreContract;
import dev.latchkey.throttle.ThrottleLimit;
import dev.latchkey.throttle.ThrottleSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in attempt counters in Redis: the attempt store contract on two nodes, shared by every node, gone by themselves once forgotten. */
class RedisAttemptStoreTest implements AttemptStoreContract {

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

    @Override
    public AttemptStore attemptStore() {
        return nodeA.attemptStore();
    }

    @Override
    public AttemptStore otherAttemptNode() {
        return nodeB.attemptStore();
    }

    @Test
    void attemptCountersAreSharedByTwoNodesAndOutliveANode() {
        SignInThrottle a = new SignInThrottle(nodeA.attemptStore(), clock, ThrottleSettings.defaults());
        SignInThrottle b = new SignInThrottle(nodeB.attemptStore(), clock, ThrottleSettings.defaults());
        assertEquals(Optional.empty(), a.reserve("Ada", "192.0.2.1"));
        assertEquals(Optional.empty(), b.reserve("ada", "192.0.2.1"));
        assertEquals(Optional.empty(), a.reserve("ada", "192.0.2.1"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), b.reserve("ada", "192.0.2.1"),
                "three attempts on two nodes: the fourth waits on both");
        b.succeeded("ada", "192.0.2.1");
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), a.reserve("ada", "192.0.2.1"), "a success on B clears A's view");
        }
        nodeA.close();
        try (RedisSessionStore restarted = RedisSessionStore.builder(server.uri()).build()) {
            assertEquals(Optional.of(Duration.ofSeconds(10)),
                    new SignInThrottle(restarted.attemptStore(), clock, ThrottleSettings.defaults()).reserve("ada", "192.0.2.1"),
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
    void aCounterBlockedLongerThanItIsRememberedLivesUntilItsBlockEnds() {
        ThrottleLimit day = new ThrottleLimit(1, Duration.ofHours(24), Duration.ofHours(24));
        Instant now = clock.instant();
        nodeA.attemptStore().reserve(List.of(new AttemptStore.Counter("a:long", day)), now, now.minus(Duration.ofHours(1)));
        assertEquals(Duration.ofHours(24).toMillis(), server.with(jedis -> jedis.pttl("latchkey:a:a:long")), 1000);
        assertEquals(0, nodeA.attemptStore().deleteForgotten(now, 100), "Redis forgets by itself");
    }
}
