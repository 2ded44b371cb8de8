package dev.latchkey.jpa;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;

/** The JPA store suite on H2 under EclipseLink. */
class H2EclipseLinkStoreTest extends JpaStoreSuite {

    H2EclipseLinkStoreTest() {
        super(H2MemDatabase::get, Provider.ECLIPSELINK);
    }
}
