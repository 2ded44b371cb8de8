package dev.latchkey.account;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;

/** The account store suite on H2 under Hibernate ORM. */
class H2HibernateAccountStoreTest extends AccountStoreSuite {

    H2HibernateAccountStoreTest() {
        super(H2MemDatabase::get, Provider.HIBERNATE);
    }
}
