package dev.latchkey.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.SessionStoreSuite;
import dev.latchkey.core.SessionValidation;
import dev.latchkey.internal.cache.CacheSettings;
import dev.latchkey.internal.cache.CachingSessionStore;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.Transactions;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.StatementCounter;
import dev.latchkey.testing.TestDatabase;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.AttemptStoreContract;
import dev.latchkey.throttle.ThrottleLimit;
import dev.latchkey.throttle.ThrottleSettings;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JPA store on a real database under a real provider: the store contract, plus time zones,
 * concurrency, the hot-path cost, cleanup at scale and the shipped DDL. One small subclass per
 * database and provider supplies {@link #database()} and {@link #provider()}.
 *
 * <p>The table is created from the script shipped in the jar, with schema generation off.
 */
public abstract class JpaStoreSuite extends SessionStoreSuite implements AttemptStoreContract {

    private static final Map<Class<?>, Fixture> FIXTURES = new HashMap<>();

    private record Fixture(StatementCounter statements, EntityManagerFactory emf) {
    }

    private final Supplier<TestDatabase> database;
    private final Provider provider;

    /**
     * @param database the database, started when a test first asks for it
     * @param provider the JPA provider
     */
    protected JpaStoreSuite(Supplier<TestDatabase> database, Provider provider) {
        this.database = database;
        this.provider = provider;
    }

    private TestDatabase database() {
        return database.get();
    }

    private Provider provider() {
        return provider;
    }

    private Fixture fixture() {
        synchronized (FIXTURES) {
            return FIXTURES.computeIfAbsent(getClass(), k -> {
                database().recreateSchema();
                StatementCounter statements = new StatementCounter(database().dataSource());
                return new Fixture(statements, provider().open(statements, false));
            });
        }
    }

    @AfterAll
    static void closeFactories() {
        synchronized (FIXTURES) {
            FIXTURES.values().forEach(f -> f.emf().close());
            FIXTURES.clear();
        }
    }

    @Override
    protected SessionStore createStore() {
        Fixture fixture = fixture();
        database().execute("DELETE FROM latchkey_session");
        // as in a container: the hot read in plain JDBC on the unit's DataSource
        JpaSessionStore store = JpaSessionStore.resourceLocal(fixture.emf()).readingThrough(fixture.statements());
        fixture.statements().reset();
        return store;
    }

    private StatementCounter statements() {
        return fixture().statements();
    }

    // ---- shipped DDL and the schema check ----

    @Test
    void schemaCheckRecognisesTheDatabaseAndAcceptsTheShippedScript() {
        assertEquals(database().product(), SchemaCheck.ensure(fixture().emf(), false, null));
        assertEquals(database().product(), DatabaseProduct.of(database().dataSource()), "from the JDBC metadata too");
    }

    @Test
    void missingTableStopsTheStoreWithTheScriptToRun() {
        try {
            database().execute("DROP TABLE latchkey_session");
            SessionStoreException e = assertThrows(SessionStoreException.class,
                    () -> JpaSessionStore.resourceLocal(fixture().emf()));
            assertTrue(e.getMessage().startsWith("Latchkey LK-403: table latchkey_session is missing"), e.getMessage());
            assertTrue(e.getMessage().contains(database().product().createScript()), e.getMessage());
        } finally {
            database().recreateSchema();
        }
    }

    @Test
    void theInformationSchemaTellsAMissingTableOrColumnWithoutAFailedStatement() {
        Transactions transactions = Transactions.resourceLocal(fixture().emf());
        assertEquals(java.util.Optional.of(true), database().product().hasColumn(transactions, "latchkey_session", "expires_at"));
        assertEquals(java.util.Optional.of(false), database().product().hasColumn(transactions, "latchkey_session", "nothing"));
        assertEquals(java.util.Optional.of(false), database().product().hasColumn(transactions, "latchkey_nothing", "id"));
        assertEquals(java.util.Optional.empty(), DatabaseProduct.OTHER.hasColumn(transactions, "latchkey_session", "id"));
        try {
            database().execute("DROP TABLE latchkey_session");
            assertTrue(database().product().lacks(transactions, "latchkey_session", "id"));
            SessionStoreException e = assertThrows(SessionStoreException.class,
                    () -> SchemaCheck.ensure(fixture().emf(), false, database().product()));
            assertTrue(e.getMessage().startsWith("Latchkey LK-403: table latchkey_session is missing."), e.getMessage());
            assertEquals(null, e.getCause(), "found missing without a statement that failed");
        } finally {
            database().recreateSchema();
        }
    }

    /**
     * Nodes starting together on an empty database each find the tables missing and create them: the
     * ones that lose the race see the tables the winner made, and start too.
     */
    @Test
    void nodesStartingTogetherOnAnEmptyDatabaseAllStart() throws Exception {
        int nodes = 4;
        List<EntityManagerFactory> units = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int i = 0; i < nodes; i++) {
                units.add(provider().open(database().dataSource(), false));
            }
            database().execute("DROP TABLE latchkey_session", "DROP TABLE IF EXISTS latchkey_signin_attempt");
            CyclicBarrier together = new CyclicBarrier(nodes);
            List<Future<?>> starts = new ArrayList<>();
            for (EntityManagerFactory unit : units) {
                starts.add(pool.submit(() -> {
                    together.await();
                    JpaSessionStore store = JpaSessionStore.open(unit, true, database().dataSource());
                    JpaAttemptStore.open(unit, true, database().dataSource());
                    return store.find("a".repeat(32));
                }));
            }
            for (Future<?> start : starts) {
                assertEquals(java.util.Optional.empty(), start.get(60, TimeUnit.SECONDS), "every node started");
            }
        } finally {
            pool.shutdownNow();
            units.forEach(EntityManagerFactory::close);
            database().recreateSchema();
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', value = {
        "expires_at  | INTEGER",
        "created_at  | INTEGER",
        "group_names | VARCHAR(100)",
        "user_id     | VARCHAR(20)"})
    void mistypedColumnStopsTheStoreNamingTheColumn(String column, String wrongType) {
        try {
            database().execute(String.format(database().alterColumnTypeSql(), column, wrongType));
            SessionStoreException e = assertThrows(SessionStoreException.class,
                    () -> JpaSessionStore.resourceLocal(fixture().emf()));
            assertTrue(e.getMessage().startsWith("Latchkey LK-403: column latchkey_session." + column + " "), e.getMessage());
            assertTrue(e.getMessage().contains(database().product().createScript()), e.getMessage());
        } finally {
            database().recreateSchema();
        }
    }

    @Test
    void missingColumnStopsTheStoreNamingTheColumn() {
        try {
            database().execute("ALTER TABLE latchkey_session DROP COLUMN attributes");
            SessionStoreException e = assertThrows(SessionStoreException.class,
                    () -> JpaSessionStore.resourceLocal(fixture().emf()));
            assertTrue(e.getMessage().startsWith("Latchkey LK-403: column latchkey_session.attributes is missing"), e.getMessage());
        } finally {
            database().recreateSchema();
        }
    }

    @Test
    void shippedScriptMatchesWhatTheProviderGeneratesFromTheMapping() throws SQLException {
        Map<String, String> shipped = describeTable(database().dataSource());
        assertEquals(15, shipped.size(), () -> "13 columns and 2 indexes expected: " + shipped);
        database().execute("DROP TABLE latchkey_session");
        try {
            provider().open(database().dataSource(), true).close();
            Map<String, String> generated = describeTable(database().dataSource());
            assertEquals(generated, shipped);
        } finally {
            database().recreateSchema();
        }
    }

    /** Column name → normalised type, length and nullability; index name → columns. */
    private static Map<String, String> describeTable(javax.sql.DataSource ds) throws SQLException {
        Map<String, String> description = new java.util.TreeMap<>();
        try (Connection c = ds.getConnection()) {
            var meta = c.getMetaData();
            String table = meta.storesUpperCaseIdentifiers() ? "LATCHKEY_SESSION" : "latchkey_session";
            try (ResultSet rs = meta.getColumns(c.getCatalog(), null, table, null)) {
                while (rs.next()) {
                    String type = rs.getString("TYPE_NAME").toLowerCase();
                    String normalised = switch (type) {
                        case "bit", "tinyint", "bool", "boolean" -> "boolean";
                        case "int8", "bigint" -> "bigint";
                        case "varchar", "character varying" -> "varchar(" + rs.getInt("COLUMN_SIZE") + ")";
                        default -> type;
                    };
                    description.put(rs.getString("COLUMN_NAME").toLowerCase(),
                            normalised + ("NO".equals(rs.getString("IS_NULLABLE")) ? " not null" : ""));
                }
            }
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), null, table, false, false)) {
                while (rs.next()) {
                    String index = rs.getString("INDEX_NAME");
                    if (index != null && index.toLowerCase().contains("_idx")) {
                        description.merge("index " + index.toLowerCase(), rs.getString("COLUMN_NAME").toLowerCase(),
                                (a, b) -> a + "," + b);
                    }
                }
            }
        }
        return description;
    }

    // ---- the hot path, counted at the JDBC driver ----

    @Test
    void validationOutsideRenewalIsOneSelectAndNoWrite() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true).groups(List.of("user")));
        clock.advance(Duration.ofDays(3));
        statements().reset();
        assertTrue(latchkey.validateSession(issued.token()).isValid());
        List<StatementCounter.Executed> executed = statements().executed();
        assertEquals(1, executed.size(), () -> "statements: " + executed);
        assertTrue(executed.get(0).isRead());
    }

    @Test
    void theJdbcReadAndTheJpaReadFindTheSameRow() {
        JpaSessionStore jpaOnly = JpaSessionStore.resourceLocal(fixture().emf());
        IssuedSession full = latchkey.createSession(NewSession.forUser("zoë").rememberMe(true).client("2001:db8::1", "Browser/1 \u00e9")
                .groups(List.of("user", "admin")).attributes(dev.latchkey.core.SessionAttributes.empty().with("tenant", "acme")));
        IssuedSession bare = latchkey.createSession(NewSession.forUser("bob"));
        for (IssuedSession issued : List.of(full, bare)) {
            assertEquals(jpaOnly.find(issued.session().id()), store.find(issued.session().id()));
            assertEquals(issued.session(), store.find(issued.session().id()).orElseThrow().session());
        }
        assertEquals(java.util.Optional.empty(), store.find("b".repeat(32)));
    }

    /** Two nodes on this database, each with the validation cache (max-age 5 s): A on the suite's unit, B on a unit of its own. */
    private void onTwoCachedNodes(java.util.function.BiConsumer<Latchkey, Latchkey> test) {
        CacheSettings bound = new CacheSettings(1000, Duration.ofSeconds(5));
        Latchkey nodeA = new Latchkey(new CachingSessionStore(store, bound, clock), clock, LatchkeyConfig.defaults());
        EntityManagerFactory second = provider().open(database().dataSource(), false);
        try {
            test.accept(nodeA, new Latchkey(new CachingSessionStore(JpaSessionStore.resourceLocal(second), bound, clock), clock,
                    LatchkeyConfig.defaults()));
        } finally {
            second.close();
        }
    }

    @Test
    void withTheCacheTwoNodesRefuseARevokedSessionWithinTheBoundAndReadNothingBetween() {
        onTwoCachedNodes((nodeA, nodeB) -> {
            IssuedSession issued = nodeA.createSession(NewSession.forUser("alice").rememberMe(true));
            assertTrue(nodeB.validateSession(issued.token()).isValid(), "created on A, valid on B");
            assertTrue(nodeA.validateSession(issued.token()).isValid());
            statements().reset();
            for (int i = 0; i < 5; i++) {
                assertTrue(nodeA.validateSession(issued.token()).isValid());
            }
            assertEquals(0, statements().executed().size(), "cached: no statement");
            assertTrue(nodeB.invalidateSession(issued.session().id()));
            assertFalse(nodeB.validateSession(issued.token()).isValid(), "refused at once on the node that revoked it");
            clock.advance(Duration.ofMillis(4_999));
            assertTrue(nodeA.validateSession(issued.token()).isValid(), "the other node may use it within the bound");
            clock.advance(Duration.ofMillis(1));
            assertEquals(java.util.Optional.of(Reason.UNKNOWN_SESSION), nodeA.validateSession(issued.token()).rejection(),
                    "and never after it");
        });
    }

    @Test
    void withTheCacheARenewalOnOneNodeDoesNotHideADemotionOnTheOtherBeyondTheBound() {
        onTwoCachedNodes((nodeA, nodeB) -> {
            IssuedSession issued = nodeA.createSession(NewSession.forUser("alice").rememberMe(true).groups(Set.of("admin")));
            clock.advance(LatchkeyConfig.defaults().idleTimeout().dividedBy(2).minusSeconds(4));
            assertFalse(nodeA.validateSession(issued.token()).isFresh(), "read and cached on A");
            assertEquals(1, nodeB.updateUserGroups("alice", Set.of("user")), "demoted through B");
            clock.advance(Duration.ofMillis(4_500));
            assertTrue(nodeA.validateSession(issued.token()).isFresh(), "renewed on A from its cached row");
            clock.advance(Duration.ofMillis(500));
            assertEquals(Set.of("user"), nodeA.validateSession(issued.token()).session().orElseThrow().groups(),
                    "five seconds after A read the row, A sees the demotion");
        });
    }

    @Test
    void renewalIsOneSelectAndOneConditionalUpdate() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true));
        clock.advance(Duration.ofDays(16));
        statements().reset();
        assertTrue(latchkey.validateSession(issued.token()).isFresh());
        List<StatementCounter.Executed> executed = statements().executed();
        assertEquals(2, executed.size(), () -> "statements: " + executed);
        assertTrue(executed.get(0).isRead());
        assertTrue(executed.get(1).sql().toLowerCase().startsWith("update latchkey_session"), executed.get(1).sql());
        assertEquals(1, executed.get(1).rowsChanged());
    }

    // ---- time zones ----

    @ParameterizedTest(name = "JVM in {0}, database in {1}")
    @CsvSource({"Pacific/Auckland, UTC", "UTC, Pacific/Auckland", "America/Los_Angeles, Asia/Kolkata"})
    void behavesIdenticallyWhateverTheTimeZones(String jvmZone, String databaseZone) throws SQLException {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
        ZoneId dbZone = ZoneId.of(databaseZone);
        try (HikariDataSource ds = database().newDataSource(database().setTimeZoneSql(dbZone))) {
            assertDatabaseZone(ds, dbZone);
            EntityManagerFactory emf = provider().open(ds, false);
            try {
                // Start just before New Zealand leaves daylight saving time (2026-04-05), so a zone
                // conversion anywhere would show as an hour's difference.
                MutableClock zonedClock = MutableClock.startingAt("2026-04-04T11:30:00.123Z");
                Latchkey lk = new Latchkey(JpaSessionStore.resourceLocal(emf), zonedClock, LatchkeyConfig.defaults());
                Instant t0 = zonedClock.instant();
                IssuedSession issued = lk.createSession(NewSession.forUser("zoned").rememberMe(true));

                assertEquals(t0.plus(Duration.ofDays(30)).toEpochMilli(), rawMillis(ds, issued.session().id(), "expires_at"));
                assertEquals(t0.toEpochMilli(), rawMillis(ds, issued.session().id(), "created_at"));
                Session listed = lk.listUserSessions("zoned").get(0);
                assertEquals(issued.session(), listed);

                zonedClock.advance(Duration.ofDays(15).plusHours(1));
                SessionValidation renewed = lk.validateSession(issued.token());
                assertTrue(renewed.isFresh());
                Instant t1 = zonedClock.instant();
                assertEquals(t1.plus(Duration.ofDays(30)), renewed.session().orElseThrow().expiresAt());
                assertEquals(t1.plus(Duration.ofDays(30)).toEpochMilli(), rawMillis(ds, issued.session().id(), "expires_at"));
                assertEquals(t1, lk.listUserSessions("zoned").get(0).renewedAt());

                zonedClock.advance(Duration.ofDays(30).minusMillis(1));
                assertTrue(lk.validateSession(issued.token()).isValid(), "one millisecond before the deadline");
                zonedClock.advance(Duration.ofDays(30));
                assertEquals(Reason.SESSION_EXPIRED, lk.validateSession(issued.token()).rejection().orElseThrow());
            } finally {
                emf.close();
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    private void assertDatabaseZone(javax.sql.DataSource ds, ZoneId zone) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(database().currentTimeZoneSql())) {
            rs.next();
            String reported = rs.getString(1);
            String offset = zone.getRules().getOffset(Instant.now()).getId().replace("Z", "+00:00");
            assertTrue(reported.equals(zone.getId()) || reported.equals(offset) || reported.equals("UTC") && zone.getId().equals("UTC"),
                    "database session zone is " + reported + ", expected " + zone);
        }
    }

    private static long rawMillis(javax.sql.DataSource ds, String id, String column) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM latchkey_session WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    // ---- concurrency ----

    @Test
    void noValidationStartedAfterInvalidateReturnedSucceeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 10; round++) {
                IssuedSession issued = latchkey.createSession(NewSession.forUser("racer").rememberMe(true));
                AtomicLong tickets = new AtomicLong();
                AtomicLong invalidatedAt = new AtomicLong(Long.MAX_VALUE);
                AtomicBoolean stop = new AtomicBoolean();
                ConcurrentLinkedQueue<long[]> outcomes = new ConcurrentLinkedQueue<>();
                List<Future<?>> validators = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    validators.add(pool.submit(() -> {
                        while (!stop.get()) {
                            long ticket = tickets.incrementAndGet();
                            boolean valid = latchkey.validateSession(issued.token()).isValid();
                            outcomes.add(new long[] {ticket, valid ? 1 : 0});
                        }
                        return null;
                    }));
                }
                awaitTickets(tickets, 30);
                assertTrue(latchkey.invalidateSession(issued.session().id()));
                invalidatedAt.set(tickets.incrementAndGet());
                awaitTickets(tickets, invalidatedAt.get() + 30);
                stop.set(true);
                for (Future<?> v : validators) {
                    v.get(60, TimeUnit.SECONDS);
                }
                long late = outcomes.stream().filter(o -> o[0] > invalidatedAt.get() && o[1] == 1).count();
                assertEquals(0, late, "validations that started after invalidate returned and still succeeded");
                assertTrue(outcomes.stream().anyMatch(o -> o[1] == 1), "some validations ran before the invalidation");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitTickets(AtomicLong tickets, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tickets.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("validators made no progress");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void invalidateOthersRacingWithANewSignInLeavesAConsistentState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                String user = "pw-change-" + round;
                IssuedSession current = latchkey.createSession(NewSession.forUser(user));
                List<IssuedSession> others = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    others.add(latchkey.createSession(NewSession.forUser(user)));
                }
                CyclicBarrier barrier = new CyclicBarrier(2);
                Future<Integer> revoke = pool.submit(() -> {
                    barrier.await();
                    return latchkey.invalidateOtherSessions(user, current.session().id());
                });
                Future<IssuedSession> signIn = pool.submit(() -> {
                    barrier.await();
                    return latchkey.createSession(NewSession.forUser(user));
                });
                int revoked = revoke.get(60, TimeUnit.SECONDS);
                IssuedSession fresh = signIn.get(60, TimeUnit.SECONDS);

                assertTrue(latchkey.validateSession(current.token()).isValid(), "the current session survives");
                for (IssuedSession other : others) {
                    assertFalse(latchkey.validateSession(other.token()).isValid(), "older sessions are gone");
                }
                boolean freshSurvived = latchkey.validateSession(fresh.token()).isValid();
                assertEquals(freshSurvived ? 5 : 6, revoked, "the count matches what was deleted");
                Set<String> listed = Set.copyOf(latchkey.listUserSessions(user).stream().map(Session::id).toList());
                assertEquals(freshSurvived ? Set.of(current.session().id(), fresh.session().id())
                        : Set.of(current.session().id()), listed);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cleanupRacingWithRenewalsNeverDeletesARenewedSession() throws Exception {
        int sessions = 200;
        List<IssuedSession> issued = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            issued.add(latchkey.createSession(NewSession.forUser("race-" + i)));
        }
        // The renewing side sees each session a second before its deadline; the cleaning side
        // runs a second after it, so every session not renewed first is due for deletion.
        MutableClock renewerClock = new MutableClock(T0.plus(Duration.ofDays(1)).minusSeconds(1));
        MutableClock cleanerClock = new MutableClock(T0.plus(Duration.ofDays(1)).plusSeconds(1));
        Latchkey renewer = new Latchkey(store, renewerClock, LatchkeyConfig.defaults());
        Latchkey cleaner = new Latchkey(store, cleanerClock, LatchkeyConfig.builder().cleanupBatchSize(7).build());

        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Boolean>>> renewals = new ArrayList<>();
            for (int part = 0; part < 2; part++) {
                int from = part;
                renewals.add(pool.submit(() -> {
                    go.await();
                    List<Boolean> fresh = new ArrayList<>();
                    for (int i = from; i < sessions; i += 2) {
                        fresh.add(renewer.validateSession(issued.get(i).token()).isFresh());
                    }
                    return fresh;
                }));
            }
            Future<Integer> cleanup = pool.submit(() -> {
                go.await();
                int total = 0;
                for (int pass = 0; pass < 5; pass++) {
                    total += cleaner.deleteExpiredSessions();
                }
                return total;
            });
            go.countDown();
            int deleted = cleanup.get(120, TimeUnit.SECONDS);
            int renewedCount = 0;
            for (int part = 0; part < 2; part++) {
                List<Boolean> fresh = renewals.get(part).get(120, TimeUnit.SECONDS);
                for (int k = 0; k < fresh.size(); k++) {
                    IssuedSession s = issued.get(part + 2 * k);
                    boolean present = store.find(s.session().id()).isPresent();
                    assertEquals(fresh.get(k), present, "renewed sessions survive; the others are deleted");
                    renewedCount += fresh.get(k) ? 1 : 0;
                }
            }
            assertEquals(sessions, renewedCount + deleted, "every session renewed or deleted, none both");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- cleanup at scale ----

    @Test
    void cleansOneHundredThousandExpiredRowsInBatchesWhileValidationsSucceed() throws Exception {
        int rows = 100_000;
        insertExpiredRows(rows);
        IssuedSession live = latchkey.createSession(NewSession.forUser("still-here").rememberMe(true));
        clock.advance(Duration.ofHours(1));

        AtomicBoolean cleaning = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> validations = pool.submit(() -> {
                while (cleaning.get()) {
                    if (latchkey.validateSession(live.token()).isValid()) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
            });
            long start = System.nanoTime();
            int deleted = latchkey.deleteExpiredSessions();
            long nanos = System.nanoTime() - start;
            cleaning.set(false);
            validations.get(60, TimeUnit.SECONDS);

            assertEquals(rows, deleted);
            assertEquals(0, failed.get(), "validations failed during cleanup");
            assertTrue(ok.get() > 0, "validations ran during cleanup");
            assertEquals(1, countRows());
            recordCleanupFigure(rows, nanos, ok.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private void insertExpiredRows(int rows) throws SQLException {
        long created = T0.minus(Duration.ofDays(3)).toEpochMilli();
        long expired = T0.minus(Duration.ofDays(2)).toEpochMilli();
        try (Connection c = database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO latchkey_session (id, secret_hash, user_id,"
                    + " created_at, expires_at, renewed_at, authenticated_at, idle_timeout_ms, persistent_cookie)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setString(1, String.format("x%031d", i));
                    ps.setString(2, "0".repeat(64));
                    ps.setString(3, "bulk-" + (i % 5000));
                    ps.setLong(4, created);
                    ps.setLong(5, expired + i);
                    ps.setLong(6, created);
                    ps.setLong(7, created);
                    ps.setLong(8, Duration.ofDays(1).toMillis());
                    ps.setBoolean(9, false);
                    ps.addBatch();
                    if (i % 2000 == 1999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }

    private long countRows() throws SQLException {
        try (Connection c = database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM latchkey_session")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void recordCleanupFigure(int rows, long nanos, int validations) {
        double seconds = nanos / 1e9;
        String line = String.format("%s / %s: %d expired rows deleted in %.2f s (%.0f rows/s, batch %d),"
                        + " %d validations succeeded meanwhile%n", database().description(), provider().displayName(),
                rows, seconds, rows / seconds, LatchkeyConfig.defaults().cleanupBatchSize(), validations);
        System.out.print(line);
        try {
            Files.writeString(Path.of("target", "cleanup-figures.txt"), line,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- sign-in attempt counters (sign-in throttling), shared through the database ----

    private EntityManagerFactory secondNode;

    private JpaAttemptStore attempts(EntityManagerFactory emf) {
        return JpaAttemptStore.open(emf, true, database().dataSource());
    }

    @Override
    public AttemptStore attemptStore() {
        JpaAttemptStore store = attempts(fixture().emf());
        database().execute("DELETE FROM latchkey_signin_attempt");
        return store;
    }

    @Override
    public AttemptStore otherAttemptNode() {
        if (secondNode == null) {
            secondNode = provider().open(database().dataSource(), false);
        }
        return attempts(secondNode);
    }

    @AfterEach
    void closeSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }

    @Test
    void attemptCountersAreSharedByTwoNodesAndSurviveARestart() {
        MutableClock clock = MutableClock.startingAt("2026-11-23T10:00:00Z");
        SignInThrottle nodeA = new SignInThrottle(attemptStore(), clock, ThrottleSettings.defaults());
        SignInThrottle nodeB = new SignInThrottle(otherAttemptNode(), clock, ThrottleSettings.defaults());
        assertEquals(java.util.Optional.empty(), nodeA.reserve("Ada", "192.0.2.1"));
        assertEquals(java.util.Optional.empty(), nodeB.reserve("ada", "192.0.2.1"));
        assertEquals(java.util.Optional.empty(), nodeA.reserve("ada", "192.0.2.1"));
        assertEquals(java.util.Optional.of(Duration.ofSeconds(10)), nodeB.reserve("ada", "192.0.2.1"),
                "three attempts on two nodes: the fourth waits on both");
        nodeB.succeeded("ada", "192.0.2.1");
        for (int i = 0; i < 3; i++) {
            assertEquals(java.util.Optional.empty(), nodeA.reserve("ada", "192.0.2.1"), "a success on B clears A's view");
        }
        EntityManagerFactory restarted = provider().open(database().dataSource(), false);
        try {
            assertEquals(java.util.Optional.of(Duration.ofSeconds(10)),
                    new SignInThrottle(attempts(restarted), clock, ThrottleSettings.defaults()).reserve("ada", "192.0.2.1"),
                    "a restarted node still sees the counters");
        } finally {
            restarted.close();
        }
        try (Connection c = database().dataSource().getConnection();
             ResultSet rows = c.createStatement().executeQuery("SELECT attempt_key FROM latchkey_signin_attempt")) {
            while (rows.next()) {
                assertTrue(rows.getString(1).matches("[pau]:[A-Za-z0-9_-]{43}"), "a hash, never a name or address: "
                        + rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCounterTableIsCheckedCreatedFromTheV6ScriptAndCleanedInBatches() {
        database().execute("DROP TABLE IF EXISTS latchkey_signin_attempt");
        SessionStoreException missing = assertThrows(SessionStoreException.class,
                () -> JpaAttemptStore.open(fixture().emf(), false, database().dataSource()));
        assertTrue(missing.getMessage().contains(database().product().script("V6__create_latchkey_signin_attempt.sql")),
                missing.getMessage());
        JpaAttemptStore store = attempts(fixture().emf());
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        ThrottleLimit limit = new ThrottleLimit(1, Duration.ofMinutes(5), Duration.ofMinutes(5));
        for (int i = 0; i < 25; i++) {
            store.reserve(List.of(new AttemptStore.Counter("a:old" + i, limit)), now.minus(Duration.ofHours(2)),
                    now.minus(Duration.ofHours(3)));
        }
        store.reserve(List.of(new AttemptStore.Counter("a:fresh", limit)), now, now.minus(Duration.ofHours(1)));
        assertEquals(10, store.deleteForgotten(now.minus(Duration.ofHours(1)), 10));
        assertEquals(15, store.deleteForgotten(now.minus(Duration.ofHours(1)), 100));
        assertEquals(0, store.deleteForgotten(now.minus(Duration.ofHours(1)), 100));
        assertEquals(java.util.Optional.of(now.plus(Duration.ofMinutes(5))),
                store.reserve(List.of(new AttemptStore.Counter("a:fresh", limit)), now, now.minus(Duration.ofHours(1))),
                "the fresh one is kept");
    }
}
