package dev.latchkey.jpa;

import dev.latchkey.core.StoredSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The hot read — one session by its id — as a plain JDBC statement on the DataSource the persistence
 * unit uses: the same single {@code SELECT} by primary key the JPA query sends, without an entity
 * manager and a query object per request. Everything else stays JPA.
 */
final class DirectRead {

    private static final String FIND = "SELECT id, secret_hash, user_id, created_at, expires_at, renewed_at,"
            + " authenticated_at, idle_timeout_ms, persistent_cookie, client_ip, user_agent, group_names, attributes"
            + " FROM " + SchemaCheck.TABLE + " WHERE id = ?";

    private final DataSource dataSource;

    DirectRead(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<StoredSession> find(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(SessionEntity.toStored(new Object[] {row.getString(1), row.getString(2), row.getString(3),
                    row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getBoolean(9),
                    row.getString(10), row.getString(11), row.getString(12), row.getString(13)}));
            }
        }
    }
}
