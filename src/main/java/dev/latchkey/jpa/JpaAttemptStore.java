package dev.latchkey.jpa;

import dev.latchkey.core.Message;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.throttle.AttemptStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Sign-in failure counters in the {@code latchkey_signin_attempt} table, shared by every node on the
 * database. Plain SQL, the same on PostgreSQL, MariaDB and H2. A failure is counted by one
 * {@code UPDATE} that increments in the database (or an {@code INSERT} for a new key), so concurrent
 * failures on any number of nodes never lose a count; its row stays locked until the block is written.
 */
public final class JpaAttemptStore implements AttemptStore {

    static final String TABLE = "latchkey_signin_attempt";
    static final String SCRIPT = "V6__create_latchkey_signin_attempt.sql";
    /** 9999-12-31T23:59:59.999Z, as in the session table's check. */
    private static final long FAR_FUTURE_MILLIS = 253_402_300_799_999L;
    /** Tries of one failure's count before a database error is taken for an outage. */
    private static final int INSERT_RACE_TRIES = 5;

    private final Transactions transactions;

    private JpaAttemptStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Opens the store, checking that the table keeps what is written to it (in a transaction that
     * is rolled back); a missing table is created from the shipped script when {@code createMissingTable}.
     *
     * @throws SessionStoreException ({@code LK-403}) naming the table and the script
     */
    public static JpaAttemptStore open(EntityManagerFactory emf, boolean createMissingTable, DatabaseProduct database) {
        Transactions transactions = Transactions.resourceLocal(emf);
        try {
            checkRetried(transactions);
        } catch (RuntimeException missing) {
            String script = database.script(SCRIPT);
            if (!createMissingTable || script == null) {
                throw new SessionStoreException(Message.SCHEMA_PROBLEM.error("table " + TABLE + " is missing or cannot keep"
                        + " what Latchkey writes (" + missing.getClass().getSimpleName() + "). Create it with the script "
                        + (script == null ? DatabaseProduct.SCHEMA_FOLDER + "{postgresql,mariadb,h2}/" + SCRIPT : script)
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
    public Optional<Instant> blockedUntil(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        List<String> list = List.copyOf(keys);
        List<?> found = guard("read", () -> transactions.read(em -> bind(em.createNativeQuery(
                "SELECT MAX(blocked_until) FROM " + TABLE + " WHERE attempt_key IN (" + placeholders(1, list.size()) + ")"),
                1, list).getResultList()));
        return found.stream().filter(Objects::nonNull).map(v -> Instant.ofEpochMilli(((Number) v).longValue())).findFirst();
    }

    @Override
    public int fail(String key, Instant now, Instant forgetBefore, IntFunction<Duration> delayAfter) {
        for (int attempt = 1; ; attempt++) {
            try {
                return guard("count", () -> transactions.write(em -> count(em, key, now, forgetBefore, delayAfter)));
            } catch (SessionStoreException race) {
                // Two first failures of one key insert at once: one INSERT fails on the key (or, on MariaDB,
                // the gap locks deadlock and the database picks a victim). The row is there, or about to be.
                if (attempt == INSERT_RACE_TRIES) {
                    throw race;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 10 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(EntityManager em, String key, Instant now, Instant forgetBefore, IntFunction<Duration> delayAfter) {
        int updated = em.createNativeQuery("UPDATE " + TABLE + " SET failures = CASE WHEN last_failure_at < ?1 THEN 1"
                + " ELSE failures + 1 END, last_failure_at = ?2 WHERE attempt_key = ?3")
                .setParameter(1, forgetBefore.toEpochMilli()).setParameter(2, now.toEpochMilli()).setParameter(3, key)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO " + TABLE + " (attempt_key, failures, last_failure_at, blocked_until)"
                    + " VALUES (?1, 1, ?2, 0)").setParameter(1, key).setParameter(2, now.toEpochMilli()).executeUpdate();
        }
        int count = ((Number) em.createNativeQuery("SELECT failures FROM " + TABLE + " WHERE attempt_key = ?1")
                .setParameter(1, key).getSingleResult()).intValue();
        long until = now.plus(delayAfter.apply(count)).toEpochMilli();
        em.createNativeQuery("UPDATE " + TABLE + " SET blocked_until = ?1 WHERE attempt_key = ?2 AND blocked_until < ?1")
                .setParameter(1, until).setParameter(2, key).executeUpdate();
        return count;
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
