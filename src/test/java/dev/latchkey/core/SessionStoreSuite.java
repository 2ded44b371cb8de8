package dev.latchkey.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do. Each adapter runs this suite through a small subclass
 * that supplies a fresh, empty store.
 */
public abstract class SessionStoreSuite {

    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    protected SessionStore store;
    protected MutableClock clock;
    protected Latchkey latchkey;

    /** A new, empty store. */
    protected abstract SessionStore createStore();

    /** Releases what {@link #createStore()} opened. */
    protected void closeStore() {
    }

    @BeforeEach
    void openStore() {
        store = createStore();
        clock = new MutableClock(T0);
        latchkey = new Latchkey(store, clock, LatchkeyConfig.defaults());
    }

    @AfterEach
    void close() {
        closeStore();
    }

    protected static StoredSession session(String id, String userId, Instant created, Duration idle) {
        Session s = new Session(id, userId, created, created.plus(idle), created, created, idle, true,
                "203.0.113.7", "Firefox", Set.of("user"), SessionAttributes.empty());
        byte[] hash = new byte[StoredSession.SECRET_HASH_BYTES];
        hash[0] = (byte) id.hashCode();
        return new StoredSession(s, hash);
    }

    protected static String id(int n) {
        String digits = Integer.toString(n, 32).replace('0', 'z').replace('1', 'y');
        return "a".repeat(32 - digits.length()) + digits;
    }

