package dev.latchkey.account;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.UserSessions;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.RecentSignInRequiredException;
import dev.latchkey.oauth.OAuthSignIn;
import dev.latchkey.oauth.OAuthUsers;
import dev.latchkey.oauth.ProviderTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in account store, for applications that have no users table yet. Switched on with
 * {@code latchkey.accounts.enabled=true}; it then also serves as an identity store, so
 * {@code SecurityContext.authenticate(...)} with a {@code UsernamePasswordCredential} checks these
 * accounts. Applications with their own {@code IdentityStore} leave it off and are unaffected.
 *
 * <pre>{@code
 * @Inject Accounts accounts;
 *
 * if (accounts.register(name, password, Set.of("user")) == Accounts.Registration.CREATED) { ... }
 * }</pre>
 *
 * <p>Every method taking input from a form answers with a result, never an exception.
 */
@ApplicationScoped
public class Accounts {

    /** Shortest password accepted by default ({@code latchkey.password.min-length}), in characters. */
    public static final int MIN_PASSWORD_LENGTH = PasswordRules.DEFAULT_MIN_LENGTH;
    /** Longest password accepted, in characters (Unicode code points). */
    public static final int MAX_PASSWORD_LENGTH = PasswordRules.MAX_LENGTH;

    /** The outcome of {@link #register}. */
    public enum Registration {
        /** The account was created. */
        CREATED,
        /** An account of this name exists. */
        NAME_TAKEN,
        /**
         * The name is empty, longer than 255 characters, begins or ends with white space, or holds a
         * control character or an unpaired surrogate.
         */
        NAME_INVALID,
        /** The password breaks a rule: {@link #checkPassword} says which. */
        PASSWORD_INVALID,
        /** The e-mail address is not one ({@link AccountRecovery#register}). */
        ADDRESS_INVALID,
        /** Another account has the e-mail address ({@link AccountRecovery#register}). */
        ADDRESS_TAKEN
    }

    /** The outcome of {@link #changePassword}. */
    public enum PasswordChange {
        /** Changed; every other session of the user was signed out. */
        CHANGED,
        /** The current password was wrong, or nobody is signed in. */
        WRONG_PASSWORD,
        /**
         * Too many wrong passwords: the current one was not even checked. {@code UserSessions.lastRefusal()}
         * says how long to wait (answer 429 with {@code Retry-After}).
         */
        THROTTLED,
        /** The new password breaks a rule: {@link #checkPassword} says which. */
        PASSWORD_INVALID
    }

    @Inject
    AccountsModule module;

    @Inject
    CurrentUser user;

    @Inject
    Latchkey latchkey;

    @Inject
    UserSessions userSessions;

    @Inject
    AccountOAuthUsers oauthUsers;

    @Inject
    @Any
    Instance<PasswordPolicy> policies;

    /**
     * Creates an account. Two registrations of one name at once, on one node or several, give one
     * {@code CREATED} and one {@code NAME_TAKEN}.
     *
     * @throws IllegalArgumentException when a group name is not acceptable ({@link NewSession#checkGroups}):
     *         groups are the application's choice, not the user's
     */
    public Registration register(String name, char[] password, Set<String> groups) {
        Set<String> checkedGroups = NewSession.checkGroups(groups == null ? Set.of() : groups);
        if (!validName(name)) {
            return Registration.NAME_INVALID;
        }
        if (checkPassword(name, password).isPresent()) {
            return Registration.PASSWORD_INVALID;
        }
        return store().create(name, password, checkedGroups) ? Registration.CREATED : Registration.NAME_TAKEN;
    }

    /**
     * Changes the signed-in user's password after checking the current one — as a re-authentication,
     * throttled like a sign-in — then signs out every other session of the user; this one stays and
     * counts as a sign-in now.
     */
    public PasswordChange changePassword(char[] current, char[] replacement) {
        if (!user.isSignedIn()) {
            return PasswordChange.WRONG_PASSWORD;
        }
        if (!userSessions.reauthenticate(new UsernamePasswordCredential(user.id(), new Password(current)))) {
            return userSessions.lastRefusal().filter(refusal -> refusal.reason() == Reason.SIGN_IN_THROTTLED).isPresent()
                    ? PasswordChange.THROTTLED : PasswordChange.WRONG_PASSWORD;
        }
        if (checkPassword(user.id(), replacement).isPresent()) {
            return PasswordChange.PASSWORD_INVALID;
        }
        store().setPassword(user.id(), replacement);
        userSessions.passwordChanged();
        return PasswordChange.CHANGED;
    }

    /**
     * Replaces a user's groups, on the account and at once on every session the user has: a demoted
     * administrator loses the role on the next request.
     *
     * @return false when there is no such account
     * @throws IllegalArgumentException when a group name is not acceptable ({@link NewSession#checkGroups})
     */
    public boolean setGroups(String name, Set<String> groups) {
        Set<String> checked = NewSession.checkGroups(groups);
        Optional<String> stored = storedName(name);
        if (stored.isEmpty() || !store().setGroups(stored.get(), checked)) {
            return false;
        }
        latchkey.updateUserGroups(stored.get(), checked);
        return true;
    }

