package dev.latchkey.account;

import dev.latchkey.core.NewSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The identity store of the built-in accounts. Takes part in sign-ins only when
 * {@code latchkey.accounts.enabled=true}; otherwise it validates nothing and the application's own
 * identity stores decide alone.
 */
@ApplicationScoped
class AccountIdentityStore implements IdentityStore {

    @Inject
    AccountsModule module;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        Optional<AccountStore> store = module.store();
        if (store.isEmpty() || !(credential instanceof UsernamePasswordCredential password)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String name = password.getCaller();
        if (!NewSession.isValidUserId(name)) {
            return CredentialValidationResult.INVALID_RESULT; // no account has such a name
        }
        AccountStore.Check check = store.get().check(name, password.getPassword().getValue());
        if (check.valid() && !module.unverifiedSignIn() && !module.addressVerified(check.name())) {
            return CredentialValidationResult.INVALID_RESULT; // answered as a wrong password: nothing is told
        }
        // The caller is the account as stored, whatever spelling the database matched.
        return check.valid() ? new CredentialValidationResult(check.name(), check.groups())
                : CredentialValidationResult.INVALID_RESULT;
    }

    /**
     * Validates and provides groups (the container ignores groups from a store that only validates).
     * Asked before the application has started, so it cannot depend on the setting.
     */
    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        Optional<AccountStore> store = module.store();
        if (store.isEmpty() || validationResult.getCallerPrincipal() == null) {
            return Set.of();
        }
        return store.get().groups(validationResult.getCallerPrincipal().getName()).orElse(Set.of());
    }
}
