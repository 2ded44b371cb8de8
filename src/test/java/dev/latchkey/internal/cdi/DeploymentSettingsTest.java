package dev.latchkey.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.SameSite;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the deployment's settings: every key, the secure defaults, a message naming the key for every bad value. */
class DeploymentSettingsTest {

    private static DeploymentSettings read(Map<String, String> values) {
        return DeploymentSettings.read(new SettingValues(key -> Optional.ofNullable(values.get(key))));
    }

    private static String error(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> read(values)).getMessage();
    }

    @Test
    void nothingSetGivesTheSecureDefaults() {
        DeploymentSettings s = read(Map.of());
        assertEquals("__Host-latchkey", s.config().cookie().name());
        assertTrue(s.config().cookie().secure());
        assertEquals(SameSite.LAX, s.config().cookie().sameSite());
        assertNull(s.loginPage());
        assertFalse(s.diagnostics());
        assertEquals("java:comp/DefaultDataSource", s.dataSource());
        assertTrue(s.createMissingTables());
        assertEquals(Duration.ofHours(1), s.cleanupInterval());
        assertFalse(s.cache().isOn(), "no validation cache unless asked for");
        assertFalse(s.changeFeed(), "nor a change feed");
        assertTrue(s.directRead());
        assertNull(s.redis(), "the JPA store unless asked for Redis");
    }

    @Test
    void everyKeyIsRead() {
        DeploymentSettings s = read(Map.ofEntries(
                Map.entry("latchkey.session.idle-timeout", "14d"),
                Map.entry("latchkey.session.browser-idle-timeout", "PT8H"),
                Map.entry("latchkey.session.absolute-lifetime", "90d"),
                Map.entry("latchkey.cleanup.batch-size", "200"),
                Map.entry("latchkey.cleanup.interval", "15m"),
                Map.entry("latchkey.cookie.name", "sid"),
                Map.entry("latchkey.cookie.secure", "true"),
                Map.entry("latchkey.cookie.same-site", "strict"),
                Map.entry("latchkey.cookie.path", "/app"),
                Map.entry("latchkey.cookie.domain", "example.com"),
                Map.entry("latchkey.csrf.trusted-origins", "https://a.example.com, https://*.example.org"),
                Map.entry("latchkey.proxy.trusted", "10.0.0.0/8,::1"),
                Map.entry("latchkey.proxy.header", "x-forwarded-for"),
                Map.entry("latchkey.login-page", "/login"),
                Map.entry("latchkey.diagnostics", "TRUE"),
                Map.entry("latchkey.datasource", "java:app/jdbc/mine"),
                Map.entry("latchkey.persistence.provider", "org.hibernate.jpa.HibernatePersistenceProvider"),
                Map.entry("latchkey.schema.create-missing", "false"),
                Map.entry("latchkey.cookie.loopback-development", "false"),
                Map.entry("latchkey.cache.max-size", "50000"),
                Map.entry("latchkey.cache.max-age", "2s"),
                Map.entry("latchkey.jpa.direct-read", "false"),
                Map.entry("latchkey.store", "Redis"),
                Map.entry("latchkey.redis.uri", "rediss://app:pa%40ss@redis.example.com:6380/2"),
                Map.entry("latchkey.redis.prefix", "shop:")));
        assertEquals(Duration.ofDays(14), s.config().idleTimeout());
        assertEquals(Duration.ofHours(8), s.config().browserSessionIdleTimeout());
        assertEquals(Duration.ofDays(90), s.config().absoluteLifetime());
        assertEquals(200, s.config().cleanupBatchSize());
        assertEquals(Duration.ofMinutes(15), s.cleanupInterval());
        assertEquals("sid; Secure; SameSite=Strict; /app; example.com", s.config().cookie().name() + "; Secure; SameSite="
                + s.config().cookie().sameSite().attributeValue() + "; " + s.config().cookie().path() + "; " + s.config().cookie().domain());
        assertEquals(List.of("https://a.example.com", "https://*.example.org"), s.web().trustedOrigins());
        assertEquals(List.of("10.0.0.0/8", "::1"), s.web().trustedProxies());
        assertEquals(dev.latchkey.web.ProxyHeader.X_FORWARDED_FOR, s.web().proxyHeader());
        assertEquals("/login", s.loginPage());
        assertTrue(s.diagnostics());
        assertEquals("java:app/jdbc/mine", s.dataSource());
        assertEquals("org.hibernate.jpa.HibernatePersistenceProvider", s.persistenceProvider());
        assertFalse(s.createMissingTables());
        assertFalse(s.web().loopbackDevelopment());
        assertEquals(new dev.latchkey.internal.cache.CacheSettings(50_000, Duration.ofSeconds(2)), s.cache());
        assertFalse(s.directRead());
        assertEquals("rediss://app:pa%40ss@redis.example.com:6380/2", s.redis().uri());
        assertEquals("shop:", s.redis().prefix());
        assertFalse(s.toString().contains("pa%40ss"), "the settings never show the Redis password: " + s);
    }

    @Test
    void trustedProxiesWithoutTheHeaderTheyWriteStopTheDeploymentWithItsOwnId() {
        String missing = error(Map.of("latchkey.proxy.trusted", "10.0.0.0/8"));
        assertTrue(missing.startsWith("Latchkey LK-407: latchkey.proxy.trusted is 10.0.0.0/8, but latchkey.proxy.header"
                + " does not say which header these proxies write the client's address in."), missing);
        assertTrue(missing.contains("Forwarded, X-Forwarded-For or X-Real-IP"), missing);
        assertEquals("latchkey.proxy.header must be Forwarded, X-Forwarded-For or X-Real-IP but was: X-Client-IP",
                error(Map.of("latchkey.proxy.trusted", "10.0.0.0/8", "latchkey.proxy.header", "X-Client-IP")));
    }

    @Test
    void theRedisStoreNeedsAUsableUriAndTheMessageNeverRepeatsIt() {
        assertEquals("latchkey.redis.uri must be set when latchkey.store is redis, such as redis://localhost:6379 or"
                + " rediss://user:password@redis.example.com:6380/0", error(Map.of("latchkey.store", "redis")));
        assertEquals("latchkey.redis.uri is set, but latchkey.store is jpa: set latchkey.store=redis to keep sessions in"
                + " Redis, or remove latchkey.redis.uri", error(Map.of("latchkey.redis.uri", "redis://localhost:6379")));
        for (String[] bad : new String[][] {
                {"http://app:hunter2@redis.example.com:6379", "its scheme is not redis or rediss"},
                {"redis://app:hunt@er2@redis.example.com", "it names no host (characters such as @ : / % in a password"
                        + " must be percent-encoded)"},
                {"redis://app:hunter2@redis.example.com:6379/zero", "its path is not a database number such as /0"},
                {"redis://app:hunter 2@redis.example.com", "it does not parse as a URI (characters such as @ : / % in a"
                        + " password must be percent-encoded)"}}) {
            assertEquals("latchkey.redis.uri: the Redis URI must be redis://host:port or rediss://user:password@host:port/database,"
                    + " such as redis://localhost:6379, but " + bad[1] + "; the value is not repeated here, as it may hold a"
                    + " password", error(Map.of("latchkey.store", "redis", "latchkey.redis.uri", bad[0])));
        }
        assertEquals("latchkey.redis.prefix: the Redis key prefix must be 1-64 visible ASCII characters without spaces, such"
                + " as latchkey: or shop:sessions:, but was: my app", error(Map.of("latchkey.store", "redis",
                "latchkey.redis.uri", "redis://localhost", "latchkey.redis.prefix", "my app")));
    }

    @Test
    void invalidCombinationsFailWithAMessageSayingHowToFixThem() {
        assertTrue(error(Map.of("latchkey.cookie.name", "sid", "latchkey.cookie.secure", "false",
                "latchkey.cookie.same-site", "None")).contains("SameSite=None requires Secure"));
        assertTrue(error(Map.of("latchkey.cookie.domain", "example.com")).contains("the __Host- prefix forbids a Domain"));
        assertTrue(error(Map.of("latchkey.cookie.secure", "false")).contains("the __Host- prefix requires Secure"));
        assertEquals("latchkey.cache.max-age must be more than 0 and at most 5m (how long a session revoked on another node"
                + " stays usable here) but was PT10M", error(Map.of("latchkey.cache.max-size", "10", "latchkey.cache.max-age", "10m")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "latchkey.session.idle-timeout   | forever | latchkey.session.idle-timeout must be a duration such as 30d, 12h, 15m, 45s or PT12H but was: forever",
        "latchkey.cleanup.batch-size     | lots    | latchkey.cleanup.batch-size must be a whole number but was: lots",
        "latchkey.diagnostics            | yes     | latchkey.diagnostics must be true or false but was: yes",
        "latchkey.login-page             | login   | latchkey.login-page must be a path inside the application starting with '/', such as /login, but was: login",
        "latchkey.cookie.same-site       | sure    | SameSite must be Lax, Strict or None but was: sure",
        "latchkey.cleanup.interval       | 10s     | latchkey.cleanup.interval must be at least 1m but was PT10S",
        "latchkey.cookie.loopback-development | maybe | latchkey.cookie.loopback-development must be true or false but was: maybe",
        "latchkey.cache.max-size         | -1      | latchkey.cache.max-size must be 0 (off) or more but was -1",
        "latchkey.store                  | mongo   | latchkey.store must be jpa or redis but was: mongo",
        "latchkey.cache.change-feed      | redis   | latchkey.cache.change-feed must be off or postgresql but was: redis",
        "latchkey.cache.change-feed      | postgresql | latchkey.cache.change-feed=postgresql tells the nodes' validation caches"
                + " of revocations, but the cache is off: set latchkey.cache.max-size above 0, or remove the setting"})
    void badValuesNameTheKey(String key, String value, String message) {
        assertEquals(message, error(Map.of(key, value)));
    }

    @ParameterizedTest
    @CsvSource({"30d, PT720H", "12h, PT12H", "15m, PT15M", "45s, PT45S", "500ms, PT0.5S", "P2D, PT48H", "pt1h, PT1H"})
    void durationsInEveryAcceptedForm(String text, String expected) {
        assertEquals(Duration.parse(expected), SettingValues.parseDuration("k", text));
    }
}
