package dev.latchkey.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.internal.cache.CacheSettings;
import dev.latchkey.internal.cache.CachingSessionStore;
import dev.latchkey.internal.cache.ChangeFeed;
import dev.latchkey.jpa.JpaSessionStore;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.StatementCounter;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' validation caches on one real PostgreSQL, joined by the LISTEN/NOTIFY change feed. The
 * clock is frozen and {@code max-age} is five minutes, so a cached row never expires during a test: a
 * revoked session refused on the other node proves the feed delivered the revocation.
 */
class PostgresChangeFeedTest {

    private static final CacheSettings FIVE_MINUTES = new CacheSettings(1000, Duration.ofMinutes(5));
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final PostgresDatabase database = PostgresDatabase.get();
    private final MutableClock clock = MutableClock.startingAt("2026-11-23T10:00:00Z");
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** How many times a feed told its cache to forget everything: once per feed when it first connects. */
    private final AtomicInteger forgotten = new AtomicInteger();
    private StatementCounter readsB;
    private Latchkey nodeA;
    private Latchkey nodeB;

    @BeforeEach
    void twoNodes() throws Exception {
        database.recreateSchema();
        nodeA = node(new StatementCounter(database.dataSource()));
        readsB = new StatementCounter(database.dataSource());
        nodeB = node(readsB);
        await(() -> listeners() == 2, "both nodes listen");
        // A feed empties its cache just after LISTEN: wait for that, or it could empty a row cached by a test.
        await(() -> forgotten.get() >= 2, "both feeds delivered their first connection");
    }

    private Latchkey node(StatementCounter source) {
        EntityManagerFactory unit = Provider.ECLIPSELINK.open(database.dataSource(), false);
        opened.add(unit::close);
        ChangeFeed feed = new CountingForgets(ChangeFeed.postgres(database.dataSource(), Executors.defaultThreadFactory()));
        opened.add(feed);
        JpaSessionStore store = JpaSessionStore.resourceLocal(unit).readingThrough(source);
        return new Latchkey(new CachingSessionStore(store, FIVE_MINUTES, clock, feed), clock, LatchkeyConfig.defaults());
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        await(() -> listeners() == 0, "the feeds stopped listening");
    }

    private IssuedSession signIn(Latchkey node, String user) {
        return node.createSession(NewSession.forUser(user).rememberMe(true).groups(Set.of("user")));
    }

    /** Validates each session on node B, which caches its row. */
    private void cachedOnB(IssuedSession... sessions) {
        for (IssuedSession session : sessions) {
            assertTrue(nodeB.validateSession(session.token()).isValid());
        }
    }

    @Test
    void aRevocationOnOneNodeIsRefusedOnTheOtherWithoutWaitingForMaxAge() throws Exception {
        IssuedSession ann = signIn(nodeA, "ann");
        IssuedSession bob = signIn(nodeA, "bob");
        cachedOnB(ann, bob);
        readsB.reset();
        assertTrue(nodeB.validateSession(ann.token()).isValid());
        assertEquals(0, readsB.executed().size(), "node B uses its cached row");

        long start = System.nanoTime();
        assertTrue(nodeA.invalidateSession(ann.session().id()));
        await(() -> nodeB.validateSession(ann.token()).rejection().equals(Optional.of(Reason.UNKNOWN_SESSION)),
                "node B refuses the session node A revoked, with its cache's max-age five minutes away");
        System.out.printf("change feed: revocation on A refused on B after %.1f ms%n", (System.nanoTime() - start) / 1e6);
        readsB.reset();
        assertTrue(nodeB.validateSession(bob.token()).isValid());
        assertEquals(0, readsB.executed().size(), "the other rows stay cached");
    }

    @Test
    void signingAUserOutEverywhereAndNewGroupsReachTheOtherNode() throws Exception {
        IssuedSession laptop = signIn(nodeA, "ann");
        IssuedSession phone = signIn(nodeA, "ann");
        cachedOnB(laptop, phone);
        assertEquals(2, nodeA.updateUserGroups("ann", Set.of("user", "admin")));
        await(() -> nodeB.validateSession(laptop.token()).session().orElseThrow().groups().contains("admin"),
                "node B sees the new groups");
        assertEquals(1, nodeA.invalidateOtherSessions("ann", laptop.session().id()));
        await(() -> !nodeB.validateSession(phone.token()).isValid(), "node B refuses the other session");
        assertTrue(nodeB.validateSession(laptop.token()).isValid(), "and keeps the one kept");
    }

    @Test
    void aFeedThatLostItsConnectionEmptiesTheCacheWhenBackAndHearsAgain() throws Exception {
        IssuedSession ann = signIn(nodeA, "ann");
        IssuedSession bob = signIn(nodeA, "bob");
        cachedOnB(ann, bob);
        // Cut both listening connections; while they are down, a row disappears without any announcement.
        database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "
                + "latchkey_session_changes'");
        database.execute("DELETE FROM latchkey_session WHERE user_id = 'ann'");
        await(() -> listeners() == 2, "both feeds connect again by themselves");
        await(() -> !nodeB.validateSession(ann.token()).isValid(), "node B emptied its cache when its feed came back");
        assertTrue(nodeB.validateSession(bob.token()).isValid());
        assertTrue(nodeA.invalidateSession(bob.session().id()));
        await(() -> !nodeB.validateSession(bob.token()).isValid(), "and hears revocations again");
    }

    /** The feed as it is, counting the {@link ChangeFeed.Change#EVERYTHING} changes it delivers. */
    private final class CountingForgets implements ChangeFeed {
        private final ChangeFeed feed;

        CountingForgets(ChangeFeed feed) {
            this.feed = feed;
        }

        @Override
        public void announce(Change change) {
            feed.announce(change);
        }

        @Override
        public void listen(Consumer<Change> listener) {
            feed.listen(change -> {
                listener.accept(change);
                if (change.kind() == Kind.EVERYTHING) {
                    forgotten.incrementAndGet();
                }
            });
        }

        @Override
        public void close() {
            feed.close();
        }
    }

    private int listeners() {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN"
                     + " latchkey_session_changes'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
