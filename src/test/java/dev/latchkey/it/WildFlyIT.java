package dev.latchkey.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The container flows on WildFly (Hibernate ORM, its default ExampleDS), with integrated-jaspi=false. */
class WildFlyIT extends ContainerFlows {

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
        return ServerLogs.WILDFLY;
    }
}
