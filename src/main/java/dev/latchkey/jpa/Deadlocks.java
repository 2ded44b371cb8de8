package dev.latchkey.jpa;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ThreadLocalRandom;
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
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt == TRIES || !isDeadlock(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 50 * attempt));
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
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return isDeadlock(failure);
    }

    /** Whether a cause is a transaction the database rolled back (SQLSTATE class 40: deadlock, serialization). */
    static boolean isDeadlock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransactionRollbackException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }
}
