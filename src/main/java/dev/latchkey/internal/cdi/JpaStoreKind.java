package dev.latchkey.internal.cdi;

import dev.latchkey.core.SessionStore;
import dev.latchkey.internal.cache.ChangeFeed;
import dev.latchkey.internal.jpa.ContainerPersistence;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.jpa.JpaAttemptStore;
import dev.latchkey.jpa.JpaSessionStore;
import dev.latchkey.jpa.SessionEntity;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The default store: Latchkey's own persistence unit on the application's DataSource, the table
 * {@code latchkey_session} checked (or created), every call made outside the caller's transaction. On
 * PostgreSQL it also offers the change feed.
 */
final class JpaStoreKind implements StoreKind {

    private final DeploymentSettings settings;
    private final DataSource source;
    private final DatabaseProduct product;
    private final EntityManagerFactory unit;
    private final TransactionSuspender suspender;
    private final SessionStore sessions;
    private final String summary;

    private JpaStoreKind(DeploymentSettings settings, DataSource source, Clock clock, TransactionSuspender suspender) {
        this.settings = settings;
        this.source = source;
        this.suspender = suspender;
        this.product = suspender.suspended(() -> DatabaseProduct.of(source));
        this.unit = ContainerPersistence.open("latchkey", source, List.of(SessionEntity.class), settings.persistenceProvider());
        try {
            JpaSessionStore checked = suspender.suspended(() -> JpaSessionStore.open(unit, settings.createMissingTables(), source));
            this.sessions = new SuspendedTransactionStore(settings.directRead() ? checked.readingThrough(source) : checked, suspender);
            String skew = suspender.suspended(() -> product.clockSkew(source, clock.instant()))
                    .map(d -> "database clock " + d.toMillis() + " ms from the JVM's").orElse("database clock not measured");
            this.summary = "JPA store on " + settings.dataSource() + " (" + product.displayName()
                    + ", table latchkey_session checked: columns and timestamp round trip ok, " + skew + ")";
        } catch (RuntimeException e) {
            unit.close();
            throw e;
        }
    }

    /**
     * Opens the unit and checks the table; the unit is closed again if the check fails.
     *
     * @throws dev.latchkey.core.SessionStoreException ({@code LK-403}) for a missing or mistyped table
     */
    static StoreKind open(DeploymentSettings settings, DataSource source, Clock clock, TransactionSuspender suspender) {
        return new JpaStoreKind(settings, source, clock, suspender);
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public Optional<Counters> sharedCounters() {
        JpaAttemptStore counters = suspender.suspended(() -> JpaAttemptStore.open(unit, settings.createMissingTables(), source));
        return Optional.of(new Counters(new SuspendedAttemptStore(counters, suspender),
                "in table latchkey_signin_attempt, shared by every node"));
    }

    @Override
    public ChangeFeed changeFeed() {
        if (product != DatabaseProduct.POSTGRESQL) {
            return StoreKind.super.changeFeed();
        }
        try {
            return new SuspendedChangeFeed(ChangeFeed.postgres(source, ManagedThreads.factory()), suspender);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("latchkey.cache.change-feed is postgresql, but " + e.getMessage(), e);
        }
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public EntityManagerFactory unit() {
        return unit;
    }
}
