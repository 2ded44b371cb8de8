package dev.latchkey.it;

import dev.latchkey.it.support.TestApp;
import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** payara-config/mariadb.asadmin on Payara Micro against real MariaDB. */
class PayaraMariaDbIT extends PayaraDatabaseSuite {

    static {
        // The embedded MariaDB runs without grant tables, so any user and password are let in.
        prepare("mariadb", "url=jdbc\\:mariadb\\://localhost\\:3306/latchkey:user=latchkey:password=change-me",
                "url=jdbc\\:mariadb\\://localhost\\:" + MariaDbDatabase.get().port()
                        + "/latchkey:user=latchkey:password=test-password");
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApp.war();
    }

    @Override
    TestDatabase database() {
        return MariaDbDatabase.get();
    }
}
