package dev.latchkey.account;

import java.time.Duration;

/**
 * The outcome of a step of {@link AccountRecovery}.
 *
 * @param result     what happened
 * @param retryAfter how long to wait, when {@code THROTTLED}
 * @param refusal    why the password was refused, when {@code PASSWORD_INVALID}
 * @param challenge  for a code asked for: the challenge to keep for the code (an HttpOnly cookie on Latchkey's page)
 */
public record RecoveryOutcome(Result result, Duration retryAfter, PasswordRefusal refusal, String challenge) {

    /** What happened. */
    public enum Result {
        /** Done (for a request to send: accepted; whether anything is sent is not told). */
        DONE,
        /** The link or code is not valid: unknown, used, replaced, expired, or for something else. */
        INVALID,
        /** Too many attempts: {@link RecoveryOutcome#retryAfter} says how long to wait. */
        THROTTLED,
        /** The new password breaks a rule: {@link RecoveryOutcome#refusal} says which. */
        PASSWORD_INVALID,
        /** Not an e-mail address. */
        ADDRESS_INVALID,
        /** Another account has the address. */
        ADDRESS_TAKEN,
        /** Nobody is signed in, or the account cannot do this (it has a password already; it has no address). */
        NOT_ALLOWED
    }

    static RecoveryOutcome of(Result result) {
        return new RecoveryOutcome(result, null, null, null);
    }

    static RecoveryOutcome throttled(Duration wait) {
        return new RecoveryOutcome(Result.THROTTLED, wait, null, null);
    }

    /** Whether it was done. */
    public boolean done() {
        return result == Result.DONE;
    }
}
