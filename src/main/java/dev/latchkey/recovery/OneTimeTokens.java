package dev.latchkey.recovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Single-use secrets sent out of band, for the built-in accounts' flows and for applications with users of
 * their own: a link's token (288 random bits) or a short code bound to a pending challenge, issued for a
 * purpose, a user and an address. Only hashes are stored ({@code latchkey_onetime_token}); a token works once
 * (of two requests using it at once, on any nodes, exactly one wins), for its purpose only, until it expires
 * or a newer one of its purpose is issued to the user. Codes are counted before they are checked, per
 * challenge, per address and per client, through sign-in throttling's counters. Switched on with
 * {@code latchkey.recovery.enabled=true} (or {@code latchkey.recovery.sign-in}); every method throws
 * {@link IllegalStateException} while it is off.
 *
 * <pre>{@code
 * @Inject OneTimeTokens tokens;
 *
 * String token = tokens.issueLink(Purpose.VERIFY_ADDRESS, user.id(), address);
 * tokens.send(new OutOfBandMessage(MessageKind.VERIFY_ADDRESS, address, "https://example.com/verify?token=" + token,
 *         null, tokens.lifetime(Purpose.VERIFY_ADDRESS), locale));
 * ...
 * Optional<Redeemed> used = tokens.use(Purpose.VERIFY_ADDRESS, tokenFromTheForm);   // from a POST, never a GET
 * }</pre>
 *
 * <p>Use a token only on a POST from a page (mail scanners open links with GET), and give that page
 * {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}.
 */
@ApplicationScoped
public class OneTimeTokens {

    @Inject
    RecoveryModule module;

    /** Whether recovery is on, so that tokens can be issued and sent. */
    public boolean isOn() {
        return module.tokens().isPresent();
    }

    /** How long a token of this purpose works. */
    public Duration lifetime(Purpose purpose) {
        return tokens().lifetime(purpose);
    }

    /**
     * Issues a token for a link, retiring the user's earlier ones of the purpose.
     *
     * @return the token, {@code <id>.<secret>} in {@code a-z2-7}, to put in a link; never log it
     * @throws dev.latchkey.core.SessionStoreException if the store fails
     */
    public String issueLink(Purpose purpose, String userId, String address) {
        return tokens().issueLink(purpose, userId, normalize(address));
    }

    /** Issues a code and its challenge, retiring the user's earlier tokens of the purpose. */
    public CodeChallenge issueCode(Purpose purpose, String userId, String address) {
        return tokens().issueCode(purpose, userId, normalize(address));
    }

    /**
     * What a link's token is for, if it is valid now — without using it (for the page a link opens).
     *
     * @param token anything a client sent, including {@code null}
     */
    public Optional<Redeemed> check(Purpose purpose, String token) {
        return tokens().peek(purpose, token);
    }

    /**
     * Uses a link's token: valid, of this purpose and not used before. Use it only on a POST.
     *
     * @param token anything a client sent, including {@code null}
     * @return what it was issued for; empty when it is not valid (or another request used it first)
     */
    public Optional<Redeemed> use(Purpose purpose, String token) {
        return tokens().take(purpose, token);
    }

    /**
     * Uses a code typed for a challenge. The attempt is counted before the code is checked.
     *
     * @param client the client's address (for the per-client limit), or {@code null}
     */
    public CodeResult useCode(Purpose purpose, String challenge, String code, String client) {
        return tokens().takeCode(purpose, challenge, code, client);
    }

    /**
     * Counts a message to be sent to {@code address} at a client's request, before anything else is done:
     * 3 per address, then waits doubling from a minute; 30 per client likewise.
     *
     * @return empty when it may be sent, or how long to wait (answer 429 with {@code Retry-After})
     */
    public Optional<Duration> reserveSend(String address, String client) {
        return tokens().reserveSend(normalize(address), client);
    }

    /** Retires the user's tokens of a purpose, or of all purposes when it is {@code null}. @return how many */
    public int retire(String userId, Purpose purpose) {
        return tokens().retire(userId, purpose);
    }

    /** Sends a message through the configured sender, on another thread. */
    public void send(OutOfBandMessage message) {
        tokens();
        module.send(message);
    }

    /**
     * Prepares a message and sends it, both on another thread: a request's answer and its timing then do not
     * depend on what the preparation finds (whether an account has the address).
     *
     * @param prepare looks up, issues a token, and says what to send, or nothing
     */
    public void sendLater(Supplier<Optional<OutOfBandMessage>> prepare) {
        tokens();
        module.later(() -> prepare.get().ifPresent(module::sendNow));
    }

    /** A challenge and its code, not stored yet: {@link #storeCode} stores it (on another thread, if need be). */
    public CodeChallenge prepareCode() {
        return tokens().blankChallenge();
    }

    /** Stores a prepared code for the user, retiring their earlier tokens of the purpose. */
    public void storeCode(CodeChallenge challenge, Purpose purpose, String userId, String address) {
        tokens().storeCode(challenge, purpose, userId, normalize(address));
    }

    /** The recovery settings. */
    public RecoverySettings settings() {
        return module.settings();
    }

    /** An e-mail address as Latchkey keeps and compares it: without surrounding space, in lower case. */
    public static String normalize(String address) {
        return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
    }

    private Tokens tokens() {
        return module.tokens().orElseThrow(() -> new IllegalStateException(
                "one-time tokens are off; set latchkey.recovery.enabled=true"));
    }
}
