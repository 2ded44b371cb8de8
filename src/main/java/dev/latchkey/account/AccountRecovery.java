package dev.latchkey.account;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.core.Latchkey;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.recovery.CodeChallenge;
import dev.latchkey.recovery.CodeResult;
import dev.latchkey.recovery.MessageKind;
import dev.latchkey.recovery.OneTimeTokens;
import dev.latchkey.recovery.OutOfBandMessage;
import dev.latchkey.recovery.Purpose;
import dev.latchkey.recovery.RecoveryMessage;
import dev.latchkey.recovery.RecoverySettings;
import dev.latchkey.recovery.Redeemed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A way back in for the built-in accounts: e-mail addresses verified by a link, a new password by a link when
 * the old one is lost, a first password for an account made by a provider, and sign-in by a link or a code.
 * Latchkey's own pages under {@code /latchkey/recovery/} use these methods; an application with pages of its
 * own calls them from its servlets. Needs {@code latchkey.recovery.enabled=true} (sign-in by link or code also
 * {@code latchkey.recovery.sign-in}); every method throws {@link IllegalStateException} while it is off.
 *
 * <p>Methods that send answer at once and do the rest on another thread, so that neither the answer nor its
 * timing says whether an account has the address. Methods that use a token belong on a POST (a mail scanner
 * opens links with GET) that passed the origin rules of a sign-in; Latchkey's pages do both.
 */
@ApplicationScoped
public class AccountRecovery {

    /** How recent a sign-in must be to change the address or set a first password. */
    public static final Duration RECENT = Duration.ofMinutes(10);

    @Inject
    AccountsModule module;

    @Inject
    OneTimeTokens tokens;

    @Inject
    Accounts accounts;

    @Inject
    CurrentUser user;

    @Inject
    Latchkey latchkey;

    @Inject
    HttpServletRequest request;

    @Inject
    Provider<ServletSessions> sessions;

    /** Whether the pages and methods work: recovery and the built-in accounts are on. */
    public boolean isOn() {
        return tokens.isOn() && module.store().isPresent() && module.addresses().isPresent();
    }

    /** Whether verification, reset and first passwords are on ({@code latchkey.recovery.enabled}). */
    public boolean recoveryEnabled() {
        return isOn() && tokens.settings().enabled();
    }

    /** Whether a sign-in by link may be asked for. */
    public boolean signInByLink() {
        return isOn() && tokens.settings().signIn().contains(RecoverySettings.SignInBy.LINK);
    }

    /** Whether a sign-in by code may be asked for. */
    public boolean signInByCode() {
        return isOn() && tokens.settings().signIn().contains(RecoverySettings.SignInBy.CODE);
    }

    /**
     * Creates an account with an e-mail address, not yet verified, and sends the link that verifies it.
     * As {@link Accounts#register}, with {@code ADDRESS_INVALID} and {@code ADDRESS_TAKEN} besides.
     */
    public Accounts.Registration register(String name, String address, char[] password, Set<String> groups) {
        String normalized = OneTimeTokens.normalize(address);
        if (!RecoveryLinks.isAddress(normalized)) {
            return Accounts.Registration.ADDRESS_INVALID;
        }
        if (addresses().owner(normalized).isPresent()) {
            return Accounts.Registration.ADDRESS_TAKEN;
        }
        Accounts.Registration registration = accounts.register(name, password, groups);
        if (registration != Accounts.Registration.CREATED) {
            return registration;
        }
        if (!addresses().set(name, normalized, false)) {
            accounts.delete(name);
            return Accounts.Registration.ADDRESS_TAKEN;
        }
        sendLink(MessageKind.VERIFY_ADDRESS, name, normalized);
        return registration;
    }

    /** The signed-in user's address (verified or not: {@link #isAddressVerified}); empty when none or nobody is signed in. */
    public Optional<String> address() {
        return user.isSignedIn() ? addresses().of(user.id()).map(AccountAddresses.Address::address) : Optional.empty();
    }

