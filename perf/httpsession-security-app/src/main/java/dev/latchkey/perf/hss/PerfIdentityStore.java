package dev.latchkey.perf.hss;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * The load test's user for this application: {@code perf-user} with the password
 * {@code perf-password}, in the group {@code user} (as in the Latchkey application). No hashing:
 * sign-in speed is not what is measured.
 */
@ApplicationScoped
public class PerfIdentityStore implements IdentityStore {

    private static final String USER = "perf-user";
    private static final String PASSWORD = "perf-password";

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential given)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return given.compareTo(USER, PASSWORD) ? new CredentialValidationResult(USER, Set.of("user"))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
