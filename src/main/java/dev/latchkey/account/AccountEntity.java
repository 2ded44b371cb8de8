package dev.latchkey.account;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The mapping of the {@code latchkey_account} table of the built-in account store. Applications use
 * {@link Accounts}, not this class.
 */
@Entity(name = "LatchkeyAccount")
@Table(name = "latchkey_account")
@Cacheable(false)
final class AccountEntity {

    @Id
    @Column(name = "user_name", length = 255, nullable = false)
    String userName;

    @Column(name = "password_hash", length = 100, nullable = false)
    String passwordHash;

    @Column(name = "group_names", length = 2000)
    String groupNames;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "password_changed_at", nullable = false)
    long passwordChangedAt;

    @Column(name = "disabled_at")
    Long disabledAt;

    /** For the persistence provider. The class is final so that no provider builds lazy-loading proxies of it. */
    AccountEntity() {
    }
}
