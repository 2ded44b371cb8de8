package dev.latchkey.it;

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
