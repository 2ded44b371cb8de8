package dev.latchkey.it;

import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The container flows on Payara Micro 6 (EclipseLink, its default H2 DataSource). */
class PayaraIT extends ContainerFlows {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApp.war();
    }

    @Override
    List<Path> serverLogs() {
        return List.of(Path.of(System.getProperty("servers.dir"), "payara-micro-test.log"));
    }
}
