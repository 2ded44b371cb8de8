package dev.latchkey.jpa;

import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.StoredSession;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Sessions in the {@code latchkey_session} table, through JPA. Works with EclipseLink and Hibernate.
 *
 * <p>Cost: validating a token is one {@code SELECT} by primary key; renewal is one conditional
 * {@code UPDATE}; nothing else writes on the request path. Rows are read as column projections, not
 * managed entities, so no provider cache can serve a stale or revoked session.
 *
 * <p>The persistence unit must list {@link SessionEntity}. Outside a container:
 * <pre>{@code
 * EntityManagerFactory emf = Persistence.createEntityManagerFactory("my-unit");
 * SessionStore store = JpaSessionStore.resourceLocal(emf);
 * }</pre>
 *
 * <p>The table (PostgreSQL shown; scripts for each database are in the jar under
 * {@code META-INF/latchkey/}):
 * <pre>
 * CREATE TABLE latchkey_session (
 *     id                VARCHAR(32)   NOT NULL PRIMARY KEY,
 *     secret_hash       VARCHAR(64)   NOT NULL,
 *     user_id           VARCHAR(255)  NOT NULL,
 *     created_at        BIGINT        NOT NULL,
 *     expires_at        BIGINT        NOT NULL,
 *     renewed_at        BIGINT        NOT NULL,
 *     authenticated_at  BIGINT        NOT NULL,
 *     idle_timeout_ms   BIGINT        NOT NULL,
 *     persistent_cookie BOOLEAN       NOT NULL,
 *     client_ip         VARCHAR(64),
 *     user_agent        VARCHAR(256),
 *     group_names       VARCHAR(2000),
 *     attributes        VARCHAR(2000)
 * );
 * CREATE INDEX latchkey_session_user_idx ON latchkey_session (user_id);
 * CREATE INDEX latchkey_session_expires_idx ON latchkey_session (expires_at);
 * </pre>
 */
public final class JpaSessionStore implements SessionStore {

    private static final String COLUMNS = "s.id, s.secretHash, s.userId, s.createdAt, s.expiresAt, s.renewedAt,"
            + " s.authenticatedAt, s.idleTimeoutMillis, s.persistentCookie, s.clientIp, s.userAgent, s.groupNames,"
            + " s.attributes";
    private static final String FIND = "SELECT " + COLUMNS + " FROM LatchkeySession s WHERE s.id = :id";
    private static final String LIST_USER = "SELECT " + COLUMNS + " FROM LatchkeySession s"
            + " WHERE s.userId = :userId AND s.expiresAt > :now ORDER BY s.createdAt DESC, s.id";
    private static final String RENEW = "UPDATE LatchkeySession s SET s.expiresAt = :newExpiresAt,"
            + " s.renewedAt = :renewedAt WHERE s.id = :id AND s.expiresAt = :expected";
    private static final String DELETE = "DELETE FROM LatchkeySession s WHERE s.id = :id";
    private static final String DELETE_IF_EXPIRES_AT = DELETE + " AND s.expiresAt = :expiresAt";
    private static final String UPDATE_GROUPS = "UPDATE LatchkeySession s SET s.groupNames = :groups WHERE s.userId = :userId";
    private static final String MARK_AUTHENTICATED = "UPDATE LatchkeySession s SET s.authenticatedAt = :at WHERE s.id = :id";
    private static final String DELETE_USER = "DELETE FROM LatchkeySession s WHERE s.userId = :userId";
    private static final String DELETE_USER_EXCEPT = DELETE_USER + " AND s.id <> :keepId";
    private static final String EXPIRED_IDS = "SELECT s.id FROM LatchkeySession s WHERE s.expiresAt <= :now"
            + " ORDER BY s.expiresAt";
    private static final String DELETE_EXPIRED = "DELETE FROM LatchkeySession s WHERE s.id IN :ids"
            + " AND s.expiresAt <= :now";

    private final Transactions transactions;
    private final DirectRead directRead;

    private JpaSessionStore(Transactions transactions, DirectRead directRead) {
        this.transactions = transactions;
        this.directRead = directRead;
    }

    /**
     * This store, reading sessions by id with one plain JDBC statement on {@code dataSource} — the
     * DataSource the persistence unit is on — instead of a JPA query: the same single {@code SELECT},
     * with less work per request. Everything else stays JPA.
     */
    public JpaSessionStore readingThrough(DataSource dataSource) {
        return new JpaSessionStore(transactions, new DirectRead(dataSource));
    }

    /**
     * A store that opens an entity manager per operation from {@code emf} and uses resource-local
     * transactions: for Java SE, tests and {@code RESOURCE_LOCAL} persistence units. The table is
     * checked first: each column must keep what Latchkey writes (times up to the year 9999, strings
     * at full length with non-ASCII characters), in transactions that are rolled back; so a missing
     * or mistyped table stops the application at start rather than failing every sign-in later.
     *
     * @throws SessionStoreException ({@code LK-403}) naming the table, the column and the script to
     *                               run when the schema is wrong or the database cannot be reached
     */
    public static JpaSessionStore resourceLocal(EntityManagerFactory emf) {
        return checked(emf, false, null);
    }

