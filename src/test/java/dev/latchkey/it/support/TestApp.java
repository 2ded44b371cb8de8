package dev.latchkey.it.support;

import java.io.File;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test application as a user would build it: its own classes in the WAR, and Latchkey's jar
 * (the one this build produced) with bcrypt in {@code WEB-INF/lib}.
 */
public final class TestApp {

    private TestApp() {
    }

    /** The test application with its providers (see {@link TestProviders}). */
    public static WebArchive war() {
        return war("latchkey-it.war", TestProviders.get().settings());
    }

    /**
     * The test application with its providers and recovery by e-mail through the server's mail session
     * {@code mail/latchkey} (WildFly's {@code java:jboss/mail/latchkey} comes from a system property, which its
     * MicroProfile Config reads first), to the tests' SMTP server ({@link TestMail}). Only the servers of the main
     * suites have that mail session.
     */
    public static WebArchive withRecovery() {
        Map<String, String> settings = new java.util.HashMap<>(TestProviders.get().settings());
        settings.put("latchkey.recovery.enabled", "true");
        settings.put("latchkey.recovery.sign-in", "link,code");
        settings.put("latchkey.mail.session", "mail/latchkey");
        settings.put("latchkey.mail.from", "no-reply@latchkey.test");
        return war("latchkey-it.war", settings);
    }

    /** The test application without providers, with these settings (context parameters), as the WAR {@code name}. */
    public static WebArchive withSettings(String name, Map<String, String> settings) {
        WebArchive war = war(name, settings);
        return "redis".equals(settings.get("latchkey.store")) ? withRedisClient(war) : war;
    }

    /**
     * The test application with Latchkey's tables in a PostgreSQL database of its own, declared in its
     * {@code web.xml} ({@code <data-source>} at {@code java:app/jdbc/latchkey}, the driver in
     * {@code WEB-INF/lib}): every server makes that DataSource itself, so the database can be stopped
     * under any of them.
     */
    public static WebArchive onPostgres(String name, int port) {
        String dataSource = """
                  <data-source>
                    <name>java:app/jdbc/latchkey</name>
                    <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
                    <server-name>127.0.0.1</server-name>
                    <port-number>%d</port-number>
                    <database-name>postgres</database-name>
                    <user>postgres</user>
                    <password>postgres</password>
                    <max-pool-size>10</max-pool-size>
                    <min-pool-size>0</min-pool-size>
                  </data-source>
                """.formatted(port);
        WebArchive war = war(name, Map.of("latchkey.datasource", "java:app/jdbc/latchkey"), dataSource);
        try {
            war.addAsLibrary(new File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return war;
    }

    /** A deployment that must fail: the test application with other settings (context parameters). */
    public static WebArchive misconfigured(String name, Map<String, String> settings) {
        return war(name, settings);
    }

    /**
     * The demo application as its own build packages it: its classes and web.xml, Latchkey's jar;
     * its provider at {@code providerIssuer} rather than where the demo's own run starts it.
     */
    public static WebArchive demo(String providerIssuer) {
        String webXml;
        try {
            webXml = java.nio.file.Files.readString(java.nio.file.Path.of("demo/app/src/main/webapp/WEB-INF/web.xml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!webXml.contains(DEMO_PROVIDER)) {
            throw new IllegalStateException("the demo's web.xml no longer names its provider at " + DEMO_PROVIDER);
        }
        return withLatchkey(ShrinkWrap.create(WebArchive.class, "latchkey-demo.war")
                .addPackage("dev.latchkey.demo")
                .addAsWebInfResource(new StringAsset(webXml.replace(DEMO_PROVIDER, providerIssuer)), "web.xml"));
    }

    private static final String DEMO_PROVIDER = "http://localhost:8090/demo";

    /**
     * The test application on the Redis store at {@code redisUri}, with Jedis and its dependencies
     * (copied by the build to {@code target/war-lib-redis}) in {@code WEB-INF/lib}, as an application on
     * that store carries them.
     */
    public static WebArchive redis(String name, String redisUri, Map<String, String> extraSettings) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(extraSettings);
        settings.put("latchkey.store", "redis");
        settings.put("latchkey.redis.uri", redisUri);
        return withSettings(name, settings);
    }

    private static WebArchive withRedisClient(WebArchive war) {
        File[] jars = new File(System.getProperty("latchkey.war-lib-redis", "target/war-lib-redis"))
                .listFiles((dir, file) -> file.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("Jedis and its dependencies are missing from target/war-lib-redis (run mvn verify)");
        }
        for (File jar : jars) {
            war.addAsLibrary(jar);
        }
        return war;
    }

    /**
     * Adds Latchkey's jar (the one this build produced) and its runtime dependencies (bcrypt, Nimbus
     * and theirs, copied by the build to {@code target/war-lib}) to {@code WEB-INF/lib}.
     */
    private static WebArchive withLatchkey(WebArchive war) {
        File latchkeyJar = new File(System.getProperty("latchkey.jar", "target/latchkey.jar"));
        File libraries = new File(System.getProperty("latchkey.war-lib", "target/war-lib"));
        File[] jars = libraries.listFiles((dir, name) -> name.endsWith(".jar"));
        if (!latchkeyJar.isFile() || jars == null || jars.length == 0) {
            throw new IllegalStateException("the Latchkey jar or its dependencies are missing: " + latchkeyJar + ", "
                    + libraries + " (run mvn verify)");
        }
        war.addAsLibrary(ShrinkWrap.create(ZipImporter.class, "latchkey.jar").importFrom(latchkeyJar).as(JavaArchive.class));
        for (File jar : jars) {
            war.addAsLibrary(jar);
        }
        return war;
    }

    private static WebArchive war(String name, Map<String, String> extraSettings) {
        return war(name, extraSettings, "");
    }

    private static WebArchive war(String name, Map<String, String> extraSettings, String moreWebXml) {
        StringBuilder params = new StringBuilder(moreWebXml);
        String webXml = WEB_XML;
        for (Map.Entry<String, String> setting : extraSettings.entrySet()) {
            String param = "<param-name>" + setting.getKey() + "</param-name>";
            if (webXml.contains(param)) { // a default of the test application, replaced rather than repeated
                webXml = webXml.replaceFirst(java.util.regex.Pattern.quote(param) + "\\s*<param-value>[^<]*</param-value>",
                        java.util.regex.Matcher.quoteReplacement(param + "\n    <param-value>" + setting.getValue()
                                + "</param-value>"));
            } else {
                params.append("  <context-param>\n    <param-name>").append(setting.getKey()).append("</param-name>\n"
                        + "    <param-value>").append(setting.getValue()).append("</param-value>\n  </context-param>\n");
            }
        }
        return withLatchkey(ShrinkWrap.create(WebArchive.class, name)
                .addPackage("dev.latchkey.it.app"))
                // MicroProfile Config, where the server has it, wins over the context parameter (/login).
                .addAsResource(new StringAsset("latchkey.login-page=/sign-in\n"), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset(webXml.replace("</web-app>", params + "</web-app>")), "web.xml")
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " bean-discovery-mode=\"annotated\" version=\"4.0\"/>"), "beans.xml");
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
                <!-- the suite signs in wrongly on purpose many times from 127.0.0.1: keep the address limit out of
                     the other tests' way (the pair and account limits keep their defaults) -->
                <param-name>latchkey.throttle.address.failures</param-name>
                <param-value>500</param-value>
              </context-param>
              <context-param>
                <param-name>resteasy.role.based.security</param-name>
                <param-value>true</param-value>
              </context-param>
            </web-app>
            """;
}
