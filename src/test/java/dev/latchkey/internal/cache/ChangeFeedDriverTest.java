package dev.latchkey.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.WithoutLibrary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The change feed where the PostgreSQL driver is out of the application's reach: its classes missing
 * beside Latchkey (a server keeping the driver in a library or module the application cannot see)
 * stop the feed from being made, with the reason; connections that do not unwrap to the driver's
 * {@code PGConnection} keep it down with the reason in {@code LK-007}, not only a class name.
 */
class ChangeFeedDriverTest {

    /** Runs in a class loader without the driver. */
    static final class Probe {
        private Probe() {
        }

        static String make() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ChangeFeed.postgres(H2MemDatabase.get().dataSource(), Executors.defaultThreadFactory()));
            return e.getMessage();
        }
    }

    @Test
    void withoutTheDriversClassesBesideLatchkeyNoFeedIsMadeAndTheReasonSaysWhy() throws Exception {
        try (WithoutLibrary loader = new WithoutLibrary("org.postgresql.", ChangeFeed.class, ChangeFeedDriverTest.class)) {
            assertEquals("the change feed needs the PostgreSQL JDBC driver's classes (org.postgresql.PGConnection) visible"
                    + " to the application; the data source's driver is in a server library or module the application cannot"
                    + " see: give the application access to it", loader.run(Probe.class, "make"));
            assertEquals(List.of("org.postgresql.PGConnection"), loader.asked);
        }
    }

    @Test
    void connectionsThatDoNotUnwrapToTheDriversOwnKeepTheFeedDownWithTheReasonLogged() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jul = Logger.getLogger("dev.latchkey");
        jul.addHandler(handler);
        List<ChangeFeed.Change> heard = new CopyOnWriteArrayList<>();
        try (ChangeFeed feed = ChangeFeed.postgres(H2MemDatabase.get().dataSource(), Executors.defaultThreadFactory())) {
            feed.listen(heard::add);
            long end = System.nanoTime() + 10_000_000_000L;
            while (lines.stream().noneMatch(l -> l.startsWith("LK-007")) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
        } finally {
            jul.removeHandler(handler);
        }
        String line = lines.stream().filter(l -> l.startsWith("LK-007")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertTrue(line.contains("(" + PostgresChangeFeed.NOT_UNWRAPPED + ")"), line);
        assertTrue(heard.contains(ChangeFeed.Change.EVERYTHING), "the cache is emptied while the feed is down");
    }
}
