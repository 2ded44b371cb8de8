package dev.latchkey.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SessionValidation;
import dev.latchkey.testing.H2Database;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.StatementCounter.Executed;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What validation costs in SQL, counted at the JDBC driver. */
class JpaHotPathTest {

    private H2Database db;
    private MutableClock clock;
    private Latchkey latchkey;

    @BeforeEach
    void setUp() {
        db = new H2Database();
        clock = MutableClock.startingAt("2026-05-01T00:00:00Z");
        latchkey = new Latchkey(JpaSessionStore.resourceLocal(db.emf), clock, LatchkeyConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void validationOutsideRenewalIsExactlyOneSelectAndNoWrite() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true).groups(List.of("user")));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofDays(2));
            db.statements.reset();
            assertTrue(latchkey.validateSession(issued.token()).isValid());
            List<Executed> executed = db.statements.executed();
            assertEquals(1, executed.size(), () -> "statements: " + executed);
            assertTrue(executed.get(0).isRead());
        }
    }

    @Test
    void renewalIsOneSelectAndOneConditionalUpdate() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true));
        clock.advance(Duration.ofDays(16));
        db.statements.reset();
        SessionValidation v = latchkey.validateSession(issued.token());
        assertTrue(v.isFresh());
        assertEquals(1, db.statements.reads());
        assertEquals(1, db.statements.writes());
        Executed update = db.statements.executed().get(1);
        assertTrue(update.sql().startsWith("UPDATE latchkey_session SET"), update.sql());
        assertTrue(update.sql().contains("expires_at = ?"), "conditional on the old deadline: " + update.sql());
        assertEquals(1, update.rowsChanged());
    }

    @Test
    void malformedTokensCostNoStatement() {
        db.statements.reset();
        for (String bad : List.of("x", "a".repeat(32) + ".", "' OR '1'='1", "a".repeat(85))) {
            assertEquals(Reason.MALFORMED_TOKEN, latchkey.validateSession(bad).rejection().orElseThrow());
        }
        assertEquals(0, db.statements.executed().size());
    }

    @Test
    void fiftyConcurrentValidationsAtTheRenewalPointChangeTheRowOnce() throws Exception {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true));
        clock.advance(Duration.ofDays(20));
        db.statements.reset();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SessionValidation>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return latchkey.validateSession(issued.token());
                }));
            }
            go.countDown();
            int fresh = 0;
            for (Future<SessionValidation> f : futures) {
                SessionValidation v = f.get(60, TimeUnit.SECONDS);
                assertTrue(v.isValid(), v::toString);
                fresh += v.isFresh() ? 1 : 0;
            }
            assertEquals(1, fresh);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, db.statements.rowsUpdated(), "exactly one row change in the database");
    }

    @Test
    void changesMadeByAnotherNodeAreSeenAtOnce() {
        IssuedSession issued = latchkey.createSession(NewSession.forUser("alice").rememberMe(true));
        assertTrue(latchkey.validateSession(issued.token()).isValid());
        // Another node (or an administrator) deletes the row directly in the database.
        EntityManager em = db.emf.createEntityManager();
        em.getTransaction().begin();
        em.createNativeQuery("DELETE FROM latchkey_session WHERE id = ?1").setParameter(1, issued.session().id())
                .executeUpdate();
        em.getTransaction().commit();
        em.close();
        SessionValidation after = latchkey.validateSession(issued.token());
        assertFalse(after.isValid());
        assertEquals(Reason.UNKNOWN_SESSION, after.rejection().orElseThrow());
    }
}
