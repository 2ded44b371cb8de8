package dev.latchkey.it;

import dev.latchkey.it.support.TestApp;
import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** payara-config/postgresql.asadmin on Payara Micro against real PostgreSQL. */
class PayaraPostgresIT extends PayaraDatabaseSuite {

    static {
        prepare("postgresql", "serverName=localhost:portNumber=5432:databaseName=latchkey:user=latchkey:password=change-me",
                "serverName=localhost:portNumber=" + PostgresDatabase.get().port()
                        + ":databaseName=postgres:user=postgres:password=unused");
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApp.war();
    }

    @Override
    TestDatabase database() {
        return PostgresDatabase.get();
    }
}
