package dev.latchkey.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Deployments that must fail, on Payara. */
class PayaraDeploymentChecksIT extends DeploymentChecks {

    @Deployment(name = BAD_COOKIE, managed = false, testable = false)
    static WebArchive badCookieDeployment() {
        return badCookie();
    }

    @Deployment(name = SECOND_MECHANISM, managed = false, testable = false)
    static WebArchive secondMechanismDeployment() {
        return secondMechanism();
    }

    @Deployment(name = MISSING_TABLE, managed = false, testable = false)
    static WebArchive missingTableDeployment() {
        return missingTable("java:app/jdbc/empty", true);
    }

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
