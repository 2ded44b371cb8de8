package dev.latchkey.jpa;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;

/** The JPA store suite on H2 under Hibernate ORM. */
class H2HibernateStoreTest extends JpaStoreSuite {

    H2HibernateStoreTest() {
        super(H2MemDatabase::get, Provider.HIBERNATE);
    }
}
