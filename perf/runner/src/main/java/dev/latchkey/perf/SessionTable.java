package dev.latchkey.perf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Direct work on Latchkey's {@code latchkey_session} table (the PostgreSQL layout shipped in
 * {@code META-INF/latchkey/schema/postgresql/V1__create_latchkey_session.sql}; times are epoch
 * milliseconds): filler rows for the scaling runs, and sessions made due for renewal.
 */
final class SessionTable {

    private static final long IDLE_MILLIS = Duration.ofDays(30).toMillis();

    /**
     * Valid sessions of other users that expire in 30 days: ids from Latchkey's alphabet (a-z, 2-7), a
     * SHA-256 hex secret hash, the groups as Latchkey stores them.
     */
    private static final String FILL = """
            INSERT INTO latchkey_session (id, secret_hash, user_id, created_at, expires_at, renewed_at,
                authenticated_at, idle_timeout_ms, persistent_cookie, client_ip, user_agent, group_names, attributes)
            SELECT translate(md5('perf-fill-' || n), '0189', 'wxyz'),
                   encode(sha256(('perf-secret-' || n)::bytea), 'hex'),
                   'fill-user-' || (n % 50000),
                   ?, ? + ?, ?, ?, ?, true, '127.0.0.1', 'perf filler', 'user', NULL
            FROM generate_series(?::bigint, ?::bigint) AS n
            """;

    /** Less than half of the idle window left: SessionValidator renews such a session on its next request. */
    private static final String MAKE_DUE = """
            UPDATE latchkey_session SET expires_at = ? + idle_timeout_ms / 2 - ?
            WHERE user_id ~ '^perf-user-[0-9]+$'
            """;

    private final Database database;

    SessionTable(Database database) {
        this.database = database;
    }

    long count() throws SQLException {
        return database.queryLong("SELECT count(*) FROM latchkey_session");
    }

    /** Inserts the filler rows numbered {@code first..last}, then vacuums and analyses the table. */
    void fill(long first, long last) throws SQLException {
        long now = System.currentTimeMillis();
        long created = now - Duration.ofHours(1).toMillis();
        try (Connection c = database.admin(); PreparedStatement insert = c.prepareStatement(FILL)) {
            insert.setLong(1, created);
            insert.setLong(2, created);
            insert.setLong(3, IDLE_MILLIS);
            insert.setLong(4, created);
            insert.setLong(5, created);
            insert.setLong(6, IDLE_MILLIS);
            insert.setLong(7, first);
            insert.setLong(8, last);
            insert.executeUpdate();
        }
        database.execute("VACUUM ANALYZE latchkey_session");
    }

    /** Moves the expiry of every {@code perf-user-N} session to one hour less than half its idle window from now. */
    int makeRenewalDue() throws SQLException {
        try (Connection c = database.admin(); PreparedStatement update = c.prepareStatement(MAKE_DUE)) {
            update.setLong(1, System.currentTimeMillis());
            update.setLong(2, Duration.ofHours(1).toMillis());
            return update.executeUpdate();
        }
    }

    /** How many {@code perf-user-N} sessions still have less than half of their idle window left. */
    long dueForRenewal() throws SQLException {
        return database.queryLong("SELECT count(*) FROM latchkey_session WHERE user_id ~ '^perf-user-[0-9]+$'"
                + " AND expires_at - (extract(epoch FROM clock_timestamp()) * 1000)::bigint < idle_timeout_ms / 2");
    }
}
