package dev.latchkey.account;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;

/** The account store suite on Postgres under EclipseLink. */
class PostgresEclipseLinkAccountStoreTest extends AccountStoreSuite {

    @Override
    protected TestDatabase database() {
        return PostgresDatabase.get();
    }

    @Override
    protected Provider provider() {
        return Provider.ECLIPSELINK;
    }
}
