package dev.latchkey.recovery;

import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.Provider;

/** The one-time token suite on MariaDB under Hibernate ORM. */
class MariaDbHibernateOneTimeTokenTest extends OneTimeTokenSuite {

    MariaDbHibernateOneTimeTokenTest() {
        super(MariaDbDatabase::get, Provider.HIBERNATE);
    }
}
