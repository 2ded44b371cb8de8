package dev.latchkey.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.servlet.Diagnostics;
import dev.latchkey.internal.servlet.RequestState;
import dev.latchkey.testing.FakeHttp;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Latchkey assembled from settings, a DataSource and a clock in plain Java, as the container integration does it. */
class AssemblyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T08:00:00Z"));

    private static DataSource emptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:assembly-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private static DeploymentSettings settings(Map<String, String> values) {
        return DeploymentSettings.read(new SettingValues(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void onAnEmptyDatabaseTheTableIsCreatedAndSessionsWork() {
        Assembly assembly = Assembly.assemble(settings(Map.of("latchkey.diagnostics", "true")), null, null, AssemblyTest::emptyDatabase,
                clock, new TransactionSuspender(), Set.of("admin", "user"));
        try {
            IssuedSession issued = assembly.latchkey().createSession(NewSession.forUser("alice").groups(Set.of("user")));
            assertEquals("alice", assembly.sessions().resolve(new FakeHttp.Request()
                    .header("Cookie", "latchkey=" + issued.token()).build(), null).session().userId());
            assertTrue(assembly.summary().startsWith("LK-001 Latchkey ready: JPA store on java:comp/DefaultDataSource (H2,"
                    + " table latchkey_session checked: columns and timestamp round trip ok, database clock "), assembly.summary());
            assertTrue(assembly.summary().contains("; roles declared from @RolesAllowed [admin, user]; diagnostics header on"),
                    assembly.summary());
            assertTrue(assembly.summary().contains("development cookie over plain HTTP on. Only a plain-HTTP connection"),
                    assembly.summary());
        } finally {
            assembly.unit().close();
        }
    }

    @Test
    void withoutCreatingTablesAMissingTableStopsItNamingTheScript() {
        SessionStoreException e = assertThrows(SessionStoreException.class, () -> Assembly.assemble(
                settings(Map.of("latchkey.schema.create-missing", "false")), null, null, AssemblyTest::emptyDatabase, clock,
                new TransactionSuspender(), Set.of()));
        assertTrue(e.getMessage().startsWith("Latchkey LK-403: table latchkey_session is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("META-INF/latchkey/schema/h2/V1__create_latchkey_session.sql"), e.getMessage());
    }

    @Test
    void theApplicationsOwnStoreNeedsNoDataSource() {
        Assembly assembly = Assembly.assemble(settings(Map.of()), new InMemorySessionStore(), null, () -> {
            throw new AssertionError("no DataSource is looked up for the application's own store");
        }, clock, new TransactionSuspender(), Set.of());
        assertNull(assembly.unit());
        assertTrue(assembly.summary().contains("store dev.latchkey.core.InMemorySessionStore (provided by the application)"));
        assertTrue(assembly.latchkey().validateSession(assembly.latchkey().createSession(NewSession.forUser("bob")).token()).isValid());
    }

    @Test
    void theValidationCacheIsAroundTheStoreWhenAskedForAndTheStartUpLineStatesItsBound() {
        Assembly assembly = Assembly.assemble(settings(Map.of("latchkey.cache.max-size", "1000", "latchkey.cache.max-age", "3s")),
                new InMemorySessionStore(), null, null, clock, new TransactionSuspender(), Set.of());
        assertTrue(assembly.summary().contains("; validation cache of 1000 sessions: a session revoked on another node stays"
                + " usable here for up to PT3S"), assembly.summary());
        assertTrue(assembly.latchkey().validateSession(assembly.latchkey().createSession(NewSession.forUser("bob")).token()).isValid());
        assertFalse(Assembly.assemble(settings(Map.of()), new InMemorySessionStore(), null, null, clock,
                new TransactionSuspender(), Set.of()).summary().contains("validation cache"));
    }

    @Test
    void theChangeFeedListensOnPostgresqlAndIsClosedWithTheApplication() throws Exception {
        PostgresDatabase postgres = PostgresDatabase.get();
        postgres.execute("DROP TABLE IF EXISTS latchkey_session", "DROP TABLE IF EXISTS latchkey_signin_attempt");
        Assembly assembly = Assembly.assemble(settings(Map.of("latchkey.cache.max-size", "100",
                "latchkey.cache.change-feed", "postgresql")), null, null, postgres::dataSource, clock,
                new TransactionSuspender(), Set.of());
        try {
            assertTrue(assembly.summary().contains(", dropped as soon as that node's PostgreSQL notification arrives (change"
                    + " feed on channel latchkey_session_changes)"), assembly.summary());
            IssuedSession issued = assembly.latchkey().createSession(NewSession.forUser("feed-user"));
            assertTrue(assembly.latchkey().validateSession(issued.token()).isValid());
        } finally {
            assembly.unit().close();
            for (AutoCloseable resource : assembly.resources()) {
                resource.close();
            }
        }
        assertEquals(1, assembly.resources().size(), "the feed, closed");
    }

    @Test
    void theChangeFeedNeedsPostgresql() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Assembly.assemble(
                settings(Map.of("latchkey.cache.max-size", "100", "latchkey.cache.change-feed", "postgresql")),
                new InMemorySessionStore(), null, null, clock, new TransactionSuspender(), Set.of()));
        assertEquals("latchkey.cache.change-feed=postgresql needs Latchkey's own store on a PostgreSQL database"
                + " (latchkey.datasource); set latchkey.cache.change-feed=off for this store", e.getMessage());
        Assembly h2 = Assembly.assemble(settings(Map.of()), null, null, AssemblyTest::emptyDatabase, clock,
                new TransactionSuspender(), Set.of());
        h2.unit().close();
        assertEquals(Set.of(), Set.copyOf(h2.resources()), "nothing to close besides the unit");
        e = assertThrows(IllegalArgumentException.class, () -> Assembly.assemble(settings(Map.of(
                "latchkey.cache.max-size", "100", "latchkey.cache.change-feed", "postgresql")), null, null,
                AssemblyTest::emptyDatabase, clock, new TransactionSuspender(), Set.of()));
        assertTrue(e.getMessage().startsWith("latchkey.cache.change-feed=postgresql needs"), e.getMessage());
    }

    @Test
    void aTrustedOriginThatIsNoOriginNamesItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Assembly.assemble(
                settings(Map.of("latchkey.csrf.trusted-origins", "example.com")), new InMemorySessionStore(), null, null, clock,
                new TransactionSuspender(), Set.of()));
        assertEquals("latchkey.csrf.trusted-origins: 'example.com' is not an origin such as https://app.example.com,"
                + " http://localhost:3000 or https://*.example.com", e.getMessage());
        IllegalArgumentException proxy = assertThrows(IllegalArgumentException.class, () -> Assembly.assemble(
                settings(Map.of("latchkey.proxy.trusted", "proxy.local", "latchkey.proxy.header", "X-Real-IP")),
                new InMemorySessionStore(), null, null, clock,
                new TransactionSuspender(), Set.of()));
        assertEquals("latchkey.proxy.trusted: 'proxy.local' is not an IP address or CIDR range such as 10.0.0.0/8 or ::1",
                proxy.getMessage());
    }

    // ---- the Redis store (latchkey.store=redis) ----

    private Assembly assembleOnRedis(Map<String, String> more) {
        Map<String, String> values = new java.util.HashMap<>(more);
        values.put("latchkey.store", "redis");
        values.putIfAbsent("latchkey.redis.uri", RedisServer.get().uri());
        return Assembly.assemble(settings(values), null, null, () -> {
            throw new AssertionError("no DataSource is looked up for the Redis store");
        }, clock, new TransactionSuspender(), Set.of());
    }

    private static void addUser(RedisServer redis) {
        redis.with(jedis -> jedis.aclSetUser("assembly", "on", ">s3cret-pw", "~*", "+@all"));
    }

    private static FakeHttp.Request withCookie(String token) {
        return new FakeHttp.Request().header("Cookie", "latchkey=" + token);
    }

    @Test
    void aRedisThatMayEvictKeysStopsTheStartWithLK408() {
        RedisServer redis = RedisServer.get();
        for (String policy : List.of("volatile-lru", "allkeys-lru", "volatile-ttl", "allkeys-random", "volatile-lfu")) {
            redis.with(jedis -> jedis.configSet("maxmemory-policy", policy));
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> assembleOnRedis(Map.of(
                        "latchkey.redis.uri", redis.uri())), policy);
                assertTrue(e.getMessage().startsWith("Latchkey LK-408: the Redis at 127.0.0.1:" + redis.port()
                        + " has maxmemory-policy " + policy + ", under which it may evict Latchkey's keys"), e.getMessage());
                assertTrue(e.getMessage().contains("CONFIG SET maxmemory-policy noeviction"), e.getMessage());
            } finally {
                redis.with(jedis -> jedis.configSet("maxmemory-policy", "noeviction"));
            }
        }
    }

    @Test
    void onRedisNoDatabaseIsOpenedTheStartUpLineNamesHostAndPortNeverThePasswordAndAnOutageIsLK106() {
        RedisServer redis = RedisServer.get();
        addUser(redis);
        Assembly assembly = assembleOnRedis(Map.of("latchkey.redis.uri", "redis://assembly:s3cret-pw@127.0.0.1:" + redis.port()
                + "/0", "latchkey.redis.prefix", "assembly:", "latchkey.diagnostics", "true"));
        try {
            assertNull(assembly.unit());
            String summary = assembly.summary();
            assertTrue(summary.startsWith("LK-001 Latchkey ready: Redis store at 127.0.0.1:" + redis.port() + " (keys assembly:*,"
                    + " a session's key expires PT1M after its idle deadline; Redis "), summary);
            assertTrue(summary.contains(" reached, maxmemory-policy noeviction); cookie "), summary);
            assertTrue(summary.contains("; counters in Redis, shared by every node"), summary);
            assertFalse(summary.contains("s3cret-pw") || summary.contains("assembly:s3cret"), summary);

            IssuedSession issued = assembly.latchkey().createSession(NewSession.forUser("alice"));
            assertEquals("alice", assembly.sessions().resolve(withCookie(issued.token()).build(), null).session().userId());
            assertTrue(redis.<Boolean>with(jedis -> jedis.exists("assembly:s:" + issued.session().id())));

            redis.stop();
            try {
                FakeHttp.Response response = new FakeHttp.Response();
                RequestState state = assembly.sessions().resolve(withCookie(issued.token()).build(), response.build());
                assertEquals(Reason.STORE_UNAVAILABLE, state.rejection());
                assertEquals("LK-106 STORE_UNAVAILABLE", response.header(Diagnostics.HEADER));
            } finally {
                redis.start();
            }
            addUser(redis); // a restarted server has only its default user
            IssuedSession after = assembly.latchkey().createSession(NewSession.forUser("alice"));
            assertEquals("alice", assembly.sessions().resolve(withCookie(after.token()).build(), null).session().userId(),
                    "Redis is back: the same store works again");
        } finally {
            assertDoesNotThrow(() -> assembly.resources().get(0).close());
        }
    }

    @Test
    void onRedisTheValidationCacheIsInFrontOfTheStore() throws Exception {
        Assembly assembly = assembleOnRedis(Map.of("latchkey.cache.max-size", "100", "latchkey.cache.max-age", "5s",
                "latchkey.redis.prefix", "cached:"));
        try {
            assertTrue(assembly.summary().contains("; validation cache of 100 sessions"), assembly.summary());
            IssuedSession issued = assembly.latchkey().createSession(NewSession.forUser("bob"));
            assertTrue(assembly.latchkey().validateSession(issued.token()).isValid());
            RedisServer.get().with(jedis -> jedis.del("cached:s:" + issued.session().id()));
            assertTrue(assembly.latchkey().validateSession(issued.token()).isValid(), "served by the cache");
            clock.advance(Duration.ofSeconds(6));
            assertEquals(Reason.UNKNOWN_SESSION, assembly.latchkey().validateSession(issued.token()).rejection().orElseThrow());
        } finally {
            assembly.resources().get(0).close();
        }
    }

    @Test
    void redisAndTheApplicationsOwnStoreAtOnceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Assembly.assemble(
                settings(Map.of("latchkey.store", "redis", "latchkey.redis.uri", "redis://127.0.0.1:1")),
                new InMemorySessionStore(), null, null, clock, new TransactionSuspender(), Set.of()));
        assertEquals("latchkey.store is redis, but the application also produces a SessionStore"
                + " (dev.latchkey.core.InMemorySessionStore): remove one of them", e.getMessage());
    }

    @Test
    void anUnreachableRedisDoesNotStopTheStartAndTheLineSaysSo() {
        Assembly assembly = assembleOnRedis(Map.of("latchkey.redis.uri", "redis://127.0.0.1:1"));
        try {
            assertTrue(assembly.summary().contains("Redis store at 127.0.0.1:1 (keys latchkey:*, a session's key expires PT1M"
                    + " after its idle deadline; not reached at start (JedisConnectionException): requests that need a session"
                    + " answer 503 until it is)"), assembly.summary());
        } finally {
            assertDoesNotThrow(() -> assembly.resources().get(0).close());
        }
    }
}
