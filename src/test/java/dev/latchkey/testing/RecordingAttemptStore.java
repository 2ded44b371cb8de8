package dev.latchkey.testing;

import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.InMemoryAttemptStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Attempt counters in memory that record the keys each reservation counted on, to see what a sign-in counts. */
public final class RecordingAttemptStore implements AttemptStore {

    private final InMemoryAttemptStore memory = new InMemoryAttemptStore();
    /** Every key a reservation was asked to count on, in order. */
    public final List<String> keysSeen = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Instant> reserve(List<Counter> counters, Instant now, Instant forgetBefore) {
        counters.forEach(counter -> keysSeen.add(counter.key()));
        return memory.reserve(counters, now, forgetBefore);
    }

    @Override
    public void release(Counter counter) {
        memory.release(counter);
    }

    @Override
    public void clear(String key) {
        memory.clear(key);
    }

    @Override
    public int deleteForgotten(Instant lastAttemptBefore, int limit) {
        return memory.deleteForgotten(lastAttemptBefore, limit);
    }
}
