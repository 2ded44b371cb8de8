package dev.latchkey.it;

import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The container flows on Open Liberty (EclipseLink, an H2 DefaultDataSource declared in server.xml). */
class LibertyIT extends ContainerFlows {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApp.war();
    }

    @Override
    List<Path> serverLogs() {
        return List.of(Path.of(System.getProperty("liberty.home"), "usr", "servers", "latchkey", "logs", "messages.log"),
                Path.of(System.getProperty("liberty.home"), "usr", "servers", "latchkey", "logs", "trace.log"));
    }
}
