package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** The database stopped under the test application on WildFly: 503 at once, service back by itself. */
class WildFlyDatabaseOutageIT extends DatabaseOutageSuite {

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.WILDFLY;
    }
}
