package dev.latchkey.throttle;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Attempt counters in this JVM's memory: for tests and a single node. A restart forgets them. */
public final class InMemoryAttemptStore implements AttemptStore {

    private record Entry(int attempts, Instant lastAttempt) {
        Instant blockedUntil(ThrottleLimit limit) {
            return lastAttempt.plus(limit.delayAfter(attempts));
        }
    }

    private final Map<String, Entry> counters = new ConcurrentHashMap<>();

    /** One lock for every reservation: a reservation reads and writes several counters as one step. */
    @Override
    public synchronized Optional<Instant> reserve(List<Counter> keys, Instant now, Instant forgetBefore) {
        Optional<Instant> blocked = keys.stream().filter(c -> counters.containsKey(c.key()))
                .map(c -> counters.get(c.key()).blockedUntil(c.limit())).filter(now::isBefore).max(Instant::compareTo);
        if (blocked.isPresent()) {
            return blocked;
        }
        for (Counter counter : keys) {
            Entry old = counters.get(counter.key());
            int count = old == null || old.lastAttempt().isBefore(forgetBefore) ? 1 : old.attempts() + 1;
            counters.put(counter.key(), new Entry(count, now));
        }
        return Optional.empty();
    }

    @Override
    public synchronized void release(Counter counter) {
        counters.computeIfPresent(counter.key(), (k, old) -> new Entry(Math.max(0, old.attempts() - 1), old.lastAttempt()));
    }

    @Override
    public synchronized void clear(String key) {
        counters.remove(key);
    }

    @Override
    public synchronized int deleteForgotten(Instant lastAttemptBefore, int limit) {
        int deleted = 0;
        for (Iterator<Map.Entry<String, Entry>> it = counters.entrySet().iterator(); it.hasNext() && deleted < limit; ) {
            if (it.next().getValue().lastAttempt().isBefore(lastAttemptBefore)) {
                it.remove();
                deleted++;
            }
        }
        return deleted;
    }
}
