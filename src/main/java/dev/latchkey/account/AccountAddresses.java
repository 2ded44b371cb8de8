package dev.latchkey.account;

import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.jpa.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The accounts' e-mail addresses ({@code latchkey_account.email}, {@code email_verified_at}, schema V7), kept
 * in lower case; an address belongs to one account at most. Only with recovery on: the columns are not
 * mapped by {@link AccountEntity}, so that tables without them keep working while it is off.
 */
final class AccountAddresses {

    /** An account's address and whether it is verified. */
    record Address(String address, boolean verified) {
    }

    private final Transactions transactions;
    private final Clock clock;

    AccountAddresses(EntityManagerFactory emf, Clock clock) {
        this.transactions = Transactions.resourceLocal(emf);
        this.clock = clock;
    }

    /** The account's address, if it has one. */
    Optional<Address> of(String userName) {
        return guard("of", () -> transactions.read(em -> rows(em.createNativeQuery(
                "SELECT email, email_verified_at FROM latchkey_account WHERE user_name = ?1").setParameter(1, userName)
                .getResultList()).stream().filter(r -> r[0] != null).findFirst()
                .map(r -> new Address((String) r[0], r[1] != null))));
    }

    /** The name of the account with this address, verified or not. */
    Optional<String> owner(String address) {
        return guard("owner", () -> transactions.read(em -> em.createNativeQuery(
                "SELECT user_name FROM latchkey_account WHERE email = ?1").setParameter(1, address).getResultList()
                .stream().findFirst().map(String.class::cast)));
    }

    /**
     * Gives the account an address, verified now or not yet.
     *
     * @return false when another account has it (also when another request took it a moment before)
     */
    boolean set(String userName, String address, boolean verified) {
        Long at = verified ? clock.millis() : null;
        try {
            return guard("set", () -> transactions.write(em -> {
                if (takenByAnother(em, userName, address)) {
                    return false;
                }
                // ordinal labels without a gap: Hibernate refuses ?1 and ?3 without ?2
                return (at == null
                        ? em.createNativeQuery("UPDATE latchkey_account SET email = ?1, email_verified_at = NULL WHERE user_name = ?2")
                        : em.createNativeQuery("UPDATE latchkey_account SET email = ?1, email_verified_at = ?3 WHERE user_name = ?2")
                                .setParameter(3, at)).setParameter(1, address).setParameter(2, userName).executeUpdate() == 1;
            }));
        } catch (SessionStoreException e) {
            if (owner(address).filter(o -> !o.equals(userName)).isPresent()) {
                return false; // the unique index: another account took it at the same moment
            }
            throw e;
        }
    }

    /** Gives the account an address in the caller's transaction (an account made by a provider's sign-in). */
    void setIn(EntityManager em, String userName, String address) {
        em.flush();
        em.createNativeQuery("UPDATE latchkey_account SET email = ?1, email_verified_at = ?2 WHERE user_name = ?3")
                .setParameter(1, address).setParameter(2, clock.millis()).setParameter(3, userName).executeUpdate();
    }

    /** Marks the account's address verified, if it is still {@code address}. */
    boolean markVerified(String userName, String address) {
        return guard("markVerified", () -> transactions.write(em -> em.createNativeQuery(
                "UPDATE latchkey_account SET email_verified_at = ?1 WHERE user_name = ?2 AND email = ?3")
                .setParameter(1, clock.millis()).setParameter(2, userName).setParameter(3, address).executeUpdate())) == 1;
    }

    private static boolean takenByAnother(EntityManager em, String userName, String address) {
        return em.createNativeQuery("SELECT user_name FROM latchkey_account WHERE email = ?1").setParameter(1, address)
                .getResultList().stream().anyMatch(owner -> !userName.equals(owner));
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    private static <T> T guard(String operation, Supplier<T> work) {
        return Transactions.guard("account addresses: " + operation, work);
    }
}
