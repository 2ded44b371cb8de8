package dev.latchkey.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.testing.H2Database;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The table the mapping produces: string key, BIGINT times, indexes on user id and expiry. */
class SessionTableTest {

    @Test
    void generatedTableHasTheDocumentedColumnsAndIndexes() {
        try (H2Database db = new H2Database()) {
            EntityManager em = db.emf.createEntityManager();
            @SuppressWarnings("unchecked")
            List<Object[]> columns = em.createNativeQuery("SELECT LOWER(COLUMN_NAME), DATA_TYPE, IS_NULLABLE"
                    + " FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = 'latchkey_session'").getResultList();
            Map<String, String> types = new TreeMap<>();
            for (Object[] c : columns) {
                types.put((String) c[0], c[1] + ("NO".equals(c[2]) ? " NOT NULL" : ""));
            }
            Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                    Map.entry("id", "CHARACTER VARYING NOT NULL"),
                    Map.entry("secret_hash", "CHARACTER VARYING NOT NULL"),
                    Map.entry("user_id", "CHARACTER VARYING NOT NULL"),
                    Map.entry("created_at", "BIGINT NOT NULL"),
                    Map.entry("expires_at", "BIGINT NOT NULL"),
                    Map.entry("renewed_at", "BIGINT NOT NULL"),
                    Map.entry("authenticated_at", "BIGINT NOT NULL"),
                    Map.entry("idle_timeout_ms", "BIGINT NOT NULL"),
                    Map.entry("persistent_cookie", "BOOLEAN NOT NULL"),
                    Map.entry("client_ip", "CHARACTER VARYING"),
                    Map.entry("user_agent", "CHARACTER VARYING"),
                    Map.entry("group_names", "CHARACTER VARYING"),
                    Map.entry("attributes", "CHARACTER VARYING")));
            assertEquals(expected, types);

            @SuppressWarnings("unchecked")
            List<Object[]> indexes = em.createNativeQuery("SELECT LOWER(i.INDEX_NAME), LOWER(c.COLUMN_NAME)"
                    + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
                    + " ON i.INDEX_NAME = c.INDEX_NAME AND i.TABLE_NAME = c.TABLE_NAME"
                    + " WHERE LOWER(i.TABLE_NAME) = 'latchkey_session' AND i.INDEX_TYPE_NAME <> 'PRIMARY KEY'"
                    + " ORDER BY 1").getResultList();
            assertEquals(List.of("latchkey_session_expires_idx=expires_at", "latchkey_session_user_idx=user_id"),
                    indexes.stream().map(r -> r[0] + "=" + r[1]).toList());
            em.close();
        }
    }
}
