package dev.latchkey.account;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;

/** The account store suite on H2 under EclipseLink. */
class H2EclipseLinkAccountStoreTest extends AccountStoreSuite {

    H2EclipseLinkAccountStoreTest() {
        super(H2MemDatabase::get, Provider.ECLIPSELINK);
    }
}
