package dev.latchkey.cdi;

import dev.latchkey.account.AccountEntity;
import dev.latchkey.account.AccountStore;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.jpa.ContainerPersistence;
import dev.latchkey.jpa.Database;
import dev.latchkey.jpa.JpaSessionStore;
import dev.latchkey.jpa.SessionEntity;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.security.MechanismSettings;
import dev.latchkey.servlet.Diagnostics;
import dev.latchkey.servlet.LatchkeyInitializer;
import dev.latchkey.servlet.LatchkeyStartup;
import dev.latchkey.servlet.SessionsSource;
import dev.latchkey.servlet.RequestSessions;
import dev.latchkey.store.SessionStore;
import dev.latchkey.web.CookieSettings;
import dev.latchkey.web.OriginCheck;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Latchkey inside a Jakarta EE application: reads the settings, opens the store on the server's
 * DataSource, checks the schema, logs one summary line, schedules the cleanup of expired sessions,
 * and provides the pieces to the mechanism, the filter and the application.
 *
 * <p>It starts with the application; a wrong setting or a missing table stops the deployment with a
 * message saying how to fix it. An application may replace parts by producing its own beans:
 * a {@link LatchkeyConfig} (the settings in code), a {@link SessionStore} (another store) or a
 * {@link Clock} (the source of time).
 */
@ApplicationScoped
public class LatchkeyRuntime implements SessionsSource, MechanismSettings, LatchkeyStartup.Startable {

    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    private record State(LatchkeySettings settings, Latchkey latchkey, RequestSessions sessions,
                         EntityManagerFactory emf, AccountStore accounts) {
    }

    @Inject
    Instance<LatchkeyConfig> customConfig;

    @Inject
    Instance<SessionStore> customStore;

    @Inject
    Instance<Clock> customClock;


    @Inject
    OutsideTransactions outside;

    private volatile State state;
    private ScheduledFuture<?> cleanup;

    private volatile ServletContext servletContext;

    @Override
    public void start(ServletContext context) {
        servletContext = context;
        state();
    }

    private State state() {
        State current = state;
        if (current == null) {
            synchronized (this) {
                if (state == null) {
                    state = open();
                }
                current = state;
            }
        }
        return current;
    }

    private State open() {
        LatchkeySettings read = LatchkeySettings.read(ConfigLookup.of(servletContext));
        if (customConfig.isResolvable()) {
            LatchkeyConfig config = customConfig.get();
            read = new LatchkeySettings(config, read.loginPage(), read.diagnostics(), read.dataSource(),
                    read.persistenceProvider(), read.createMissingTables(), read.cleanupInterval(), read.accounts(),
                    read.bcryptCost());
        }
        LatchkeySettings settings = read;
        Clock clock = customClock.isResolvable() ? customClock.get() : Clock.systemUTC();
        SessionStore store;
        EntityManagerFactory emf = null;
        AccountStore accounts = null;
        String storeSummary;
        if (customStore.isResolvable()) {
            store = customStore.get();
            storeSummary = "store " + store.getClass().getName() + " (provided by the application)";
        } else {
            List<Class<?>> entities = new ArrayList<>(List.of(SessionEntity.class));
            if (settings.accounts()) {
                entities.add(AccountEntity.class);
            }
            DataSource dataSource = lookupDataSource(settings.dataSource());
            Database product = outside.call(() -> productOf(dataSource));
            emf = ContainerPersistence.open(dataSource, entities, settings.persistenceProvider());
            EntityManagerFactory unit = emf;
            JpaSessionStore jpa = outside.call(() -> JpaSessionStore.resourceLocal(unit, settings.createMissingTables(), product));
            String skew = outside.call(() -> jpa.databaseClockSkew(clock.instant()))
                    .map(d -> "database clock " + d.toMillis() + " ms from the JVM's").orElse("database clock not measured");
            storeSummary = "JPA store on " + settings.dataSource() + " (" + jpa.database().displayName()
                    + ", table latchkey_session checked: columns and timestamp round trip ok, " + skew + ")";
            store = new SuspendingStore(jpa, outside);
            if (settings.accounts()) {
                Database database = jpa.database();
                accounts = outside.call(() -> AccountStore.open(unit, new PasswordHasher(settings.bcryptCost()), clock,
                        database, settings.createMissingTables()));
            }
        }
        Latchkey latchkey = new Latchkey(store, clock, settings.core());
        OriginCheck originCheck = new OriginCheck(settings.core().trustedOrigins(), settings.core().trustedProxies(),
                settings.core().loopbackDevelopment());
        RequestSessions sessions = new RequestSessions(latchkey, originCheck, new Diagnostics(settings.diagnostics(), clock));
        scheduleCleanup(latchkey, settings.cleanupInterval());
        CookieSettings cookie = settings.core().cookie();
        LOG.log(System.Logger.Level.INFO, "LK-001 Latchkey ready: " + storeSummary + "; cookie " + cookie.name()
                + (cookie.secure() ? " Secure" : "") + " HttpOnly SameSite=" + cookie.sameSite().attributeValue()
                + " Path=" + cookie.path() + "; idle " + settings.core().idleTimeout() + " (remember me), "
                + settings.core().browserSessionIdleTimeout() + " (browser session), at most "
                + settings.core().absoluteLifetime() + "; trusted origins " + settings.core().trustedOrigins().size()
                + ", trusted proxies " + settings.core().trustedProxies().size()
                + "; development cookie over plain HTTP " + (settings.core().loopbackDevelopment()
                        ? "on. " + RequestSessions.LOCAL_DEVELOPMENT_RULE : "off")
                + "; roles declared from @RolesAllowed " + declaredRoles()
                + (settings.accounts() ? "; built-in accounts on" : "")
                + (settings.diagnostics() ? "; diagnostics header on" : ""));
        return new State(settings, latchkey, sessions, emf, accounts);
    }

