package dev.latchkey.perf;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL from the zonky binaries, files under {@code target/perf/postgres}, with
 * {@code pg_stat_statements}. The applications connect to the database {@code perf} as
 * {@code perf_app}; the runner works as {@code postgres}, so its own queries never count.
 */
final class Database implements AutoCloseable {

    static final String APP_USER = "perf_app";
    static final String NAME = "perf";

    private final EmbeddedPostgres postgres;

    private Database(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Database start(Path directory) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(directory.toFile())
                .setDataDirectory(directory.resolve("data").toFile())
                .setCleanDataDirectory(true)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start();
        Database database = new Database(postgres);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + APP_USER + "'");
            s.execute("CREATE DATABASE " + NAME + " OWNER " + APP_USER);
        }
        database.execute("CREATE EXTENSION pg_stat_statements");
        return database;
    }

    /** The URL the applications get (user and password are in their DataSource definitions). */
    String appJdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + NAME;
    }

    /** A connection to the applications' database as the superuser. */
    Connection admin() throws SQLException {
        return postgres.getDatabase("postgres", NAME).getConnection();
    }

    String version() throws SQLException {
        return queryString("SHOW server_version");
    }

    int execute(String sql) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    long queryLong(String sql) throws SQLException {
        String value = queryString(sql);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
