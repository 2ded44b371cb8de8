package dev.latchkey.cdi;

import dev.latchkey.throttle.AttemptStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.IntFunction;

/** Failure counters whose every operation runs with the caller's JTA transaction suspended. */
final class SuspendedAttemptStore implements AttemptStore {

    private final AttemptStore target;
    private final TransactionSuspender outside;

    SuspendedAttemptStore(AttemptStore target, TransactionSuspender outside) {
        this.target = target;
        this.outside = outside;
    }

    @Override
    public Optional<Instant> blockedUntil(Collection<String> keys) {
        return outside.suspended(() -> target.blockedUntil(keys));
    }

    @Override
    public int fail(String key, Instant now, Instant forgetBefore, IntFunction<Duration> delayAfter) {
        return outside.suspended(() -> target.fail(key, now, forgetBefore, delayAfter));
    }

    @Override
    public void clear(String key) {
        outside.suspended(() -> {
            target.clear(key);
            return null;
        });
    }

    @Override
    public int deleteForgotten(Instant lastFailureBefore, int limit) {
        return outside.suspended(() -> target.deleteForgotten(lastFailureBefore, limit));
    }
}