    @Test
    void insertedSessionIsFoundWithEveryFieldUnchanged() {
        Session s = new Session(id(1), "user-\u00e9\u4e2d", T0, T0.plus(Duration.ofDays(30)), T0.plusMillis(5),
                T0.minusSeconds(60), Duration.ofDays(30), true, "2001:db8::1", "Mozilla/5.0 (X11; Linux)",
                Set.of("admin", "user", "group with spaces"),
                SessionAttributes.empty().with("tenant", "acme & co=1").with("mfa", true).with("level", 3L));
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) (i * 7 - 100);
        }
        store.insert(new StoredSession(s, hash));

        StoredSession found = store.find(id(1)).orElseThrow();
        assertEquals(s, found.session());
        assertArrayEquals(hash, found.secretHash());
        assertEquals(Set.of("admin", "user", "group with spaces"), found.session().groups());
        assertEquals("acme & co=1", found.session().attributes().string("tenant").orElseThrow());
        assertEquals(3L, found.session().attributes().longValue("level").getAsLong());
    }

    @Test
    void sessionWithoutOptionalFieldsRoundTrips() {
        Session s = new Session(id(2), "u", T0, T0.plusSeconds(60), T0, T0, Duration.ofSeconds(60), false,
                null, null, Set.of(), SessionAttributes.empty());
        store.insert(new StoredSession(s, new byte[32]));
        assertEquals(s, store.find(id(2)).orElseThrow().session());
    }

    @Test
    void timestampsKeepMillisecondsAndFarFutureValues() {
        Instant odd = Instant.parse("2026-03-01T10:00:00.999Z");
        Instant far = Instant.parse("2400-12-31T23:59:59.001Z");
        Session s = new Session(id(3), "u", odd, far, odd, Instant.EPOCH, Duration.ofMillis(1), true,
                null, null, Set.of(), SessionAttributes.empty());
        store.insert(new StoredSession(s, new byte[32]));
        Session read = store.find(id(3)).orElseThrow().session();
        assertEquals(odd, read.createdAt());
        assertEquals(far, read.expiresAt());
        assertEquals(Instant.EPOCH, read.authenticatedAt());
    }

    @Test
    void findOfUnknownIdIsEmpty() {
        assertTrue(store.find(id(404)).isEmpty());
    }

    @Test
    void insertingADuplicateIdFails() {
        store.insert(session(id(5), "u", T0, Duration.ofHours(1)));
        assertThrows(SessionStoreException.class, () -> store.insert(session(id(5), "v", T0, Duration.ofHours(1))));
        assertEquals("u", store.find(id(5)).orElseThrow().session().userId());
    }

    @Test
    void renewSucceedsOnlyFromTheExpectedDeadline() {
        StoredSession s = session(id(6), "u", T0, Duration.ofHours(1));
        store.insert(s);
        Instant oldDeadline = s.session().expiresAt();
        Instant newDeadline = oldDeadline.plus(Duration.ofHours(1));

        assertFalse(store.renew(id(6), oldDeadline.minusMillis(1), newDeadline, T0.plusSeconds(1)));
        assertTrue(store.renew(id(6), oldDeadline, newDeadline, T0.plusSeconds(2)));
        assertFalse(store.renew(id(6), oldDeadline, newDeadline.plusSeconds(5), T0.plusSeconds(3)));

        Session read = store.find(id(6)).orElseThrow().session();
        assertEquals(newDeadline, read.expiresAt());
        assertEquals(T0.plusSeconds(2), read.renewedAt());
        assertFalse(store.renew(id(404), oldDeadline, newDeadline, T0));
    }

    @Test
    void deleteRemovesOneSession() {
        store.insert(session(id(7), "u", T0, Duration.ofHours(1)));
        store.insert(session(id(8), "u", T0, Duration.ofHours(1)));
        assertTrue(store.delete(id(7)));
        assertFalse(store.delete(id(7)));
        assertTrue(store.find(id(7)).isEmpty());
        assertTrue(store.find(id(8)).isPresent());
    }

    @Test
    void deleteUserSessionsRemovesOnlyThatUsersSessions() {
        store.insert(session(id(10), "alice", T0, Duration.ofHours(1)));
        store.insert(session(id(11), "alice", T0, Duration.ofHours(1)));
        store.insert(session(id(12), "bob", T0, Duration.ofHours(1)));
        assertEquals(2, store.deleteUserSessions("alice"));
        assertTrue(store.find(id(10)).isEmpty());
        assertTrue(store.find(id(11)).isEmpty());
        assertTrue(store.find(id(12)).isPresent());
        assertEquals(0, store.deleteUserSessions("nobody"));
    }

    @Test
    void deleteUserSessionsExceptKeepsTheCurrentOne() {
        store.insert(session(id(20), "alice", T0, Duration.ofHours(1)));
        store.insert(session(id(21), "alice", T0, Duration.ofHours(1)));
        store.insert(session(id(22), "alice", T0, Duration.ofHours(1)));
        store.insert(session(id(23), "bob", T0, Duration.ofHours(1)));
        assertEquals(2, store.deleteUserSessionsExcept("alice", id(21)));
        assertTrue(store.find(id(21)).isPresent());
        assertTrue(store.find(id(20)).isEmpty());
        assertTrue(store.find(id(22)).isEmpty());
        assertTrue(store.find(id(23)).isPresent());
    }

    @Test
    void listUserSessionsIsNewestFirstAndOmitsExpiredOnes() {
        store.insert(session(id(30), "alice", T0, Duration.ofHours(1)));
        store.insert(session(id(31), "alice", T0.plusSeconds(10), Duration.ofHours(1)));
        store.insert(session(id(32), "alice", T0.plusSeconds(5), Duration.ofMinutes(1)));
        store.insert(session(id(33), "bob", T0, Duration.ofHours(1)));

        List<Session> live = store.listUserSessions("alice", T0.plusSeconds(30));
        assertEquals(List.of(id(31), id(32), id(30)), live.stream().map(Session::id).toList());

        List<Session> later = store.listUserSessions("alice", T0.plus(Duration.ofMinutes(2)));
        assertEquals(List.of(id(31), id(30)), later.stream().map(Session::id).toList());
        // exactly at the deadline a session is expired
        assertEquals(List.of(id(31)), store.listUserSessions("alice", T0.plus(Duration.ofHours(1))).stream()
                .map(Session::id).toList());
        assertTrue(store.listUserSessions("nobody", T0).isEmpty());
    }

    @Test
    void deleteExpiredRemovesAtMostTheLimitAndOnlyExpiredRows() {
        for (int i = 0; i < 25; i++) {
            store.insert(session(id(100 + i), "u" + i, T0, Duration.ofMinutes(1)));
        }
        store.insert(session(id(200), "live", T0, Duration.ofHours(1)));
        Instant later = T0.plus(Duration.ofMinutes(5));

        assertEquals(10, store.deleteExpired(later, 10));
        assertEquals(10, store.deleteExpired(later, 10));
        assertEquals(5, store.deleteExpired(later, 10));
        assertEquals(0, store.deleteExpired(later, 10));
        assertTrue(store.find(id(200)).isPresent());
        assertEquals(0, IntStream.range(0, 25).filter(i -> store.find(id(100 + i)).isPresent()).count());
    }

    @Test
    void deleteExpiredSparesASessionRenewedInTime() {
        StoredSession s = session(id(40), "u", T0, Duration.ofMinutes(1));
        store.insert(s);
        Instant newDeadline = T0.plus(Duration.ofHours(1));
        assertTrue(store.renew(id(40), s.session().expiresAt(), newDeadline, T0.plusSeconds(50)));
        assertEquals(0, store.deleteExpired(T0.plus(Duration.ofMinutes(5)), 100));
        assertTrue(store.find(id(40)).isPresent());
    }

    // ---- through the facade: the behaviour applications depend on ----

    @Test
    void facadeRoundTripCreateValidateInvalidate() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true)
                .groups(List.of("user")).client("198.51.100.1", "Chrome"));
        SessionValidation v = latchkey.validateSession(issued.token());
        assertTrue(v.isValid());
        assertEquals(issued.session(), v.session().orElseThrow());
        assertTrue(latchkey.invalidateSession(issued.session().id()));
        assertFalse(latchkey.validateSession(issued.token()).isValid());
    }

    @Test
    void concurrentValidationsAtTheRenewalPointRenewExactlyOnce() throws Exception {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true));
        clock.advance(Duration.ofDays(16)); // less than half of 30 days left
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SessionValidation>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return latchkey.validateSession(issued.token());
                }));
            }
            start.countDown();
            int fresh = 0;
            for (Future<SessionValidation> f : results) {
                SessionValidation v = f.get(60, TimeUnit.SECONDS);
                assertTrue(v.isValid(), () -> "a concurrent validation failed: " + v);
                fresh += v.isFresh() ? 1 : 0;
            }
            assertEquals(1, fresh, "exactly one validation renews the session");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(clock.instant().plus(Duration.ofDays(30)),
                store.find(issued.session().id()).orElseThrow().session().expiresAt());
    }

    @Test
    void manyConcurrentCreationsForOneUserAllSucceedWithDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<IssuedSession>> created = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                created.add(pool.submit(() -> latchkey.createSession(NewSession.forUser("alice"))));
            }
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            for (Future<IssuedSession> f : created) {
                ids.add(f.get(60, TimeUnit.SECONDS).session().id());
            }
            assertEquals(40, Set.copyOf(ids).size());
            assertEquals(40, latchkey.listUserSessions("alice").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleteIfExpiresAtDeletesOnlyWhileTheDeadlineIsUnchanged() {
        StoredSession s = session(id(30), "alice", T0, Duration.ofDays(1));
        store.insert(s);
        Instant deadline = s.session().expiresAt();
        assertTrue(store.renew(id(30), deadline, deadline.plus(Duration.ofDays(1)), deadline));
        assertFalse(store.deleteIfExpiresAt(id(30), deadline), "renewed meanwhile: kept");
        assertTrue(store.find(id(30)).isPresent());
        assertTrue(store.deleteIfExpiresAt(id(30), deadline.plus(Duration.ofDays(1))));
        assertTrue(store.find(id(30)).isEmpty());
        assertFalse(store.deleteIfExpiresAt(id(30), deadline), "already gone");
    }

    @Test
    void updateUserGroupsChangesEverySessionOfThatUserOnly() {
        store.insert(session(id(40), "alice", T0, Duration.ofDays(1)));
        store.insert(session(id(41), "alice", T0, Duration.ofDays(30)));
        store.insert(session(id(42), "bob", T0, Duration.ofDays(1)));
        assertEquals(2, store.updateUserGroups("alice", Set.of("user", "auditor", "group with spaces")));
        assertEquals(Set.of("auditor", "group with spaces", "user"), store.find(id(40)).orElseThrow().session().groups());
        assertEquals(Set.of("auditor", "group with spaces", "user"), store.find(id(41)).orElseThrow().session().groups());
        assertEquals(Set.of("user"), store.find(id(42)).orElseThrow().session().groups());
        assertEquals(2, store.updateUserGroups("alice", Set.of()));
        assertEquals(Set.of(), store.find(id(40)).orElseThrow().session().groups());
        assertEquals(0, store.updateUserGroups("nobody", Set.of("user")));
    }

    @Test
    void markAuthenticatedMovesOnlyTheTimeOfTheLastCredential() {
        store.insert(session(id(43), "alice", T0, Duration.ofDays(1)));
        StoredSession before = store.find(id(43)).orElseThrow();
        Instant later = T0.plus(Duration.ofMinutes(42)).plusMillis(7);
        assertTrue(store.markAuthenticated(id(43), later));
        StoredSession after = store.find(id(43)).orElseThrow();
        assertEquals(later, after.session().authenticatedAt());
        assertEquals(before.session().withAuthenticatedAt(later), after.session(), "nothing else changes");
        assertArrayEquals(before.secretHash(), after.secretHash());
        assertFalse(store.markAuthenticated(id(44), later), "no such session");
    }

    @Test
    void userIdsNoDatabaseKeepsAreAnsweredWithoutError() {
        latchkey.createSession(NewSession.forUser("alice").rememberMe(true));
        for (String userId : new String[] {"al\u0000ice", "a\u0001", "x".repeat(1000), "\ud800", null}) {
            assertEquals(0, latchkey.invalidateUserSessions(userId));
            assertEquals(List.of(), latchkey.listUserSessions(userId));
            assertEquals(0, latchkey.updateUserGroups(userId, List.of("user")));
        }
        assertEquals(1, latchkey.listUserSessions("alice").size());
    }

    @Test
    void invalidateAllSessionsSignsEverybodyOutInBatches() {
        Latchkey small = new Latchkey(store, clock, LatchkeyConfig.builder().cleanupBatchSize(2).build());
        List<IssuedSession> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            issued.add(small.createSession(NewSession.forUser("user-" + (i % 2)).rememberMe(i % 2 == 0)));
        }
        assertEquals(5, small.invalidateAllSessions());
        for (IssuedSession session : issued) {
            assertFalse(small.validateSession(session.token()).isValid());
        }
        assertEquals(0, small.invalidateAllSessions());
    }
}
