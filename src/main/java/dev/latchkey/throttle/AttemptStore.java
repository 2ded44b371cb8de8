package dev.latchkey.throttle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the attempt counters of sign-in throttling live, by opaque key. Every node of an application
 * must see the same counters, so the default store is a table in Latchkey's database. Failures are
 * reported as {@link dev.latchkey.core.SessionStoreException}; sign-in then refuses (fails closed).
 *
 * <p>An attempt is counted before its credential is checked ({@link #reserve}), so that a limit holds
 * however many attempts arrive at once; a success gives back what it counted ({@link #release},
 * {@link #clear}).
 *
 * <p>Implementations: {@link InMemoryAttemptStore} (tests, a single node),
 * {@code dev.latchkey.jpa.JpaAttemptStore} (the default) and the Redis store's
 * ({@code dev.latchkey.redis.RedisSessionStore#attemptStore()}).
 */
public interface AttemptStore {

    /**
     * One counter an attempt is counted on, and its limit.
     *
     * @param key   the counter's key
     * @param limit when the count blocks further attempts, and for how long
     */
    record Counter(String key, ThrottleLimit limit) {
    }

    /**
     * Counts one attempt on every counter, as one atomic step with respect to every other call on
     * these keys, on one node or several. A counter is blocked until its last attempt plus its limit's
     * {@link ThrottleLimit#delayAfter delay after} its count (a store may keep that time with the
     * counter, as written under the limit of the time). When none is blocked at {@code now}, each
     * count goes up by one — or starts again at one when its last attempt was before
     * {@code forgetBefore} — and its last attempt becomes {@code now}; when one is, nothing is counted.
     *
     * @param counters the counters, at most one per key
     * @return empty when the attempt was counted and may go ahead; otherwise the latest time until
     *         which one of the counters is blocked
     */
    Optional<Instant> reserve(List<Counter> counters, Instant now, Instant forgetBefore);

    /**
     * Takes one counted attempt back from a counter that a success does not clear (a client
     * address), and with it the wait that attempt added: the counter is then blocked as its count
     * less one says, from its last attempt. The count never goes below zero.
     */
    void release(Counter counter);

    /** Forgets a key's attempts (after a successful sign-in). */
    void clear(String key);

    /**
     * Deletes at most {@code limit} counters whose last attempt was before {@code lastAttemptBefore}.
     *
     * @return how many were deleted
     */
    int deleteForgotten(Instant lastAttemptBefore, int limit);
}
