package dev.latchkey.jpa;

import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.Provider;

/** The JPA store suite on MariaDB under EclipseLink. */
class MariaDbEclipseLinkStoreTest extends JpaStoreSuite {

    MariaDbEclipseLinkStoreTest() {
        super(MariaDbDatabase::get, Provider.ECLIPSELINK);
    }
}
