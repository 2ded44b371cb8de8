package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** The validation cache on WildFly: the test application with latchkey.cache.max-size set. */
class WildFlyCacheIT extends CacheContainerSuite {

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.WILDFLY;
    }
}
