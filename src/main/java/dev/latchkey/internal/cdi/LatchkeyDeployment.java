package dev.latchkey.internal.cdi;

import dev.latchkey.core.Latchkey;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.throttle.AttemptStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What a started Latchkey offers its optional modules (the built-in accounts, sign-in with providers): the settings by key,
 * the DataSource, the clock and the facade. Fired as a CDI event once Latchkey has started; a
 * module that observes it opens what it needs, and an exception it throws stops the deployment.
 */
public final class LatchkeyDeployment {

    private final SettingValues settings;
    private final DeploymentSettings deployment;
    private final Supplier<DataSource> dataSource;
    private final Clock clock;
    private final Latchkey latchkey;
    private final TransactionSuspender suspender;
    private final SignInThrottle throttle;
    private final List<CleanupSchedule.Task> cleanup;

    LatchkeyDeployment(SettingValues settings, DeploymentSettings deployment, Supplier<DataSource> dataSource,
            Clock clock, Latchkey latchkey, TransactionSuspender suspender, SignInThrottle throttle,
            List<CleanupSchedule.Task> cleanup) {
        this.throttle = throttle;
        this.cleanup = cleanup;
        this.settings = settings;
        this.deployment = deployment;
        this.dataSource = dataSource;
        this.clock = clock;
        this.latchkey = latchkey;
        this.suspender = suspender;
    }

    /** Whether a {@code true}/{@code false} setting is on. @throws IllegalArgumentException naming the key */
    public boolean flag(String key, boolean fallback) {
        return settings.flag(key, fallback);
    }

    /** A whole-number setting. @throws IllegalArgumentException naming the key */
    public int integer(String key, int fallback) {
        return settings.integer(key, fallback);
    }

    /** A text setting. */
    public Optional<String> text(String key) {
        return settings.text(key);
    }

    /** The keys that have a value and start with {@code prefix}, such as {@code latchkey.oauth.}. */
    public Set<String> keysStartingWith(String prefix) {
        return settings.keysStartingWith(prefix);
    }

    /** The DataSource of {@code latchkey.datasource}, looked up on first use. */
    public DataSource dataSource() {
        return dataSource.get();
    }

    /** The product behind {@link #dataSource()}. */
    public DatabaseProduct databaseProduct() {
        return suspended(() -> DatabaseProduct.of(dataSource()));
    }

    /** {@code latchkey.persistence.provider}, or {@code null} for the server's. */
    public String persistenceProvider() {
        return deployment.persistenceProvider();
    }

    /** {@code latchkey.schema.create-missing}. */
    public boolean createMissingTables() {
        return deployment.createMissingTables();
    }

    /** The source of time. */
    public Clock clock() {
        return clock;
    }

    /** The facade. */
    public Latchkey latchkey() {
        return latchkey;
    }

    /**
     * The attempt counters sign-in throttling keeps (shared by every node unless they are in memory), for other
     * limits to count on under keys of their own.
     */
    public AttemptStore attempts() {
        return throttle.store();
    }

    /** How long a counter is remembered after its last attempt ({@code latchkey.throttle.forget-after}). */
    public Duration forgetAfter() {
        return deployment.throttle().forgetAfter();
    }

    /** A duration setting ({@code 30m}, {@code 24h}, ...). @throws IllegalArgumentException naming the key */
    public Duration duration(String key, Duration fallback) {
        return settings.duration(key, fallback);
    }

    /**
     * Deletes with every run of the cleanup (every {@code latchkey.cleanup.interval}) as well.
     *
     * @param what what {@code run} deletes, for the log line
     * @param run  deletes, and says how many
     */
    public void cleanUpAlso(String what, IntSupplier run) {
        cleanup.add(new CleanupSchedule.Task(what, run));
    }

    /** Runs database work with the caller's JTA transaction suspended, as Latchkey's own stores do. */
    public <T> T suspended(Supplier<T> work) {
        return suspender.suspended(work);
    }
}
