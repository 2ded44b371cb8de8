package dev.latchkey.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.testing.ForwardingStore;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.RecordingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LatchkeyTest {

    private static final Instant T0 = Instant.parse("2026-01-15T08:30:00Z");

    private MutableClock clock;
    private RecordingStore store;
    private Latchkey latchkey;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        store = new RecordingStore(new InMemorySessionStore());
        latchkey = new Latchkey(store, clock, LatchkeyConfig.defaults());
    }

    private IssuedSession rememberMe(String user) {
        return latchkey.createSession(NewSession.forUser(user).rememberMe(true));
    }

    @Test
    void createdSessionCarriesEverythingItWasCreatedWith() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice")
                .rememberMe(true)
                .client("198.51.100.23", "Mozilla/5.0")
                .groups(List.of("user", "admin", "user"))
                .attributes(SessionAttributes.empty().with("tenant", "acme")));
        Session s = issued.session();
        assertEquals("alice", s.userId());
        assertEquals(T0, s.createdAt());
        assertEquals(T0, s.renewedAt());
        assertEquals(T0, s.authenticatedAt());
        assertEquals(T0.plus(Duration.ofDays(30)), s.expiresAt());
        assertEquals(Duration.ofDays(30), s.idleTimeout());
        assertTrue(s.persistent());
        assertEquals("198.51.100.23", s.clientIp());
        assertEquals("Mozilla/5.0", s.userAgent());
        assertEquals(Set.of("admin", "user"), s.groups());
        assertEquals("acme", s.attributes().string("tenant").orElseThrow());
        assertTrue(issued.token().startsWith(s.id() + "."));
        assertFalse(issued.toString().contains(issued.token().substring(33)), "token secret in toString");
    }

    @Test
    void browserSessionUsesTheShortIdleTimeout() {
        Session s = latchkey.createSession(NewSession.forUser("bob")).session();
        assertFalse(s.persistent());
        assertEquals(Duration.ofDays(1), s.idleTimeout());
        assertEquals(T0.plus(Duration.ofDays(1)), s.expiresAt());
    }

    @Test
    void clientMetadataIsTruncatedAndCleaned() {
        String longAgent = "A".repeat(5000);
        Session s = latchkey.createSession(NewSession.forUser("u").client("1.2.3.4\r\nX-Evil: 1" + "9".repeat(100), longAgent)).session();
        assertEquals(NewSession.MAX_CLIENT_IP, s.clientIp().length());
        assertFalse(s.clientIp().contains("\n"));
        assertEquals(NewSession.MAX_USER_AGENT, s.userAgent().length());
    }

    @Test
    void validTokenValidatesWithoutWritingWhenNotDue() {
        IssuedSession issued = rememberMe("alice");
        store.writes.set(0);
        store.calls.set(0);
        clock.advance(Duration.ofDays(14)); // 16 of 30 days left: more than half
        SessionValidation v = latchkey.validateSession(issued.token());
        assertTrue(v.isValid());
        assertFalse(v.isFresh());
        assertEquals(1, store.calls.get());
        assertEquals(0, store.writes.get());
    }

    @Test
    void sessionIsRenewedOnceLessThanHalfTheIdleWindowRemains() {
        IssuedSession issued = rememberMe("alice");
        clock.advance(Duration.ofDays(15).plusMillis(1));
        SessionValidation v = latchkey.validateSession(issued.token());
        assertTrue(v.isFresh());
        Session renewed = v.session().orElseThrow();
        assertEquals(clock.instant().plus(Duration.ofDays(30)), renewed.expiresAt());
        assertEquals(clock.instant(), renewed.renewedAt());

        // right after renewal, no further write
        store.writes.set(0);
        SessionValidation again = latchkey.validateSession(issued.token());
        assertFalse(again.isFresh());
        assertEquals(0, store.writes.get());
        assertEquals(renewed.expiresAt(), again.session().orElseThrow().expiresAt());
    }

    @Test
    void exactlyHalfTheWindowLeftIsNotYetDue() {
        IssuedSession issued = rememberMe("alice");
        clock.advance(Duration.ofDays(15));
        assertFalse(latchkey.validateSession(issued.token()).isFresh());
    }

    @Test
    void anActiveSessionStaysAliveBeyondItsFirstDeadline() {
        IssuedSession issued = rememberMe("alice");
        for (int day = 0; day < 90; day += 10) {
            clock.advance(Duration.ofDays(10));
            assertTrue(latchkey.validateSession(issued.token()).isValid(), "day " + day);
        }
    }

    @Test
    void idleSessionExpiresAndItsRowIsDeleted() {
        IssuedSession issued = rememberMe("alice");
        clock.advance(Duration.ofDays(30));
        SessionValidation v = latchkey.validateSession(issued.token());
        assertEquals(Reason.SESSION_EXPIRED, v.rejection().orElseThrow());
        assertFalse(v.isValid());
        assertTrue(store.find(issued.session().id()).isEmpty(), "expired row deleted on read");
        assertEquals(Reason.UNKNOWN_SESSION, latchkey.validateSession(issued.token()).rejection().orElseThrow());
    }

    @Test
    void oneMillisecondBeforeTheDeadlineTheSessionIsValid() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("u"));
        clock.advance(Duration.ofDays(1).minusMillis(1));
        assertTrue(latchkey.validateSession(issued.token()).isValid());
    }

    @Test
    void renewalNeverPassesTheAbsoluteLifetime() {
        Latchkey shortLived = new Latchkey(store, clock, LatchkeyConfig.builder()
                .idleTimeout(Duration.ofDays(10)).absoluteLifetime(Duration.ofDays(12)).build());
        IssuedSession issued = shortLived.createSession(NewSession.forUser("alice").rememberMe(true));
        clock.advance(Duration.ofDays(6));
        SessionValidation v = shortLived.validateSession(issued.token());
        assertTrue(v.isFresh());
        assertEquals(T0.plus(Duration.ofDays(12)), v.session().orElseThrow().expiresAt(), "capped at the absolute end");

        clock.advance(Duration.ofDays(5)); // day 11: 1 day left, nothing more to renew
        SessionValidation late = shortLived.validateSession(issued.token());
        assertTrue(late.isValid());
        assertFalse(late.isFresh());

        clock.advance(Duration.ofDays(1)); // day 12
        assertEquals(Reason.SESSION_EXPIRED, shortLived.validateSession(issued.token()).rejection().orElseThrow());
    }

    @Test
    void shorteningTheAbsoluteLifetimeAppliesToExistingSessions() {
        IssuedSession issued = rememberMe("alice");
        clock.advance(Duration.ofDays(10));
        Latchkey stricter = new Latchkey(store, clock, LatchkeyConfig.builder()
                .idleTimeout(Duration.ofDays(5)).browserSessionIdleTimeout(Duration.ofDays(1))
                .absoluteLifetime(Duration.ofDays(7)).build());
        assertEquals(Reason.SESSION_EXPIRED, stricter.validateSession(issued.token()).rejection().orElseThrow());
    }

    @Test
    void forgedSecretIsRejectedAndTheSessionSurvives() {
        IssuedSession issued = rememberMe("alice");
        String forged = issued.session().id() + "." + "a".repeat(SessionToken.SECRET_LENGTH);
        assertEquals(Reason.SECRET_MISMATCH, latchkey.validateSession(forged).rejection().orElseThrow());
        assertTrue(latchkey.validateSession(issued.token()).isValid());
    }

    @Test
    void unknownTokenIsRejected() {
        String unknown = "b".repeat(32) + "." + "c".repeat(52);
        assertEquals(Reason.UNKNOWN_SESSION, latchkey.validateSession(unknown).rejection().orElseThrow());
    }

    @Test
    void malformedAndMissingTokensNeverReachTheStore() {
        store.calls.set(0);
        assertEquals(Reason.NO_TOKEN, latchkey.validateSession(null).rejection().orElseThrow());
        assertEquals(Reason.NO_TOKEN, latchkey.validateSession("").rejection().orElseThrow());
        for (String bad : List.of("garbage", "a.b", "x".repeat(100_000), "\u0000\u0001", "' OR 1=1 --")) {
            assertEquals(Reason.MALFORMED_TOKEN, latchkey.validateSession(bad).rejection().orElseThrow());
        }
        assertEquals(0, store.calls.get());
    }

    @Test
    void storeOutageGivesStoreUnavailableAndRecovers() {
        IssuedSession issued = rememberMe("alice");
        store.setDown(true);
        SessionValidation v = latchkey.validateSession(issued.token());
        assertEquals(Reason.STORE_UNAVAILABLE, v.rejection().orElseThrow());
        store.setDown(false);
        assertTrue(latchkey.validateSession(issued.token()).isValid());
    }

    @Test
    void invalidateRemovesOneSession() {
        IssuedSession a = rememberMe("alice");
        IssuedSession b = rememberMe("alice");
        assertTrue(latchkey.invalidateSession(a.session().id()));
        assertFalse(latchkey.invalidateSession(a.session().id()));
        assertFalse(latchkey.invalidateSession("not-an-id"));
        assertFalse(latchkey.invalidateSession(null));
        assertEquals(Reason.UNKNOWN_SESSION, latchkey.validateSession(a.token()).rejection().orElseThrow());
        assertTrue(latchkey.validateSession(b.token()).isValid());
    }

    @Test
    void aUserCannotRevokeAnotherUsersSession() {
        IssuedSession alice = rememberMe("alice");
        IssuedSession bob = rememberMe("bob");
        assertFalse(latchkey.invalidateUserSession("alice", bob.session().id()));
        assertTrue(latchkey.validateSession(bob.token()).isValid());
        assertTrue(latchkey.invalidateUserSession("alice", alice.session().id()));
        assertFalse(latchkey.validateSession(alice.token()).isValid());
    }

    @Test
    void invalidateUserSessionsSignsOutEverywhere() {
        IssuedSession a = rememberMe("alice");
        IssuedSession b = rememberMe("alice");
        IssuedSession c = rememberMe("carol");
        assertEquals(2, latchkey.invalidateUserSessions("alice"));
        assertFalse(latchkey.validateSession(a.token()).isValid());
        assertFalse(latchkey.validateSession(b.token()).isValid());
        assertTrue(latchkey.validateSession(c.token()).isValid());
    }

    @Test
    void invalidateOtherSessionsKeepsTheCurrentOne() {
        IssuedSession current = rememberMe("alice");
        IssuedSession other1 = rememberMe("alice");
        IssuedSession other2 = rememberMe("alice");
        assertEquals(2, latchkey.invalidateOtherSessions("alice", current.session().id()));
        assertTrue(latchkey.validateSession(current.token()).isValid());
        assertFalse(latchkey.validateSession(other1.token()).isValid());
        assertFalse(latchkey.validateSession(other2.token()).isValid());
    }

    @Test
    void listUserSessionsIsNewestFirstWithoutExpiredOrForeignOnes() {
        IssuedSession old = latchkey.createSession(NewSession.forUser("alice"));
        clock.advance(Duration.ofHours(1));
        IssuedSession newer = rememberMe("alice");
        rememberMe("bob");
        assertEquals(List.of(newer.session().id(), old.session().id()),
                latchkey.listUserSessions("alice").stream().map(Session::id).toList());
        clock.advance(Duration.ofDays(1)); // the browser session (1 day idle) has expired
        assertEquals(List.of(newer.session().id()),
                latchkey.listUserSessions("alice").stream().map(Session::id).toList());
    }

    @Test
    void deleteExpiredSessionsWorksInBatchesAndCountsAll() {
        Latchkey batched = new Latchkey(store, clock, LatchkeyConfig.builder().cleanupBatchSize(7).build());
        for (int i = 0; i < 30; i++) {
            batched.createSession(NewSession.forUser("u" + i));
        }
        IssuedSession live = batched.createSession(NewSession.forUser("live").rememberMe(true));
        clock.advance(Duration.ofDays(2));
        store.writes.set(0);
        assertEquals(30, batched.deleteExpiredSessions());
        assertEquals(5, store.writes.get(), "batches of 7: 7+7+7+7+2");
        assertTrue(batched.validateSession(live.token()).isValid());
        assertEquals(0, batched.deleteExpiredSessions());
    }

    @Test
    void persistentSessionGetsAPersistentCookieUntilItsDeadline() {
        IssuedSession issued = rememberMe("alice");
        SessionCookie cookie = latchkey.createSessionCookie(issued);
        assertEquals("__Host-latchkey", cookie.name());
        assertEquals(issued.token(), cookie.value());
        assertEquals(Duration.ofDays(30), cookie.maxAge());
        assertEquals("__Host-latchkey=" + issued.token() + "; Max-Age=2592000; Path=/; Secure; HttpOnly; SameSite=Lax",
                cookie.toSetCookieHeader());
    }

    @Test
    void browserSessionGetsACookieWithoutMaxAge() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("bob"));
        SessionCookie cookie = latchkey.createSessionCookie(issued);
        assertNull(cookie.maxAge());
        assertEquals("__Host-latchkey=" + issued.token() + "; Path=/; Secure; HttpOnly; SameSite=Lax",
                cookie.toSetCookieHeader());
    }

    @Test
    void renewedSessionCookieRunsToTheNewDeadline() {
        IssuedSession issued = rememberMe("alice");
        clock.advance(Duration.ofDays(20));
        SessionValidation v = latchkey.validateSession(issued.token());
        assertTrue(v.isFresh());
        assertEquals(Duration.ofDays(30), latchkey.createSessionCookie(issued.token(), v.session().orElseThrow()).maxAge());
    }

    @Test
    void blankCookieDeletesTheSessionCookie() {
        assertEquals("__Host-latchkey=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax",
                latchkey.createBlankSessionCookie().toSetCookieHeader());
    }

    @Test
    void storeFailuresOutsideValidationSurfaceAsSessionStoreException() {
        store.setDown(true);
        assertThrows(SessionStoreException.class, () -> latchkey.createSession(NewSession.forUser("u")));
        assertThrows(SessionStoreException.class, () -> latchkey.invalidateUserSessions("u"));
    }

    @Test
    void programmerErrorsInNewSessionAreRejectedWithExactMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NewSession.forUser(""));
        assertEquals("userId must be 1-255 characters of text without control characters", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NewSession.forUser("u").groups(List.of("bad\ngroup")));
        assertThrows(IllegalArgumentException.class, () -> NewSession.forUser("u").groups(
                java.util.stream.IntStream.range(0, 100).mapToObj(i -> "group-number-" + i + "-".repeat(20)).toList()));
    }

    /** User ids no session can have: the store is never asked about them. */
    private static final List<String> IMPOSSIBLE_USER_IDS = java.util.Arrays.asList(null, "", "al\u0000ice", "a\nb",
            "tab\there", "\u0085next-line", "x".repeat(256), "lone \ud800 surrogate", "reversed \udc00\ud800");

    @Test
    void userIdsNoSessionCanHaveAreAnsweredWithoutAskingTheStore() {
        rememberMe("alice");
        int before = store.calls.get();
        for (String userId : IMPOSSIBLE_USER_IDS) {
            assertFalse(NewSession.isValidUserId(userId));
            assertEquals(0, latchkey.invalidateUserSessions(userId));
            assertEquals(0, latchkey.invalidateOtherSessions(userId, "a".repeat(32)));
            assertEquals(List.of(), latchkey.listUserSessions(userId));
            assertFalse(latchkey.invalidateUserSession(userId, "a".repeat(32)));
            assertEquals(0, latchkey.updateUserGroups(userId, Set.of("user")));
            assertThrows(IllegalArgumentException.class, () -> NewSession.forUser(userId));
        }
        assertEquals(before, store.calls.get(), "no store call for an id no session can have");
        assertTrue(NewSession.isValidUserId("\ud83d\ude00 emoji and \u00e9 are text"));
        assertEquals(1, latchkey.listUserSessions("alice").size());
    }

    @Test
    void anExpiredSessionRenewedMeanwhileIsNotDeleted() {
        IssuedSession issued = rememberMe("alice");
        Session s = issued.session();
        // Another request (another node, its clock a little behind) renews the session between this
        // request's read, which finds it expired, and its delete.
        InMemorySessionStore target = new InMemorySessionStore();
        target.insert(new StoredSession(s, storedHash(issued)));
        Instant renewedTo = s.expiresAt().plus(Duration.ofDays(30));
        SessionStore racing = new ForwardingStore(target) {
            @Override
            public java.util.Optional<StoredSession> find(String id) {
                java.util.Optional<StoredSession> read = super.find(id);
                target.renew(id, s.expiresAt(), renewedTo, s.expiresAt());
                return read;
            }
        };
        Latchkey racingLatchkey = new Latchkey(racing, clock, LatchkeyConfig.defaults());
        clock.set(s.expiresAt());
        assertEquals(Reason.SESSION_EXPIRED, racingLatchkey.validateSession(issued.token()).rejection().orElseThrow());
        assertEquals(renewedTo, target.find(s.id()).orElseThrow().session().expiresAt(), "the renewed session survives");

        clock.set(renewedTo);
        assertEquals(Reason.SESSION_EXPIRED, latchkey.validateSession(issued.token()).rejection().orElseThrow());
        assertTrue(store.find(s.id()).isEmpty(), "an expired session nobody renewed is deleted when read");
    }

    private byte[] storedHash(IssuedSession issued) {
        return store.find(issued.session().id()).orElseThrow().secretHash();
    }

    @Test
    void changedGroupsApplyToTheSessionsAlreadySignedIn() {
        IssuedSession admin = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user", "admin")));
        IssuedSession adminPhone = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user", "admin")));
        IssuedSession other = latchkey.createSession(NewSession.forUser("bob").groups(Set.of("user", "admin")));
        assertEquals(2, latchkey.updateUserGroups("ann", List.of("user")));
        assertEquals(Set.of("user"), latchkey.validateSession(admin.token()).session().orElseThrow().groups());
        assertEquals(Set.of("user"), latchkey.validateSession(adminPhone.token()).session().orElseThrow().groups());
        assertEquals(Set.of("admin", "user"), latchkey.validateSession(other.token()).session().orElseThrow().groups());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> latchkey.updateUserGroups("ann", List.of("team\nadmin")));
        assertEquals("group names must be 1-100 characters without control characters", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> latchkey.updateUserGroups("ann", List.of("bad \ud800")));
    }

    @Test
    void aStoreOutageIsLoggedOnceAMinuteWithACountOfTheLinesHeldBack() {
        IssuedSession issued = rememberMe("alice");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(Latchkey.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try {
            store.setDown(true);
            for (int i = 0; i < 1000; i++) {
                assertEquals(Reason.STORE_UNAVAILABLE, latchkey.validateSession(issued.token()).rejection().orElseThrow());
            }
            assertEquals(1, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("LK-106 session store failed while validating a session"), lines.get(0));
            clock.advance(Duration.ofSeconds(61));
            latchkey.validateSession(issued.token());
            assertEquals(2, lines.size());
            assertTrue(lines.get(1).endsWith("(999 more LK-106 lines were held back since the last one)"), lines.get(1));
        } finally {
            jul.removeHandler(handler);
            store.setDown(false);
        }
    }
}
