package dev.latchkey.redis;

import dev.latchkey.core.SessionStore;
import dev.latchkey.internal.cache.CacheSettings;
import dev.latchkey.internal.cache.CachingSessionStore;
import java.time.Clock;
import java.time.Duration;

/** The store contract holds through the validation cache over Redis, as {@code latchkey.cache.*} assembles it. */
class CachedRedisStoreTest extends RedisSessionStoreTest {

    @Override
    protected SessionStore createStore() {
        return new CachingSessionStore(super.createStore(), new CacheSettings(1000, Duration.ofSeconds(5)), Clock.systemUTC());
    }
}
