package dev.latchkey.account;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.LatchkeyRuntime;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    /** Shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** Longest password accepted, in characters. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    /** The outcome of {@link #register}. */
    public enum Registration {
        /** The account was created. */
        CREATED,
        /** An account of this name exists. */
        NAME_TAKEN,
        /** The name is empty, longer than 255 characters or contains control characters. */
        NAME_INVALID,
        /** The password is shorter than {@value #MIN_PASSWORD_LENGTH} or longer than {@value #MAX_PASSWORD_LENGTH} characters. */
        PASSWORD_INVALID
    }

    /** The outcome of {@link #changePassword}. */
    public enum PasswordChange {
        /** Changed; every other session of the user was signed out. */
        CHANGED,
        /** The current password was wrong, or nobody is signed in. */
        WRONG_PASSWORD,
        /** The new password is not acceptable. */
        PASSWORD_INVALID
    }

    @Inject
    LatchkeyRuntime runtime;

    @Inject
    CurrentUser user;

    @Inject
    Latchkey latchkey;

    /** Creates an account. */
    public Registration register(String name, char[] password, Set<String> groups) {
        if (!validName(name)) {
            return Registration.NAME_INVALID;
        }
        if (!validPassword(password)) {
            return Registration.PASSWORD_INVALID;
        }
        return store().create(name, password, groups) ? Registration.CREATED : Registration.NAME_TAKEN;
    }

    /**
     * Changes the signed-in user's password after checking the current one, then signs out every
     * other session of the user (this one stays).
     */
    public PasswordChange changePassword(char[] current, char[] replacement) {
        if (!user.isSignedIn() || !store().check(user.id(), current).valid()) {
            return PasswordChange.WRONG_PASSWORD;
        }
        if (!validPassword(replacement)) {
            return PasswordChange.PASSWORD_INVALID;
        }
        store().setPassword(user.id(), replacement);
        latchkey.invalidateOtherSessions(user.id(), user.session().map(Session::id).orElseThrow());
        return PasswordChange.CHANGED;
    }

    /** Replaces a user's groups (they apply to sessions created from now on). @return false when there is no such account */
    public boolean setGroups(String name, Set<String> groups) {
        return validName(name) && store().setGroups(name, groups);
    }

    /** Whether an account of this name exists. */
    public boolean exists(String name) {
        return validName(name) && store().exists(name);
    }

    AccountStore store() {
        return runtime.accountStore().orElseThrow(() -> new IllegalStateException(
                "Latchkey: the built-in account store is off; set latchkey.accounts.enabled=true"));
    }

    private static boolean validName(String name) {
        return name != null && !name.isBlank() && name.length() <= 255 && name.chars().noneMatch(Character::isISOControl);
    }

    private static boolean validPassword(char[] password) {
        return password != null && password.length >= MIN_PASSWORD_LENGTH && password.length <= MAX_PASSWORD_LENGTH;
    }
}
