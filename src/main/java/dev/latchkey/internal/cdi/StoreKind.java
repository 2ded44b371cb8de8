package dev.latchkey.internal.cdi;

import dev.latchkey.core.SessionStore;
import dev.latchkey.internal.cache.ChangeFeed;
import dev.latchkey.throttle.AttemptStore;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Optional;

/**
 * One kind of session store, opened for a deployment: Latchkey's table through JPA, Redis, or the
 * application's own. Each kind says what it brings; {@link Assembly} puts the pieces together the same
 * way for all, so a new kind of store is one new implementation.
 */
interface StoreKind {

    /** The sessions. */
    SessionStore sessions();

    /**
     * The sign-in failure counters this store shares between nodes, opened now (a table may be checked
     * or created); empty when it has none and each node counts in memory.
     */
    Optional<Counters> sharedCounters();

    /**
     * A feed announcing each revoked session to the other nodes' caches.
     *
     * @throws IllegalArgumentException ({@code LK-401}) when this store has none
     */
    default ChangeFeed changeFeed() {
        throw new IllegalArgumentException("latchkey.cache.change-feed=postgresql needs Latchkey's own store on a"
                + " PostgreSQL database (latchkey.datasource); set latchkey.cache.change-feed=off for this store");
    }

    /** Where the sessions are, for the start-up line. */
    String summary();

    /** Latchkey's persistence unit, or {@code null} when this store uses none. */
    default EntityManagerFactory unit() {
        return null;
    }

    /** What to close when the application stops, besides the unit. */
    default List<AutoCloseable> resources() {
        return List.of();
    }

    /**
     * Attempt counters and where they are kept.
     *
     * @param store the counters
     * @param where where, for the start-up line
     */
    record Counters(AttemptStore store, String where) {
    }
}
