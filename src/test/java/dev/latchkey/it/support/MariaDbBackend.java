package dev.latchkey.it.support;

import dev.latchkey.testing.MariaDbDatabase;
import java.util.List;
import java.util.OptionalInt;

/**
 * Sessions in one embedded MariaDB ({@link MariaDbDatabase}), each node connected through
 * payara-config/mariadb.asadmin. MariaDB has no statement triggers, so the conditional writes that
 * changed nothing are not counted.
 */
public final class MariaDbBackend extends DatabaseBackend {

    private final MariaDbDatabase mariadb = MariaDbDatabase.get();

    public MariaDbBackend() {
        super(MariaDbDatabase.get(), "mariadb", "url=jdbc\\:mariadb\\://localhost\\:3306/latchkey:user=latchkey:password=change-me");
    }

    /** The embedded MariaDB runs without grant tables, so any user and password are let in. */
    @Override
    public String testConnection() {
        return "url=jdbc\\:mariadb\\://localhost\\:" + mariadb.port() + "/latchkey:user=latchkey:password=test-password";
    }

    @Override
    public void dropTables() {
        for (String table : tables()) {
            database.execute("DROP TABLE " + table);
        }
    }

    private List<String> tables() {
        return List.copyOf(ids("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()", null));
    }

    @Override
    public String[] writeCounting() {
        return new String[] {
            "CREATE TABLE two_nodes_write (op VARCHAR(16) NOT NULL, session_id VARCHAR(32))",
            "CREATE TRIGGER two_nodes_count_update AFTER UPDATE ON latchkey_session FOR EACH ROW"
                    + " INSERT INTO two_nodes_write (op, session_id) VALUES ('UPDATE', OLD.id)",
            "CREATE TRIGGER two_nodes_count_delete AFTER DELETE ON latchkey_session FOR EACH ROW"
                    + " INSERT INTO two_nodes_write (op, session_id) VALUES ('DELETE', OLD.id)"};
    }

    @Override
    public OptionalInt writesTried() {
        return OptionalInt.empty();
    }

    @Override
    public void stop() {
        mariadb.stop();
    }

    @Override
    public void start() {
        mariadb.startAgain();
    }
}
