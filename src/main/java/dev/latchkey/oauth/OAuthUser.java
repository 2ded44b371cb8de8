package dev.latchkey.oauth;

import java.util.Objects;
import java.util.Set;

/**
 * The user a provider identity signs in as: the session is created for {@code userId} with
 * {@code groups}, exactly as after a password sign-in.
 *
 * @param userId the application's user id
 * @param groups the user's groups (roles)
 */
public record OAuthUser(String userId, Set<String> groups) {

    /** Copies the groups. */
    public OAuthUser {
        Objects.requireNonNull(userId, "userId");
        groups = Set.copyOf(groups == null ? Set.of() : groups);
    }
}
