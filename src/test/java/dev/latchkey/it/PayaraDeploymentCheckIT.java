package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** Deployments that must fail, on Payara. */
class PayaraDeploymentCheckIT extends DeploymentCheckSuite {

    @Override
    boolean deployerReportsFailures() {
        return false;
    }

    @Override
    String startFailureLine(String deployment) {
        return "Exception while loading the app";
    }

    @Override
    ServerLogs logs() {
        return ServerLogs.PAYARA;
    }
}
