package dev.latchkey.jpa;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;

/** The JPA store suite on Postgres under EclipseLink. */
class PostgresEclipseLinkStoreTest extends JpaStoreSuite {

    @Override
    protected TestDatabase database() {
        return PostgresDatabase.get();
    }

    @Override
    protected Provider provider() {
        return Provider.ECLIPSELINK;
    }
}
