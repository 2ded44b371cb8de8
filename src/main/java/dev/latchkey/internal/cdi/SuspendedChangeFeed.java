package dev.latchkey.internal.cdi;

import dev.latchkey.internal.cache.ChangeFeed;
import java.util.function.Consumer;

/** A change feed whose announcements run with the caller's JTA transaction suspended, so they are sent at once. */
final class SuspendedChangeFeed implements ChangeFeed {

    private final ChangeFeed target;
    private final StoreSuspension outside;

    SuspendedChangeFeed(ChangeFeed target, TransactionSuspender outside) {
        this.target = target;
        this.outside = new StoreSuspension(outside);
    }

    @Override
    public void announce(Change change) {
        outside.suspended(() -> {
            target.announce(change);
            return null;
        });
    }

    @Override
    public void listen(Consumer<Change> listener) {
        target.listen(listener);
    }

    @Override
    public void close() {
        target.close();
    }
}
