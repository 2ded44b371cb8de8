package dev.latchkey.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionValidation;
import dev.latchkey.core.StoredSession;
import dev.latchkey.testing.ForwardingStore;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.RecordingStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The validation cache on a movable clock: reads saved, the bound on staleness across nodes, changes
 * through this node seen at once, the secret still compared, renewal still once at the halfway point.
 * Two "nodes" are two caches (two facades) over one store.
 */
class CachingSessionStoreTest {

    private static final CacheSettings FIVE_SECONDS = new CacheSettings(1000, Duration.ofSeconds(5));

    private final MutableClock clock = MutableClock.startingAt("2026-11-23T10:00:00Z");
    private final InMemorySessionStore database = new InMemorySessionStore();
    private RecordingStore readsA;
    private Latchkey nodeA;
    private Latchkey nodeB;

    @BeforeEach
    void twoNodes() {
        readsA = new RecordingStore(database);
        nodeA = new Latchkey(new CachingSessionStore(readsA, FIVE_SECONDS, clock), clock, LatchkeyConfig.defaults());
        nodeB = new Latchkey(new CachingSessionStore(database, FIVE_SECONDS, clock), clock, LatchkeyConfig.defaults());
    }

    private IssuedSession signIn(Latchkey node, String user) {
        return node.createSession(NewSession.forUser(user).rememberMe(true).groups(Set.of("user")));
    }

    @Test
    void aSessionValidatedAgainWithinMaxAgeCostsNoRead() {
        IssuedSession ann = signIn(nodeA, "ann");
        readsA.calls.set(0);
        for (int i = 0; i < 10; i++) {
            assertTrue(nodeA.validateSession(ann.token()).isValid());
            clock.advance(Duration.ofMillis(400));
        }
        assertEquals(1, readsA.calls.get(), "one read in four seconds");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(nodeA.validateSession(ann.token()).isValid());
        assertEquals(2, readsA.calls.get(), "read again once the row is older than max-age");
    }

