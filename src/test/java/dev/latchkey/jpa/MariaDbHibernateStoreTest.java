package dev.latchkey.jpa;

import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.Provider;

/** The JPA store suite on MariaDB under Hibernate ORM. */
class MariaDbHibernateStoreTest extends JpaStoreSuite {

    MariaDbHibernateStoreTest() {
        super(MariaDbDatabase::get, Provider.HIBERNATE);
    }
}
