package dev.latchkey.account;

import dev.latchkey.cdi.LatchkeyDeployment;
import dev.latchkey.core.Message;
import dev.latchkey.jpa.ContainerPersistence;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Optional;

/**
 * Opens the built-in account store when Latchkey starts, if {@code latchkey.accounts.enabled=true}:
 * its own persistence unit on Latchkey's DataSource, the {@code latchkey_account} table checked (and
 * created when allowed), the bcrypt cost of {@code latchkey.password.bcrypt-cost}. A failure stops
 * the deployment. Latchkey's core knows nothing of this module.
 */
@ApplicationScoped
class AccountsModule {

    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    private volatile AccountStore store;
    private EntityManagerFactory unit;

    void open(@Observes LatchkeyDeployment deployment) {
        if (!deployment.flag("latchkey.accounts.enabled", false)) {
            return;
        }
        PasswordHasher hasher = new PasswordHasher(deployment.integer("latchkey.password.bcrypt-cost",
                PasswordHasher.DEFAULT_COST));
        unit = ContainerPersistence.open("latchkey-accounts", deployment.dataSource(), List.of(AccountEntity.class),
                deployment.persistenceProvider());
        store = deployment.suspended(() -> AccountStore.open(unit, hasher, deployment.clock(),
                deployment.databaseProduct(), deployment.createMissingTables()));
        LOG.log(System.Logger.Level.INFO, Message.ACCOUNTS_READY.line("built-in accounts ready: table latchkey_account"
                + " checked, bcrypt cost " + hasher.cost()));
    }

    /** The store, when switched on and started. */
    Optional<AccountStore> store() {
        return Optional.ofNullable(store);
    }

    @PreDestroy
    void close() {
        if (unit != null && unit.isOpen()) {
            unit.close();
        }
    }
}
