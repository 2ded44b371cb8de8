package dev.latchkey.internal.servlet;

import dev.latchkey.core.Reason;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

/**
 * How a sign-in with a credential ended, already reported and recorded for
 * {@code UserSessions.lastRefusal()}: what is left is the answer to the client.
 *
 * @param outcome what happened
 * @param caller  who signed in, for {@link Outcome#SIGNED_IN}; {@code null} otherwise
 * @param reason  why it was refused, {@code null} when it was not
 */
public record SignInResult(Outcome outcome, CredentialValidationResult caller, Reason reason) {

    /** What happened to a sign-in. */
    public enum Outcome {
        /** The session was created and its cookie set. */
        SIGNED_IN,
        /** Refused before any credential was checked: another site's request (answer 403). */
        CROSS_SITE,
        /** Refused before any credential was checked: too many failures (429 and {@code Retry-After} are set). */
        THROTTLED,
        /** The identity stores refused the credential (answer 401). */
        WRONG_CREDENTIAL,
        /** The store could not be asked (answer 503). */
        STORE_UNAVAILABLE
    }

    static SignInResult refused(Outcome outcome, Reason reason) {
        return new SignInResult(outcome, null, reason);
    }
}
