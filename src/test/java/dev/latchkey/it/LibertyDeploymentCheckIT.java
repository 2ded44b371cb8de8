package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** Deployments that must fail, on Liberty. */
class LibertyDeploymentCheckIT extends DeploymentCheckSuite {

    @Override
    ServerLogs logs() {
        return ServerLogs.LIBERTY;
    }
}
