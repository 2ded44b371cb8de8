package dev.latchkey.jpa;

import dev.latchkey.core.Message;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.SqlScripts;
import dev.latchkey.internal.jpa.Transactions;
import dev.latchkey.throttle.AttemptStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Sign-in attempt counters in the {@code latchkey_signin_attempt} table, shared by every node on the
 * database. Plain SQL, the same on PostgreSQL, MariaDB and H2. An attempt is reserved in one
 * transaction that locks its counters' rows ({@code SELECT ... FOR UPDATE}, in key order) and then
 * counts on all of them or, while one is blocked, on none: concurrent attempts on any number of nodes
 * are counted one after the other, and none is lost. The column {@code failures} counts the attempts
 * not given back by a success; {@code blocked_until} is the last attempt plus the limit's delay after
 * that count, written with it.
 */
public final class JpaAttemptStore implements AttemptStore {

    static final String TABLE = "latchkey_signin_attempt";
    static final String SCRIPT = "V6__create_latchkey_signin_attempt.sql";
    /** 9999-12-31T23:59:59.999Z, as in the session table's check. */
    private static final long FAR_FUTURE_MILLIS = 253_402_300_799_999L;
    /**
     * Tries of one reservation that keeps losing races. Many first attempts of one key at once on MariaDB
     * deadlock on the gap locks of the missing row, round after round, until one of them has inserted it.
     */
    private static final int INSERT_RACE_TRIES = 30;

    private final Transactions transactions;

    private JpaAttemptStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Opens the store, checking that the table keeps what is written to it (in a transaction that
     * is rolled back); a missing table is created from the shipped script when {@code createMissingTable}.
     *
     * @param dataSource the DataSource {@code emf} is on, which tells the database (and so the script)
     * @throws SessionStoreException ({@code LK-403}) naming the table and the script
     * @throws IllegalStateException ({@code LK-405}) when the DataSource cannot be reached
     */
    public static JpaAttemptStore open(EntityManagerFactory emf, boolean createMissingTable, DataSource dataSource) {
        return checked(emf, createMissingTable, DatabaseProduct.of(dataSource));
    }

    private static JpaAttemptStore checked(EntityManagerFactory emf, boolean createMissingTable, DatabaseProduct database) {
        Transactions transactions = Transactions.resourceLocal(emf);
        try {
            if (database.lacks(transactions, TABLE, "attempt_key")) {
                throw new IllegalStateException("the table is not there");
            }
            checkRetried(transactions);
        } catch (RuntimeException missing) {
            String script = database.script(SCRIPT);
            if (!createMissingTable || script == null) {
                throw new SessionStoreException(Message.SCHEMA_PROBLEM.error("table " + TABLE + " is missing or cannot keep"
                        + " what Latchkey writes (" + missing.getClass().getSimpleName() + "). Create it with the script "
                        + database.scriptToName(SCRIPT)
                        + " from the Latchkey jar"), missing);
            }
            SqlScripts.createThenCheck(emf, script, () -> {
                checkRetried(transactions);
                return null;
            });
        }
        return new JpaAttemptStore(transactions);
    }

    private static void checkRetried(Transactions transactions) {
        Deadlocks.retried(() -> {
            check(transactions);
            return null;
        });
    }

    /** Writes the most demanding row and reads it back, then rolls back. */
    private static void check(Transactions transactions) {
        String key = "z".repeat(64);
        Object[] row = transactions.rollback(em -> {
            em.createNativeQuery("INSERT INTO " + TABLE + " (attempt_key, failures, last_failure_at, blocked_until)"
                    + " VALUES (?1, ?2, ?3, ?4)").setParameter(1, key).setParameter(2, Integer.MAX_VALUE)
                    .setParameter(3, FAR_FUTURE_MILLIS).setParameter(4, FAR_FUTURE_MILLIS).executeUpdate();
            return (Object[]) em.createNativeQuery("SELECT failures, last_failure_at, blocked_until FROM " + TABLE
                    + " WHERE attempt_key = ?1").setParameter(1, key).getSingleResult();
        });
        if (((Number) row[0]).intValue() != Integer.MAX_VALUE || ((Number) row[1]).longValue() != FAR_FUTURE_MILLIS
                || ((Number) row[2]).longValue() != FAR_FUTURE_MILLIS) {
            throw new IllegalStateException("the columns of " + TABLE + " do not keep what Latchkey writes");
        }
    }

