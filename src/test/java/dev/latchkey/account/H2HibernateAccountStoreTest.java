package dev.latchkey.account;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;

/** The account store suite on H2 under Hibernate. */
class H2HibernateAccountStoreTest extends AccountStoreSuite {

    @Override
    protected TestDatabase database() {
        return H2MemDatabase.get();
    }

    @Override
    protected Provider provider() {
        return Provider.HIBERNATE;
    }
}
