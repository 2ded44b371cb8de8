package dev.latchkey.redis;

import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionStoreSuite;
import dev.latchkey.testing.RedisServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The store contract on a real Redis server. The store computes its keys' TTLs from the suite's movable
 * clock, as it would from the clock {@code Latchkey} uses, so that sessions of the suite's fixed time
 * live in Redis while the test runs.
 */
class RedisSessionStoreTest extends SessionStoreSuite {

    private RedisSessionStore redis;

    @Override
    protected SessionStore createStore() {
        RedisServer server = RedisServer.get();
        server.flush();
        redis = RedisSessionStore.builder(server.uri()).clock(suiteClock()).build();
        return redis;
    }

    @Override
    protected void closeStore() {
        redis.close();
    }

    /** The suite's clock, which it creates after the store: read when the store asks. */
    private Clock suiteClock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return clock == null ? T0 : clock.instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
