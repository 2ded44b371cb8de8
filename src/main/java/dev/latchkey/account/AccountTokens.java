package dev.latchkey.account;

import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.Transactions;
import dev.latchkey.oauth.ProviderTokens;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code latchkey_account_token} table: the tokens of providers with {@code keep-tokens}, one row
 * per account and provider, sealed ({@link TokenSeal}). Plain SQL, the same on every database.
 */
final class AccountTokens {

    private final Transactions transactions;
    private final TokenSeal seal;
    private final Clock clock;

    private AccountTokens(EntityManagerFactory emf, TokenSeal seal, Clock clock) {
        this.transactions = Transactions.resourceLocal(emf);
        this.seal = seal;
        this.clock = clock;
    }

    /** Opens the table (creating it from the V5 script when missing and allowed). */
    static AccountTokens open(EntityManagerFactory emf, TokenSeal seal, Clock clock, DatabaseProduct database,
            boolean createMissing) {
        AccountSchema.ensureTokens(emf, database, createMissing);
        return new AccountTokens(emf, seal, clock);
    }

    /** Keeps the tokens of {@code provider} for the account, replacing what was kept. */
    void keep(String userName, String provider, ProviderTokens tokens) {
        String sealed = seal.seal(tokens, userName, provider);
        Transactions.guard("provider tokens: keep", () -> transactions.write(em -> {
            em.createNativeQuery("DELETE FROM latchkey_account_token WHERE user_name = ?1 AND provider = ?2")
                    .setParameter(1, userName).setParameter(2, provider).executeUpdate();
            return em.createNativeQuery("INSERT INTO latchkey_account_token (user_name, provider, sealed, kept_at)"
                    + " VALUES (?1, ?2, ?3, ?4)").setParameter(1, userName).setParameter(2, provider)
                    .setParameter(3, sealed).setParameter(4, clock.millis()).executeUpdate();
        }));
    }

    /** The tokens kept for the account; empty when none are, or they were sealed with another key. */
    Optional<ProviderTokens> of(String userName, String provider) {
        Optional<String> sealed = Transactions.guard("provider tokens: read", () -> transactions.read(em ->
                em.createNativeQuery("SELECT sealed FROM latchkey_account_token WHERE user_name = ?1 AND provider = ?2")
                        .setParameter(1, userName).setParameter(2, provider).getResultList().stream()
                        .findFirst().map(String::valueOf)));
        return sealed.flatMap(value -> seal.open(value, userName, provider));
    }

    /** Forgets the tokens of {@code provider} for the account, or of every provider when {@code provider} is null. */
    void forget(String userName, String provider) {
        Transactions.guard("provider tokens: forget", () -> transactions.write(em -> (provider == null
                ? em.createNativeQuery("DELETE FROM latchkey_account_token WHERE user_name = ?1").setParameter(1, userName)
                : em.createNativeQuery("DELETE FROM latchkey_account_token WHERE user_name = ?1 AND provider = ?2")
                        .setParameter(1, userName).setParameter(2, provider)).executeUpdate()));
    }
}
