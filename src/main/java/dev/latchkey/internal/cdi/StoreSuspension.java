package dev.latchkey.internal.cdi;

import dev.latchkey.core.SessionStoreException;
import jakarta.transaction.TransactionalException;
import java.util.function.Supplier;

/**
 * Store work run outside the caller's transaction ({@link TransactionSuspender}) whose failure stays a
 * store failure. When the work fails on a broken connection, Open Liberty's local transaction
 * containment then fails to complete that connection as the suspension ends, and its interceptor
 * throws {@code TransactionalException: Resource(s) failed to complete} in place of the store's
 * exception: without this, a sign-in during a database outage answered 401 rather than 503.
 */
final class StoreSuspension {

    private final TransactionSuspender suspender;

    StoreSuspension(TransactionSuspender suspender) {
        this.suspender = suspender;
    }

    /** Runs {@code work} outside any transaction of the caller; a failure to end the suspension is the store's. */
    <T> T suspended(Supplier<T> work) {
        try {
            return suspender.suspended(work);
        } catch (TransactionalException e) {
            throw new SessionStoreException("the store's work failed, and the server could not end its transaction ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
