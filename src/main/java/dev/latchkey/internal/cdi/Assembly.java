package dev.latchkey.internal.cdi;

import dev.latchkey.internal.cache.CachingSessionStore;
import dev.latchkey.internal.cache.ChangeFeed;
import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Message;
import dev.latchkey.core.SessionStore;
import dev.latchkey.internal.jpa.ContainerPersistence;
import dev.latchkey.jpa.JpaAttemptStore;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.jpa.JpaSessionStore;
import dev.latchkey.jpa.SessionEntity;
import dev.latchkey.redis.RedisSessionStore;
import dev.latchkey.internal.servlet.Diagnostics;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.throttle.ThrottleLimit;
import dev.latchkey.throttle.ThrottleSettings;
import dev.latchkey.internal.web.OriginCheck;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Latchkey assembled from its settings, a DataSource and a clock, in plain Java: the persistence unit
 * on the DataSource and the checked table (or the Redis store, with {@code latchkey.store=redis}), the
 * facade, the origin check and the servlet side. The container integration only reads the settings,
 * looks the DataSource up and schedules the cleanup; tests assemble Latchkey the same way without a
 * container.
 *
 * <p>No class of the Redis client (Jedis, an optional dependency) is loaded unless the Redis store is
 * asked for: the redis package is called only on that path, through methods whose signatures hold
 * Latchkey's and the JDK's types alone.
 *
 * @param latchkey the facade
 * @param sessions the servlet side
 * @param throttle sign-in throttling
 * @param unit     Latchkey's persistence unit, or {@code null} when the application gave its own store or Redis keeps sessions
 * @param summary  the start-up line ({@code LK-001})
 * @param resources what to close when the application stops, besides the unit: the Redis store's connections,
 *                  the change feed's
 */
