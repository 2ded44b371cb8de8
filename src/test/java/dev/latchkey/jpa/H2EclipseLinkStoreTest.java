package dev.latchkey.jpa;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;

/** The JPA store suite on H2 under EclipseLink. */
class H2EclipseLinkStoreTest extends JpaStoreSuite {

    @Override
    protected TestDatabase database() {
        return H2MemDatabase.get();
    }

    @Override
    protected Provider provider() {
        return Provider.ECLIPSELINK;
    }
}
