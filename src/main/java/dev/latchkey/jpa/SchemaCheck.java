package dev.latchkey.jpa;

import dev.latchkey.core.Message;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.SqlScripts;
import dev.latchkey.internal.jpa.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Checks that the {@code latchkey_session} table exists and that every column holds what Latchkey
 * writes, by writing it: each column gets its most demanding value (times up to the year 9999,
 * strings at full length with non-ASCII characters) in a transaction that is rolled back, and must
 * read it back unchanged. A missing table, a missing column, a too-short string or a timestamp
 * column where a {@code BIGINT} belongs is reported with the table, the column and the script to run.
 */
final class SchemaCheck {

    static final String TABLE = "latchkey_session";
    private static final String PROBE_ID = "latchkeyschemaprobezzzzzzzzzzzzz";
    /** 9999-12-31T23:59:59.999Z: a {@code BIGINT} holds it, an {@code INTEGER} overflows, a timestamp type refuses it. */
    private static final long FAR_FUTURE_MILLIS = 253_402_300_799_999L;

    private record Column(String name, String attribute, Object demanding, BiConsumer<SessionEntity, Object> setter) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("secret_hash", "secretHash", "f".repeat(64), (e, v) -> e.secretHash = (String) v),
            new Column("user_id", "userId", text(255), (e, v) -> e.userId = (String) v),
            new Column("created_at", "createdAt", FAR_FUTURE_MILLIS, (e, v) -> e.createdAt = (Long) v),
            new Column("expires_at", "expiresAt", FAR_FUTURE_MILLIS, (e, v) -> e.expiresAt = (Long) v),
            new Column("renewed_at", "renewedAt", FAR_FUTURE_MILLIS, (e, v) -> e.renewedAt = (Long) v),
            new Column("authenticated_at", "authenticatedAt", FAR_FUTURE_MILLIS, (e, v) -> e.authenticatedAt = (Long) v),
            new Column("idle_timeout_ms", "idleTimeoutMillis", 34_560_000_001L, (e, v) -> e.idleTimeoutMillis = (Long) v),
            new Column("persistent_cookie", "persistentCookie", Boolean.TRUE, (e, v) -> e.persistentCookie = (Boolean) v),
            new Column("client_ip", "clientIp", text(64), (e, v) -> e.clientIp = (String) v),
            new Column("user_agent", "userAgent", text(256), (e, v) -> e.userAgent = (String) v),
            new Column("group_names", "groupNames", text(2000), (e, v) -> e.groupNames = (String) v),
            new Column("attributes", "attributes", text(2000), (e, v) -> e.attributes = (String) v));

    private final Transactions transactions;
    private DatabaseProduct database = DatabaseProduct.OTHER;

    private final DatabaseProduct known;

    SchemaCheck(Transactions transactions, DatabaseProduct known) {
        this.transactions = transactions;
        this.known = known;
    }

    /**
     * Checks the table, first creating it from the shipped script when it is missing and
     * {@code createMissingTable} is set.
     *
     * @return the database product found
     * @throws SessionStoreException ({@code LK-403}) naming the table, the column and the script
     */
    static DatabaseProduct ensure(EntityManagerFactory emf, boolean createMissingTable, DatabaseProduct known) {
        Transactions transactions = Transactions.resourceLocal(emf);
        try {
            return Deadlocks.retried(() -> new SchemaCheck(transactions, known).run());
        } catch (MissingTable missing) {
            String script = missing.database.script(DatabaseProduct.CREATE_SCRIPT);
            if (!createMissingTable || script == null) {
                throw missing;
            }
            return SqlScripts.createThenCheck(emf, script,
                    () -> Deadlocks.retried(() -> new SchemaCheck(transactions, missing.database).run()));
        }
    }

    /**
     * Runs the check.
     *
     * @return the database detected
     * @throws SessionStoreException naming the table, the column and the script when the schema is wrong
     */
    DatabaseProduct run() {
        database = known != null && known != DatabaseProduct.OTHER ? known : detectDatabase();
        if (database.lacks(transactions, TABLE, "id")) {
            throw new MissingTable(fail("table " + TABLE + " is missing", null), database);
        }
        try {
            transactions.read(em -> em.createQuery("SELECT COUNT(s.id) FROM LatchkeySession s WHERE s.id = :id")
                    .setParameter("id", PROBE_ID).getSingleResult());
        } catch (RuntimeException e) {
            throw new MissingTable(fail("table " + TABLE + " is missing or cannot be read (" + rootMessage(e) + ")", e),
                    database);
        }
        for (Column column : COLUMNS) {
            checkPresent(column);
        }
        for (Column column : COLUMNS) {
            checkColumn(column);
        }
        return database;
    }

    private void checkPresent(Column column) {
        try {
            transactions.read(em -> em.createQuery("SELECT s." + column.attribute() + " FROM LatchkeySession s WHERE s.id = :id")
                    .setParameter("id", PROBE_ID).getResultList());
        } catch (RuntimeException e) {
            throw fail("column " + TABLE + "." + column.name() + " is missing (" + rootMessage(e) + ")", e);
        }
    }

    private void checkColumn(Column column) {
        Object readBack;
        try {
            readBack = transactions.rollback(em -> {
                SessionEntity probe = baseline();
                column.setter().accept(probe, column.demanding());
                em.persist(probe);
                em.flush();
                return em.createQuery("SELECT s." + column.attribute() + " FROM LatchkeySession s WHERE s.id = :id")
                        .setParameter("id", PROBE_ID).getSingleResult();
            });
        } catch (RuntimeException e) {
            throw fail("column " + TABLE + "." + column.name() + " cannot hold " + describe(column)
                    + " (" + rootMessage(e) + ")", e);
        }
        if (!sameValue(column.demanding(), readBack)) {
            throw fail("column " + TABLE + "." + column.name() + " changed " + describe(column)
                    + " on the way through the database (read back " + summary(readBack) + ")", null);
        }
    }

    private static boolean sameValue(Object written, Object read) {
        if (written instanceof Long l && read instanceof Number n) {
            return l == n.longValue();
        }
        if (written instanceof Boolean b && read instanceof Number n) {
            return b == (n.intValue() != 0);
        }
        return Objects.equals(written, read);
    }

    private static SessionEntity baseline() {
        SessionEntity e = new SessionEntity();
        e.id = PROBE_ID;
        e.secretHash = "0".repeat(64);
        e.userId = "probe";
        return e;
    }

    /**
     * The product, from what it says of itself: PostgreSQL and MariaDB name themselves in
     * {@code version()}, MySQL in {@code @@version_comment}, H2 answers {@code H2VERSION()}.
     */
    private DatabaseProduct detectDatabase() {
        String version = ask("SELECT version()");
        if (version.contains("postgresql")) {
            return DatabaseProduct.POSTGRESQL;
        }
        if (version.contains("mariadb") || ask("SELECT @@version_comment").contains("mysql")) {
            return DatabaseProduct.MARIADB;
        }
        return ask("SELECT H2VERSION()").isEmpty() ? DatabaseProduct.OTHER : DatabaseProduct.H2;
    }

    /** The answer to a query, lower case, or empty when the database does not know it. */
    private String ask(String sql) {
        try {
            Object answer = transactions.read((EntityManager em) -> em.createNativeQuery(sql).getSingleResult());
            return answer == null ? "" : answer.toString().toLowerCase(Locale.ROOT);
        } catch (RuntimeException unknown) {
            return "";
        }
    }

    /** The table is not there at all: the one failure a start-up may repair by creating it. */
    static final class MissingTable extends SessionStoreException {
        final transient DatabaseProduct database;

        MissingTable(SessionStoreException described, DatabaseProduct database) {
            super(described.getMessage(), described.getCause());
            this.database = database;
        }
    }

    private SessionStoreException fail(String problem, Throwable cause) {
        String message = Message.SCHEMA_PROBLEM.error(problem + ". Create the table with the script "
                + database.createScript() + " from the Latchkey jar (database detected: " + database.displayName()
                + "), or let JPA schema generation create it in development");
        return cause == null ? new SessionStoreException(message) : new SessionStoreException(message, cause);
    }

    private static String describe(Column column) {
        Object v = column.demanding();
        if (v instanceof String s) {
            return "text of " + s.length() + " characters including non-ASCII ones";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return "a whole number of milliseconds up to " + v + " (a BIGINT)";
    }

    private static String summary(Object value) {
        if (value instanceof String s) {
            return "text of " + s.length() + " characters";
        }
        return String.valueOf(value);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return root.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }

    /** Text of {@code length} characters mixing ASCII, Latin and CJK, so byte-counting columns are caught. */
    private static String text(int length) {
        StringBuilder s = new StringBuilder(length);
        String pattern = "a\u00e9\u4e2dZ";
        for (int i = 0; i < length; i++) {
            s.append(pattern.charAt(i % pattern.length()));
        }
        return s.toString();
    }
}