record Assembly(Latchkey latchkey, ServletSessions sessions, SignInThrottle throttle, EntityManagerFactory unit,
                String summary, List<AutoCloseable> resources) {

    /**
     * Assembles Latchkey.
     *
     * @param settings    the deployment's settings
     * @param customStore the application's own store, or {@code null} for the JPA store on the DataSource
     * @param customAttempts the application's own store of sign-in failure counters, or {@code null} for the
     *                    table beside the sessions' (in memory, per node, when the application gave its own store)
     * @param dataSource  the DataSource for Latchkey's table, asked for only when the JPA store is used (not for Redis)
     * @param clock       the source of time
     * @param suspender   runs store work outside the caller's transaction
     * @param roles       the roles declared for the application, for the summary
     * @throws IllegalArgumentException ({@code LK-401}) for a setting that cannot be used
     * @throws dev.latchkey.core.SessionStoreException ({@code LK-403}) for a missing or mistyped table
     */
    static Assembly assemble(DeploymentSettings settings, SessionStore customStore, AttemptStore customAttempts,
            Supplier<DataSource> dataSource, Clock clock, TransactionSuspender suspender, Set<String> roles) {
        OriginCheck originCheck = new OriginCheck(settings.web());
        SessionStore store;
        AttemptStore attempts = customAttempts;
        EntityManagerFactory unit = null;
        List<AutoCloseable> resources = new ArrayList<>();
        DataSource postgres = null;
        String storeSummary;
        String counters = "in memory, per node: produce an AttemptStore bean to share them";
        if (customStore != null && settings.redis() != null) {
            throw new IllegalArgumentException("latchkey.store is redis, but the application also produces a SessionStore ("
                    + customStore.getClass().getName() + "): remove one of them");
        }
        if (customStore != null) {
            store = customStore;
            storeSummary = "store " + customStore.getClass().getName() + " (provided by the application)";
            if (attempts == null) {
                attempts = new InMemoryAttemptStore();
            }
        } else if (settings.redis() != null) {
            RedisSessionStore opened = openRedis(settings.redis(), clock);
            resources.add(opened);
            store = opened;
            storeSummary = opened.describe();
            if (attempts == null && settings.throttle().isOn()) {
                attempts = opened.attemptStore();
                counters = "in Redis, shared by every node";
            }
        } else {
            DataSource source = dataSource.get();
            DatabaseProduct product = suspender.suspended(() -> DatabaseProduct.of(source));
            unit = ContainerPersistence.open("latchkey", source, List.of(SessionEntity.class), settings.persistenceProvider());
            EntityManagerFactory opened = unit;
            JpaSessionStore checked = suspender.suspended(() -> JpaSessionStore.open(opened, settings.createMissingTables(), source));
            JpaSessionStore jpa = settings.directRead() ? checked.readingThrough(source) : checked;
            String skew = suspender.suspended(() -> product.clockSkew(source, clock.instant()))
                    .map(d -> "database clock " + d.toMillis() + " ms from the JVM's").orElse("database clock not measured");
            storeSummary = "JPA store on " + settings.dataSource() + " (" + product.displayName()
                    + ", table latchkey_session checked: columns and timestamp round trip ok, " + skew + ")";
            store = new SuspendedTransactionStore(jpa, suspender);
            postgres = product == DatabaseProduct.POSTGRESQL ? source : null;
            if (attempts == null && settings.throttle().isOn()) {
                attempts = new SuspendedAttemptStore(suspender.suspended(() -> JpaAttemptStore.open(opened,
                        settings.createMissingTables(), source)), suspender);
                counters = "in table latchkey_signin_attempt, shared by every node";
            }
        }
        String attemptsSummary = !settings.throttle().isOn() ? "off"
                : describe(settings.throttle()) + "; counters " + (customAttempts != null ? "in "
                + customAttempts.getClass().getName() + " (provided by the application)" : counters);
        SignInThrottle throttle = new SignInThrottle(attempts == null ? new InMemoryAttemptStore() : attempts, clock,
                settings.throttle());
        String cacheSummary = "";
        if (settings.cache().isOn()) {
            ChangeFeed feed = settings.changeFeed() ? changeFeed(postgres, suspender) : null;
            if (feed != null) {
                resources.add(feed);
            }
            store = new CachingSessionStore(store, settings.cache(), clock, feed);
            cacheSummary = "; validation cache of " + settings.cache().maxSize() + " sessions: a session revoked on another"
                    + " node stays usable here for up to " + settings.cache().maxAge() + (feed == null ? ""
                    : ", dropped as soon as that node's PostgreSQL notification arrives (change feed on channel "
                    + "latchkey_session_changes)");
        }
        Latchkey latchkey = new Latchkey(store, clock, settings.config());
        ServletSessions sessions = new ServletSessions(latchkey, originCheck, new Diagnostics(settings.diagnostics(), clock),
                settings.loginPage(), throttle);
        return new Assembly(latchkey, sessions, throttle, unit, summary(settings, storeSummary + cacheSummary, roles)
                + "; sign-in throttling " + attemptsSummary, List.copyOf(resources));
    }

    /** The PostgreSQL change feed, its announcements made outside the caller's transaction. */
    private static ChangeFeed changeFeed(DataSource postgres, TransactionSuspender suspender) {
        if (postgres == null) {
            throw new IllegalArgumentException("latchkey.cache.change-feed=postgresql needs Latchkey's own store on a"
                    + " PostgreSQL database (latchkey.datasource); set latchkey.cache.change-feed=off for this store");
        }
        try {
            return new SuspendedChangeFeed(ChangeFeed.postgres(postgres, ManagedThreads.factory()), suspender);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("latchkey.cache.change-feed is postgresql, but " + e.getMessage(), e);
        }
    }

    /** The Redis store, or {@code LK-401} naming the dependency to add when Jedis is missing from the application. */
    private static RedisSessionStore openRedis(RedisSettings redis, Clock clock) {
        RedisSessionStore.Builder builder = RedisSessionStore.builder(redis.uri()).clock(clock);
        if (redis.prefix() != null) {
            builder.prefix(redis.prefix());
        }
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("latchkey.store is redis, but " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latchkey.redis.uri: " + e.getMessage(), e);
        }
    }

    private static String describe(ThrottleSettings throttle) {
        return "per account and address " + describe(throttle.pair()) + ", per address " + describe(throttle.address())
                + ", per account " + describe(throttle.account()) + ", counters forgotten after " + throttle.forgetAfter();
    }

    private static String describe(ThrottleLimit limit) {
        return limit.isOn() ? limit.failures() + " failures then " + limit.firstDelay() + " doubling to " + limit.maxDelay()
                : "off";
    }

    private static String summary(DeploymentSettings settings, String store, Set<String> roles) {
        CookieSettings cookie = settings.config().cookie();
        return Message.READY.line("Latchkey ready: " + store + "; cookie " + cookie.name()
                + (cookie.secure() ? " Secure" : "") + " HttpOnly SameSite=" + cookie.sameSite().attributeValue()
                + " Path=" + cookie.path() + "; idle " + settings.config().idleTimeout() + " (remember me), "
                + settings.config().browserSessionIdleTimeout() + " (browser session), at most "
                + settings.config().absoluteLifetime() + "; trusted origins " + settings.web().trustedOrigins().size()
                + ", trusted proxies " + settings.web().trustedProxies().size()
                + (settings.web().proxyHeader() == null ? "" : " (" + settings.web().proxyHeader().headerName() + ")") + "; "
                + ServletSessions.describeDevelopmentCookie(settings.web().loopbackDevelopment())
                + "; roles declared from @RolesAllowed " + new java.util.TreeSet<>(roles)
                + (settings.diagnostics() ? "; diagnostics header on" : ""));
    }
}
