package dev.latchkey.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs store work with the caller's JTA transaction suspended: Latchkey's resource-local unit commits
 * its own short transactions, which must neither join nor wait for the application's. As a CDI bean
 * the interceptor suspends; a plain instance (outside a container) just runs the work.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
class TransactionSuspender {

    /** Runs {@code work} outside any transaction of the caller. */
    public <T> T suspended(Supplier<T> work) {
        return work.get();
    }
}
