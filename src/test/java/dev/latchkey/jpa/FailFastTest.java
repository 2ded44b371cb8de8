package dev.latchkey.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.jpa.ContainerPersistence;
import dev.latchkey.testing.PostgresDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Latchkey's unit under EclipseLink with PostgreSQL stopped, on a DataSource that opens a connection
 * per request as a server's pool does when its database is gone: a read fails at once, asking for one
 * connection, rather than being retried three times five seconds apart.
 */
class FailFastTest {

    /** A DataSource that counts the connections asked of it. */
    private static final class Counting implements DataSource {
        final AtomicInteger asked = new AtomicInteger();
        final PGSimpleDataSource target = new PGSimpleDataSource();

        @Override
        public Connection getConnection() throws SQLException {
            asked.incrementAndGet();
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            asked.incrementAndGet();
            return target.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    @Test
    void withTheDatabaseStoppedAReadFailsAtOnceAndIsNotRetried() {
        PostgresDatabase database = PostgresDatabase.get();
        database.recreateSchema();
        Counting source = new Counting();
        source.target.setServerNames(new String[] {"127.0.0.1"});
        source.target.setPortNumbers(new int[] {database.port()});
        source.target.setDatabaseName("postgres");
        source.target.setUser("postgres");
        EntityManagerFactory unit = ContainerPersistence.open("latchkey-fail-fast", source, List.of(SessionEntity.class),
                "org.eclipse.persistence.jpa.PersistenceProvider");
        try {
            JpaSessionStore store = JpaSessionStore.open(unit, true, source);
            assertTrue(store.find("a".repeat(32)).isEmpty());
            database.stop();
            try {
                source.asked.set(0);
                long start = System.nanoTime();
                assertThrows(SessionStoreException.class, () -> store.find("a".repeat(32)));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.println("a read with the database stopped failed after " + millis + " ms, " + source.asked.get()
                        + " connection(s) asked");
                assertEquals(1, source.asked.get(), "one connection asked for, no retry");
            } finally {
                database.startAgain();
            }
            assertTrue(store.find("a".repeat(32)).isEmpty(), "the unit works again once the database is back");
        } finally {
            unit.close();
        }
    }
}
