package dev.latchkey.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.internal.jpa.DatabaseProduct;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * A real database started for the tests (once per JVM), with a pooled DataSource and the
 * database-specific bits the suite needs as data: SQL strings, not code paths.
 */
public abstract class TestDatabase {

    private HikariDataSource pool;

    /** Product and version, for test names and the figures in the note. */
    public abstract String description();

    /** Which shipped script applies. */
    public abstract DatabaseProduct product();

    protected abstract String jdbcUrl();

    protected abstract String user();

    protected abstract String password();

    /** SQL that sets the session time zone of a connection to {@code zone}. */
    public abstract String setTimeZoneSql(ZoneId zone);

    /** SQL returning the session time zone as the database reports it. */
    public abstract String currentTimeZoneSql();

    /** SQL changing a column's type: {@code %s} is the column, the second {@code %s} the type. */
    public abstract String alterColumnTypeSql();

    /** Whether the shipped scripts' collation takes {@code 'alice '} for {@code 'alice'} (PAD SPACE). */
    public boolean ignoresTrailingSpaces() {
        return false;
    }

    /** SQL dropping a column: {@code %s} is the table, the second {@code %s} the column. */
    public String dropColumnSql() {
        return "ALTER TABLE %s DROP COLUMN %s";
    }

    /** SQL dropping an index if it is there: {@code %1$s} is the table, {@code %2$s} the index. */
    public String dropIndexSql() {
        return "DROP INDEX IF EXISTS %2$s";
    }

    /** The shared pool, 20 connections. */
    public synchronized DataSource dataSource() {
        if (pool == null) {
            pool = newDataSource(null);
        }
        return pool;
    }

    /** A separate pool whose connections first run {@code initSql}; the caller closes it. */
    public HikariDataSource newDataSource(String initSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(user());
        config.setPassword(password());
        config.setMaximumPoolSize(20);
        config.setPoolName(product().name().toLowerCase() + "-test");
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        return new HikariDataSource(config);
    }

    /** Drops the session table if present and creates it from the script shipped in the jar. */
    public void recreateSchema() {
        execute("DROP TABLE IF EXISTS latchkey_session");
        String withoutComments = shippedScript().lines().filter(l -> !l.strip().startsWith("--"))
                .reduce("", (a, b) -> a + "\n" + b);
        for (String statement : withoutComments.split(";")) {
            if (!statement.isBlank()) {
                execute(statement.strip());
            }
        }
    }

    /** The shipped script's text, read from the class path as a user's build would. */
    public String shippedScript() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(product().createScript())) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + product().createScript());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs statements on the shared pool. */
    public void execute(String... sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + String.join("; ", sql), e);
        }
    }

    /** The offset of a zone now, as {@code +13:00}, for databases without named zones. */
    protected static String offsetNow(ZoneId zone) {
        String id = zone.getRules().getOffset(Instant.now()).getId();
        return id.equals("Z") ? "+00:00" : id;
    }

    @Override
    public String toString() {
        return description();
    }
}
