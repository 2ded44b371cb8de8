package dev.latchkey.recovery;

/**
 * What a one-time token is good for. A token of one purpose is never accepted for another, and issuing a
 * token retires the user's earlier ones of the same purpose.
 */
public enum Purpose {
    /** Proves that an e-mail address reaches its user (at sign-up, or before a new address replaces the old). */
    VERIFY_ADDRESS,
    /** Sets a new password without the old one (also a first password for an account made by a provider). */
    RESET_PASSWORD,
    /** Signs in without a password, by a link or a code. */
    SIGN_IN
}
