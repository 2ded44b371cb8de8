package dev.latchkey.account;

import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;

/** The account store suite on MariaDb under Hibernate. */
class MariaDbHibernateAccountStoreTest extends AccountStoreSuite {

    @Override
    protected TestDatabase database() {
        return MariaDbDatabase.get();
    }

    @Override
    protected Provider provider() {
        return Provider.HIBERNATE;
    }
}
