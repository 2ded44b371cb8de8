package dev.latchkey.internal.cdi;

import dev.latchkey.core.SessionStore;
import dev.latchkey.redis.RedisSessionStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Sessions and sign-in failure counters in Redis ({@code latchkey.store=redis}). This is the one class of
 * the assembly that names a Redis type, and it is loaded only when Redis is asked for, so an application
 * without the Redis client never loads it.
 */
final class RedisStoreKind implements StoreKind {

    private final RedisSessionStore store;

    private RedisStoreKind(RedisSessionStore store) {
        this.store = store;
    }

    /**
     * Connects to Redis.
     *
     * @throws IllegalArgumentException ({@code LK-401}) for a bad URI, or naming the dependency to add when the
     *                                  Redis client is missing from the application
     */
    static StoreKind open(RedisSettings redis, Clock clock) {
        RedisSessionStore.Builder builder = RedisSessionStore.builder(redis.uri()).clock(clock);
        if (redis.prefix() != null) {
            builder.prefix(redis.prefix());
        }
        try {
            return new RedisStoreKind(builder.build());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("latchkey.store is redis, but " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latchkey.redis.uri: " + e.getMessage(), e);
        }
    }

    @Override
    public SessionStore sessions() {
        return store;
    }

    @Override
    public Optional<Counters> sharedCounters() {
        return Optional.of(new Counters(store.attemptStore(), "in Redis, shared by every node"));
    }

    @Override
    public String summary() {
        return store.describe();
    }

    @Override
    public List<AutoCloseable> resources() {
        return List.of(store);
    }
}
