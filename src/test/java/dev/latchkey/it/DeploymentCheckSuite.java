package dev.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.extra.EmptyDataSource;
import dev.latchkey.it.extra.SecondMechanism;
import dev.latchkey.it.support.ServerLogs;
import dev.latchkey.it.support.TestApp;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deployments that must fail, each with a message in the server log saying how to fix it. One
 * subclass per server declares the (unmanaged) deployments from the factories here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class DeploymentCheckSuite {

    static final String BAD_COOKIE = "bad-cookie";
    static final String SECOND_MECHANISM = "second-mechanism";
    static final String MISSING_TABLE = "missing-table";
    static final String BAD_PROVIDER = "bad-provider";
    static final String PROXY_WITHOUT_HEADER = "proxy-without-header";

    @ArquillianResource
    Deployer deployer;

    abstract ServerLogs logs();

    @Deployment(name = BAD_COOKIE, managed = false, testable = false)
    static WebArchive badCookie() {
        return TestApp.misconfigured(BAD_COOKIE + ".war", Map.of("latchkey.cookie.name", "sid",
                "latchkey.cookie.secure", "false", "latchkey.cookie.same-site", "None"));
    }

    @Deployment(name = BAD_PROVIDER, managed = false, testable = false)
    static WebArchive badProvider() {
        return TestApp.misconfigured(BAD_PROVIDER + ".war", Map.of("latchkey.oauth.corp.issuer", "https://id.example",
                "latchkey.oauth.corp.client-id", "app"));
    }

    @Deployment(name = PROXY_WITHOUT_HEADER, managed = false, testable = false)
    static WebArchive proxyWithoutHeader() {
        return TestApp.misconfigured(PROXY_WITHOUT_HEADER + ".war", Map.of("latchkey.proxy.trusted", "10.0.0.0/8"));
    }

    @Deployment(name = SECOND_MECHANISM, managed = false, testable = false)
    static WebArchive secondMechanism() {
        return TestApp.misconfigured(SECOND_MECHANISM + ".war", Map.of()).addClass(SecondMechanism.class);
    }

    /**
     * The application's own DataSource, an empty database, and table creation off. Where the
     * application can define its DataSource ({@code @DataSourceDefinition}, H2 in WEB-INF/lib) it
     * does; Open Liberty wants JDBC drivers from a shared library, so there server.xml defines it
     * (the system property {@code latchkey.it.empty-datasource} names it).
     */
    @Deployment(name = MISSING_TABLE, managed = false, testable = false)
    static WebArchive missingTable() {
        String serverDefined = System.getProperty("latchkey.it.empty-datasource");
        return missingTable(serverDefined != null ? serverDefined : "java:app/jdbc/empty", serverDefined == null);
    }

    private static WebArchive missingTable(String dataSource, boolean definedByApplication) {
        WebArchive war = TestApp.misconfigured(MISSING_TABLE + ".war", Map.of("latchkey.datasource", dataSource,
                "latchkey.schema.create-missing", "false"));
        if (definedByApplication) {
            war.addClass(EmptyDataSource.class)
                    .addAsLibrary(new File(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        }
        return war;
    }

    /**
     * Whether the Arquillian adapter reports a failed start as a failed deployment. Payara Micro's
     * starts a server per deployment and reports the archive deployed even when its start failed;
     * there the server's own failure line is checked instead.
     */
    boolean deployerReportsFailures() {
        return true;
    }

    /** The line the server logs when an application fails to start, for adapters that do not report it. */
    String startFailureLine(String deployment) {
        return "";
    }

    private void assertDeploymentFailsSaying(String deployment, String message) {
        Map<Path, Long> mark = logs().mark();
        try {
            if (deployerReportsFailures()) {
                assertThrows(Exception.class, () -> deployer.deploy(deployment), deployment + " must not deploy");
            } else {
                deployer.deploy(deployment);
            }
        } finally {
            try {
                deployer.undeploy(deployment);
            } catch (RuntimeException alreadyGone) {
                // a failed deployment may leave nothing to undeploy
            }
        }
        String log = logs().since(mark);
        assertTrue(log.contains(startFailureLine(deployment)), "the server reports that " + deployment + " did not start");
        assertTrue(log.contains(message), "the server log explains the failure: " + message);
        lastFailure = log;
    }

    private String lastFailure = "";

    @Test
    void sameSiteNoneWithoutSecureStopsTheDeployment() {
        assertDeploymentFailsSaying(BAD_COOKIE, "Latchkey LK-401: cookie 'sid': SameSite=None requires Secure, or browsers drop the cookie;"
                + " set latchkey.cookie.secure=true or use latchkey.cookie.same-site=Lax");
    }

    @Test
    void anIncompleteProviderStopsTheDeploymentNamingTheKey() {
        assertDeploymentFailsSaying(BAD_PROVIDER, "Latchkey LK-401: latchkey.oauth.corp.client-secret is missing");
    }

    @Test
    void trustedProxiesWithoutTheHeaderTheyWriteStopTheDeploymentWithItsOwnId() {
        assertDeploymentFailsSaying(PROXY_WITHOUT_HEADER, "Latchkey LK-407: latchkey.proxy.trusted is 10.0.0.0/8, but"
                + " latchkey.proxy.header does not say which header these proxies write the client's address in.");
        assertTrue(!lastFailure.contains("LK-401"), "its own id, not the general one");
    }

    @Test
    void aSecondAuthenticationMechanismStopsTheDeployment() {
        assertDeploymentFailsSaying(SECOND_MECHANISM, "Latchkey LK-402: the application defines another"
                + " HttpAuthenticationMechanism besides Latchkey's (dev.latchkey.it.extra.SecondMechanism)");
    }

    @Test
    void aMissingSessionTableStopsTheDeploymentNamingTheScript() {
        assertDeploymentFailsSaying(MISSING_TABLE, "Latchkey LK-403: table latchkey_session is missing");
        assertTrue(lastFailure.contains("META-INF/latchkey/schema/h2/V1__create_latchkey_session.sql"), "names the script");
    }
}
