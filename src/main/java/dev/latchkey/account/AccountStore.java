package dev.latchkey.account;

import dev.latchkey.jpa.Database;
import dev.latchkey.jpa.SqlScripts;
import dev.latchkey.jpa.Transactions;
import dev.latchkey.password.PasswordCheck;
import dev.latchkey.password.PasswordHasher;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts in the {@code latchkey_account} table: names, bcrypt password hashes and groups. Plain
 * Java on a resource-local unit; {@link Accounts} is the face applications use.
 */
public final class AccountStore {

    /** The result of checking a sign-in. */
    public record Check(boolean valid, Set<String> groups) {
        static final Check INVALID = new Check(false, Set.of());
    }

    private final Transactions transactions;
    private final PasswordHasher hasher;
    private final Clock clock;

    /**
     * Opens the store, creating the table from the shipped script when it is missing and
     * {@code createMissingTable} is set.
     */
    public AccountStore(EntityManagerFactory emf, PasswordHasher hasher, Clock clock, Database database,
            boolean createMissingTable) {
        this.transactions = Transactions.resourceLocal(emf);
        this.hasher = hasher;
        this.clock = clock;
        try {
            transactions.read(em -> em.createQuery("SELECT COUNT(a.userName) FROM LatchkeyAccount a").getSingleResult());
        } catch (RuntimeException missing) {
            String script = database.script("V2__create_latchkey_account.sql");
            if (!createMissingTable || script == null) {
                throw new IllegalStateException("Latchkey: table latchkey_account is missing. Create it with the script "
                        + (script == null ? Database.SCHEMA_FOLDER + "{postgresql,mariadb,h2}/V2__create_latchkey_account.sql"
                        : script) + " from the Latchkey jar", missing);
            }
            SqlScripts.run(emf, script);
        }
    }

    /** Creates an account; false when the name is taken. */
    public boolean create(String name, char[] password, Set<String> groups) {
        String hash = hasher.hash(password);
        return transactions.write(em -> {
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
            return true;
        });
    }

    /** Checks a sign-in in the same time whether or not the account exists; rehashes when the cost changed. */
    public Check check(String name, char[] password) {
        Optional<Object[]> row = transactions.read(em -> em.createQuery(
                "SELECT a.passwordHash, a.groupNames FROM LatchkeyAccount a WHERE a.userName = :name", Object[].class)
                .setParameter("name", name).getResultList().stream().findFirst());
        if (row.isEmpty()) {
            hasher.verifyUnknownUser(password);
            return Check.INVALID;
        }
        PasswordCheck check = hasher.verify(password, (String) row.get()[0]);
        if (!check.matches()) {
            return Check.INVALID;
        }
        if (check.needsRehash()) {
            setPassword(name, password);
        }
        return new Check(true, split((String) row.get()[1]));
    }

    /** Replaces the password hash. */
    public void setPassword(String name, char[] password) {
        String hash = hasher.hash(password);
        transactions.write(em -> em.createQuery("UPDATE LatchkeyAccount a SET a.passwordHash = :hash, a.passwordChangedAt = :at"
                + " WHERE a.userName = :name").setParameter("hash", hash).setParameter("at", clock.millis())
                .setParameter("name", name).executeUpdate());
    }

    /** Replaces the groups; false when there is no such account. */
    public boolean setGroups(String name, Set<String> groups) {
        return transactions.write(em -> em.createQuery("UPDATE LatchkeyAccount a SET a.groupNames = :groups WHERE a.userName = :name")
                .setParameter("groups", join(groups)).setParameter("name", name).executeUpdate()) == 1;
    }

    /** The groups of an account, if it exists. */
    public Optional<Set<String>> groups(String name) {
        return transactions.read(em -> em.createQuery("SELECT a.groupNames FROM LatchkeyAccount a WHERE a.userName = :name", String.class)
                .setParameter("name", name).getResultList().stream().findFirst().map(AccountStore::split));
    }

    /** Whether the account exists. */
    public boolean exists(String name) {
        return transactions.read(em -> !em.createQuery("SELECT a.userName FROM LatchkeyAccount a WHERE a.userName = :name")
                .setParameter("name", name).getResultList().isEmpty());
    }

    private static String join(Set<String> groups) {
        return groups == null || groups.isEmpty() ? null : String.join("\n", groups);
    }

    private static Set<String> split(String groups) {
        return groups == null || groups.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(groups.split("\n")));
    }

}