    /**
     * Disables an account: it can no longer sign in (a sign-in answers as for a wrong password, in
     * the same time) and every session it has ends now.
     *
     * @return false when there is no such account
     */
    public boolean disable(String name) {
        Optional<String> stored = storedName(name);
        if (stored.isEmpty() || !store().setDisabled(stored.get(), true)) {
            return false;
        }
        latchkey.invalidateUserSessions(stored.get());
        return true;
    }

    /** Lets a disabled account sign in again. @return false when there is no such account */
    public boolean enable(String name) {
        return storedName(name).map(stored -> store().setDisabled(stored, false)).orElse(false);
    }

    /** Whether an account of this name exists and is disabled. */
    public boolean isDisabled(String name) {
        return storedName(name).map(stored -> store().isDisabled(stored)).orElse(false);
    }

    /**
     * Deletes an account and ends every session it has.
     *
     * @return false when there is no such account
     */
    public boolean delete(String name) {
        Optional<String> stored = storedName(name);
        if (stored.isEmpty() || !store().delete(stored.get())) {
            return false;
        }
        module.links().ifPresent(links -> links.unlinkAll(stored.get()));
        module.tokens().ifPresent(tokens -> tokens.forget(stored.get(), null));
        latchkey.invalidateUserSessions(stored.get());
        return true;
    }

    /**
     * A provider identity linked to an account.
     *
     * @param provider the provider's name, such as {@code github}
     * @param subject  the provider's id for the person
     * @param email    the e-mail address the provider gave when it was linked, or {@code null}
     * @param linkedAt when it was linked
     */
    public record LinkedProvider(String provider, String subject, String email, Instant linkedAt) {
    }

    /** The providers linked to the signed-in user's account, by name; empty when nobody is signed in. */
    public List<LinkedProvider> linkedProviders() {
        if (!user.isSignedIn()) {
            return List.of();
        }
        store();
        return module.links().orElseThrow().of(user.id()).stream()
                .map(l -> new LinkedProvider(l.provider(), l.subject(), l.email(), l.linkedAt())).toList();
    }

    /**
     * Unlinks a provider from the signed-in user's account, as linking does only after a recent
     * sign-in ({@link OAuthSignIn#LINK_MAX_AGE}): a stolen session must not change the ways in. The last
     * way to sign in is never removed — an account without a password keeps its last provider — however
     * many unlinks run at once. Tokens kept for the provider go with the link.
     *
     * @return whether it was unlinked
     * @throws RecentSignInRequiredException when the sign-in is older (Latchkey answers it: 401 or the login page)
     */
    public boolean unlinkProvider(String provider) {
        if (!user.isSignedIn()) {
            return false;
        }
        user.requireSignInWithin(OAuthSignIn.LINK_MAX_AGE);
        store();
        if (!module.links().orElseThrow().unlinkUnlessLast(user.id(), provider)) {
            return false;
        }
        module.tokens().ifPresent(tokens -> tokens.forget(user.id(), provider));
        return true;
    }

    /**
     * The tokens a provider with {@code latchkey.oauth.<name>.keep-tokens=true} handed out at the
     * signed-in user's last sign-in or link with it, to call its API; empty when nobody is signed in,
     * none are kept, or they were sealed with another {@code latchkey.accounts.token-key}. Latchkey
     * does not refresh them.
     */
    public Optional<ProviderTokens> providerTokens(String provider) {
        if (!user.isSignedIn()) {
            return Optional.empty();
        }
        return module.tokens().flatMap(tokens -> tokens.of(user.id(), provider));
    }

    /**
     * The accounts' answer to who a provider identity is (linked identities,
     * new accounts for new verified addresses, no silent merge). An {@link OAuthUsers} of the
     * application's own that decides some providers itself hands the others to this one.
     */
    public OAuthUsers oauthUsers() {
        return oauthUsers;
    }

    /**
     * Why a new password would be refused for the account {@code name}, or empty when it is accepted:
     * Latchkey's rules (length from {@code latchkey.password.min-length} to {@value #MAX_PASSWORD_LENGTH}
     * characters of any kind, not one of the common passwords shipped in the jar, not the name), then
     * the application's {@link PasswordPolicy} beans. For a form that says what to change; never
     * contains the password.
     */
    public Optional<PasswordRefusal> checkPassword(String name, char[] password) {
        Optional<PasswordRefusal> refusal = module.passwordRules().check(name, password);
        if (refusal.isPresent() || policies == null) {
            return refusal;
        }
        for (PasswordPolicy policy : policies) {
            Optional<PasswordRefusal> theirs = policy.check(name, password);
            if (theirs.isPresent()) {
                return theirs;
            }
        }
        return Optional.empty();
    }

    /** How many accounts there are (an application may make the first one its administrator). */
    public long count() {
        return store().count();
    }

    /** Whether an account of this name exists. */
    public boolean exists(String name) {
        return storedName(name).isPresent();
    }

    /** The name as stored of the account {@code name} matches, if any. */
    private Optional<String> storedName(String name) {
        return NewSession.isValidUserId(name) ? store().storedName(name) : Optional.empty();
    }

    AccountStore store() {
        return module.store().orElseThrow(() -> new IllegalStateException(
                "the built-in account store is off; set latchkey.accounts.enabled=true"));
    }

    /** A name for a new account: a valid user id without white space at either end. */
    static boolean validName(String name) {
        return NewSession.isValidUserId(name) && name.strip().equals(name);
    }
}
