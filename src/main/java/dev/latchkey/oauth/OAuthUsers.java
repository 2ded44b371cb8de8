package dev.latchkey.oauth;

import java.util.Optional;

/**
 * The application's answer to "who is this?" after a provider signed someone in. Implement it as a
 * CDI bean; with the built-in accounts switched on and no such bean, Latchkey answers itself (an
 * account linked to the identity, a new account for a new identity, never a silent merge with an
 * account that merely has the same e-mail address).
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Users implements OAuthUsers {
 *     public Optional<OAuthUser> signIn(ProviderIdentity identity) {
 *         return userTable.findByLink(identity.provider(), identity.subject())
 *                 .map(user -> new OAuthUser(user.id(), user.roles()));
 *     }
 * }
 * }</pre>
 */
public interface OAuthUsers {

    /**
     * The user to sign in as, or empty to refuse ({@code LK-508}).
     *
     * @param identity what the provider said, already checked (state, PKCE, ID token or API)
     */
    Optional<OAuthUser> signIn(ProviderIdentity identity);

    /**
     * Links the identity to the signed-in user {@code userId}, who started the flow to link it. By
     * default linking is refused.
     *
     * @return whether it is linked now
     */
    default boolean link(ProviderIdentity identity, String userId) {
        return false;
    }

    /**
     * Whether this keeps provider tokens ({@link #keepTokens}). A provider with
     * {@code latchkey.oauth.<name>.keep-tokens=true} stops the deployment unless it does.
     */
    default boolean keepsTokens() {
        return false;
    }

    /**
     * Keeps the tokens a provider with {@code keep-tokens} handed out at a sign-in or link of
     * {@code userId}, replacing any kept before. Keep them encrypted: they act for the user at the
     * provider. The built-in accounts do (AES-GCM, {@code latchkey.accounts.token-key}).
     */
    default void keepTokens(ProviderIdentity identity, String userId, ProviderTokens tokens) {
        throw new UnsupportedOperationException("this OAuthUsers keeps no provider tokens");
    }
}
