package dev.latchkey.it.app;

import dev.latchkey.account.Accounts;
import dev.latchkey.oauth.OAuthUser;
import dev.latchkey.oauth.OAuthUsers;
import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.oauth.ProviderTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The application's own answer for its staff provider ({@code corp}): the user is {@code corp-<subject>},
 * an administrator when the provider says {@code role=admin}, and nobody whose subject starts with
 * {@code blocked}. Every other provider, linking and kept tokens are left to the built-in accounts.
 */
@ApplicationScoped
public class TestOAuthUsers implements OAuthUsers {

    @Inject
    Accounts accounts;

    @Override
    public Optional<OAuthUser> signIn(ProviderIdentity identity) {
        if (!identity.provider().equals("corp")) {
            return accounts.oauthUsers().signIn(identity);
        }
        if (identity.subject().startsWith("blocked")) {
            return Optional.empty();
        }
        Set<String> groups = new LinkedHashSet<>(Set.of("user"));
        if (identity.stringClaim("role").filter("admin"::equals).isPresent()) {
            groups.add("admin");
        }
        return Optional.of(new OAuthUser("corp-" + identity.subject(), groups));
    }

    @Override
    public boolean link(ProviderIdentity identity, String userId) {
        return accounts.oauthUsers().link(identity, userId);
    }

    @Override
    public boolean keepsTokens() {
        return accounts.oauthUsers().keepsTokens();
    }

    @Override
    public void keepTokens(ProviderIdentity identity, String userId, ProviderTokens tokens) {
        accounts.oauthUsers().keepTokens(identity, userId, tokens);
    }
}
