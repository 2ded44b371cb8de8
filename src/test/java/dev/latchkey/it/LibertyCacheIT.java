package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** The validation cache on Liberty: the test application with latchkey.cache.max-size set. */
class LibertyCacheIT extends CacheContainerSuite {

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.LIBERTY;
    }
}