    /**
     * Like {@link #resourceLocal(EntityManagerFactory)}; with {@code createMissingTable}, a missing
     * table is first created from the script shipped for the database found (PostgreSQL, MariaDB/MySQL
     * or H2). A table that exists but is wrong is never touched: that still stops the start.
     */
    public static JpaSessionStore resourceLocal(EntityManagerFactory emf, boolean createMissingTable) {
        return checked(emf, createMissingTable, null);
    }

    /**
     * Like {@link #resourceLocal(EntityManagerFactory, boolean)}, on a unit whose DataSource the caller
     * holds: the database is told from the DataSource's JDBC metadata, which spares the detection queries.
     *
     * @param dataSource the DataSource {@code emf} is on
     * @throws IllegalStateException ({@code LK-405}) when the DataSource cannot be reached
     */
    public static JpaSessionStore open(EntityManagerFactory emf, boolean createMissingTable, DataSource dataSource) {
        return checked(emf, createMissingTable, DatabaseProduct.of(dataSource));
    }

    private static JpaSessionStore checked(EntityManagerFactory emf, boolean createMissingTable, DatabaseProduct known) {
        SchemaCheck.ensure(emf, createMissingTable, known);
        return new JpaSessionStore(Transactions.resourceLocal(emf), null);
    }

    @Override
    public void insert(StoredSession stored) {
        SessionEntity entity = SessionEntity.of(stored);
        guard("insert", () -> transactions.write(em -> {
            em.persist(entity);
            return null;
        }));
    }

    @Override
    public Optional<StoredSession> find(String id) {
        if (directRead != null) {
            return guard("find", () -> {
                try {
                    return directRead.find(id);
                } catch (java.sql.SQLException e) {
                    throw new SessionStoreException("find failed (" + e.getClass().getSimpleName() + ")", e);
                }
            });
        }
        return guard("find", () -> transactions.read(em -> em.createQuery(FIND, Object[].class)
                .setParameter("id", id)
                .getResultList()
                .stream()
                .findFirst()
                .map(SessionEntity::toStored)));
    }

    @Override
    public boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt) {
        return guard("renew", () -> transactions.write(em -> em.createQuery(RENEW)
                .setParameter("newExpiresAt", newExpiresAt.toEpochMilli())
                .setParameter("renewedAt", renewedAt.toEpochMilli())
                .setParameter("id", id)
                .setParameter("expected", expectedExpiresAt.toEpochMilli())
                .executeUpdate() == 1));
    }

    @Override
    public boolean delete(String id) {
        return guard("delete", () -> transactions.write(em -> em.createQuery(DELETE)
                .setParameter("id", id)
                .executeUpdate() > 0));
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        return guard("deleteIfExpiresAt", () -> transactions.write(em -> em.createQuery(DELETE_IF_EXPIRES_AT)
                .setParameter("id", id)
                .setParameter("expiresAt", expiresAt.toEpochMilli())
                .executeUpdate() > 0));
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        return guard("updateUserGroups", () -> transactions.write(em -> em.createQuery(UPDATE_GROUPS)
                .setParameter("groups", SessionEntity.joinGroups(groups))
                .setParameter("userId", userId)
                .executeUpdate()));
    }

    @Override
    public boolean markAuthenticated(String id, Instant at) {
        return guard("markAuthenticated", () -> transactions.write(em -> em.createQuery(MARK_AUTHENTICATED)
                .setParameter("at", at.toEpochMilli())
                .setParameter("id", id)
                .executeUpdate() > 0));
    }

    @Override
    public int deleteUserSessions(String userId) {
        return guard("deleteUserSessions", () -> transactions.write(em -> em.createQuery(DELETE_USER)
                .setParameter("userId", userId)
                .executeUpdate()));
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        return guard("deleteUserSessionsExcept", () -> transactions.write(em -> em.createQuery(DELETE_USER_EXCEPT)
                .setParameter("userId", userId)
                .setParameter("keepId", keepId)
                .executeUpdate()));
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        return guard("listUserSessions", () -> transactions.read(em -> em.createQuery(LIST_USER, Object[].class)
                .setParameter("userId", userId)
                .setParameter("now", now.toEpochMilli())
                .getResultList()
                .stream()
                .map(row -> SessionEntity.toStored(row).session())
                .toList()));
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        long cutoff = now.toEpochMilli();
        List<String> ids = guard("deleteExpired", () -> transactions.read(em -> em.createQuery(EXPIRED_IDS, String.class)
                .setParameter("now", cutoff)
                .setMaxResults(limit)
                .getResultList()));
        if (ids.isEmpty()) {
            return 0;
        }
        // The expiry is checked again by the DELETE: a session renewed since the SELECT survives.
        return guard("deleteExpired", () -> transactions.write(em -> em.createQuery(DELETE_EXPIRED)
                .setParameter("ids", ids)
                .setParameter("now", cutoff)
                .executeUpdate()));
    }

    private static <T> T guard(String operation, Supplier<T> work) {
        return Transactions.guard("JPA session store: " + operation, work);
    }
}
