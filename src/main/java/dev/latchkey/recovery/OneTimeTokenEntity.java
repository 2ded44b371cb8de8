package dev.latchkey.recovery;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The mapping of the {@code latchkey_onetime_token} table. Applications use {@link OneTimeTokens}, not this class. */
@Entity(name = "LatchkeyOneTimeToken")
@Table(name = "latchkey_onetime_token")
@Cacheable(false)
final class OneTimeTokenEntity {

    @Id
    @Column(name = "token_id", length = 32, nullable = false)
    String tokenId;

    @Column(name = "secret_hash", length = 64, nullable = false)
    String secretHash;

    @Column(name = "code_hash", length = 64)
    String codeHash;

    @Column(name = "purpose", length = 20, nullable = false)
    String purpose;

    @Column(name = "user_id", length = 255, nullable = false)
    String userId;

    @Column(name = "address", length = 320, nullable = false)
    String address;

    @Column(name = "issued_at", nullable = false)
    long issuedAt;

    @Column(name = "expires_at", nullable = false)
    long expiresAt;

    /** For the persistence provider; final so that no provider builds lazy-loading proxies of it. */
    OneTimeTokenEntity() {
    }
}