    @Test
    void theSecretIsComparedOnEveryRequestAndUnknownIdsAreNotCached() {
        IssuedSession ann = signIn(nodeA, "ann");
        assertTrue(nodeA.validateSession(ann.token()).isValid());
        String forged = ann.token().substring(0, ann.token().indexOf('.') + 1) + "a".repeat(52);
        assertEquals(Optional.of(Reason.SECRET_MISMATCH), nodeA.validateSession(forged).rejection());
        readsA.calls.set(0);
        String unknown = "a".repeat(32) + "." + "a".repeat(52);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of(Reason.UNKNOWN_SESSION), nodeA.validateSession(unknown).rejection());
        }
        assertEquals(3, readsA.calls.get(), "every unknown id asks the store: guessers cannot fill the cache");
    }

    @Test
    void aRevocationOnAnotherNodeIsSeenWithinMaxAgeAndOnThisNodeAtOnce() {
        IssuedSession ann = signIn(nodeA, "ann");
        assertTrue(nodeA.validateSession(ann.token()).isValid());
        assertTrue(nodeB.validateSession(ann.token()).isValid());
        assertTrue(nodeB.invalidateSession(ann.session().id()));
        assertEquals(Optional.of(Reason.UNKNOWN_SESSION), nodeB.validateSession(ann.token()).rejection(), "this node: at once");
        clock.advance(Duration.ofMillis(4_999));
        assertTrue(nodeA.validateSession(ann.token()).isValid(), "the other node: still cached, within the bound");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.of(Reason.UNKNOWN_SESSION), nodeA.validateSession(ann.token()).rejection(), "never longer");
    }

    @Test
    void everyChangeThroughThisNodeIsSeenAtOnce() {
        IssuedSession laptop = signIn(nodeA, "ann");
        IssuedSession phone = signIn(nodeA, "ann");
        IssuedSession bob = signIn(nodeA, "bob");
        for (IssuedSession s : new IssuedSession[] {laptop, phone, bob}) {
            assertTrue(nodeA.validateSession(s.token()).isValid());
        }
        assertEquals(2, nodeA.updateUserGroups("ann", Set.of("user", "admin")));
        assertEquals(Set.of("user", "admin"), nodeA.validateSession(laptop.token()).session().orElseThrow().groups());
        clock.advance(Duration.ofSeconds(1));
        nodeA.markAuthenticated(nodeA.validateSession(laptop.token()).session().orElseThrow());
        assertEquals(clock.instant(), nodeA.validateSession(laptop.token()).session().orElseThrow().authenticatedAt());
        assertEquals(1, nodeA.invalidateOtherSessions("ann", laptop.session().id()));
        assertFalse(nodeA.validateSession(phone.token()).isValid());
        assertTrue(nodeA.validateSession(laptop.token()).isValid());
        assertEquals(1, nodeA.invalidateUserSessions("ann"));
        assertFalse(nodeA.validateSession(laptop.token()).isValid());
        assertTrue(nodeA.validateSession(bob.token()).isValid(), "other users' rows stay");
    }

    @Test
    void signingEverybodyOutIsSeenAtOnceOnThisNode() {
        IssuedSession ann = signIn(nodeA, "ann");
        IssuedSession bob = signIn(nodeA, "bob");
        assertTrue(nodeA.validateSession(ann.token()).isValid());
        assertTrue(nodeA.validateSession(bob.token()).isValid());
        assertEquals(2, nodeA.invalidateAllSessions());
        assertEquals(Optional.of(Reason.UNKNOWN_SESSION), nodeA.validateSession(ann.token()).rejection());
        assertEquals(Optional.of(Reason.UNKNOWN_SESSION), nodeA.validateSession(bob.token()).rejection());
    }

    /** Two caches joined by a feed that hands each announcement to the other node at once. */
    private static final class Wire {
        final List<ChangeFeed.Change> sent = new CopyOnWriteArrayList<>();
        final List<Consumer<ChangeFeed.Change>> nodes = new CopyOnWriteArrayList<>();

        ChangeFeed end() {
            return new ChangeFeed() {
                private Consumer<ChangeFeed.Change> self;

                @Override
                public void announce(ChangeFeed.Change change) {
                    sent.add(change);
                    nodes.stream().filter(n -> n != self).forEach(n -> n.accept(change));
                }

                @Override
                public void listen(Consumer<ChangeFeed.Change> listener) {
                    self = listener;
                    nodes.add(listener);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void withAFeedTheOtherNodeDropsWhatWasRevokedAtOnceAndNothingElse() {
        Wire wire = new Wire();
        Latchkey a = new Latchkey(new CachingSessionStore(database, FIVE_SECONDS, clock, wire.end()), clock,
                LatchkeyConfig.defaults());
        RecordingStore readsB = new RecordingStore(database);
        Latchkey b = new Latchkey(new CachingSessionStore(readsB, FIVE_SECONDS, clock, wire.end()), clock,
                LatchkeyConfig.defaults());
        IssuedSession laptop = signIn(a, "ann");
        IssuedSession phone = signIn(a, "ann");
        IssuedSession bob = signIn(a, "bob");
        for (IssuedSession s : List.of(laptop, phone, bob)) {
            assertTrue(b.validateSession(s.token()).isValid());
        }
        assertTrue(a.invalidateSession(phone.session().id()));
        assertEquals(Optional.of(Reason.UNKNOWN_SESSION), b.validateSession(phone.token()).rejection(),
                "the other node, without waiting for max-age");
        readsB.calls.set(0);
        assertTrue(b.validateSession(bob.token()).isValid());
        assertEquals(0, readsB.calls.get(), "other rows stay cached");
        assertEquals(1, a.updateUserGroups("ann", Set.of("user", "admin")));
        assertEquals(Set.of("user", "admin"), b.validateSession(laptop.token()).session().orElseThrow().groups());
        assertEquals(1, a.invalidateUserSessions("ann"));
        assertEquals(Optional.of(Reason.UNKNOWN_SESSION), b.validateSession(laptop.token()).rejection());
        assertFalse(a.invalidateSession(phone.session().id()), "gone already");
        assertEquals(List.of(new ChangeFeed.Change(ChangeFeed.Kind.SESSION, phone.session().id()),
                new ChangeFeed.Change(ChangeFeed.Kind.USER, "ann"), new ChangeFeed.Change(ChangeFeed.Kind.USER, "ann")),
                wire.sent, "only changes that changed something are announced; renewals and sign-ins are not");
        assertEquals(1, a.invalidateAllSessions());
        assertEquals(ChangeFeed.Change.EVERYTHING, wire.sent.get(wire.sent.size() - 1));
        assertEquals(Optional.of(Reason.UNKNOWN_SESSION), b.validateSession(bob.token()).rejection());
    }

    @Test
    void hearingThatChangesWereMissedEmptiesTheCache() {
        Wire wire = new Wire();
        RecordingStore readsB = new RecordingStore(database);
        Latchkey b = new Latchkey(new CachingSessionStore(readsB, FIVE_SECONDS, clock, wire.end()), clock,
                LatchkeyConfig.defaults());
        IssuedSession ann = signIn(b, "ann");
        assertTrue(b.validateSession(ann.token()).isValid());
        database.delete(ann.session().id());
        assertTrue(b.validateSession(ann.token()).isValid(), "cached: the direct delete was not announced");
        wire.nodes.get(0).accept(ChangeFeed.Change.EVERYTHING);
        assertEquals(Optional.of(Reason.UNKNOWN_SESSION), b.validateSession(ann.token()).rejection());
    }

    @Test
    void renewalStillHappensOnceAtTheHalfwayPointAndTheRenewedRowIsKept() {
        IssuedSession ann = signIn(nodeA, "ann");
        clock.advance(LatchkeyConfig.defaults().idleTimeout().dividedBy(2).minusSeconds(1));
        assertFalse(nodeA.validateSession(ann.token()).isFresh());
        assertFalse(nodeB.validateSession(ann.token()).isFresh(), "both nodes hold the row, not yet due");
        clock.advance(Duration.ofSeconds(2));
        readsA.writes.set(0);
        readsA.calls.set(0);
        SessionValidation renewed = nodeA.validateSession(ann.token());
        assertTrue(renewed.isFresh(), "renewed at the halfway point, from the cached row");
        assertFalse(nodeA.validateSession(ann.token()).isFresh());
        assertEquals(1, readsA.calls.get(), "one write and no read: the renewed row is kept");
        assertEquals(1, readsA.writes.get());
        SessionValidation elsewhere = nodeB.validateSession(ann.token());
        assertTrue(elsewhere.isValid());
        assertFalse(elsewhere.isFresh(), "the other node's row was stale: its conditional write lost, no second renewal");
        assertEquals(renewed.session().orElseThrow().expiresAt(), database.find(ann.session().id()).orElseThrow()
                .session().expiresAt());
        assertFalse(nodeB.validateSession(ann.token()).isFresh(), "and it reads the renewed row next");
    }

    /**
     * A demotion on another node, then a renewal on this one: the renewed row this node keeps is as old
     * as the row it was made from, so the demotion is seen once that row is max-age old — not max-age
     * after the renewal, and not never while renewals come more often than max-age.
     */
    @Test
    void aRenewalKeepsTheAgeOfTheRowItWasMadeFrom() {
        IssuedSession ann = nodeA.createSession(NewSession.forUser("ann").rememberMe(true).groups(Set.of("admin")));
        clock.advance(LatchkeyConfig.defaults().idleTimeout().dividedBy(2).minusSeconds(4));
        assertFalse(nodeA.validateSession(ann.token()).isFresh(), "read now, not yet due for renewal");
        assertEquals(1, nodeB.updateUserGroups("ann", Set.of("user")), "demoted on the other node");
        clock.advance(Duration.ofMillis(4_500));
        SessionValidation renewed = nodeA.validateSession(ann.token());
        assertTrue(renewed.isFresh(), "renewed from the cached row");
        assertEquals(Set.of("admin"), renewed.session().orElseThrow().groups(), "within the bound the old groups may show");
        clock.advance(Duration.ofMillis(500));
        assertEquals(Set.of("user"), nodeA.validateSession(ann.token()).session().orElseThrow().groups(),
                "max-age after the read, the demotion is seen");
    }

    @Test
    void aRowReadWhileThisNodeRevokesItIsNotKept() throws Exception {
        IssuedSession ann = signIn(nodeA, "ann");
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch revoked = new CountDownLatch(1);
        SessionStore slowReads = new ForwardingStore(database) {
            @Override
            public Optional<StoredSession> find(String id) {
                Optional<StoredSession> row = super.find(id);
                reading.countDown();
                await(revoked);
                return row;
            }
        };
        CachingSessionStore cache = new CachingSessionStore(slowReads, FIVE_SECONDS, clock);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<StoredSession>> read = pool.submit(() -> cache.find(ann.session().id()));
            assertTrue(reading.await(5, TimeUnit.SECONDS));
            assertTrue(cache.delete(ann.session().id()));
            revoked.countDown();
            assertTrue(read.get(5, TimeUnit.SECONDS).isPresent(), "the read began before the revocation");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cache.find(ann.session().id()).isEmpty(), "the row read before the revocation was not kept");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theCacheKeepsAtMostMaxSizeRows() {
        RecordingStore reads = new RecordingStore(database);
        CachingSessionStore small = new CachingSessionStore(reads, new CacheSettings(2, Duration.ofSeconds(5)), clock);
        Latchkey node = new Latchkey(small, clock, LatchkeyConfig.defaults());
        IssuedSession[] sessions = new IssuedSession[5];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = signIn(node, "user-" + i);
            assertTrue(node.validateSession(sessions[i].token()).isValid());
        }
        reads.calls.set(0);
        for (IssuedSession s : sessions) {
            assertTrue(node.validateSession(s.token()).isValid());
        }
        assertTrue(reads.calls.get() >= 3, "at most two of five rows were kept, read again: " + reads.calls.get());
    }

    @Test
    void boundsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new CacheSettings(-1, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new CacheSettings(10, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new CacheSettings(10, Duration.ofMinutes(6)));
        assertFalse(CacheSettings.OFF.isOn());
        assertThrows(IllegalArgumentException.class, () -> new CachingSessionStore(database, CacheSettings.OFF, clock));
    }
}
