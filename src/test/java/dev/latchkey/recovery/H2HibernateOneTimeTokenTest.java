package dev.latchkey.recovery;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;

/** The one-time token suite on H2 under Hibernate ORM. */
class H2HibernateOneTimeTokenTest extends OneTimeTokenSuite {

    H2HibernateOneTimeTokenTest() {
        super(H2MemDatabase::get, Provider.HIBERNATE);
    }
}
