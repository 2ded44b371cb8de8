package dev.latchkey.it;

/** Deployments that must fail, on Liberty. */
class LibertyDeploymentChecksIT extends DeploymentChecks {

    @Override
    ServerLogs logs() {
        return ServerLogs.LIBERTY;
    }
}
