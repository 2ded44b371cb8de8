package dev.latchkey.jpa;

import dev.latchkey.core.Session;
import dev.latchkey.core.SessionAttributes;
import dev.latchkey.core.StoredSession;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The mapping of the {@code latchkey_session} table. Applications do not use this class: it exists
 * so that the persistence provider knows the table (and can generate it in development). Reads go
 * through column projections in {@link JpaSessionStore}, never through a cached entity, so every
 * node sees the database's current row.
 *
 * <p>Times are epoch milliseconds in {@code BIGINT} columns: no time zones, no driver conversions.
 * The DDL shipped under {@code META-INF/latchkey/} matches this mapping exactly.
 */
@Entity(name = "LatchkeySession")
@Table(name = "latchkey_session", indexes = {
        @Index(name = "latchkey_session_user_idx", columnList = "user_id"),
        @Index(name = "latchkey_session_expires_idx", columnList = "expires_at")})
@Cacheable(false)
public final class SessionEntity {

    @Id
    @Column(name = "id", length = 32, nullable = false)
    String id;

    @Column(name = "secret_hash", length = 64, nullable = false)
    String secretHash;

    @Column(name = "user_id", length = 255, nullable = false)
    String userId;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "expires_at", nullable = false)
    long expiresAt;

    @Column(name = "renewed_at", nullable = false)
    long renewedAt;

    @Column(name = "authenticated_at", nullable = false)
    long authenticatedAt;

    @Column(name = "idle_timeout_ms", nullable = false)
    long idleTimeoutMillis;

    @Column(name = "persistent_cookie", nullable = false)
    boolean persistentCookie;

    @Column(name = "client_ip", length = 64)
    String clientIp;

    @Column(name = "user_agent", length = 256)
    String userAgent;

    @Column(name = "group_names", length = 2000)
    String groupNames;

    @Column(name = "attributes", length = 2000)
    String attributes;

    private static final String GROUP_SEPARATOR = "\n";

    /** For the persistence provider. The class is final so that no provider builds lazy-loading proxies of it. */
     SessionEntity() {
    }

    /** The row for a stored session. */
    static SessionEntity of(StoredSession stored) {
        Session s = stored.session();
        SessionEntity e = new SessionEntity();
        e.id = s.id();
        e.secretHash = HexFormat.of().formatHex(stored.secretHash());
        e.userId = s.userId();
        e.createdAt = s.createdAt().toEpochMilli();
        e.expiresAt = s.expiresAt().toEpochMilli();
        e.renewedAt = s.renewedAt().toEpochMilli();
        e.authenticatedAt = s.authenticatedAt().toEpochMilli();
        e.idleTimeoutMillis = s.idleTimeout().toMillis();
        e.persistentCookie = s.persistent();
        e.clientIp = s.clientIp();
        e.userAgent = s.userAgent();
        e.groupNames = joinGroups(s.groups());
        e.attributes = s.attributes().isEmpty() ? null : s.attributes().toStorageString();
        return e;
    }

    static String joinGroups(Set<String> groups) {
        return groups.isEmpty() ? null : String.join(GROUP_SEPARATOR, groups);
    }

    /** The stored session of a row read with the columns in the order of {@link JpaSessionStore}'s queries. */
    static StoredSession toStored(Object[] row) {
        String groups = (String) row[11];
        Set<String> groupSet = groups == null || groups.isEmpty()
                ? Set.of() : new LinkedHashSet<>(Arrays.asList(groups.split(GROUP_SEPARATOR)));
        Session session = new Session(
                (String) row[0],
                (String) row[2],
                instant(row[3]),
                instant(row[4]),
                instant(row[5]),
                instant(row[6]),
                Duration.ofMillis(((Number) row[7]).longValue()),
                Boolean.TRUE.equals(row[8]),
                (String) row[9],
                (String) row[10],
                groupSet,
                SessionAttributes.fromStorageString((String) row[12]));
        return new StoredSession(session, HexFormat.of().parseHex((String) row[1]));
    }

    private static Instant instant(Object epochMillis) {
        return Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }
}
