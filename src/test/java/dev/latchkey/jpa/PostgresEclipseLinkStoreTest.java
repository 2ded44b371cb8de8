package dev.latchkey.jpa;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;

/** The JPA store suite on PostgreSQL under EclipseLink. */
class PostgresEclipseLinkStoreTest extends JpaStoreSuite {

    PostgresEclipseLinkStoreTest() {
        super(PostgresDatabase::get, Provider.ECLIPSELINK);
    }
}
