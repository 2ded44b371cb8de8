package dev.latchkey.internal.servlet;

import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SignInRefusal;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.internal.web.OriginCheck;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Sign-in throttling over servlet requests: the client's address through trusted proxies, the
 * attempt counted (or refused) before any password is checked, a success given back, and the refusal
 * kept on the request for the application ({@code UserSessions.lastRefusal()}).
 */
final class SignInGuard {

    private static final String REFUSAL = SignInRefusal.class.getName();

    private final SignInThrottle throttle;
    private final OriginCheck originCheck;
    private final Diagnostics diagnostics;

    SignInGuard(SignInThrottle throttle, OriginCheck originCheck, Diagnostics diagnostics) {
        this.throttle = throttle;
        this.originCheck = originCheck;
        this.diagnostics = diagnostics;
    }

    /** The client's address, through trusted proxies. */
    String clientAddress(HttpServletRequest request) {
        return originCheck.clientAddress(RequestFactsOf.request(request));
    }

    /**
     * Counts a sign-in attempt for {@code account}, or refuses it while throttled: 429 with
     * {@code Retry-After} on the request, not committed, so the application can still show its page.
     *
     * @return empty to go ahead, or the refusal
     * @throws dev.latchkey.core.SessionStoreException when the counters cannot be read: the caller refuses (503)
     */
    private Optional<SignInRefusal> reserve(HttpServletRequest request, HttpServletResponse response, String account,
            String address) {
        Optional<Duration> wait = throttle.reserve(account, address);
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        SignInRefusal refusal = new SignInRefusal(Reason.SIGN_IN_THROTTLED, wait);
        refuse(request, response, refusal);
        if (response != null && !response.isCommitted()) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds().orElse(1L)));
        }
        return Optional.of(refusal);
    }

    /**
     * Checks a credential as every sign-in does: the attempt counted first (refused, with nothing
     * hashed, while throttled: 429 with {@code Retry-After} on {@code response} when given), a name no
     * account can have refused without asking any store (and counted on the address only, so that such
     * names fill no table), then the identity stores; a success gives back what was counted. Empty
     * when refused, with the refusal recorded for {@link #refusal}.
     *
     * @throws dev.latchkey.core.SessionStoreException when the counters cannot be read or written: refuse (503)
     */
    Optional<CredentialValidationResult> validate(HttpServletRequest request, HttpServletResponse response,
            Credential credential, IdentityStoreHandler identityStores) {
        String named = accountOf(credential);
        boolean impossible = named != null && !NewSession.isValidUserId(named);
        String account = impossible ? null : named;
        String address = clientAddress(request);
        if (reserve(request, response, account, address).isPresent()) {
            return Optional.empty();
        }
        CredentialValidationResult result = impossible ? CredentialValidationResult.INVALID_RESULT
                : identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            refuse(request, response, new SignInRefusal(Reason.INVALID_CREDENTIALS, Optional.empty()));
            return Optional.empty();
        }
        throttle.succeeded(account, address);
        return Optional.of(result);
    }

    /** The account a credential names, for throttling; {@code null} when it names none. */
    private static String accountOf(Credential credential) {
        return credential instanceof UsernamePasswordCredential password ? password.getCaller() : null;
    }

    /** Records why this request's sign-in was refused, and reports it ({@code Latchkey-Reason}, debug line). */
    void refuse(HttpServletRequest request, HttpServletResponse response, SignInRefusal refusal) {
        request.setAttribute(REFUSAL, refusal);
        diagnostics.reject(request, response, refusal.reason());
    }

    /** Why this request's last sign-in was refused, if it was. */
    static Optional<SignInRefusal> refusal(HttpServletRequest request) {
        return request.getAttribute(REFUSAL) instanceof SignInRefusal refusal ? Optional.of(refusal) : Optional.empty();
    }
}
