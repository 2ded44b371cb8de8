package dev.latchkey.internal.cdi;

import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Message;
import dev.latchkey.core.SessionStore;
import dev.latchkey.internal.cache.CachingSessionStore;
import dev.latchkey.internal.cache.ChangeFeed;
import dev.latchkey.internal.servlet.Diagnostics;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.internal.web.OriginCheck;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.throttle.ThrottleLimit;
import dev.latchkey.throttle.ThrottleSettings;
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
 * <p>Each kind of store is one {@link StoreKind}; the assembly treats them alike. No class of the
 * Redis client (Jedis, an optional dependency) is loaded unless the Redis store is asked for: only
 * {@link RedisStoreKind} names a Redis type, and it is loaded on that path alone.
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

    private static final System.Logger LOG = System.getLogger(Assembly.class.getName());

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
        StoreKind opened = open(settings, customStore, dataSource, clock, suspender);
        List<AutoCloseable> resources = new ArrayList<>(opened.resources());
        try {
            SessionStore store = opened.sessions();
            StoreKind.Counters counters = counters(settings.throttle(), opened, customAttempts);
            SignInThrottle throttle = new SignInThrottle(counters.store(), clock, settings.throttle());
            String cacheSummary = "";
            if (settings.cache().isOn()) {
                ChangeFeed feed = settings.changeFeed() ? opened.changeFeed() : null;
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
            String throttling = settings.throttle().isOn() ? describe(settings.throttle()) + "; counters " + counters.where() : "off";
            return new Assembly(latchkey, sessions, throttle, opened.unit(), summary(settings, opened.summary() + cacheSummary, roles)
                    + "; sign-in throttling " + throttling, List.copyOf(resources));
        } catch (RuntimeException e) {
            close(opened.unit(), resources);
            throw e;
        }
    }

    /** The store the settings ask for; only the chosen kind's classes are loaded. */
    private static StoreKind open(DeploymentSettings settings, SessionStore customStore, Supplier<DataSource> dataSource,
            Clock clock, TransactionSuspender suspender) {
        if (customStore != null && settings.redis() != null) {
            throw new IllegalArgumentException("latchkey.store is redis, but the application also produces a SessionStore ("
                    + customStore.getClass().getName() + "): remove one of them");
        }
        if (customStore != null) {
            return new ApplicationStoreKind(customStore);
        }
        if (settings.redis() != null) {
            return RedisStoreKind.open(settings.redis(), clock);
        }
        return JpaStoreKind.open(settings, dataSource.get(), clock, suspender);
    }

    /** The application's counters, else the store's shared ones (opened only when throttling is on), else memory. */
    private static StoreKind.Counters counters(ThrottleSettings throttle, StoreKind opened, AttemptStore customAttempts) {
        if (customAttempts != null) {
            return new StoreKind.Counters(customAttempts, "in " + customAttempts.getClass().getName() + " (provided by the application)");
        }
        StoreKind.Counters inMemory = new StoreKind.Counters(new InMemoryAttemptStore(),
                "in memory, per node: produce an AttemptStore bean to share them");
        return throttle.isOn() ? opened.sharedCounters().orElse(inMemory) : inMemory;
    }

    /** Closes the unit and every resource, logging (without failing) what cannot be closed. */
    void close() {
        close(unit, resources);
    }

    private static void close(EntityManagerFactory unit, List<AutoCloseable> resources) {
        if (unit != null && unit.isOpen()) {
            unit.close();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + resource.getClass().getName() + " failed: "
                        + e.getClass().getName());
            }
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
