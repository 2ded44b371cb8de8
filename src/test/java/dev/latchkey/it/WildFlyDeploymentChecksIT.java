package dev.latchkey.it;

/** Deployments that must fail, on WildFly. */
class WildFlyDeploymentChecksIT extends DeploymentChecks {

    @Override
    ServerLogs logs() {
        return ServerLogs.WILDFLY;
    }
}
