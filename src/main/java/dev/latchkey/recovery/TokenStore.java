package dev.latchkey.recovery;

import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.SchemaSteps;
import dev.latchkey.internal.jpa.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One-time tokens in the {@code latchkey_onetime_token} table, on a resource-local unit. A token is used by
 * deleting its row: of two requests that use it at once, on one node or several, only the one whose delete
 * removed the row goes on. A database failure is a {@link dev.latchkey.core.SessionStoreException}.
 */
final class TokenStore {

    /** A stored token, as read. */
    record Row(String tokenId, String secretHash, String codeHash, Purpose purpose, String userId, String address,
               Instant issuedAt, Instant expiresAt) {
    }

    static final String SCRIPT = "V8__create_latchkey_onetime_token.sql";

    private final Transactions transactions;

    private TokenStore(EntityManagerFactory emf) {
        this.transactions = Transactions.resourceLocal(emf);
    }

    /** Opens the store on its unit, checking the table (and creating it when it is missing and that is allowed). */
    static TokenStore open(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing) {
        SchemaSteps.ensure(emf, database, createMissing, List.of(new SchemaSteps.Step(SCRIPT, "latchkey_onetime_token",
                "code_hash", "SELECT COUNT(t.tokenId) FROM LatchkeyOneTimeToken t", false)), "the one-time tokens' table",
                RecoveryMessage.RECOVERY_SCHEMA);
        return new TokenStore(emf);
    }

    /** Stores a token, deleting in the same transaction the user's earlier ones of its purpose. */
    void replace(Row row) {
        guard("issue", () -> transactions.write(em -> {
            em.createQuery("DELETE FROM LatchkeyOneTimeToken t WHERE t.userId = :user AND t.purpose = :purpose")
                    .setParameter("user", row.userId()).setParameter("purpose", row.purpose().name()).executeUpdate();
            OneTimeTokenEntity e = new OneTimeTokenEntity();
            e.tokenId = row.tokenId();
            e.secretHash = row.secretHash();
            e.codeHash = row.codeHash();
            e.purpose = row.purpose().name();
            e.userId = row.userId();
            e.address = row.address();
            e.issuedAt = row.issuedAt().toEpochMilli();
            e.expiresAt = row.expiresAt().toEpochMilli();
            em.persist(e);
            return null;
        }));
    }

    /** The token of this id, if it is stored (expired or not). */
    Optional<Row> find(String tokenId) {
        return guard("find", () -> transactions.read(em -> em.createQuery(
                "SELECT t FROM LatchkeyOneTimeToken t WHERE t.tokenId = :id", OneTimeTokenEntity.class)
                .setParameter("id", tokenId).getResultList().stream().findFirst().map(TokenStore::row)));
    }

    /** Deletes the token; true for the one caller whose delete removed it. */
    boolean take(String tokenId) {
        return guard("take", () -> transactions.write(em -> em.createQuery(
                "DELETE FROM LatchkeyOneTimeToken t WHERE t.tokenId = :id").setParameter("id", tokenId).executeUpdate())) == 1;
    }

    /** Deletes the user's tokens of a purpose, or of every purpose when it is {@code null}. */
    int retire(String userId, Purpose purpose) {
        return guard("retire", () -> transactions.write(em -> (purpose == null
                ? em.createQuery("DELETE FROM LatchkeyOneTimeToken t WHERE t.userId = :user")
                : em.createQuery("DELETE FROM LatchkeyOneTimeToken t WHERE t.userId = :user AND t.purpose = :purpose")
                        .setParameter("purpose", purpose.name())).setParameter("user", userId).executeUpdate()));
    }

    /** Deletes the tokens that expired before {@code now}. */
    int deleteExpired(Instant now) {
        return guard("deleteExpired", () -> transactions.write(em -> em.createQuery(
                "DELETE FROM LatchkeyOneTimeToken t WHERE t.expiresAt <= :now").setParameter("now", now.toEpochMilli())
                .executeUpdate()));
    }

    /** How many tokens are stored, expired or not. */
    long count() {
        return guard("count", () -> transactions.read(em -> ((Number) em.createQuery(
                "SELECT COUNT(t.tokenId) FROM LatchkeyOneTimeToken t").getSingleResult()).longValue()));
    }

    private static Row row(OneTimeTokenEntity e) {
        return new Row(e.tokenId, e.secretHash, e.codeHash, Purpose.valueOf(e.purpose), e.userId, e.address,
                Instant.ofEpochMilli(e.issuedAt), Instant.ofEpochMilli(e.expiresAt));
    }

    private static <T> T guard(String operation, Supplier<T> work) {
        return Transactions.guard("one-time tokens: " + operation, work);
    }
}
