package dev.latchkey.internal.cache;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionStoreSuite;
import java.time.Clock;
import java.time.Duration;

/** The store contract holds through the validation cache. */
class CachedInMemoryStoreTest extends SessionStoreSuite {

    @Override
    protected SessionStore createStore() {
        return new CachingSessionStore(new InMemorySessionStore(), new CacheSettings(1000, Duration.ofSeconds(5)),
                Clock.systemUTC());
    }
}
