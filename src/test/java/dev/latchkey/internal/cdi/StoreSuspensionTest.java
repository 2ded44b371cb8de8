package dev.latchkey.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latchkey.core.SessionStoreException;
import jakarta.transaction.TransactionalException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Store work that fails while the caller's transaction is suspended stays a store failure (503), even
 * when the server's interceptor throws its own exception as the suspension ends (Open Liberty).
 */
class StoreSuspensionTest {

    @Test
    void theServersFailureToEndTheSuspensionIsAStoreFailure() {
        TransactionSuspender liberty = new TransactionSuspender() {
            @Override
            public <T> T suspended(Supplier<T> work) {
                try {
                    return work.get();
                } catch (RuntimeException storeFailure) {
                    throw new TransactionalException("Resource(s) failed to complete.", new IllegalStateException("LTC"));
                }
            }
        };
        SessionStoreException e = assertThrows(SessionStoreException.class, () -> new StoreSuspension(liberty).suspended(() -> {
            throw new SessionStoreException("sign-in attempt counters: count failed (DatabaseException)");
        }));
        assertEquals("the store's work failed, and the server could not end its transaction (TransactionalException)",
                e.getMessage());
        SessionStoreException own = new SessionStoreException("down");
        assertSame(own, assertThrows(SessionStoreException.class,
                () -> new StoreSuspension(new TransactionSuspender()).suspended(() -> {
                    throw own;
                })));
        assertThrows(IllegalArgumentException.class, () -> new StoreSuspension(new TransactionSuspender()).suspended(() -> {
            throw new IllegalArgumentException("a programming error stays one");
        }));
    }
}
