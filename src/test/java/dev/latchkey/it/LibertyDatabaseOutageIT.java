package dev.latchkey.it;

/** The database stopped under the test application on Liberty: 503 at once, service back by itself. */
class LibertyDatabaseOutageIT extends DatabaseOutageSuite {

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.LIBERTY;
    }
}
