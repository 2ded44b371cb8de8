package dev.latchkey.it.support;

import dev.latchkey.testing.PostgresDatabase;
import java.util.OptionalInt;

/** Sessions in one embedded PostgreSQL ({@link PostgresDatabase}), each node connected through payara-config/postgresql.asadmin. */
public final class PostgresBackend extends DatabaseBackend {

    private final PostgresDatabase postgres = PostgresDatabase.get();

    public PostgresBackend() {
        super(PostgresDatabase.get(), "postgresql",
                "serverName=localhost:portNumber=5432:databaseName=latchkey:user=latchkey:password=change-me");
    }

    @Override
    public String testConnection() {
        return "serverName=localhost:portNumber=" + postgres.port() + ":databaseName=postgres:user=postgres:password=unused";
    }

    @Override
    public void dropTables() {
        database.execute("DROP SCHEMA public CASCADE", "CREATE SCHEMA public");
    }

    @Override
    public String[] writeCounting() {
        return new String[] {
            "CREATE TABLE two_nodes_write (op VARCHAR(16) NOT NULL, session_id VARCHAR(32))",
            // a row per row changed: what a write did
            "CREATE FUNCTION two_nodes_count_row() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN INSERT INTO two_nodes_write (op, session_id) VALUES (TG_OP, OLD.id); RETURN NULL; END $$",
            "CREATE TRIGGER two_nodes_count_row AFTER UPDATE OR DELETE ON latchkey_session"
                    + " FOR EACH ROW EXECUTE FUNCTION two_nodes_count_row()",
            // a row per UPDATE statement, also one that changed no row: what was tried
            "CREATE FUNCTION two_nodes_count_statement() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN INSERT INTO two_nodes_write (op) VALUES (TG_OP || ' STATEMENT'); RETURN NULL; END $$",
            "CREATE TRIGGER two_nodes_count_statement AFTER UPDATE ON latchkey_session"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION two_nodes_count_statement()"};
    }

    @Override
    public OptionalInt writesTried() {
        return OptionalInt.of(count("SELECT COUNT(*) FROM two_nodes_write WHERE op = 'UPDATE STATEMENT'", null));
    }

    @Override
    public void stop() {
        postgres.stop();
    }

    @Override
    public void start() {
        postgres.startAgain();
    }
}
