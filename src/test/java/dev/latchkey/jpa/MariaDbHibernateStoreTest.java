package dev.latchkey.jpa;

import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;

/** The JPA store suite on MariaDB under Hibernate. */
class MariaDbHibernateStoreTest extends JpaStoreSuite {

    @Override
    protected TestDatabase database() {
        return MariaDbDatabase.get();
    }

    @Override
    protected Provider provider() {
        return Provider.HIBERNATE;
    }
}
