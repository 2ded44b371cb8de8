package dev.latchkey.internal.web;

import dev.latchkey.core.Reason;
import java.util.Optional;

/**
 * Whether a request may proceed past the CSRF check, and if not, why.
 *
 * @param allowed   whether the request may proceed
 * @param rejection the reason when not allowed, otherwise {@code null}
 */
public record CsrfDecision(boolean allowed, Reason rejection) {

    static final CsrfDecision ALLOW = new CsrfDecision(true, null);

    static CsrfDecision reject(Reason reason) {
        return new CsrfDecision(false, reason);
    }

    /** The reason, when rejected. */
    public Optional<Reason> reason() {
        return Optional.ofNullable(rejection);
    }
}
