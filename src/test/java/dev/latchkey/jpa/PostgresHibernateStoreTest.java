package dev.latchkey.jpa;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;

/** The JPA store suite on PostgreSQL under Hibernate ORM. */
class PostgresHibernateStoreTest extends JpaStoreSuite {

    PostgresHibernateStoreTest() {
        super(PostgresDatabase::get, Provider.HIBERNATE);
    }
}
