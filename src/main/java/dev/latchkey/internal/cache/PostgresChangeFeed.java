package dev.latchkey.internal.cache;

import dev.latchkey.core.Message;
import dev.latchkey.internal.log.RateLimitedLog;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@link ChangeFeed} over PostgreSQL's {@code LISTEN}/{@code NOTIFY}. A payload is
 * {@code node|kind|value}: the node part lets a node skip its own announcements. The listening
 * thread holds one connection, waits for notifications at most {@value #WAIT_MILLIS} ms at a time,
 * and on any failure drops it, delivers {@link Change#EVERYTHING} and connects again after a pause
 * that doubles up to {@value #MAX_PAUSE_MILLIS} ms.
 */
final class PostgresChangeFeed implements ChangeFeed {

    /** The channel every node listens on. */
    static final String CHANNEL = "latchkey_session_changes";
    private static final int WAIT_MILLIS = 500;
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    private final DataSource source;
    private final ThreadFactory threads;
    private final String node;
    private final RateLimitedLog announceLog = new RateLimitedLog(LOG, Clock.systemUTC(), RateLimitedLog.DEFAULT_INTERVAL);
    private volatile boolean closed;
    private volatile Thread listening;

    /** Why the feed cannot listen through connections that do not unwrap to the driver's {@code PGConnection}. */
    static final String NOT_UNWRAPPED = "the connections of latchkey.datasource do not unwrap to the PostgreSQL driver's"
            + " org.postgresql.PGConnection as the application sees it: the data source must use the PostgreSQL driver,"
            + " and the application must see the same driver classes as the data source (the server's copy, not a second"
            + " one in the WAR)";

    /**
     * Fails unless the PostgreSQL driver can be loaded beside Latchkey: on a server that keeps the
     * driver in a library or module of its own, the application must be given access to it.
     *
     * @throws IllegalStateException naming the class and what to do
     */
    static void requireDriver() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PostgresChangeFeed.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("the change feed needs the PostgreSQL JDBC driver's classes"
                    + " (org.postgresql.PGConnection) visible to the application; the data source's driver is in a"
                    + " server library or module the application cannot see: give the application access to it");
        }
    }

    PostgresChangeFeed(DataSource source, ThreadFactory threads) {
        this.source = Objects.requireNonNull(source, "source");
        this.threads = Objects.requireNonNull(threads, "threads");
        byte[] random = new byte[9];
        new SecureRandom().nextBytes(random);
        this.node = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public void announce(Change change) {
        try (Connection c = source.getConnection();
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, node + '|' + change.kind().name() + '|' + change.value());
            notify.execute();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            announceLog.log(System.Logger.Level.WARNING, Message.CHANGE_FEED_DOWN.id(), "could not announce a revocation"
                    + " to the other nodes (" + e.getClass().getName() + "); they see it within latchkey.cache.max-age");
        }
    }

    @Override
    public synchronized void listen(Consumer<Change> listener) {
        if (listening != null) {
            throw new IllegalStateException("already listening");
        }
        Thread thread = threads.newThread(() -> run(listener));
        if (thread == null) {
            throw new IllegalStateException("the thread factory made no thread for the change feed");
        }
        thread.setName("latchkey-change-feed");
        thread.setDaemon(true);
        listening = thread;
        thread.start();
    }

    private void run(Consumer<Change> listener) {
        long pause = FIRST_PAUSE_MILLIS;
        boolean down = false;
        while (!closed) {
            try (Connection c = source.getConnection()) {
                PGConnection pg = unwrapped(c);
                try (Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                // Whatever happened before now was not heard: rows cached meanwhile may be stale.
                listener.accept(Change.EVERYTHING);
                if (down) {
                    LOG.log(System.Logger.Level.INFO, Message.CHANGE_FEED_DOWN.line("the change feed between nodes is"
                            + " connected again; this node's validation cache was emptied"));
                    down = false;
                }
                pause = FIRST_PAUSE_MILLIS;
                receive(pg, listener);
                unlisten(c);
            } catch (SQLException | RuntimeException e) {
                listener.accept(Change.EVERYTHING);
                if (!down && !closed) {
                    // An unwrapping failure is said in words; any other only by its class (a driver's text may name the database).
                    String why = e instanceof NotUnwrapped ? e.getMessage() : e.getClass().getName();
                    LOG.log(System.Logger.Level.WARNING, Message.CHANGE_FEED_DOWN.line(Message.CHANGE_FEED_DOWN.summary()
                            + " (" + why + "). " + Message.CHANGE_FEED_DOWN.fix()));
                    down = true;
                }
                if (!sleep(pause)) {
                    return;
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        }
    }

    /** The listening connection as the driver's own. */
    private static PGConnection unwrapped(Connection c) {
        try {
            return c.unwrap(PGConnection.class);
        } catch (SQLException | ClassCastException e) {
            throw new NotUnwrapped();
        }
    }

    /** {@link #NOT_UNWRAPPED}, as an exception the listening loop recognises. */
    private static final class NotUnwrapped extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotUnwrapped() {
            super(NOT_UNWRAPPED);
        }
    }

    private void receive(PGConnection pg, Consumer<Change> listener) throws SQLException {
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications == null) {
                continue;
            }
            for (PGNotification n : notifications) {
                Change change = parse(n.getName(), n.getParameter());
                if (change != null) {
                    listener.accept(change);
                }
            }
        }
    }

    /** The change in a notification, or {@code null} for this node's own, another channel's or a malformed one. */
    Change parse(String channel, String payload) {
        if (!CHANNEL.equals(channel) || payload == null) {
            return null;
        }
        int first = payload.indexOf('|');
        int second = first < 0 ? -1 : payload.indexOf('|', first + 1);
        if (second < 0 || payload.regionMatches(0, node, 0, first) && first == node.length()) {
            return null;
        }
        try {
            ChangeFeed.Kind kind = ChangeFeed.Kind.valueOf(payload.substring(first + 1, second));
            return kind == ChangeFeed.Kind.EVERYTHING ? Change.EVERYTHING : new Change(kind, payload.substring(second + 1));
        } catch (IllegalArgumentException unknownKind) {
            return Change.EVERYTHING;
        }
    }

    private static void unlisten(Connection c) {
        try (Statement unlisten = c.createStatement()) {
            unlisten.execute("UNLISTEN *");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            // the connection goes back to the pool or is closed; a broken one is dropped there
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread thread = listening;
        if (thread != null) {
            try {
                thread.join(2L * WAIT_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL LISTEN/NOTIFY on " + CHANNEL;
    }
}
