package dev.latchkey.it;

/** Deployments that must fail, on Liberty. */
class LibertyDeploymentCheckIT extends DeploymentCheckSuite {

    @Override
    ServerLogs logs() {
        return ServerLogs.LIBERTY;
    }
}
