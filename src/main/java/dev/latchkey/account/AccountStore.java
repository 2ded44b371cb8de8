package dev.latchkey.account;

import dev.latchkey.core.NewSession;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Accounts in the {@code latchkey_account} table: names, bcrypt password hashes, groups and whether
 * the account is disabled. Plain Java on a resource-local unit; {@link Accounts} is the face
 * applications use. A database failure is a {@link SessionStoreException}.
 *
 * <p>Names are compared by the database, so its collation decides which spellings match (MariaDB's
 * {@code utf8mb4_bin} ignores trailing spaces); whatever matched, a check answers with the name as
 * stored, and that is the name sessions are created for.
 */
final class AccountStore {

    /**
     * The result of checking a sign-in.
     *
     * @param valid  whether the password is right and the account may sign in
     * @param name   the account's name as stored, when valid
     * @param groups the account's groups, when valid
     */
    record Check(boolean valid, String name, Set<String> groups) {
        static final Check INVALID = new Check(false, null, Set.of());
    }

    /** The hash of an account without a password: no bcrypt hash, so no password ever matches it. */
    static final String NO_PASSWORD = "!";

    private static final String FIND = "SELECT a.userName, a.passwordHash, a.groupNames, a.disabledAt"
            + " FROM LatchkeyAccount a WHERE a.userName = :name";

    private final Transactions transactions;
    private final PasswordHasher hasher;
    private final Clock clock;

