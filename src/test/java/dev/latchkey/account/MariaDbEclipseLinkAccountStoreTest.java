package dev.latchkey.account;

import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.Provider;

/** The account store suite on MariaDB under EclipseLink. */
class MariaDbEclipseLinkAccountStoreTest extends AccountStoreSuite {

    MariaDbEclipseLinkAccountStoreTest() {
        super(MariaDbDatabase::get, Provider.ECLIPSELINK);
    }
}
