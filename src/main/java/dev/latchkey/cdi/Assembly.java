package dev.latchkey.cdi;

import dev.latchkey.cache.CachingSessionStore;
import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Message;
import dev.latchkey.core.SessionStore;
import dev.latchkey.jpa.ContainerPersistence;
import dev.latchkey.jpa.JpaAttemptStore;
import dev.latchkey.jpa.DatabaseProduct;
import dev.latchkey.jpa.JpaSessionStore;
import dev.latchkey.jpa.SessionEntity;
import dev.latchkey.servlet.Diagnostics;
import dev.latchkey.servlet.ServletSessions;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.throttle.SignInThrottle;
import dev.latchkey.throttle.ThrottleLimit;
import dev.latchkey.throttle.ThrottleSettings;
import dev.latchkey.web.OriginCheck;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Latchkey assembled from its settings, a DataSource and a clock, in plain Java: the persistence unit
 * on the DataSource, the checked table, the facade, the origin check and the servlet side. The
 * container integration only reads the settings, looks the DataSource up and schedules the cleanup;
 * tests assemble Latchkey the same way without a container.
 *
 * @param latchkey the facade
 * @param sessions the servlet side
 * @param throttle sign-in throttling
 * @param unit     Latchkey's persistence unit, or {@code null} when the application gave its own store
 * @param summary  the start-up line ({@code LK-001})
 */
record Assembly(Latchkey latchkey, ServletSessions sessions, SignInThrottle throttle, EntityManagerFactory unit,
                String summary) {

    /**
     * Assembles Latchkey.
     *
     * @param settings    the deployment's settings
     * @param customStore the application's own store, or {@code null} for the JPA store on the DataSource
     * @param customAttempts the application's own store of sign-in failure counters, or {@code null} for the
     *                    table beside the sessions' (in memory, per node, when the application gave its own store)
     * @param dataSource  the DataSource for Latchkey's table, asked for only when the JPA store is used
     * @param clock       the source of time
     * @param suspender   runs store work outside the caller's transaction
     * @param roles       the roles declared for the application, for the summary
     * @throws IllegalArgumentException ({@code LK-401}) for a setting that cannot be used
     * @throws dev.latchkey.core.SessionStoreException ({@code LK-403}) for a missing or mistyped table
     */
    static Assembly assemble(DeploymentSettings settings, SessionStore customStore, AttemptStore customAttempts,
            Supplier<DataSource> dataSource, Clock clock, TransactionSuspender suspender, Set<String> roles) {
        OriginCheck originCheck = new OriginCheck(settings.config().trustedOrigins(), settings.config().trustedProxies(),
                settings.config().loopbackDevelopment());
        SessionStore store;
        AttemptStore attempts = customAttempts;
        EntityManagerFactory unit = null;
        String storeSummary;
        if (customStore != null) {
            store = customStore;
            storeSummary = "store " + customStore.getClass().getName() + " (provided by the application)";
            if (attempts == null) {
                attempts = new InMemoryAttemptStore();
            }
        } else {
            DataSource source = dataSource.get();
            DatabaseProduct product = suspender.suspended(() -> DatabaseProduct.of(source));
            unit = ContainerPersistence.open("latchkey", source, List.of(SessionEntity.class), settings.persistenceProvider());
            EntityManagerFactory opened = unit;
            JpaSessionStore checked = suspender.suspended(() -> JpaSessionStore.open(opened, settings.createMissingTables(), product));
            JpaSessionStore jpa = settings.directRead() ? checked.readingThrough(source) : checked;
            String skew = suspender.suspended(() -> product.clockSkew(source, clock.instant()))
                    .map(d -> "database clock " + d.toMillis() + " ms from the JVM's").orElse("database clock not measured");
            storeSummary = "JPA store on " + settings.dataSource() + " (" + product.displayName()
                    + ", table latchkey_session checked: columns and timestamp round trip ok, " + skew + ")";
            store = new SuspendedTransactionStore(jpa, suspender);
            if (attempts == null && settings.throttle().isOn()) {
                attempts = new SuspendedAttemptStore(suspender.suspended(() -> JpaAttemptStore.open(opened,
                        settings.createMissingTables(), product)), suspender);
            }
        }
        String attemptsSummary = !settings.throttle().isOn() ? "off"
                : describe(settings.throttle()) + "; counters " + (customAttempts != null ? "in "
                + customAttempts.getClass().getName() + " (provided by the application)" : unit != null
                ? "in table latchkey_signin_attempt, shared by every node" : "in memory, per node: produce an"
                + " AttemptStore bean to share them");
        SignInThrottle throttle = new SignInThrottle(attempts == null ? new InMemoryAttemptStore() : attempts, clock,
                settings.throttle());
        String cacheSummary = "";
        if (settings.cache().isOn()) {
            store = new CachingSessionStore(store, settings.cache(), clock);
            cacheSummary = "; validation cache of " + settings.cache().maxSize() + " sessions: a session revoked on another"
                    + " node stays usable here for up to " + settings.cache().maxAge();
        }
        Latchkey latchkey = new Latchkey(store, clock, settings.config());
        ServletSessions sessions = new ServletSessions(latchkey, originCheck, new Diagnostics(settings.diagnostics(), clock),
                settings.loginPage(), throttle);
        return new Assembly(latchkey, sessions, throttle, unit, summary(settings, storeSummary + cacheSummary, roles)
                + "; sign-in throttling " + attemptsSummary);
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
                + settings.config().absoluteLifetime() + "; trusted origins " + settings.config().trustedOrigins().size()
                + ", trusted proxies " + settings.config().trustedProxies().size() + "; "
                + ServletSessions.describeDevelopmentCookie(settings.config().loopbackDevelopment())
                + "; roles declared from @RolesAllowed " + new java.util.TreeSet<>(roles)
                + (settings.diagnostics() ? "; diagnostics header on" : ""));
    }
}
