package dev.latchkey.it;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.TestDatabase;

/** payara-config/postgresql.asadmin on Payara Micro against real PostgreSQL. */
class PayaraPostgresIT extends PayaraDatabaseFlows {

    static {
        prepare("postgresql", "serverName=localhost:portNumber=5432:databaseName=latchkey:user=latchkey:password=change-me",
                "serverName=localhost:portNumber=" + PostgresDatabase.get().port()
                        + ":databaseName=postgres:user=postgres:password=unused");
    }

    @Override
    TestDatabase database() {
        return PostgresDatabase.get();
    }
}
