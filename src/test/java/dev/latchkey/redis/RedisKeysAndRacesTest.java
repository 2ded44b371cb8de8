package dev.latchkey.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionAttributes;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.StoredSession;
import dev.latchkey.testing.RedisServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * What the Redis store does beyond the shared contract: races decided by its scripts, keys that
 * expire by themselves with their sessions, what is in Redis (never a token), and URI checking. On a
 * real Redis server, with the system clock: TTLs are Redis's own.
 */
class RedisKeysAndRacesTest {

    private static final String PREFIX = "latchkey:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisServer server = RedisServer.get();
    private RedisSessionStore store;

    @BeforeEach
    void emptyRedis() {
        server.flush();
        store = RedisSessionStore.builder(server.uri()).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String newId() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, 32);
    }

    private static StoredSession session(String id, String userId, Instant created, Instant expires) {
        Session s = new Session(id, userId, created, expires, created, created, Duration.between(created, expires), true,
                null, null, Set.of("user"), SessionAttributes.empty());
        return new StoredSession(s, new byte[StoredSession.SECRET_HASH_BYTES]);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private long pttl(String key) {
        return server.with(jedis -> jedis.pttl(key));
    }

    // ---- races ----

    @Test
    void ofTwentyConcurrentRenewalsExactlyOneWinsAndItsDeadlineIsStored() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (int round = 0; round < 10; round++) {
                Instant now = now();
                String id = newId();
                Instant deadline = now.plus(Duration.ofMinutes(10));
                store.insert(session(id, "racer", now, deadline));
                CyclicBarrier start = new CyclicBarrier(20);
                List<Future<Boolean>> renewals = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    Instant mine = deadline.plus(Duration.ofMinutes(i + 1));
                    renewals.add(pool.submit(() -> {
                        start.await();
                        return store.renew(id, deadline, mine, now);
                    }));
                }
                List<Integer> winners = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    if (renewals.get(i).get(30, TimeUnit.SECONDS)) {
                        winners.add(i);
                    }
                }
                assertEquals(1, winners.size(), "exactly one renewal wins: " + winners);
                Instant winnersDeadline = deadline.plus(Duration.ofMinutes(winners.get(0) + 1));
                assertEquals(winnersDeadline, store.find(id).orElseThrow().session().expiresAt());
                assertEquals(Long.toString(winnersDeadline.toEpochMilli()),
                        server.with(jedis -> jedis.hget(PREFIX + "s:" + id, "expiresAt")));
                long expected = Duration.between(Instant.now(), winnersDeadline).plusSeconds(60).toMillis();
                assertEquals(expected, pttl(PREFIX + "s:" + id), 1000, "the key's TTL moved with the winner's deadline");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signOutEverywhereRacingWithSignInsKeepsTheUsersIndexExact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            AtomicBoolean inserting = new AtomicBoolean(true);
            CyclicBarrier start = new CyclicBarrier(3);
            List<Future<Integer>> inserters = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                inserters.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 150; i++) {
                        Instant now = now();
                        store.insert(session(newId(), "busy", now, now.plus(Duration.ofHours(1))));
                    }
                    return 150;
                }));
            }
            Future<Integer> deleter = pool.submit(() -> {
                start.await();
                int deleted = 0;
                while (inserting.get()) {
                    deleted += store.deleteUserSessions("busy");
                }
                return deleted;
            });
            int inserted = inserters.get(0).get(60, TimeUnit.SECONDS) + inserters.get(1).get(60, TimeUnit.SECONDS);
            inserting.set(false);
            int deleted = deleter.get(60, TimeUnit.SECONDS);

            Set<String> hashes = sessionIds("busy");
            Set<String> indexed = server.with(jedis -> jedis.smembers(PREFIX + "u:busy"));
            assertEquals(hashes, indexed, "the user's set holds exactly the user's sessions");
            assertEquals(hashes, new HashSet<>(server.with(jedis -> jedis.zrange(PREFIX + "expiry", 0, -1))),
                    "the expiry index holds exactly the sessions");
            assertEquals(inserted, deleted + hashes.size(), "every session inserted was deleted once or is still there");
            assertEquals(hashes.size(), store.deleteUserSessions("busy"));
            assertFalse(server.<Boolean>with(jedis -> jedis.exists(PREFIX + "u:busy")), "an empty set is no key");
        } finally {
            pool.shutdownNow();
        }
    }

    private Set<String> sessionIds(String userId) {
        return server.with(jedis -> {
            Set<String> ids = new HashSet<>();
            for (String key : jedis.keys(PREFIX + "s:*")) {
                if (userId.equals(jedis.hget(key, "userId"))) {
                    ids.add(key.substring((PREFIX + "s:").length()));
                }
            }
            return ids;
        });
    }

    // ---- expiry by Redis ----

    @Test
    void aSessionsKeyExpiresWithItsDeadlinePlusTheGraceAndRenewalMovesIt() {
        Instant now = now();
        String id = newId();
        store.insert(session(id, "ttl", now, now.plus(Duration.ofHours(1))));
        assertEquals(Duration.ofHours(1).plusSeconds(60).toMillis(), pttl(PREFIX + "s:" + id), 1000);
        assertTrue(pttl(PREFIX + "u:ttl") >= pttl(PREFIX + "s:" + id) - 50, "the user's set lives as long as the session");

        assertTrue(store.renew(id, now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), now.plusSeconds(1)));
        assertEquals(Duration.ofDays(30).plusSeconds(60).toMillis(), pttl(PREFIX + "s:" + id), 1000);
        assertEquals(Duration.ofDays(30).plusSeconds(60).toMillis(), pttl(PREFIX + "u:ttl"), 1000);

        String shortOne = newId();
        store.insert(session(shortOne, "ttl", now, now.plus(Duration.ofMinutes(5))));
        assertEquals(Duration.ofDays(30).plusSeconds(60).toMillis(), pttl(PREFIX + "u:ttl"), 1000,
                "a shorter session does not shorten the user's set");
    }

    @Test
    void aSessionPastItsDeadlineDisappearsByItselfAndLeavesNoIndexEntryOnceRead() throws Exception {
        try (RedisSessionStore exact = RedisSessionStore.builder(server.uri()).expiryGrace(Duration.ZERO).build()) {
            Instant now = now();
            String soon = newId();
            String later = newId();
            exact.insert(session(soon, "fading", now, now.plusMillis(300)));
            exact.insert(session(later, "fading", now, now.plus(Duration.ofHours(1))));
            long ttl = pttl(PREFIX + "s:" + soon);
            assertTrue(ttl > 0 && ttl <= 300, "TTL " + ttl);

            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.with(jedis -> jedis.exists(PREFIX + "s:" + soon)) && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            assertFalse(server.<Boolean>with(jedis -> jedis.exists(PREFIX + "s:" + soon)), "Redis deleted the expired session");
            assertTrue(exact.find(soon).isEmpty());
            assertTrue(exact.find(later).isPresent());

            assertEquals(List.of(later), exact.listUserSessions("fading", Instant.now()).stream().map(Session::id).toList());
            assertEquals(Set.of(later), server.with(jedis -> jedis.smembers(PREFIX + "u:fading")),
                    "the expired id left the user's set when it was read");
            assertEquals(0, exact.deleteExpired(Instant.now(), 100), "nothing left for the cleanup to delete");
            assertEquals(List.of(later), server.with(jedis -> jedis.zrange(PREFIX + "expiry", 0, -1)),
                    "the expired id left the expiry index");
        }
    }

    @Test
    void theCleanupDeletesSessionsInTheirGraceAndSignEverybodyOutDeletesAll() {
        Instant now = now();
        String expired = newId();
        store.insert(session(expired, "a", now.minus(Duration.ofHours(1)), now.minusSeconds(10)));
        assertTrue(store.find(expired).isPresent(), "just expired: still found, so that Latchkey reports it expired");
        for (int i = 0; i < 5; i++) {
            store.insert(session(newId(), "b" + i, now, now.plus(Duration.ofDays(1))));
        }
        assertEquals(1, new Latchkey(store, Clock.systemUTC(), LatchkeyConfig.defaults()).deleteExpiredSessions());
        assertTrue(store.find(expired).isEmpty());
        assertEquals(5, new Latchkey(store, Clock.systemUTC(), LatchkeyConfig.builder().cleanupBatchSize(2).build())
                .invalidateAllSessions());
        assertEquals(Set.of(), server.with(jedis -> jedis.keys(PREFIX + "*")), "nothing left in Redis");
    }

    @Test
    void scriptsAreSentAgainWhenRedisForgotThem() {
        Instant now = now();
        String id = newId();
        store.insert(session(id, "u", now, now.plus(Duration.ofHours(1))));
        server.with(Jedis::scriptFlush);
        assertTrue(store.renew(id, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), now));
        assertTrue(store.delete(id));
    }

    // ---- what Redis holds ----

    @Test
    void noKeyAndNoValueHoldsTheTokenOrItsSecret() {
        Latchkey latchkey = new Latchkey(store, Clock.systemUTC(), LatchkeyConfig.defaults());
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true).groups(List.of("admin"))
                .client("198.51.100.7", "Firefox").attributes(SessionAttributes.empty().with("tenant", "acme")));
        assertTrue(latchkey.markAuthenticated(issued.session()).isPresent());
        latchkey.listUserSessions("alice");
        String token = issued.token();
        String secret = token.substring(token.indexOf('.') + 1);
        assertTrue(secret.length() >= 40, "the secret part of the token");

        List<String> everything = server.with(jedis -> {
            List<String> all = new ArrayList<>();
            for (String key : jedis.keys("*")) {
                all.add(key);
                switch (jedis.type(key)) {
                    case "hash" -> jedis.hgetAll(key).forEach((field, value) -> {
                        all.add(field);
                        all.add(value);
                    });
                    case "set" -> all.addAll(jedis.smembers(key));
                    case "zset" -> all.addAll(jedis.zrange(key, 0, -1));
                    default -> throw new AssertionError("unexpected key type " + jedis.type(key) + " of " + key);
                }
            }
            return all;
        });
        assertEquals(Set.of(PREFIX + "s:" + issued.session().id(), PREFIX + "u:alice", PREFIX + "expiry"),
                server.with(jedis -> jedis.keys("*")));
        for (String text : everything) {
            assertFalse(text.contains(secret), "a key or value holds the token's secret: " + text);
            assertFalse(text.contains(token), "a key or value holds the token: " + text);
        }
        Map<String, String> hash = server.with(jedis -> jedis.hgetAll(PREFIX + "s:" + issued.session().id()));
        assertTrue(hash.get("secretHash").matches("[0-9a-f]{64}"), "SHA-256 of the secret, in hex");
        assertEquals("198.51.100.7", hash.get("clientIp"));
        assertEquals("tenant=acme", hash.get("attributes"));
    }

    @Test
    void keysLiveUnderTheirPrefixSoThatApplicationsCanShareADatabase() {
        try (RedisSessionStore shop = RedisSessionStore.builder(server.uri()).prefix("shop:").build()) {
            Instant now = now();
            shop.insert(session(newId(), "alice", now, now.plus(Duration.ofHours(1))));
            store.insert(session(newId(), "alice", now, now.plus(Duration.ofHours(1))));
            assertEquals(1, shop.deleteUserSessions("alice"));
            assertEquals(1, store.listUserSessions("alice", now).size());
            assertTrue(server.with(jedis -> jedis.keys("shop:*")).isEmpty());
        }
    }

    // ---- settings ----

    @Test
    void aUriThatCannotBeUsedIsRefusedWithoutRepeatingIt() {
        for (String bad : List.of("http://user:hunter2@host:6379", "redis://user:hun@ter2@:6379", "redis://:hunter2@host:99999",
                "redis://user:hunter2@host:6379/zero", "rediss://user:hunter 2@host", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisSessionStore.builder(bad));
            assertTrue(e.getMessage().startsWith("the Redis URI must be redis://host:port or rediss://user:password@host:port/database"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("hunter"), e.getMessage());
        }
        assertEquals("the Redis key prefix must be 1-64 visible ASCII characters without spaces, such as latchkey: or"
                + " shop:sessions:, but was: a b", assertThrows(IllegalArgumentException.class,
                        () -> RedisSessionStore.builder("redis://localhost").prefix("a b")).getMessage());
    }

    @Test
    void theDescriptionNamesHostAndPortButNeverTheCredentials() {
        server.with(jedis -> jedis.aclSetUser("describer", "on", ">hunter2", "~*", "+@all"));
        try (RedisSessionStore withUser = RedisSessionStore.builder("redis://describer:hunter2@127.0.0.1:" + server.port() + "/0")
                .build()) {
            String described = withUser.describe();
            assertTrue(described.startsWith("Redis store at 127.0.0.1:" + server.port() + " (keys latchkey:*, a session's key"
                    + " expires PT1M after its idle deadline; Redis "), described);
            assertTrue(described.endsWith(" reached, maxmemory-policy noeviction)"), described);
            assertFalse(described.contains("hunter2") || described.contains("describer"), described);
            Instant now = now();
            withUser.insert(session(newId(), "u", now, now.plusSeconds(60)));
        }
        try (RedisSessionStore wrongPassword = RedisSessionStore.builder("redis://describer:wrong@127.0.0.1:" + server.port())
                .build()) {
            assertTrue(wrongPassword.describe().endsWith("not reached at start (JedisAccessControlException): requests that"
                    + " need a session answer 503 until it is)"), wrongPassword.describe());
            SessionStoreException e = assertThrows(SessionStoreException.class, () -> wrongPassword.find(newId()));
            assertEquals("Redis store: find failed (JedisAccessControlException)", e.getMessage());
        }
    }
}
