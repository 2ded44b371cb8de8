package dev.latchkey.it;

import dev.latchkey.it.support.MariaDbBackend;
/** Two Payara Micro nodes on one MariaDB, each connected by payara-config/mariadb.asadmin as shipped. */
class TwoNodesMariaDbIT extends TwoNodesDatabaseSuite {

    TwoNodesMariaDbIT() {
        super(new MariaDbBackend());
    }
}
