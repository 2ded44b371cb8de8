package dev.latchkey.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/** Failure counters in this JVM's memory: for tests and a single node. A restart forgets them. */
public final class InMemoryAttemptStore implements AttemptStore {

    private record Counter(int failures, Instant lastFailure, Instant blockedUntil) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> blockedUntil(Collection<String> keys) {
        return keys.stream().map(counters::get).filter(c -> c != null).map(Counter::blockedUntil).max(Instant::compareTo);
    }

    @Override
    public int fail(String key, Instant now, Instant forgetBefore, IntFunction<Duration> delayAfter) {
        return counters.compute(key, (k, old) -> {
            int count = old == null || old.lastFailure().isBefore(forgetBefore) ? 1 : old.failures() + 1;
            Instant until = now.plus(delayAfter.apply(count));
            Instant blocked = old != null && old.blockedUntil().isAfter(until) ? old.blockedUntil() : until;
            return new Counter(count, now, blocked);
        }).failures();
    }

    @Override
    public void clear(String key) {
        counters.remove(key);
    }

    @Override
    public int deleteForgotten(Instant lastFailureBefore, int limit) {
        int deleted = 0;
        for (Iterator<Map.Entry<String, Counter>> it = counters.entrySet().iterator(); it.hasNext() && deleted < limit; ) {
            if (it.next().getValue().lastFailure().isBefore(lastFailureBefore)) {
                it.remove();
                deleted++;
            }
        }
        return deleted;
    }
}
