package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** The Redis store on WildFly: the test application with latchkey.store=redis and Jedis in its WAR. */
class WildFlyRedisIT extends RedisContainerSuite {

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.WILDFLY;
    }
}
