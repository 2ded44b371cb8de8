package dev.latchkey.account;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;

/** The account store suite on PostgreSQL under Hibernate ORM. */
class PostgresHibernateAccountStoreTest extends AccountStoreSuite {

    PostgresHibernateAccountStoreTest() {
        super(PostgresDatabase::get, Provider.HIBERNATE);
    }
}
