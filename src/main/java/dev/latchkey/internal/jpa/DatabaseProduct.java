package dev.latchkey.internal.jpa;

import dev.latchkey.core.Message;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database products Latchkey ships schema scripts for. Differences between them are data (a
 * script folder, a name, the SQL that reads the database's clock), not code paths.
 */
public enum DatabaseProduct {
    /** PostgreSQL. */
    POSTGRESQL("PostgreSQL", "postgresql", "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)",
            "current_schema()"),
    /** MariaDB or MySQL. */
    MARIADB("MariaDB/MySQL", "mariadb", "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)", "DATABASE()"),
    /** H2 2.x. */
    H2("H2", "h2", "SELECT DATEDIFF('MILLISECOND', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP(3))",
            "SCHEMA()"),
    /** Anything else: adapt one of the shipped scripts. */
    OTHER("an unrecognised database", null, null, null);

    /** The folder inside the jar holding the scripts, one sub-folder per database. */
    public static final String SCHEMA_FOLDER = "META-INF/latchkey/schema/";
    /** The file name of the script creating the current schema version. */
    public static final String CREATE_SCRIPT = "V1__create_latchkey_session.sql";

    private final String displayName;
    private final String folder;
    private final String clockSql;
    /** The SQL function naming the schema that unqualified table names are looked up in. */
    private final String currentSchema;

    DatabaseProduct(String displayName, String folder, String clockSql, String currentSchema) {
        this.displayName = displayName;
        this.folder = folder;
        this.clockSql = clockSql;
        this.currentSchema = currentSchema;
    }

    /**
     * Whether a table of the current schema has a column, from the database's information schema:
     * asked before a table is first read, so that a table not created yet is found missing without a
     * failed statement — which the JPA provider would log as an error (WildFly's Hibernate does, in
     * red) although Latchkey is about to create the table. Empty for {@link #OTHER}, or when the
     * information schema cannot be read: then the table is probed.
     */
    public Optional<Boolean> hasColumn(Transactions transactions, String table, String column) {
        if (currentSchema == null) {
            return Optional.empty();
        }
        try {
            Object count = transactions.read(em -> em.createNativeQuery("SELECT COUNT(*) FROM information_schema.columns"
                    + " WHERE table_schema = " + currentSchema + " AND LOWER(table_name) = ?1 AND LOWER(column_name) = ?2")
                    .setParameter(1, table).setParameter(2, column).getSingleResult());
            return Optional.of(((Number) count).longValue() > 0);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Whether the information schema says the column is missing (not: cannot say). */
    public boolean lacks(Transactions transactions, String table, String column) {
        return hasColumn(transactions, table, column).map(has -> !has).orElse(false);
    }

    /**
     * The product behind a DataSource, from its JDBC metadata.
     *
     * @throws IllegalStateException ({@code LK-405}) when the database cannot be reached
     */
    public static DatabaseProduct of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return fromProductName(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException(Message.DATABASE_UNREACHABLE.error(e.getClass().getSimpleName()), e);
        }
    }

    /**
     * How far the database's clock is ahead of {@code jvmNow} (negative: behind), measured with one
     * query; empty when the product is not one Latchkey knows or the query fails. Sessions do not
     * depend on the database clock (all times come from the JVM), so this is reported, never corrected.
     */
    public Optional<Duration> clockSkew(DataSource dataSource, Instant jvmNow) {
        if (clockSql == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(clockSql)) {
            result.next();
            return Optional.of(Duration.ofMillis(result.getLong(1) - jvmNow.toEpochMilli()));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The class-path resource of script {@code fileName} for this database, or {@code null} for {@link #OTHER}. */
    public String script(String fileName) {
        return folder == null ? null : SCHEMA_FOLDER + folder + "/" + fileName;
    }

    /** A human-readable name. */
    public String displayName() {
        return displayName;
    }

    /** The class-path resource that creates the session table on this database. */
    public String createScript() {
        return scriptToName(CREATE_SCRIPT);
    }

    /**
     * Script {@code fileName} as a message names it: this database's, or for {@link #OTHER} the choice of
     * folders the jar ships.
     */
    public String scriptToName(String fileName) {
        return folder == null ? SCHEMA_FOLDER + "{postgresql,mariadb,h2}/" + fileName : script(fileName);
    }

    /** Recognises a product from JDBC's {@code DatabaseMetaData.getDatabaseProductName()}. */
    public static DatabaseProduct fromProductName(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return MARIADB;
        }
        return p.equals("h2") ? H2 : OTHER;
    }
}
