package dev.latchkey.account;

import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.Provider;

/** The account store suite on MariaDB under Hibernate ORM. */
class MariaDbHibernateAccountStoreTest extends AccountStoreSuite {

    MariaDbHibernateAccountStoreTest() {
        super(MariaDbDatabase::get, Provider.HIBERNATE);
    }
}