    /** Whether the account's address is verified. */
    public boolean isAddressVerified(String name) {
        return module.addressVerified(name);
    }

    /** Sends the signed-in user the link that verifies their address again (the earlier link stops working). */
    public RecoveryOutcome sendVerification() {
        Optional<AccountAddresses.Address> current = user.isSignedIn() ? addresses().of(user.id()) : Optional.empty();
        if (current.isEmpty() || current.get().verified()) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.NOT_ALLOWED);
        }
        Optional<Duration> wait = tokens.reserveSend(current.get().address(), client());
        if (wait.isPresent()) {
            return RecoveryOutcome.throttled(wait.get());
        }
        sendLink(MessageKind.VERIFY_ADDRESS, user.id(), current.get().address());
        return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
    }

    /**
     * Starts a change of the signed-in user's address: the link goes to the new address, which replaces the
     * old one only when it is opened; the old address is then told. Needs a sign-in within {@link #RECENT}.
     *
     * @throws dev.latchkey.core.RecentSignInRequiredException when the sign-in is older (Latchkey answers it)
     */
    public RecoveryOutcome changeAddress(String address) {
        if (!user.isSignedIn()) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.NOT_ALLOWED);
        }
        user.requireSignInWithin(RECENT);
        String normalized = OneTimeTokens.normalize(address);
        if (!RecoveryLinks.isAddress(normalized)) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.ADDRESS_INVALID);
        }
        if (addresses().owner(normalized).filter(owner -> !owner.equals(user.id())).isPresent()) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.ADDRESS_TAKEN);
        }
        Optional<Duration> wait = tokens.reserveSend(normalized, client());
        if (wait.isPresent()) {
            return RecoveryOutcome.throttled(wait.get());
        }
        sendLink(MessageKind.VERIFY_ADDRESS, user.id(), normalized);
        return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
    }

    /** Verifies an address with the token of its link: the address becomes the account's, verified. */
    public RecoveryOutcome verifyAddress(String token) {
        Optional<Redeemed> used = tokens.use(Purpose.VERIFY_ADDRESS, token);
        if (used.isEmpty()) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.INVALID);
        }
        String name = used.get().userId();
        Optional<AccountAddresses.Address> before = addresses().of(name);
        if (before.filter(b -> b.address().equals(used.get().address())).isPresent()) {
            addresses().markVerified(name, used.get().address());
            return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
        }
        if (!accounts.exists(name)) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.INVALID);
        }
        if (!addresses().set(name, used.get().address(), true)) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.ADDRESS_TAKEN);
        }
        before.ifPresent(old -> tokens.send(message(MessageKind.ADDRESS_CHANGED, old.address(), null)));
        return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
    }

    /**
     * Asks for a link that sets a new password, sent to {@code address} if an account has it (verified or not:
     * the link proves it). The same answer, at the same speed, whether or not one does.
     */
    public RecoveryOutcome requestPasswordReset(String address) {
        String normalized = OneTimeTokens.normalize(address);
        if (!RecoveryLinks.isAddress(normalized)) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.ADDRESS_INVALID);
        }
        Optional<Duration> wait = tokens.reserveSend(normalized, client());
        if (wait.isPresent()) {
            return RecoveryOutcome.throttled(wait.get());
        }
        String base = links().base(request);
        Locale locale = request.getLocale();
        tokens.sendLater(() -> addresses().owner(normalized).filter(name -> !accounts.isDisabled(name))
                .map(name -> message(MessageKind.RESET_PASSWORD, normalized, links().link(base, MessageKind.RESET_PASSWORD,
                        tokens.issueLink(Purpose.RESET_PASSWORD, name, normalized)), locale)));
        return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
    }

    /** Whether a link's token is valid now, without using it (for the page the link opens). */
    public boolean isValid(Purpose purpose, String token) {
        return tokens.check(purpose, token).isPresent();
    }

    /**
     * Sets a new password with the token of a reset link, without the old one: the password rules apply
     * first (the token stays usable when they refuse), then every session of the account ends, the address
     * counts as verified, the address is told, and — with {@code latchkey.recovery.sign-in-after-reset}, the
     * default — the user is signed in with a new session.
     */
    public RecoveryOutcome resetPassword(HttpServletResponse response, String token, char[] password) {
        Optional<Redeemed> valid = tokens.check(Purpose.RESET_PASSWORD, token);
        if (valid.isEmpty()) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.INVALID);
        }
        Optional<PasswordRefusal> refusal = accounts.checkPassword(valid.get().userId(), password);
        if (refusal.isPresent()) {
            return new RecoveryOutcome(RecoveryOutcome.Result.PASSWORD_INVALID, null, refusal.get(), null);
        }
        Optional<Redeemed> used = tokens.use(Purpose.RESET_PASSWORD, token);
        if (used.isEmpty() || !accounts.exists(used.get().userId()) || accounts.isDisabled(used.get().userId())) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.INVALID);
        }
        String name = used.get().userId();
        accounts.store().setPassword(name, password);
        addresses().markVerified(name, used.get().address());
        latchkey.invalidateUserSessions(name);
        tokens.send(message(MessageKind.PASSWORD_RESET, used.get().address(), null));
        if (tokens.settings().signInAfterReset()) {
            signIn(response, name, false);
        }
        return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
    }

    /**
     * Gives an account made by a provider its first password: the user is signed in, within {@link #RECENT},
     * and the account has no password yet. (Without a recent sign-in, a reset link to the account's address
     * sets it too.)
     *
     * @throws dev.latchkey.core.RecentSignInRequiredException when the sign-in is older (Latchkey answers it)
     */
    public RecoveryOutcome setFirstPassword(char[] password) {
        if (!user.isSignedIn()) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.NOT_ALLOWED);
        }
        user.requireSignInWithin(RECENT);
        if (accounts.store().hasPassword(user.id())) {
            return RecoveryOutcome.of(RecoveryOutcome.Result.NOT_ALLOWED);
        }
        Optional<PasswordRefusal> refusal = accounts.checkPassword(user.id(), password);
        if (refusal.isPresent()) {
            return new RecoveryOutcome(RecoveryOutcome.Result.PASSWORD_INVALID, null, refusal.get(), null);
        }
        accounts.store().setPassword(user.id(), password);
        return RecoveryOutcome.of(RecoveryOutcome.Result.DONE);
    }

    void signIn(HttpServletResponse response, String name, boolean rememberMe) {
        Set<String> groups = accounts.store().groups(name).orElse(Set.of());
        sessions.get().signIn(request, response, name, groups, rememberMe);
    }

    private void sendLink(MessageKind kind, String name, String address) {
        String base = links().base(request);
        String token = tokens.issueLink(kind.purpose(), name, address);
        tokens.send(message(kind, address, links().link(base, kind, token)));
    }

    private OutOfBandMessage message(MessageKind kind, String address, String link) {
        return message(kind, address, link, request.getLocale());
    }

    OutOfBandMessage message(MessageKind kind, String address, String link, Locale locale) {
        Duration valid = kind.purpose() == null ? Duration.ZERO : tokens.lifetime(kind.purpose());
        return new OutOfBandMessage(kind, address, link, null, valid, locale);
    }

    void requireSignIn(String by) {
        if (by.equals("link") ? !signInByLink() : !signInByCode()) {
            throw new IllegalStateException("sign-in by " + by + " is off; set latchkey.recovery.sign-in=" + by);
        }
    }

    String client() {
        return sessions.get().clientAddress(request);
    }

    RecoveryLinks links() {
        return new RecoveryLinks(sessions.get(), tokens.settings().baseUrl());
    }

    AccountAddresses addresses() {
        accounts.store();
        return module.addresses().orElseThrow(() -> new IllegalStateException(
                "recovery is off; set latchkey.recovery.enabled=true"));
    }
}
