package dev.latchkey.account;

import java.util.Objects;

/**
 * Why a new password is not accepted: the rule, and a sentence to show the user. Neither ever
 * contains the password.
 *
 * @param rule    {@code not-text}, {@code min-length}, {@code max-length}, {@code common}, {@code same-as-name}, or the name
 *                a {@link PasswordPolicy} of the application gives
 * @param message what to tell the user
 */
public record PasswordRefusal(String rule, String message) {

    /** Checks that both are there. */
    public PasswordRefusal {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
