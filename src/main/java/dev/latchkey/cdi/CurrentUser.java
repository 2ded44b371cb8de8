package dev.latchkey.cdi;

import dev.latchkey.core.RecentSignInRequiredException;
import dev.latchkey.core.Session;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who is making the current request. Inject it anywhere: it is never {@code null}; when nobody is
 * signed in it is an anonymous user ({@link #isSignedIn()} false, no groups, no session).
 *
 * <pre>{@code
 * @Inject CurrentUser user;
 *
 * if (user.isSignedIn() && user.isInGroup("admin")) { ... }
 * }</pre>
 *
 * <p>The session is validated once per request, however many components ask.
 */
public interface CurrentUser {

    /** Whether a valid session (cookie or bearer token) came with the request. */
    boolean isSignedIn();

    /**
     * The user's id, as the identity store named the caller at sign-in.
     *
     * @throws IllegalStateException when nobody is signed in
     */
    String id();

    /**
     * The name the container knows the caller by ({@code getUserPrincipal().getName()}); the same as
     * {@link #id()}.
     *
     * @throws IllegalStateException when nobody is signed in
     */
    String name();

    /** The caller's groups; empty when nobody is signed in. */
    Set<String> groups();

    /** Whether the caller is in {@code group}. */
    boolean isInGroup(String group);

    /** The session's metadata (never its token); empty when nobody is signed in. */
    Optional<Session> session();

    /** When the user last presented a credential, for "signed in recently" checks. */
    Optional<Instant> authenticatedAt();

    /**
     * Whether the user is signed in and presented a credential (at sign-in, or by
     * {@link UserSessions#reauthenticate}) within {@code maxAge}, by Latchkey's clock.
     */
    boolean signedInWithin(Duration maxAge);

    /**
     * Does nothing when {@link #signedInWithin} {@code maxAge}; otherwise throws the exception Latchkey
     * answers with 401 or the login page ({@code LK-205}): the programmatic form of {@link RecentSignIn}.
     *
     * @throws RecentSignInRequiredException when the sign-in is older, or nobody is signed in
     */
    default void requireSignInWithin(Duration maxAge) {
        if (!signedInWithin(maxAge)) {
            throw new RecentSignInRequiredException(maxAge);
        }
    }

    /**
     * Whether the signed-in user's e-mail address is verified, as an {@link AddressVerification} bean says (the
     * built-in accounts' with {@code latchkey.recovery.enabled=true}); false when nobody is signed in or none
     * knows the user. Asks the store each time it is called.
     */
    default boolean isAddressVerified() {
        if (!isSignedIn()) {
            return false;
        }
        for (AddressVerification verification : CDI.current().select(AddressVerification.class)) {
            if (verification.isVerified(id())) {
                return true;
            }
        }
        return false;
    }
}
