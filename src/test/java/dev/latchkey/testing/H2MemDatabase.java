package dev.latchkey.testing;

import dev.latchkey.internal.jpa.DatabaseProduct;
import java.time.ZoneId;

/** An in-memory H2 database that lives as long as the JVM. */
public final class H2MemDatabase extends TestDatabase {

    private static H2MemDatabase instance;

    /** The shared in-memory database. */
    public static synchronized H2MemDatabase get() {
        if (instance == null) {
            instance = new H2MemDatabase();
        }
        return instance;
    }

    @Override
    public String description() {
        return "H2 " + org.h2.engine.Constants.FULL_VERSION;
    }

    @Override
    public DatabaseProduct product() {
        return DatabaseProduct.H2;
    }

    @Override
    protected String jdbcUrl() {
        return "jdbc:h2:mem:latchkey-suite;DB_CLOSE_DELAY=-1";
    }

    @Override
    protected String user() {
        return "sa";
    }

    @Override
    protected String password() {
        return "";
    }

    @Override
    public String setTimeZoneSql(ZoneId zone) {
        return "SET TIME ZONE '" + zone.getId() + "'";
    }

    @Override
    public String currentTimeZoneSql() {
        return "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'TIME ZONE'";
    }

    @Override
    public String alterColumnTypeSql() {
        return "ALTER TABLE latchkey_session ALTER COLUMN %s SET DATA TYPE %s";
    }
}
