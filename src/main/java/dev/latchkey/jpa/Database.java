package dev.latchkey.jpa;

import java.util.Locale;

/**
 * The database products Latchkey ships a schema script for. Differences between them are data
 * (a script path, a name), not code paths.
 */
public enum Database {
    /** PostgreSQL. */
    POSTGRESQL("PostgreSQL", "postgresql", "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"),
    /** MariaDB or MySQL. */
    MARIADB("MariaDB/MySQL", "mariadb", "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)"),
    /** H2 2.x. */
    H2("H2", "h2", "SELECT DATEDIFF('MILLISECOND', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP(3))"),
    /** Anything else: adapt one of the shipped scripts. */
    OTHER("an unrecognised database", null, null);

    /** The folder inside the jar holding the scripts, one sub-folder per database. */
    public static final String SCHEMA_FOLDER = "META-INF/latchkey/schema/";
    /** The file name of the script creating the current schema version. */
    public static final String CREATE_SCRIPT = "V1__create_latchkey_session.sql";

    private final String displayName;
    private final String folder;
    private final String clockSql;

    Database(String displayName, String folder, String clockSql) {
        this.displayName = displayName;
        this.folder = folder;
        this.clockSql = clockSql;
    }

    /** SQL returning the database's current time in epoch milliseconds, or {@code null} when unknown. */
    String clockSql() {
        return clockSql;
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
        return folder == null ? SCHEMA_FOLDER + "{postgresql,mariadb,h2}/" + CREATE_SCRIPT
                : SCHEMA_FOLDER + folder + "/" + CREATE_SCRIPT;
    }

    /** Recognises a product from JDBC's {@code DatabaseMetaData.getDatabaseProductName()}. */
    public static Database fromProductName(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return MARIADB;
        }
        return p.equals("h2") ? H2 : OTHER;
    }

    /** Recognises a product from what {@code SELECT version()} or {@code H2VERSION()} returned. */
    static Database fromVersionText(String version, boolean h2) {
        if (h2) {
            return H2;
        }
        String v = version == null ? "" : version.toLowerCase(Locale.ROOT);
        if (v.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (v.contains("mariadb") || v.matches("\\d+\\.\\d+\\.\\d+.*")) {
            return MARIADB;
        }
        return OTHER;
    }
}
