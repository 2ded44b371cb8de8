package dev.latchkey.internal.cdi;

import dev.latchkey.throttle.AttemptStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Attempt counters whose every operation runs with the caller's JTA transaction suspended. */
final class SuspendedAttemptStore implements AttemptStore {

    private final AttemptStore target;
    private final StoreSuspension outside;

    SuspendedAttemptStore(AttemptStore target, TransactionSuspender outside) {
        this.target = target;
        this.outside = new StoreSuspension(outside);
    }

    @Override
    public Optional<Instant> reserve(List<Counter> counters, Instant now, Instant forgetBefore) {
        return outside.suspended(() -> target.reserve(counters, now, forgetBefore));
    }

    @Override
    public void release(Counter counter) {
        outside.suspended(() -> {
            target.release(counter);
            return null;
        });
    }

    @Override
    public void clear(String key) {
        outside.suspended(() -> {
            target.clear(key);
            return null;
        });
    }

    @Override
    public int deleteForgotten(Instant lastAttemptBefore, int limit) {
        return outside.suspended(() -> target.deleteForgotten(lastAttemptBefore, limit));
    }
}
