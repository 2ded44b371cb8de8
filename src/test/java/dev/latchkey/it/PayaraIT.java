package dev.latchkey.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The container flows on Payara Micro 6 (EclipseLink, its default H2 DataSource). */
class PayaraIT extends ContainerFlows {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApp.war();
    }

    @Override
    String expectedLoginPage() {
        return "/sign-in";
    }

    @Override
    ServerLogs serverLogs() {
        return ServerLogs.PAYARA;
    }
}
