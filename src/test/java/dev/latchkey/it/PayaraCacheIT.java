package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** The validation cache on Payara: the test application with latchkey.cache.max-size set. */
class PayaraCacheIT extends CacheContainerSuite {

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.PAYARA;
    }
}
