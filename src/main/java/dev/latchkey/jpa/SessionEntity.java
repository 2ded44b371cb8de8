package dev.latchkey.jpa;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

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

    /** For the persistence provider. The class is final so that no provider builds lazy-loading proxies of it. */
     SessionEntity() {
    }
}
