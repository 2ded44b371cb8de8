package dev.latchkey.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Where the failure counters of sign-in throttling live, by opaque key. Every node of an application
 * must see the same counters, so the default store is a table in Latchkey's database. Failures are
 * reported as {@link dev.latchkey.core.SessionStoreException}; sign-in then refuses (fails closed).
 *
 * <p>Implementations: {@link InMemoryAttemptStore} (tests, a single node),
 * {@code dev.latchkey.jpa.JpaAttemptStore} (the default) and the Redis store's
 * ({@code dev.latchkey.redis.RedisSessionStore#attemptStore()}).
 */
public interface AttemptStore {

    /** The latest time until which any of these keys is blocked, when one is. */
    Optional<Instant> blockedUntil(Collection<String> keys);

    /**
     * Counts one failure of {@code key}, atomically: the count goes up by one, or starts again at one
     * when the last failure was before {@code forgetBefore}; then the key is blocked until
     * {@code now + delayAfter(count)} unless it already is until later. Concurrent calls never lose a
     * count, on one node or several.
     *
     * @return the new count
     */
    int fail(String key, Instant now, Instant forgetBefore, IntFunction<Duration> delayAfter);

    /** Forgets a key's failures (after a successful sign-in). */
    void clear(String key);

    /**
     * Deletes at most {@code limit} counters whose last failure was before {@code lastFailureBefore}.
     *
     * @return how many were deleted
     */
    int deleteForgotten(Instant lastFailureBefore, int limit);
}
