package dev.latchkey.account;

import java.util.Optional;

/**
 * A rule of the application's for new passwords of the built-in accounts, beside Latchkey's own
 * (length, the common-password list, not the account name): a CDI bean implementing it is asked
 * after those, for example to ask a breached-password service.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class NotBreached implements PasswordPolicy {
 *     public Optional<PasswordRefusal> check(String account, char[] password) {
 *         return breaches.contains(password)
 *                 ? Optional.of(new PasswordRefusal("breached", "This password appeared in a data breach."))
 *                 : Optional.empty();
 *     }
 * }
 * }</pre>
 */
public interface PasswordPolicy {

    /**
     * The refusal of {@code password} for {@code account}, or empty to accept it. Never put the password
     * into the refusal.
     */
    Optional<PasswordRefusal> check(String account, char[] password);
}