    private AccountStore(EntityManagerFactory emf, PasswordHasher hasher, Clock clock) {
        this.transactions = Transactions.resourceLocal(emf);
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Opens the store: makes sure the table is complete (running the shipped scripts for what is
     * missing when {@code createMissingTable} is set), and tells the hasher the highest cost of the
     * stored hashes, so that a check takes as long for an unknown name as for any account.
     */
    static AccountStore open(EntityManagerFactory emf, PasswordHasher hasher, Clock clock, DatabaseProduct database,
            boolean createMissingTable) {
        AccountSchema.ensure(emf, database, createMissingTable);
        AccountStore store = new AccountStore(emf, hasher, clock);
        store.highestStoredCost().ifPresent(hasher::expectStoredCost);
        return store;
    }

    /** Creates an account; false when the name is taken, also when another node took it a moment before. */
    boolean create(String name, char[] password, Set<String> groups) {
        return insert(name, hasher.hash(password), groups, em -> { });
    }

    /**
     * Creates an account that signs in only through a provider (its password hash matches no
     * password), and in the same transaction does {@code alsoInTheTransaction}: links the provider.
     *
     * @return false when the name was taken, or the transaction failed and the name is taken now
     */
    boolean createWithoutPassword(String name, Set<String> groups, Consumer<EntityManager> alsoInTheTransaction) {
        return insert(name, NO_PASSWORD, groups, alsoInTheTransaction);
    }

    /** Whether the account has a password (and not only providers to sign in with). */
    boolean hasPassword(String name) {
        return guard("hasPassword", () -> transactions.read(em -> em.createQuery(
                "SELECT a.passwordHash FROM LatchkeyAccount a WHERE a.userName = :name", String.class)
                .setParameter("name", name).getResultList().stream().anyMatch(hash -> !NO_PASSWORD.equals(hash))));
    }

    private boolean insert(String name, String hash, Set<String> groups, Consumer<EntityManager> alsoInTheTransaction) {
        try {
            return guard("create", () -> transactions.write(em -> {
                if (em.find(AccountEntity.class, name) != null) {
                    return false;
                }
                AccountEntity a = new AccountEntity();
                a.userName = name;
                a.passwordHash = hash;
                a.groupNames = join(groups);
                a.createdAt = clock.millis();
                a.passwordChangedAt = a.createdAt;
                em.persist(a);
                alsoInTheTransaction.accept(em);
                return true;
            }));
        } catch (SessionStoreException e) {
            if (exists(name)) {
                return false; // a concurrent registration of the same name won the primary key
            }
            throw e;
        }
    }

    /**
     * Checks a sign-in. Takes the same time whether or not the account exists, is disabled, or has a
     * hash of an older cost ({@link PasswordHasher#verify}); rehashes when the cost changed.
     */
    Check check(String name, char[] password) {
        if (!NewSession.isValidUserId(name)) {
            hasher.verifyUnknownUser(password); // no account has such a name; the database is not asked
            return Check.INVALID;
        }
        Optional<Object[]> row = guard("check", () -> transactions.read(em -> em.createQuery(FIND, Object[].class)
                .setParameter("name", name).getResultList().stream().findFirst()));
        if (row.isEmpty()) {
            hasher.verifyUnknownUser(password);
            return Check.INVALID;
        }
        String storedName = (String) row.get()[0];
        PasswordCheck check = hasher.verify(password, (String) row.get()[1]);
        if (!check.matches() || row.get()[3] != null) {
            return Check.INVALID;
        }
        if (check.needsRehash()) {
            setPassword(storedName, password);
        }
        return new Check(true, storedName, split((String) row.get()[2]));
    }

    /** The account's name as stored, if an account matches {@code name}. */
    Optional<String> storedName(String name) {
        if (!NewSession.isValidUserId(name)) {
            return Optional.empty();
        }
        return guard("storedName", () -> transactions.read(em -> em.createQuery(
                "SELECT a.userName FROM LatchkeyAccount a WHERE a.userName = :name", String.class)
                .setParameter("name", name).getResultList().stream().findFirst()));
    }

    /** Replaces the password hash. */
    void setPassword(String name, char[] password) {
        String hash = hasher.hash(password);
        guard("setPassword", () -> transactions.write(em -> em.createQuery("UPDATE LatchkeyAccount a SET a.passwordHash = :hash,"
                + " a.passwordChangedAt = :at WHERE a.userName = :name").setParameter("hash", hash)
                .setParameter("at", clock.millis()).setParameter("name", name).executeUpdate()));
    }

    /** Replaces the groups; false when there is no such account. */
    boolean setGroups(String name, Set<String> groups) {
        return guard("setGroups", () -> transactions.write(em -> em.createQuery(
                "UPDATE LatchkeyAccount a SET a.groupNames = :groups WHERE a.userName = :name")
                .setParameter("groups", join(groups)).setParameter("name", name).executeUpdate())) == 1;
    }

    /** Disables the account (no more sign-ins) or enables it again; false when there is no such account. */
    boolean setDisabled(String name, boolean disabled) {
        Long at = disabled ? clock.millis() : null;
        return guard("setDisabled", () -> transactions.write(em -> em.createQuery(
                "UPDATE LatchkeyAccount a SET a.disabledAt = :at WHERE a.userName = :name")
                .setParameter("at", at).setParameter("name", name).executeUpdate())) == 1;
    }

    /** Whether the account exists and is disabled. */
    boolean isDisabled(String name) {
        return guard("isDisabled", () -> transactions.read(em -> em.createQuery(
                "SELECT a.disabledAt FROM LatchkeyAccount a WHERE a.userName = :name")
                .setParameter("name", name).getResultList().stream().anyMatch(v -> v != null)));
    }

    /** Deletes the account; false when there is no such account. */
    boolean delete(String name) {
        return guard("delete", () -> transactions.write(em -> em.createQuery(
                "DELETE FROM LatchkeyAccount a WHERE a.userName = :name")
                .setParameter("name", name).executeUpdate())) == 1;
    }

    /** The groups of an account, if it exists. */
    Optional<Set<String>> groups(String name) {
        return guard("groups", () -> transactions.read(em -> em.createQuery(
                "SELECT a.groupNames FROM LatchkeyAccount a WHERE a.userName = :name", String.class)
                .setParameter("name", name).getResultList().stream().findFirst().map(AccountStore::split)));
    }

    /** Whether the account exists. */
    boolean exists(String name) {
        return storedName(name).isPresent();
    }

    /** How many accounts there are. */
    long count() {
        return guard("count", () -> transactions.read(em -> ((Number) em.createQuery(
                "SELECT COUNT(a.userName) FROM LatchkeyAccount a").getSingleResult()).longValue()));
    }

    /** The highest bcrypt cost among the stored hashes. */
    Optional<Integer> highestStoredCost() {
        List<String> costs = guard("highestStoredCost", () -> transactions.read(em -> em.createQuery(
                "SELECT DISTINCT SUBSTRING(a.passwordHash, 5, 2) FROM LatchkeyAccount a", String.class)
                .getResultList()));
        return costs.stream().filter(c -> c != null && c.matches("\\d\\d")).map(Integer::valueOf).max(Integer::compare);
    }

    private static String join(Set<String> groups) {
        return groups == null || groups.isEmpty() ? null : String.join("\n", groups);
    }

    private static Set<String> split(String groups) {
        return groups == null || groups.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(groups.split("\n")));
    }

    private static <T> T guard(String operation, Supplier<T> work) {
        return Transactions.guard("account store: " + operation, work);
    }
}
