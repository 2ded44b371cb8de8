package dev.latchkey.account;

import dev.latchkey.core.Latchkey;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The built-in accounts wired by hand, outside a container, over stores a test opened itself: the
 * module, {@link Accounts} (for an anonymous caller), the provider hook and the identity store, as
 * CDI wires them in an application.
 */
final class HandWiredAccounts {

    final AccountsModule module;
    final Accounts accounts = new Accounts();
    final AccountOAuthUsers oauth = new AccountOAuthUsers();
    final AccountIdentityStore identityStore = new AccountIdentityStore();

    /**
     * @param tokens the sealed provider tokens, asked for on every use (a test may open them later), or {@code null}
     */
    HandWiredAccounts(AccountStore store, AccountLinks links, Supplier<AccountTokens> tokens, Latchkey latchkey) {
        module = new AccountsModule() {
            @Override
            Optional<AccountStore> store() {
                return Optional.of(store);
            }

            @Override
            Optional<AccountLinks> links() {
                return Optional.of(links);
            }

            @Override
            Optional<AccountTokens> tokens() {
                return Optional.ofNullable(tokens.get());
            }
        };
        oauth.module = module;
        accounts.module = module;
        accounts.latchkey = latchkey;
        accounts.oauthUsers = oauth;
        accounts.user = new TestUser(null);
        identityStore.module = module;
    }
}
