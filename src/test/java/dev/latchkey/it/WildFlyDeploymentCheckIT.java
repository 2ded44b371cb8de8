package dev.latchkey.it;

/** Deployments that must fail, on WildFly. */
class WildFlyDeploymentCheckIT extends DeploymentCheckSuite {

    @Override
    ServerLogs logs() {
        return ServerLogs.WILDFLY;
    }
}
