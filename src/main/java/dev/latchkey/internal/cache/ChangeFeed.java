package dev.latchkey.internal.cache;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * How the validation caches of several nodes tell each other of revocations, so that a session
 * signed out on one node is dropped from the others' caches at once rather than after
 * {@link CacheSettings#maxAge()}. The feed only shortens the window: a node that misses a change
 * (its feed was down) drops its whole cache when the feed is back, and the {@code maxAge} bound holds
 * whatever happens to the feed.
 */
public interface ChangeFeed extends AutoCloseable {

    /** What changed. */
    enum Kind {
        /** One session (signed out, revoked, re-authenticated); the value is its id. */
        SESSION,
        /** Every session of a user (signed out everywhere, new groups); the value is the user id. */
        USER,
        /** Unknown: changes may have been missed; every cached row must go. The value is empty. */
        EVERYTHING
    }

    /**
     * A change another node made, or this node announces.
     *
     * @param kind  what changed
     * @param value the session id or user id; empty for {@link Kind#EVERYTHING}
     */
    record Change(Kind kind, String value) {

        /** Changes may have been missed. */
        public static final Change EVERYTHING = new Change(Kind.EVERYTHING, "");

        /** Checks the parts. */
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Tells the other nodes of a change this node made (after it was written). A failure is reported
     * in the log and otherwise ignored: the other nodes then see the change within {@code maxAge}.
     */
    void announce(Change change);

    /**
     * Starts delivering the other nodes' changes to {@code listener}, on a thread of the feed's
     * own; called once. {@link Change#EVERYTHING} is delivered whenever changes may have been missed,
     * including when the feed connects.
     */
    void listen(Consumer<Change> listener);

    /** Stops listening and releases the connection. */
    @Override
    void close();

    /**
     * A feed over PostgreSQL's {@code LISTEN}/{@code NOTIFY} on the channel
     * {@code latchkey_session_changes}: one connection of {@code source} is held for listening, and
     * each announced change is one {@code SELECT pg_notify(...)} on a connection of the pool. The
     * PostgreSQL JDBC driver must be the one behind {@code source}, and its classes visible to the
     * application: the listening connection is unwrapped to the driver's {@code PGConnection}.
     *
     * @param source  a DataSource on the sessions' PostgreSQL database
     * @param threads makes the listening thread (in a container: its managed thread factory)
     * @throws IllegalStateException when the driver's classes cannot be loaded beside Latchkey
     */
    static ChangeFeed postgres(DataSource source, ThreadFactory threads) {
        PostgresChangeFeed.requireDriver();
        return new PostgresChangeFeed(source, threads);
    }
}