    /** The roles {@code LatchkeyInitializer} declared for the application. */
    private Object declaredRoles() {
        Object roles = servletContext == null ? null : servletContext.getAttribute(LatchkeyInitializer.DECLARED_ROLES);
        return roles == null ? "[]" : roles;
    }

    private static DataSource lookupDataSource(String name) {
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("Latchkey: no DataSource at " + name + " (" + e + "). On Open Liberty declare"
                    + " <dataSource id=\"DefaultDataSource\"> in server.xml; elsewhere set latchkey.datasource to the JNDI"
                    + " name of the DataSource Latchkey's tables live in", e);
        }
    }

    private static Database productOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Database.fromProductName(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Latchkey: the DataSource for its tables cannot be reached: "
                    + e.getMessage(), e);
        }
    }

    private void scheduleCleanup(Latchkey latchkey, Duration interval) {
        try {
            ManagedScheduledExecutorService executor = (ManagedScheduledExecutorService)
                    new InitialContext().lookup("java:comp/DefaultManagedScheduledExecutorService");
            long millis = interval.toMillis();
            cleanup = executor.scheduleWithFixedDelay(() -> {
                try {
                    int deleted = latchkey.deleteExpiredSessions();
                    LOG.log(System.Logger.Level.DEBUG, "LK-002 deleted " + deleted + " expired sessions");
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "LK-003 cleanup of expired sessions failed; it runs again in "
                            + interval + ": " + e.getClass().getName());
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            LOG.log(System.Logger.Level.WARNING, "LK-004 no managed scheduled executor: expired sessions are deleted"
                    + " when read only; call Latchkey.deleteExpiredSessions() on a schedule of your own");
        }
    }

    @PreDestroy
    void stop() {
        if (cleanup != null) {
            cleanup.cancel(false);
        }
        State s = state;
        if (s != null && s.emf() != null && s.emf().isOpen()) {
            s.emf().close();
        }
    }

    /** The built-in account store, when switched on. */
    public Optional<AccountStore> accountStore() {
        return Optional.ofNullable(state().accounts());
    }

    /** The facade, for applications that manage sessions directly. */
    @Produces
    public Latchkey latchkey() {
        return state().latchkey();
    }

    /** The per-request session handling the mechanism and the filter share. */
    @Override
    public RequestSessions requestSessions() {
        return state().sessions();
    }

    @Override
    public String loginPage() {
        return state().settings().loginPage();
    }
}
