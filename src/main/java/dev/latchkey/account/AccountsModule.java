package dev.latchkey.account;

import dev.latchkey.core.Message;
import dev.latchkey.core.NewSession;
import dev.latchkey.internal.cdi.LatchkeyDeployment;
import dev.latchkey.internal.jpa.ContainerPersistence;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManagerFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    private volatile AccountLinks links;
    private volatile AccountTokens tokens;
    private volatile AccountAddresses addresses;
    private volatile boolean unverifiedSignIn = true;
    private volatile Set<String> newAccountGroups = Set.of("user");
    private volatile PasswordRules passwordRules = new PasswordRules(PasswordRules.DEFAULT_MIN_LENGTH);
    private EntityManagerFactory unit;

    /** Early among the observers of the start: sign-in with providers asks the accounts whether they keep tokens. */
    void open(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) LatchkeyDeployment deployment) {
        if (!deployment.flag("latchkey.accounts.enabled", false)) {
            return;
        }
        PasswordHasher hasher = new PasswordHasher(deployment.integer("latchkey.password.bcrypt-cost",
                PasswordHasher.DEFAULT_COST));
        passwordRules = new PasswordRules(deployment.integer("latchkey.password.min-length", PasswordRules.DEFAULT_MIN_LENGTH));
        unit = ContainerPersistence.open("latchkey-accounts", deployment.dataSource(), List.of(AccountEntity.class),
                deployment.persistenceProvider());
        store = deployment.suspended(() -> AccountStore.open(unit, hasher, deployment.clock(),
                deployment.databaseProduct(), deployment.createMissingTables()));
        links = new AccountLinks(unit, deployment.clock());
        Optional<TokenSeal> seal = deployment.text(TokenSeal.KEY_SETTING).map(TokenSeal::of);
        if (seal.isPresent()) {
            tokens = deployment.suspended(() -> AccountTokens.open(unit, seal.get(), deployment.clock(),
                    deployment.databaseProduct(), deployment.createMissingTables()));
        }
        if (deployment.flag("latchkey.recovery.enabled", false)
                || !deployment.text("latchkey.recovery.sign-in").orElse("off").strip().equalsIgnoreCase("off")) {
            deployment.suspended(() -> {
                AccountSchema.ensureAddresses(unit, deployment.databaseProduct(), deployment.createMissingTables());
                return null;
            });
            addresses = new AccountAddresses(unit, deployment.clock());
        }
        unverifiedSignIn = deployment.flag("latchkey.accounts.unverified-sign-in", true);
        if (!unverifiedSignIn && addresses == null) {
            throw new IllegalArgumentException("latchkey.accounts.unverified-sign-in=false needs addresses to verify:"
                    + " set latchkey.recovery.enabled=true as well");
        }
        newAccountGroups = NewSession.checkGroups(Arrays.stream(deployment.text("latchkey.accounts.oauth-groups").orElse("user")
                .split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList());
        LOG.log(System.Logger.Level.INFO, Message.ACCOUNTS_READY.line("built-in accounts ready: table latchkey_account"
                + " checked, bcrypt cost " + hasher.cost() + (tokens == null ? "" : "; provider tokens kept sealed")
                + (addresses == null ? "" : "; e-mail addresses kept" + (unverifiedSignIn ? "" : ", unverified ones cannot sign in"))));
    }

    /** The rules for new passwords. */
    PasswordRules passwordRules() {
        return passwordRules;
    }

    /** The kept provider tokens, when {@code latchkey.accounts.token-key} is set. */
    Optional<AccountTokens> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** The accounts' e-mail addresses, when recovery is on. */
    Optional<AccountAddresses> addresses() {
        return Optional.ofNullable(addresses);
    }

    /** Whether the account has an address and it is verified; false while recovery is off. */
    boolean addressVerified(String name) {
        return addresses().flatMap(a -> a.of(name)).map(AccountAddresses.Address::verified).orElse(false);
    }

    /** Whether an account whose address is not verified may sign in ({@code latchkey.accounts.unverified-sign-in}). */
    boolean unverifiedSignIn() {
        return unverifiedSignIn;
    }

    /** The provider links, when switched on and started. */
    Optional<AccountLinks> links() {
        return Optional.ofNullable(links);
    }

    /** The groups of an account created by a sign-in with a provider ({@code latchkey.accounts.oauth-groups}). */
    Set<String> newAccountGroups() {
        return newAccountGroups;
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
