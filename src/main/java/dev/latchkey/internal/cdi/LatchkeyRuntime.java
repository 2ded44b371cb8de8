package dev.latchkey.internal.cdi;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.Message;
import dev.latchkey.core.SessionStore;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.web.WebSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Latchkey inside a Jakarta EE application: reads the settings, looks the DataSource up, has Latchkey
 * {@link Assembly assembled}, logs the {@code LK-001} line, schedules the cleanup, tells the modules
 * ({@link LatchkeyDeployment}) and produces the facade and the servlet side for the mechanism, the
 * filter and the application. It starts with the application ({@link LatchkeyStartup}); a wrong
 * setting or a missing table stops the deployment with a message saying how to fix it.
 *
 * <p>An application may replace parts by producing its own beans: a {@link LatchkeyConfig} (the
 * settings in code), a {@link SessionStore} (another store), an {@link AttemptStore} (where sign-in failures
 * are counted) or a {@link Clock} (the source of time).
 */
@ApplicationScoped
class LatchkeyRuntime {

    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    @Inject
    Instance<LatchkeyConfig> customConfig;

    @Inject
    Instance<WebSettings> customWeb;

    @Inject
    Instance<SessionStore> customStore;

    @Inject
    Instance<Clock> customClock;

    @Inject
    Instance<AttemptStore> customAttempts;

    @Inject
    TransactionSuspender suspender;

    @Inject
    Event<LatchkeyDeployment> started;

    private volatile Assembly assembly;
    private volatile ServletContext servletContext;
    private ScheduledFuture<?> cleanup;

    /** Starts Latchkey, with the servlet context's parameters among the settings. */
    void start(ServletContext context) {
        servletContext = context;
        assembly();
    }

    private Assembly assembly() {
        Assembly current = assembly;
        if (current == null) {
            synchronized (this) {
                if (assembly == null) {
                    open();
                }
                current = assembly;
            }
        }
        return current;
    }

    private void open() {
        SettingValues values = ConfigLookup.of(servletContext);
        Clock clock = customClock.isResolvable() ? customClock.get() : Clock.systemUTC();
        Supplier<DataSource> dataSource;
        try {
            DeploymentSettings read = DeploymentSettings.read(values);
            DeploymentSettings configured = customConfig.isResolvable() ? read.withConfig(customConfig.get()) : read;
            DeploymentSettings settings = customWeb.isResolvable() ? configured.withWeb(customWeb.get()) : configured;
            dataSource = memoized(() -> lookup(settings.dataSource()));
            assembly = Assembly.assemble(settings, customStore.isResolvable() ? customStore.get() : null,
                    customAttempts.isResolvable() ? customAttempts.get() : null, dataSource, clock, suspender, declaredRoles());
            LOG.log(System.Logger.Level.INFO, assembly.summary());
            List<CleanupSchedule.Task> moreCleanup = new CopyOnWriteArrayList<>();
            cleanup = CleanupSchedule.start(assembly.latchkey(), assembly.throttle(), settings.cleanupInterval(), moreCleanup);
            started.fire(new LatchkeyDeployment(values, settings, dataSource, clock, assembly.latchkey(), suspender,
                    assembly.throttle(), moreCleanup));
        } catch (IllegalArgumentException e) {
            // A message that has its own id keeps it; any other is a setting Latchkey cannot use (LK-401).
            String message = String.valueOf(e.getMessage());
            throw new IllegalStateException(message.startsWith("Latchkey LK-") ? message : Message.INVALID_SETTING.error(message), e);
        }
    }

    private Set<String> declaredRoles() {
        Object roles = servletContext == null ? null : servletContext.getAttribute(LatchkeyInitializer.DECLARED_ROLES);
        @SuppressWarnings("unchecked")
        Set<String> declared = roles instanceof Set<?> ? (Set<String>) roles : Set.of();
        return declared;
    }

    private static DataSource lookup(String name) {
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(Message.NO_DATASOURCE.error("no DataSource at " + name + " ("
                    + e.getClass().getSimpleName() + ")"), e);
        }
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    @PreDestroy
    void stop() {
        if (cleanup != null) {
            cleanup.cancel(false);
        }
        Assembly running = assembly;
        if (running != null) {
            running.close();
        }
    }

    /** The facade, for applications that manage sessions directly. */
    @Produces
    Latchkey latchkey() {
        return assembly().latchkey();
    }

    /** The servlet side, for the mechanism, the filter and the application's beans. */
    @Produces
    ServletSessions servletSessions() {
        return assembly().sessions();
    }
}
