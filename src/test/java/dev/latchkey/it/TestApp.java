package dev.latchkey.it;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test application as a user would build it: its own classes in the WAR, and Latchkey's jar
 * (the one this build produced) with bcrypt in {@code WEB-INF/lib}.
 */
final class TestApp {

    private TestApp() {
    }

    static WebArchive war() {
        return war("latchkey-it.war", Map.of());
    }

    /** A deployment that must fail: the test application with other settings (context parameters). */
    static WebArchive misconfigured(String name, Map<String, String> settings) {
        return war(name, settings);
    }

    /** The demo application as its own build packages it: its classes and web.xml, Latchkey's jar. */
    static WebArchive demo() {
        return withLatchkey(ShrinkWrap.create(WebArchive.class, "latchkey-demo.war")
                .addPackage("dev.latchkey.demo")
                .addAsWebInfResource(new File("demo/app/src/main/webapp/WEB-INF/web.xml"), "web.xml"));
    }

    /** Adds Latchkey's jar (the one this build produced) and bcrypt's to {@code WEB-INF/lib}. */
    private static WebArchive withLatchkey(WebArchive war) {
        File latchkeyJar = new File(System.getProperty("latchkey.jar", "target/latchkey.jar"));
        if (!latchkeyJar.isFile()) {
            throw new IllegalStateException("the Latchkey jar is missing: " + latchkeyJar + " (run mvn verify)");
        }
        return war.addAsLibrary(ShrinkWrap.create(ZipImporter.class, "latchkey.jar").importFrom(latchkeyJar).as(JavaArchive.class))
                .addAsLibrary(jarOf(at.favre.lib.crypto.bcrypt.BCrypt.class))
                .addAsLibrary(jarOf(at.favre.lib.bytes.Bytes.class));
    }

    private static WebArchive war(String name, Map<String, String> extraSettings) {
        StringBuilder params = new StringBuilder();
        extraSettings.forEach((key, value) -> params.append("  <context-param>\n    <param-name>").append(key)
                .append("</param-name>\n    <param-value>").append(value).append("</param-value>\n  </context-param>\n"));
        return withLatchkey(ShrinkWrap.create(WebArchive.class, name)
                .addPackage("dev.latchkey.it.app"))
                // MicroProfile Config, where the server has it, wins over the context parameter (/login).
                .addAsResource(new StringAsset("latchkey.login-page=/sign-in\n"), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset(WEB_XML.replace("</web-app>", params + "</web-app>")), "web.xml")
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " bean-discovery-mode=\"annotated\" version=\"4.0\"/>"), "beans.xml");
    }

    static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param>
                <param-name>latchkey.accounts.enabled</param-name>
                <param-value>true</param-value>
              </context-param>
              <context-param>
                <param-name>latchkey.diagnostics</param-name>
                <param-value>true</param-value>
              </context-param>
              <context-param>
                <param-name>latchkey.password.bcrypt-cost</param-name>
                <param-value>4</param-value>
              </context-param>
              <context-param>
                <param-name>latchkey.login-page</param-name>
                <param-value>/login</param-value>
              </context-param>
              <context-param>
                <param-name>resteasy.role.based.security</param-name>
                <param-value>true</param-value>
              </context-param>
            </web-app>
            """;
}
