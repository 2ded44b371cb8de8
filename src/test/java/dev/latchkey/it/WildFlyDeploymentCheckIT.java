package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** Deployments that must fail, on WildFly. */
class WildFlyDeploymentCheckIT extends DeploymentCheckSuite {

    @Override
    ServerLogs logs() {
        return ServerLogs.WILDFLY;
    }
}
