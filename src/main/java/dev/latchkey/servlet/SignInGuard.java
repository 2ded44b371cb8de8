package dev.latchkey.servlet;

import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SignInRefusal;
import dev.latchkey.throttle.SignInThrottle;
import dev.latchkey.web.OriginCheck;
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
 * throttle's decision before any password is checked, the outcome counted, and the refusal kept on
 * the request for the application ({@code UserSessions.lastRefusal()}).
 */
public final class SignInGuard {

    private static final String REFUSAL = SignInRefusal.class.getName();

    private final SignInThrottle throttle;
    private final OriginCheck originCheck;
    private final Diagnostics diagnostics;

    SignInGuard(SignInThrottle throttle, OriginCheck originCheck, Diagnostics diagnostics) {
        this.throttle = throttle;
        this.originCheck = originCheck;
        this.diagnostics = diagnostics;
    }

    /** The throttle. */
    public SignInThrottle throttle() {
        return throttle;
    }

    /** The client's address, through trusted proxies. */
    public String clientAddress(HttpServletRequest request) {
        return originCheck.clientAddress(RequestFactsOf.request(request));
    }

    /**
     * Whether a sign-in attempt for {@code account} may go ahead. A throttled one is refused on the
     * request: 429 with {@code Retry-After}, not committed, so the application can still show its page.
     *
     * @return empty to go ahead, or the refusal
     * @throws dev.latchkey.core.SessionStoreException when the counters cannot be read: the caller refuses (503)
     */
    private Optional<SignInRefusal> check(HttpServletRequest request, HttpServletResponse response, String account) {
        Optional<Duration> wait = throttle.check(account, clientAddress(request));
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
     * Checks a credential as every sign-in does: the counters first (nothing is hashed while throttled,
     * 429 with {@code Retry-After} on {@code response} when given), a name no account can have refused
     * without asking any store, then the identity stores, then the counters updated. Empty when refused,
     * with the refusal recorded for {@link #refusal}.
     *
     * @throws dev.latchkey.core.SessionStoreException when the counters cannot be read or written: refuse (503)
     */
    public Optional<CredentialValidationResult> validate(HttpServletRequest request, HttpServletResponse response,
            Credential credential, IdentityStoreHandler identityStores) {
        String account = accountOf(credential);
        if (check(request, response, account).isPresent()) {
            return Optional.empty();
        }
        CredentialValidationResult result = account != null && !NewSession.isValidUserId(account)
                ? CredentialValidationResult.INVALID_RESULT : identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(account, clientAddress(request));
            refuse(request, response, new SignInRefusal(Reason.INVALID_CREDENTIALS, Optional.empty()));
            return Optional.empty();
        }
        throttle.succeeded(account, clientAddress(request));
        return Optional.of(result);
    }

    /** The account a credential names, for throttling; {@code null} when it names none. */
    private static String accountOf(Credential credential) {
        return credential instanceof UsernamePasswordCredential password ? password.getCaller() : null;
    }

    /** Records why this request's sign-in was refused, and reports it ({@code Latchkey-Reason}, debug line). */
    public void refuse(HttpServletRequest request, HttpServletResponse response, SignInRefusal refusal) {
        request.setAttribute(REFUSAL, refusal);
        diagnostics.reject(request, response, refusal.reason());
    }

    /** Why this request's last sign-in was refused, if it was. */
    public static Optional<SignInRefusal> refusal(HttpServletRequest request) {
        return request.getAttribute(REFUSAL) instanceof SignInRefusal refusal ? Optional.of(refusal) : Optional.empty();
    }
}
