package dev.latchkey.account;

import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.recovery.CodeChallenge;
import dev.latchkey.recovery.CodeResult;
import dev.latchkey.recovery.MessageKind;
import dev.latchkey.recovery.OneTimeTokens;
import dev.latchkey.recovery.OutOfBandMessage;
import dev.latchkey.recovery.Purpose;
import dev.latchkey.recovery.Redeemed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Sign-in without a password for the built-in accounts, by a link or a code sent to the account's address
 * ({@code latchkey.recovery.sign-in=link}, {@code code} or both; off by default). Latchkey's pages under
 * {@code /latchkey/recovery/} use it; an application with pages of its own calls it as {@link AccountRecovery}
 * says. Asking answers alike, at once, whether or not an account has the address; the link or code proves
 * the address, which then counts as verified.
 */
@ApplicationScoped
public class MailSignIn {

    @Inject
    AccountRecovery recovery;

    @Inject
    OneTimeTokens tokens;

    @Inject
    Accounts accounts;

    @Inject
    HttpServletRequest request;

    /** Asks for a sign-in link to {@code address}: the same answer whether or not an account has it. */
    public RecoveryOutcome requestSignInLink(String address) {
        recovery.requireSignIn("link");
        String normalized = OneTimeTokens.normalize(address);
        if (!RecoveryLinks.isAddress(normalized)) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.ADDRESS_INVALID);
        }
        Optional<Duration> wait = tokens.reserveSend(normalized, recovery.client());
        if (wait.isPresent()) {
            return RecoveryOutcome.throttled(wait.get());
        }
        String base = recovery.links().base(request);
        Locale locale = request.getLocale();
        tokens.sendLater(() -> signInOwner(normalized).map(name -> recovery.message(MessageKind.SIGN_IN_LINK, normalized,
                recovery.links().link(base, MessageKind.SIGN_IN_LINK, tokens.issueLink(Purpose.SIGN_IN, name, normalized)), locale)));
        return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
    }

    /**
     * Asks for a sign-in code to {@code address}; the outcome's challenge is to be kept for the code. The same
     * answer, with a challenge, whether or not an account has the address.
     */
    public RecoveryOutcome requestSignInCode(String address) {
        recovery.requireSignIn("code");
        String normalized = OneTimeTokens.normalize(address);
        if (!RecoveryLinks.isAddress(normalized)) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.ADDRESS_INVALID);
        }
        Optional<Duration> wait = tokens.reserveSend(normalized, recovery.client());
        if (wait.isPresent()) {
            return RecoveryOutcome.throttled(wait.get());
        }
        CodeChallenge challenge = tokens.prepareCode();
        Locale locale = request.getLocale();
        tokens.sendLater(() -> signInOwner(normalized).map(name -> {
            tokens.storeCode(challenge, Purpose.SIGN_IN, name, normalized);
            return new OutOfBandMessage(MessageKind.SIGN_IN_CODE, normalized, null, challenge.code(),
                    tokens.lifetime(Purpose.SIGN_IN), locale);
        }));
        return new RecoveryOutcome(RecoveryOutcome.Result.DONE, null, null, challenge.challenge());
    }

    /** Signs in with the token of a sign-in link; the address counts as verified. */
    public RecoveryOutcome signInWithLink(HttpServletResponse response, String token, boolean rememberMe) {
        recovery.requireSignIn("link");
        return signedIn(response, tokens.use(Purpose.SIGN_IN, token), rememberMe);
    }

    /** Signs in with a code typed for a challenge; counted before it is checked. */
    public RecoveryOutcome signInWithCode(HttpServletResponse response, String challenge, String code, boolean rememberMe) {
        recovery.requireSignIn("code");
        CodeResult result = tokens.useCode(Purpose.SIGN_IN, challenge, code == null ? null : code.strip(), recovery.client());
        if (result.throttled().isPresent()) {
            return RecoveryOutcome.throttled(result.throttled().get());
        }
        return signedIn(response, result.accepted(), rememberMe);
    }

    private RecoveryOutcome signedIn(HttpServletResponse response, Optional<Redeemed> used, boolean rememberMe) {
        if (used.isEmpty() || !accounts.exists(used.get().userId()) || accounts.isDisabled(used.get().userId())) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.INVALID);
        }
        recovery.addresses().markVerified(used.get().userId(), used.get().address());
        recovery.signIn(response, used.get().userId(), rememberMe);
        return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
    }


    /** The account a sign-in link or code goes to: one with this address that may sign in. */
    private Optional<String> signInOwner(String address) {
        return recovery.addresses().owner(address).filter(name -> !accounts.isDisabled(name)); // the link or code proves the address
    }
}
