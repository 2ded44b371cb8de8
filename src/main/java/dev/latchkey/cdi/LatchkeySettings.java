package dev.latchkey.cdi;

import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.web.CookieSettings;
import dev.latchkey.web.OriginCheck;
import dev.latchkey.web.SameSite;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of the Jakarta EE integration, read from MicroProfile Config ({@code latchkey.*}
 * keys) when the server has it, and from servlet context parameters of the same names otherwise.
 * Durations are written {@code 30d}, {@code 12h}, {@code 15m}, {@code 45s} or in ISO-8601
 * ({@code PT12H}).
 *
 * @param core                the session, cookie, CSRF and proxy settings
 * @param loginPage           {@code latchkey.login-page}: where browsers go for protected pages, or {@code null} for 401
 * @param diagnostics         {@code latchkey.diagnostics}: send the reason of every rejection in {@code Latchkey-Reason}
 * @param dataSource          {@code latchkey.datasource}: JNDI name of the DataSource for Latchkey's tables
 * @param persistenceProvider {@code latchkey.persistence.provider}: the JPA provider class, or {@code null} for the server's
 * @param createMissingTables {@code latchkey.schema.create-missing}: create absent tables from the shipped scripts
 * @param cleanupInterval     {@code latchkey.cleanup.interval}: how often expired sessions are deleted
 * @param accounts            {@code latchkey.accounts.enabled}: switch on the built-in account store
 * @param bcryptCost          {@code latchkey.password.bcrypt-cost}: bcrypt cost of the account store
 */
public record LatchkeySettings(LatchkeyConfig core, String loginPage, boolean diagnostics, String dataSource,
                               String persistenceProvider, boolean createMissingTables, Duration cleanupInterval,
                               boolean accounts, int bcryptCost) {

    /** The default DataSource every Jakarta EE server provides (Open Liberty: when declared in server.xml). */
    public static final String DEFAULT_DATA_SOURCE = "java:comp/DefaultDataSource";

    /**
     * Reads and checks every setting.
     *
     * @param lookup a setting's value by key, empty when unset
     * @throws IllegalArgumentException naming the key whose value is wrong and how to fix it
     */
    public static LatchkeySettings read(Function<String, Optional<String>> lookup) {
        LatchkeyConfig defaults = LatchkeyConfig.defaults();
        CookieSettings cookieDefaults = defaults.cookie();
        CookieSettings cookie = new CookieSettings(
                lookup.apply("latchkey.cookie.name").orElse(cookieDefaults.name()),
                bool(lookup, "latchkey.cookie.secure", cookieDefaults.secure()),
                lookup.apply("latchkey.cookie.same-site").map(SameSite::parse).orElse(cookieDefaults.sameSite()),
                lookup.apply("latchkey.cookie.path").orElse(cookieDefaults.path()),
                lookup.apply("latchkey.cookie.domain").filter(d -> !d.isBlank()).orElse(null));
        LatchkeyConfig core = LatchkeyConfig.builder()
                .idleTimeout(duration(lookup, "latchkey.session.idle-timeout", defaults.idleTimeout()))
                .browserSessionIdleTimeout(duration(lookup, "latchkey.session.browser-idle-timeout",
                        defaults.browserSessionIdleTimeout()))
                .absoluteLifetime(duration(lookup, "latchkey.session.absolute-lifetime", defaults.absoluteLifetime()))
                .cleanupBatchSize(integer(lookup, "latchkey.cleanup.batch-size", defaults.cleanupBatchSize()))
                .cookie(cookie)
                .trustedOrigins(list(lookup, "latchkey.csrf.trusted-origins"))
                .trustedProxies(list(lookup, "latchkey.proxy.trusted"))
                .loopbackDevelopment(bool(lookup, "latchkey.cookie.loopback-development", defaults.loopbackDevelopment()))
                .build();
        new OriginCheck(core.trustedOrigins(), core.trustedProxies(), core.loopbackDevelopment()); // fails on an entry that does not parse
        String loginPage = lookup.apply("latchkey.login-page").filter(p -> !p.isBlank()).orElse(null);
        if (loginPage != null && !loginPage.startsWith("/")) {
            throw new IllegalArgumentException("latchkey.login-page must be a path inside the application starting"
                    + " with '/', such as /login, but was: " + loginPage);
        }
        int cost = integer(lookup, "latchkey.password.bcrypt-cost", PasswordHasher.DEFAULT_COST);
        new PasswordHasher(cost); // checks the range
        Duration interval = duration(lookup, "latchkey.cleanup.interval", Duration.ofHours(1));
        if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("latchkey.cleanup.interval must be at least 1m but was " + interval);
        }
        return new LatchkeySettings(core, loginPage, bool(lookup, "latchkey.diagnostics", false),
                lookup.apply("latchkey.datasource").filter(d -> !d.isBlank()).orElse(DEFAULT_DATA_SOURCE),
                lookup.apply("latchkey.persistence.provider").filter(d -> !d.isBlank()).orElse(null),
                bool(lookup, "latchkey.schema.create-missing", true), interval,
                bool(lookup, "latchkey.accounts.enabled", false), cost);
    }

    /** Parses {@code 30d}, {@code 12h}, {@code 15m}, {@code 45s}, {@code 500ms} or ISO-8601. */
    static Duration parseDuration(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 'd':
                    return Duration.ofDays(amount);
                case 'h':
                    return Duration.ofHours(amount);
                case 'm':
                    return Duration.ofMinutes(amount);
                case 's':
                    return Duration.ofSeconds(amount);
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a duration such as 30d, 12h, 15m, 45s or PT12H but was: " + text);
    }

    private static Duration duration(Function<String, Optional<String>> lookup, String key, Duration fallback) {
        return lookup.apply(key).map(v -> parseDuration(key, v)).orElse(fallback);
    }

    private static int integer(Function<String, Optional<String>> lookup, String key, int fallback) {
        Optional<String> value = lookup.apply(key);
        try {
            return value.map(v -> Integer.parseInt(v.strip())).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number but was: " + value.get());
        }
    }

    private static boolean bool(Function<String, Optional<String>> lookup, String key, boolean fallback) {
        Optional<String> value = lookup.apply(key).map(v -> v.strip().toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get().equals("true") || value.get().equals("false")) {
            return Boolean.parseBoolean(value.get());
        }
        throw new IllegalArgumentException(key + " must be true or false but was: " + value.get());
    }

    private static List<String> list(Function<String, Optional<String>> lookup, String key) {
        return lookup.apply(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
