package dev.latchkey.internal.cdi;

import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.SameSite;
import dev.latchkey.internal.cache.CacheSettings;
import dev.latchkey.throttle.ThrottleLimit;
import dev.latchkey.throttle.ThrottleSettings;
import dev.latchkey.web.ProxyHeader;
import dev.latchkey.web.WebSettings;
import java.time.Duration;

/**
 * The settings of a Jakarta EE deployment: the {@link LatchkeyConfig} (sessions, cookie), the
 * {@link WebSettings} (CSRF, proxies, the development cookie) and where Latchkey's pieces live. Read from MicroProfile Config ({@code latchkey.*} keys)
 * when the server has it, and from servlet context parameters of the same names otherwise. Reading
 * only parses; the objects built from the values (the cookie, the origin check) check the rest.
 *
 * @param config              sessions and the cookie
 * @param web                 how requests are read: trusted origins and proxies, the development cookie
 * @param loginPage           {@code latchkey.login-page}: where browsers go for protected pages, or {@code null} for 401
 * @param diagnostics         {@code latchkey.diagnostics}: send the reason of every rejection in {@code Latchkey-Reason}
 * @param dataSource          {@code latchkey.datasource}: JNDI name of the DataSource for Latchkey's tables
 * @param persistenceProvider {@code latchkey.persistence.provider}: the JPA provider class, or {@code null} for the server's
 * @param createMissingTables {@code latchkey.schema.create-missing}: create absent tables from the shipped scripts
 * @param cleanupInterval     {@code latchkey.cleanup.interval}: how often expired sessions and forgotten counters are deleted
 * @param throttle            {@code latchkey.throttle.*}: the limits of sign-in throttling
 * @param cache               {@code latchkey.cache.*}: the validation cache's bounds (off by default)
 * @param directRead          {@code latchkey.jpa.direct-read}: read sessions by id with plain JDBC rather than a JPA query
 * @param changeFeed          {@code latchkey.cache.change-feed=postgresql}: the nodes' caches hear of each other's revocations
 * @param redis               {@code latchkey.store=redis} and {@code latchkey.redis.*}: the Redis store, or {@code null}
 *                            for the JPA store ({@code latchkey.store=jpa}, the default)
 */
