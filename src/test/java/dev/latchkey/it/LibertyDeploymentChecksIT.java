package dev.latchkey.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Deployments that must fail, on Liberty. */
class LibertyDeploymentChecksIT extends DeploymentChecks {

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
        return missingTable("jdbc/empty", false);
    }

    @Override
    ServerLogs logs() {
        return ServerLogs.LIBERTY;
    }
}
