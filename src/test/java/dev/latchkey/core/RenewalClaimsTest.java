package dev.latchkey.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.testing.ForwardingStore;
import dev.latchkey.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests of one node reaching a session's renewal point together write the renewal once: the
 * conditional write decides between nodes, and the requests of one node do not all try it.
 */
class RenewalClaimsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemorySessionStore target = new InMemorySessionStore();
    private final AtomicInteger renewals = new AtomicInteger();
    /** What {@code find} returns: the row as read before any renewal, as racing requests read it. */
    private StoredSession read;
    private IssuedSession issued;

    @BeforeEach
    void aSessionAtItsRenewalPoint() {
        issued = new Latchkey(target, clock, LatchkeyConfig.defaults())
                .createSession(NewSession.forUser("ann").rememberMe(true));
        read = target.find(issued.session().id()).orElseThrow();
        clock.advance(Duration.ofDays(16));
    }

    /** A store whose reads return {@link #read} and whose renewals are counted, then done by {@code renew}. */
    private Latchkey node(Renewal renew) {
        SessionStore store = new ForwardingStore(target) {
            @Override
            public Optional<StoredSession> find(String id) {
                return Optional.of(read);
            }

            @Override
            public boolean renew(String id, Instant expected, Instant next, Instant at) {
                renewals.incrementAndGet();
                return renew.renew(id, expected, next, at);
            }
        };
        return new Latchkey(store, clock, LatchkeyConfig.defaults());
    }

    interface Renewal {
        boolean renew(String id, Instant expected, Instant next, Instant at);
    }

    @Test
    void requestsThatReadTheRowBeforeTheRenewalWasWrittenDoNotWriteItAgain() {
        Latchkey node = node(target::renew);
        SessionValidation first = node.validateSession(issued.token());
        assertTrue(first.isFresh(), "the first request renews and sends the new cookie");
        for (int i = 0; i < 5; i++) {
            SessionValidation later = node.validateSession(issued.token());
            assertTrue(later.isValid());
            assertFalse(later.isFresh(), "no second cookie");
            assertEquals(read.session().expiresAt(), later.session().orElseThrow().expiresAt());
        }
        assertEquals(1, renewals.get(), "one write");
        assertEquals(clock.instant().plus(Duration.ofDays(30)), target.find(read.session().id()).orElseThrow()
                .session().expiresAt());
    }

    @Test
    void aRequestArrivingWhileTheRenewalIsBeingWrittenLeavesItToTheFirst() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Latchkey node = node((id, expected, next, at) -> {
            writing.countDown();
            try {
                assertTrue(finish.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return target.renew(id, expected, next, at);
        });
        CompletableFuture<SessionValidation> first = CompletableFuture.supplyAsync(() -> node.validateSession(issued.token()));
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        SessionValidation second = node.validateSession(issued.token());
        assertTrue(second.isValid(), "valid while the other request writes");
        assertFalse(second.isFresh());
        finish.countDown();
        assertTrue(first.get(10, TimeUnit.SECONDS).isFresh());
        assertEquals(1, renewals.get());
    }

    @Test
    void aRenewalWonByAnotherNodeOrFailedIsTriedAgainByTheNextRequest() {
        AtomicInteger calls = new AtomicInteger();
        Latchkey node = node((id, expected, next, at) -> switch (calls.incrementAndGet()) {
            case 1 -> false; // another node's conditional write came first
            case 2 -> throw new SessionStoreException("connection reset");
            default -> target.renew(id, expected, next, at);
        });
        assertFalse(node.validateSession(issued.token()).isFresh());
        SessionValidation duringOutage = node.validateSession(issued.token());
        assertTrue(duringOutage.isValid(), "a failed renewal leaves the session valid until its deadline");
        assertFalse(duringOutage.isFresh());
        assertTrue(node.validateSession(issued.token()).isFresh(), "the third request writes the renewal");
        assertEquals(3, renewals.get());
    }

    @Test
    void theNextRenewalPointOfTheSameSessionIsWrittenAgain() {
        Latchkey node = node(target::renew);
        assertTrue(node.validateSession(issued.token()).isFresh());
        read = target.find(issued.session().id()).orElseThrow();
        clock.advance(Duration.ofDays(16));
        assertTrue(node.validateSession(issued.token()).isFresh(), "a new deadline, a new claim");
        assertEquals(2, renewals.get());
    }

    @Test
    void claimsBeyondTheLimitAreForgottenAtTheCostOfAWriteThatChangesNothing() {
        RenewalClaims claims = new RenewalClaims();
        for (int i = 0; i < RenewalClaims.MAX_CLAIMS - 1; i++) {
            assertTrue(claims.claim("s" + i, T0));
        }
        assertFalse(claims.claim("s0", T0), "held below the limit");
        assertTrue(claims.claim("last", T0));
        assertTrue(claims.claim("s0", T0), "forgotten once the limit was reached");
        assertFalse(claims.claim("s0", T0));
    }
}
