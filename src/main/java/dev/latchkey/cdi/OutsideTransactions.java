package dev.latchkey.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs store operations with the caller's JTA transaction suspended: Latchkey's unit commits its
 * own short transactions, which must neither join nor wait for the application's.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class OutsideTransactions {

    /** Runs {@code work} outside any transaction. */
    public <T> T call(Supplier<T> work) {
        return work.get();
    }
}
