package dev.latchkey.it;

/** Two Payara Micro nodes on one MariaDB, each connected by payara-config/mariadb.asadmin as shipped. */
class TwoNodesMariaDbIT extends TwoNodesDatabaseSuite {

    TwoNodesMariaDbIT() {
        super(new MariaDbBackend());
    }
}