record DeploymentSettings(LatchkeyConfig config, WebSettings web, String loginPage, boolean diagnostics, String dataSource,
                          String persistenceProvider, boolean createMissingTables, Duration cleanupInterval,
                          ThrottleSettings throttle, CacheSettings cache, boolean changeFeed, boolean directRead,
                          RedisSettings redis) {

    /** The default DataSource every Jakarta EE server provides (Open Liberty: when declared in server.xml). */
    static final String DEFAULT_DATA_SOURCE = "java:comp/DefaultDataSource";

    /** Checks what no other object checks. */
    DeploymentSettings {
        if (loginPage != null && !loginPage.startsWith("/")) {
            throw new IllegalArgumentException("latchkey.login-page must be a path inside the application starting"
                    + " with '/', such as /login, but was: " + loginPage);
        }
        if (cleanupInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("latchkey.cleanup.interval must be at least 1m but was " + cleanupInterval);
        }
        if (changeFeed && !cache.isOn()) {
            throw new IllegalArgumentException("latchkey.cache.change-feed=postgresql tells the nodes' validation caches of"
                    + " revocations, but the cache is off: set latchkey.cache.max-size above 0, or remove the setting");
        }
    }

    /**
     * Reads every setting.
     *
     * @throws IllegalArgumentException naming the key whose value is wrong and how to fix it
     */
    static DeploymentSettings read(SettingValues values) {
        return new DeploymentSettings(config(values), web(values),
                values.text("latchkey.login-page").orElse(null),
                values.flag("latchkey.diagnostics", false),
                values.text("latchkey.datasource").orElse(DEFAULT_DATA_SOURCE),
                values.text("latchkey.persistence.provider").orElse(null),
                values.flag("latchkey.schema.create-missing", true),
                values.duration("latchkey.cleanup.interval", Duration.ofHours(1)),
                throttle(values),
                new CacheSettings(values.integer("latchkey.cache.max-size", CacheSettings.OFF.maxSize()),
                        values.duration("latchkey.cache.max-age", CacheSettings.OFF.maxAge())),
                changeFeed(values.text("latchkey.cache.change-feed").orElse("off")),
                values.flag("latchkey.jpa.direct-read", true),
                RedisSettings.read(values));
    }

    private static ThrottleSettings throttle(SettingValues values) {
        ThrottleSettings defaults = ThrottleSettings.defaults();
        return new ThrottleSettings(limit(values, "pair", defaults.pair()), limit(values, "address", defaults.address()),
                limit(values, "account", defaults.account()),
                values.duration("latchkey.throttle.forget-after", defaults.forgetAfter()));
    }

    private static ThrottleLimit limit(SettingValues values, String kind, ThrottleLimit defaults) {
        String key = "latchkey.throttle." + kind + ".";
        int failures = values.integer(key + "failures", defaults.failures());
        if (failures == 0) {
            return ThrottleLimit.OFF;
        }
        try {
            return new ThrottleLimit(failures, values.duration(key + "delay", defaults.firstDelay()),
                    values.duration(key + "max-delay", defaults.maxDelay()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "*: " + e.getMessage(), e);
        }
    }

    /** This deployment with the settings in code an application produced, which replace those read. */
    DeploymentSettings withConfig(LatchkeyConfig inCode) {
        return new DeploymentSettings(inCode, web, loginPage, diagnostics, dataSource, persistenceProvider,
                createMissingTables, cleanupInterval, throttle, cache, changeFeed, directRead, redis);
    }

    /** This deployment with the request-side settings an application produced, which replace those read. */
    DeploymentSettings withWeb(WebSettings inCode) {
        return new DeploymentSettings(config, inCode, loginPage, diagnostics, dataSource, persistenceProvider,
                createMissingTables, cleanupInterval, throttle, cache, changeFeed, directRead, redis);
    }

    private static boolean changeFeed(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "off" -> false;
            case "postgresql" -> true;
            default -> throw new IllegalArgumentException("latchkey.cache.change-feed must be off or postgresql but was: "
                    + value);
        };
    }

    private static LatchkeyConfig config(SettingValues values) {
        LatchkeyConfig defaults = LatchkeyConfig.defaults();
        CookieSettings cookie = defaults.cookie();
        return LatchkeyConfig.builder()
                .idleTimeout(values.duration("latchkey.session.idle-timeout", defaults.idleTimeout()))
                .browserSessionIdleTimeout(values.duration("latchkey.session.browser-idle-timeout",
                        defaults.browserSessionIdleTimeout()))
                .absoluteLifetime(values.duration("latchkey.session.absolute-lifetime", defaults.absoluteLifetime()))
                .cleanupBatchSize(values.integer("latchkey.cleanup.batch-size", defaults.cleanupBatchSize()))
                .cookie(new CookieSettings(
                        values.text("latchkey.cookie.name").orElse(cookie.name()),
                        values.flag("latchkey.cookie.secure", cookie.secure()),
                        values.text("latchkey.cookie.same-site").map(SameSite::parse).orElse(cookie.sameSite()),
                        values.text("latchkey.cookie.path").orElse(cookie.path()),
                        values.text("latchkey.cookie.domain").orElse(null)))
                .build();
    }

    private static WebSettings web(SettingValues values) {
        return new WebSettings(values.list("latchkey.csrf.trusted-origins"), values.list("latchkey.proxy.trusted"),
                values.text("latchkey.proxy.header").map(ProxyHeader::parse).orElse(null),
                values.flag("latchkey.cookie.loopback-development", WebSettings.defaults().loopbackDevelopment()));
    }
}
