package dev.latchkey.recovery;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;

/** The one-time token suite on PostgreSQL under Hibernate ORM. */
class PostgresHibernateOneTimeTokenTest extends OneTimeTokenSuite {

    PostgresHibernateOneTimeTokenTest() {
        super(PostgresDatabase::get, Provider.HIBERNATE);
    }
}
