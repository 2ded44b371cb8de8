package dev.latchkey.jpa;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Work that nodes starting together run at the same moment (the schema checks write a row and roll
 * it back): on MariaDB their locks can deadlock, and the database rolls one back. Such work is tried
 * again, a few times, after a short random pause.
 */
final class Deadlocks {

    private static final int TRIES = 5;

    private Deadlocks() {
    }

    /** Runs {@code work}, again when the database rolled it back as a deadlock victim. */
    static <T> T retried(Supplier<T> work) {
        return retried(TRIES, Deadlocks::isDeadlock, attempt -> ThreadLocalRandom.current().nextInt(5, 50 * attempt), work);
    }

    /**
     * Runs {@code work} up to {@code tries} times while it fails in a way {@code worthAgain} accepts,
     * pausing {@code pauseMillis(attempt)} between tries; any other failure, or the last, is thrown.
     */
    static <T> T retried(int tries, Predicate<Throwable> worthAgain, IntUnaryOperator pauseMillis, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt == tries || !worthAgain.test(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(pauseMillis.applyAsInt(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Whether a cause is two writers meeting: a transaction the database rolled back (SQLSTATE class 40:
     * deadlock, serialization) or a key another transaction inserted first (class 23). Worth a second
     * try, unlike a database that cannot be reached, which must be answered at once.
     */
    static boolean isRace(Throwable failure) {
        return anyCause(failure, t -> t instanceof java.sql.SQLIntegrityConstraintViolationException || hasState(t, "23"))
                || isDeadlock(failure);
    }

    /** Whether a cause is a transaction the database rolled back (SQLSTATE class 40: deadlock, serialization). */
    static boolean isDeadlock(Throwable failure) {
        return anyCause(failure, t -> t instanceof SQLTransactionRollbackException || hasState(t, "40"));
    }

    private static boolean hasState(Throwable t, String sqlStateClass) {
        return t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(sqlStateClass);
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
