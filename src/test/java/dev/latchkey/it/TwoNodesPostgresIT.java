package dev.latchkey.it;

import dev.latchkey.it.support.PostgresBackend;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro nodes on one PostgreSQL, each connected by payara-config/postgresql.asadmin as
 * shipped; and the change feed between their validation caches, which only PostgreSQL has.
 */
class TwoNodesPostgresIT extends TwoNodesDatabaseSuite {

    TwoNodesPostgresIT() {
        super(new PostgresBackend());
    }

    static final String FEED_APP = "latchkey-feed";
    static final Duration FEED_DEADLINE = Duration.ofSeconds(10);

    /** The validation cache with five minutes of staleness, and the change feed between the nodes. */
    @Override
    Map<String, Map<String, String>> extraApps() {
        return Map.of(FEED_APP, Map.of("latchkey.cache.max-size", "1000", "latchkey.cache.max-age", "5m",
                "latchkey.cache.change-feed", "postgresql"));
    }

    /**
     * With the change feed, node A drops the session node B revoked as soon as B's notification
     * arrives: far within the cache's five minutes, which alone would keep it usable on A.
     */
    @Test
    @Order(5)
    void withTheChangeFeedARevocationReachesTheOtherNodesCacheAtOnce() throws Exception {
        String phoneToken = cachedOnBothThenRevokedOnB(FEED_APP, register());
        long revoked = System.nanoTime();
        HttpResponse<String> last;
        do {
            last = get(nodeA, FEED_APP, "me", phoneToken);
            if (last.statusCode() == 200) {
                Thread.sleep(10);
            }
        } while (last.statusCode() == 200 && System.nanoTime() - revoked < FEED_DEADLINE.toNanos());
        System.out.printf("change feed: revoked on B, refused on A after %d ms (cache max-age 5 min)%n",
                Duration.ofNanos(System.nanoTime() - revoked).toMillis());
        assertRefused(last, "node A, within " + FEED_DEADLINE.toSeconds() + " s of the revocation on B");
    }
}
