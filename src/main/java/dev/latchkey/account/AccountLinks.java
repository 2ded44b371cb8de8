package dev.latchkey.account;

import dev.latchkey.internal.jpa.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code latchkey_account_link} table: which provider identity signs in to which account. Plain
 * SQL, the same on every database. A database failure is a {@code SessionStoreException}.
 */
final class AccountLinks {

    /** One link, as listed for its account. */
    record Link(String provider, String subject, String email, Instant linkedAt) {
    }

    private final Transactions transactions;
    private final Clock clock;

    AccountLinks(EntityManagerFactory emf, Clock clock) {
        this.transactions = Transactions.resourceLocal(emf);
        this.clock = clock;
    }

    /** The account an identity is linked to. */
    Optional<String> account(String provider, String subject) {
        return guard("find", () -> transactions.read(em -> em.createNativeQuery(
                "SELECT user_name FROM latchkey_account_link WHERE provider = ?1 AND subject = ?2")
                .setParameter(1, provider).setParameter(2, subject).getResultList().stream()
                .findFirst().map(String::valueOf)));
    }

    /**
     * Links an identity to an account.
     *
     * @return false when the identity is linked to another account already (or just was, by a concurrent request)
     */
    boolean link(String provider, String subject, String email, String userName) {
        Optional<String> existing = account(provider, subject);
        if (existing.isPresent()) {
            return existing.get().equals(userName);
        }
        try {
            guard("link", () -> transactions.write(em -> {
                insert(em, provider, subject, email, userName);
                return null;
            }));
            return true;
        } catch (RuntimeException e) {
            // a concurrent request linked it first: to this account, or elsewhere
            return account(provider, subject).map(userName::equals).orElseThrow(() -> e);
        }
    }

    /** Inserts a link in the transaction of {@code em}: for an account created with its first link. */
    void insert(EntityManager em, String provider, String subject, String email, String userName) {
        em.createNativeQuery("INSERT INTO latchkey_account_link (provider, subject, user_name, email, linked_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, provider).setParameter(2, subject).setParameter(3, userName)
                .setParameter(4, email == null ? "" : email).setParameter(5, clock.millis()).executeUpdate();
    }

    /**
     * Removes the link of {@code provider} from the account unless it is the account's last way in: an
     * account without a password keeps its last link. One transaction that first locks the account's row,
     * so that unlinks of one account, on any node, are decided one after the other: two at once never
     * leave it without a way in.
     *
     * @return whether a link was removed
     */
    boolean unlinkUnlessLast(String userName, String provider) {
        return guard("unlink", () -> transactions.write(em -> {
            List<?> account = em.createNativeQuery("SELECT password_hash FROM latchkey_account WHERE user_name = ?1 FOR UPDATE")
                    .setParameter(1, userName).getResultList();
            if (account.isEmpty()) {
                return false;
            }
            if (AccountStore.NO_PASSWORD.equals(String.valueOf(account.get(0)))) {
                long linked = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM latchkey_account_link WHERE user_name = ?1")
                        .setParameter(1, userName).getSingleResult()).longValue();
                if (linked <= 1) {
                    return false;
                }
            }
            return em.createNativeQuery("DELETE FROM latchkey_account_link WHERE user_name = ?1 AND provider = ?2")
                    .setParameter(1, userName).setParameter(2, provider).executeUpdate() > 0;
        }));
    }

    /** Removes every link of the account. */
    void unlinkAll(String userName) {
        guard("unlinkAll", () -> transactions.write(em -> em.createNativeQuery(
                "DELETE FROM latchkey_account_link WHERE user_name = ?1").setParameter(1, userName).executeUpdate()));
    }

    /** The account's links, by provider. */
    List<Link> of(String userName) {
        List<?> rows = guard("list", () -> transactions.read(em -> em.createNativeQuery(
                "SELECT provider, subject, email, linked_at FROM latchkey_account_link WHERE user_name = ?1 ORDER BY provider")
                .setParameter(1, userName).getResultList()));
        return rows.stream().map(row -> (Object[]) row).map(r -> new Link(String.valueOf(r[0]), String.valueOf(r[1]),
                r[2] == null || String.valueOf(r[2]).isEmpty() ? null : String.valueOf(r[2]),
                Instant.ofEpochMilli(((Number) r[3]).longValue()))).toList();
    }

    private static <T> T guard(String operation, java.util.function.Supplier<T> work) {
        return Transactions.guard("account links: " + operation, work);
    }
}
