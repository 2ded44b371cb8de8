package dev.latchkey.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The container flows on Open Liberty (EclipseLink, an H2 DefaultDataSource declared in server.xml). */
class LibertyIT extends ContainerFlows {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApp.war();
    }

    @Override
    String expectedLoginPage() {
        return "/login";
    }

    @Override
    ServerLogs serverLogs() {
        return ServerLogs.LIBERTY;
    }
}
