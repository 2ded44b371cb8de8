package dev.latchkey.account;

import dev.latchkey.core.NewSession;
import dev.latchkey.oauth.OAuthReason;
import dev.latchkey.oauth.OAuthRefusal;
import dev.latchkey.oauth.OAuthUser;
import dev.latchkey.oauth.OAuthUsers;
import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.oauth.ProviderTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a provider identity is, with the built-in accounts, when the application has no
 * {@link OAuthUsers} of its own:
 * <ul>
 * <li>an identity linked to an account signs in to it (unless the account is disabled);</li>
 * <li>a new identity with a verified e-mail address gets a new account named by that address in lower
 *     case, without a password, linked to it — unless an account of that name exists: that is never
 *     merged silently ({@code LK-512}); its owner signs in and links the provider;</li>
 * <li>a new identity without a verified address is refused ({@code LK-507}).</li>
 * </ul>
 * A signed-in user links a provider to the account by starting a sign-in with {@code ?link}. The
 * tokens of providers with {@code keep-tokens} are kept sealed when {@code latchkey.accounts.token-key} is set.
 */
@ApplicationScoped
class AccountOAuthUsers implements OAuthUsers {

    @Inject
    AccountsModule module;

    @Override
    public Optional<OAuthUser> signIn(ProviderIdentity identity) {
        Optional<AccountStore> store = module.store();
        if (store.isEmpty()) {
            return Optional.empty();
        }
        if (!storable(identity)) {
            throw new OAuthRefusal(OAuthReason.OAUTH_IDENTITY_REFUSED);
        }
        AccountLinks links = module.links().orElseThrow();
        Optional<String> linked = links.account(identity.provider(), identity.subject());
        if (linked.isPresent()) {
            return user(store.get(), linked.get());
        }
        if (!identity.emailVerified() || identity.email() == null || !Accounts.validName(identity.email())) {
            throw new OAuthRefusal(OAuthReason.OAUTH_EMAIL_NOT_VERIFIED);
        }
        String name = identity.email().toLowerCase(Locale.ROOT);
        boolean created = !store.get().exists(name) && !store.get().exists(identity.email())
                && store.get().createWithoutPassword(name, module.newAccountGroups(),
                        em -> {
                            links.insert(em, identity.provider(), identity.subject(), identity.email(), name);
                            module.addresses().filter(a -> a.owner(name).isEmpty())
                                    .ifPresent(a -> a.setIn(em, name, name));
                        });
        if (created) {
            return user(store.get(), name);
        }
        // The account was there before, or a concurrent first sign-in of this identity has just
        // created it with its link (account and link are written in one transaction): ask again.
        Optional<String> now = links.account(identity.provider(), identity.subject());
        if (now.isEmpty()) {
            throw new OAuthRefusal(OAuthReason.OAUTH_LINK_REQUIRED);
        }
        return user(store.get(), now.get());
    }

    @Override
    public boolean link(ProviderIdentity identity, String userId) {
        return storable(identity) && NewSession.isValidUserId(userId) && module.store().isPresent()
                && module.store().get().exists(userId) && module.links().orElseThrow().link(identity.provider(),
                identity.subject(), Accounts.validName(identity.email()) ? identity.email() : null, userId);
    }

    /**
     * Whether the identity can be a row of the link table as it is: a subject of 1 to 255 characters of
     * text (OpenID Connect's own bound), never cut or changed — a longer one would be another identity.
     */
    private static boolean storable(ProviderIdentity identity) {
        return NewSession.isValidUserId(identity.subject());
    }

    @Override
    public boolean keepsTokens() {
        return module.tokens().isPresent();
    }

    @Override
    public void keepTokens(ProviderIdentity identity, String userId, ProviderTokens tokens) {
        module.tokens().orElseThrow().keep(userId, identity.provider(), tokens);
    }

    private static Optional<OAuthUser> user(AccountStore store, String name) {
        if (store.isDisabled(name)) {
            return Optional.empty();
        }
        return store.groups(name).map(groups -> new OAuthUser(name, groups));
    }
}
