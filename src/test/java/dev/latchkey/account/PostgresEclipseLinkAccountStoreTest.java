package dev.latchkey.account;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;

/** The account store suite on PostgreSQL under EclipseLink. */
class PostgresEclipseLinkAccountStoreTest extends AccountStoreSuite {

    PostgresEclipseLinkAccountStoreTest() {
        super(PostgresDatabase::get, Provider.ECLIPSELINK);
    }
}