    @Override
    public Optional<Instant> reserve(List<Counter> counters, Instant now, Instant forgetBefore) {
        List<Counter> ordered = new ArrayList<>(counters);
        ordered.sort(Comparator.comparing(Counter::key)); // rows locked in one order everywhere: no deadlock between reservations
        // Two first attempts of one key insert at once: one INSERT fails on the key (or, on MariaDB, the gap
        // locks of the two reads deadlock and the database picks a victim). The row is there then: try again.
        // Anything else, an outage first, is answered at once.
        return Deadlocks.retried(INSERT_RACE_TRIES, Deadlocks::isRace,
                attempt -> ThreadLocalRandom.current().nextInt(1, Math.min(10 * attempt, 100)),
                () -> guard("count", () -> transactions.write(em -> reserve(em, ordered, now, forgetBefore))));
    }

    /** Locks the counters' rows, then counts on every one of them, or on none while one is blocked. */
    private static Optional<Instant> reserve(EntityManager em, List<Counter> counters, Instant now, Instant forgetBefore) {
        Map<String, Object[]> rows = new HashMap<>();
        long blocked = Long.MIN_VALUE;
        for (Counter counter : counters) {
            List<?> found = em.createNativeQuery("SELECT failures, last_failure_at, blocked_until FROM " + TABLE
                    + " WHERE attempt_key = ?1 FOR UPDATE").setParameter(1, counter.key()).getResultList();
            if (!found.isEmpty()) {
                Object[] row = (Object[]) found.get(0);
                rows.put(counter.key(), row);
                blocked = Math.max(blocked, ((Number) row[2]).longValue());
            }
        }
        if (blocked > now.toEpochMilli()) {
            return Optional.of(Instant.ofEpochMilli(blocked));
        }
        for (Counter counter : counters) {
            Object[] row = rows.get(counter.key());
            boolean forgotten = row == null || ((Number) row[1]).longValue() < forgetBefore.toEpochMilli();
            int count = forgotten ? 1 : ((Number) row[0]).intValue() + 1;
            long until = now.plus(counter.limit().delayAfter(count)).toEpochMilli();
            em.createNativeQuery(row == null
                    ? "INSERT INTO " + TABLE + " (failures, last_failure_at, blocked_until, attempt_key) VALUES (?1, ?2, ?3, ?4)"
                    : "UPDATE " + TABLE + " SET failures = ?1, last_failure_at = ?2, blocked_until = ?3 WHERE attempt_key = ?4")
                    .setParameter(1, count).setParameter(2, now.toEpochMilli()).setParameter(3, until)
                    .setParameter(4, counter.key()).executeUpdate();
        }
        return Optional.empty();
    }

    @Override
    public void release(Counter counter) {
        guard("release", () -> transactions.write(em -> {
            List<?> found = em.createNativeQuery("SELECT failures, last_failure_at FROM " + TABLE
                    + " WHERE attempt_key = ?1 FOR UPDATE").setParameter(1, counter.key()).getResultList();
            if (found.isEmpty() || ((Number) ((Object[]) found.get(0))[0]).intValue() <= 0) {
                return 0;
            }
            Object[] row = (Object[]) found.get(0);
            int count = ((Number) row[0]).intValue() - 1;
            Instant last = Instant.ofEpochMilli(((Number) row[1]).longValue());
            return em.createNativeQuery("UPDATE " + TABLE + " SET failures = ?1, blocked_until = ?2 WHERE attempt_key = ?3")
                    .setParameter(1, count).setParameter(2, last.plus(counter.limit().delayAfter(count)).toEpochMilli())
                    .setParameter(3, counter.key()).executeUpdate();
        }));
    }

    @Override
    public void clear(String key) {
        guard("clear", () -> transactions.write(em -> em.createNativeQuery("DELETE FROM " + TABLE + " WHERE attempt_key = ?1")
                .setParameter(1, key).executeUpdate()));
    }

    @Override
    public int deleteForgotten(Instant lastFailureBefore, int limit) {
        long cutoff = lastFailureBefore.toEpochMilli();
        List<?> keys = guard("cleanup", () -> transactions.read(em -> em.createNativeQuery("SELECT attempt_key FROM " + TABLE
                + " WHERE last_failure_at < ?1 ORDER BY last_failure_at").setParameter(1, cutoff).setMaxResults(limit)
                .getResultList()));
        if (keys.isEmpty()) {
            return 0;
        }
        // The age is checked again: a key that failed again since the SELECT is kept.
        return guard("cleanup", () -> transactions.write(em -> bind(em.createNativeQuery("DELETE FROM " + TABLE
                + " WHERE last_failure_at < ?1 AND attempt_key IN (" + placeholders(2, keys.size()) + ")")
                .setParameter(1, cutoff), 2, keys).executeUpdate()));
    }

    /** {@code ?from, ?from+1, ...}: one positional parameter per value (native queries expand no lists). */
    private static String placeholders(int from, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "?" : ", ?").append(from + i);
        }
        return text.toString();
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, int from, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(from + i, values.get(i));
        }
        return query;
    }

    private static <T> T guard(String operation, Supplier<T> work) {
        return Transactions.guard("sign-in attempt counters: " + operation, work);
    }
}
