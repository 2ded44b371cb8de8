package dev.latchkey.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.testing.RedisServer;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.ThrottleSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Redis stops and starts again under the store: every operation fails fast with a
 * {@link SessionStoreException} (so the facade answers {@code LK-106}), and the same store works
 * again once Redis is back, without a restart of the application. The test server keeps nothing on
 * disk, as a Redis without persistence: after its restart the sessions are gone.
 */
class RedisOutageTest {

    private final RedisServer server = RedisServer.get();
    private RedisSessionStore store;
    private Latchkey latchkey;

    @BeforeEach
    void open() {
        server.flush();
        store = RedisSessionStore.builder(server.uri()).build();
        latchkey = new Latchkey(store, Clock.systemUTC(), LatchkeyConfig.defaults());
    }

    @AfterEach
    void close() {
        server.start();
        store.close();
    }

    @Test
    void whileRedisIsDownEveryOperationFailsFastAndAfterwardsTheStoreWorksAgainWithTheSessionsGone() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true));
        String id = issued.session().id();
        Instant now = Instant.now();
        AttemptStore attempts = store.attemptStore();

        server.stop();
        Map<String, Executable> operations = new LinkedHashMap<>();
        operations.put("insert", () -> latchkey.createSession(NewSession.forUser("bob")));
        operations.put("find", () -> store.find(id));
        operations.put("renew", () -> store.renew(id, issued.session().expiresAt(), now.plus(Duration.ofDays(31)), now));
        operations.put("delete", () -> store.delete(id));
        operations.put("deleteIfExpiresAt", () -> store.deleteIfExpiresAt(id, issued.session().expiresAt()));
        operations.put("deleteUserSessions", () -> store.deleteUserSessions("alice"));
        operations.put("deleteUserSessionsExcept", () -> store.deleteUserSessionsExcept("alice", id));
        operations.put("updateUserGroups", () -> store.updateUserGroups("alice", Set.of("admin")));
        operations.put("markAuthenticated", () -> store.markAuthenticated(id, now));
        operations.put("listUserSessions", () -> store.listUserSessions("alice", now));
        operations.put("deleteExpired", () -> store.deleteExpired(now, 100));
        operations.put("counting a sign-in attempt", () -> attempts.reserve(List.of(new AttemptStore.Counter("p:x",
                ThrottleSettings.defaults().pair())), now, now.minusSeconds(3600)));
        operations.put("giving back a sign-in attempt", () -> attempts.release(new AttemptStore.Counter("a:x", ThrottleSettings.defaults().address())));
        operations.put("clearing sign-in attempts", () -> attempts.clear("p:x"));
        for (Map.Entry<String, Executable> operation : operations.entrySet()) {
            long start = System.nanoTime();
            SessionStoreException e = assertThrows(SessionStoreException.class, operation.getValue(), operation.getKey());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < Duration.ofSeconds(RedisSessionStore.DEFAULT_TIMEOUT_SECONDS).toMillis(),
                    operation.getKey() + " took " + millis + " ms");
            assertEquals("Redis store: " + operation.getKey() + " failed (JedisConnectionException)", e.getMessage());
        }
        assertEquals(Reason.STORE_UNAVAILABLE, latchkey.validateSession(issued.token()).rejection().orElseThrow());

        server.start();
        assertEquals(Reason.UNKNOWN_SESSION, latchkey.validateSession(issued.token()).rejection().orElseThrow(),
                "Redis came back empty: the session is gone, and the same store answers");
        IssuedSession again = latchkey.createSession(NewSession.forUser("alice"));
        assertTrue(latchkey.validateSession(again.token()).isValid());
        assertEquals(1, latchkey.listUserSessions("alice").size());
    }

    @Test
    void afterAQuietRestartTheFirstValidationIsAnsweredAndWritesWork() throws Exception {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("carol"));
        warmThePool(issued.token());

        server.stop();
        server.start(); // nothing used the store meanwhile: its pooled connections are all broken
        assertEquals(Reason.UNKNOWN_SESSION, latchkey.validateSession(issued.token()).rejection().orElseThrow(),
                "answered by Redis, not LK-106: a read that meets a broken connection is tried again on a new one");
        IssuedSession fresh = latchkey.createSession(NewSession.forUser("carol"));
        assertTrue(latchkey.validateSession(fresh.token()).isValid(), "the broken connections were dropped");
    }

    /** Several connections in the pool at once, idle afterwards. */
    private void warmThePool(String token) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> validations = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                validations.add(pool.submit(() -> latchkey.validateSession(token).isValid()));
            }
            for (Future<Boolean> valid : validations) {
                assertTrue(valid.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
