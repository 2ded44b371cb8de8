package dev.latchkey.perf.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The load test's users: {@code perf-user} and {@code perf-user-1}, {@code perf-user-2}, ... with the
 * password {@code perf-password}, all in the group {@code user}. No hashing: sign-in speed is not
 * what is measured.
 */
@ApplicationScoped
public class PerfIdentityStore implements IdentityStore {

    static final String PASSWORD = "perf-password";
    private static final Pattern NAME = Pattern.compile("perf-user(-[0-9]{1,6})?");

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential given)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        boolean valid = given.getCaller() != null && NAME.matcher(given.getCaller()).matches()
                && PASSWORD.equals(given.getPasswordAsString());
        return valid ? new CredentialValidationResult(given.getCaller(), Set.of("user"))
                : CredentialValidationResult.INVALID_RESULT;
    }

    /** The credential of a sign-in form. */
    static UsernamePasswordCredential credential(HttpServletRequest request) {
        String name = request.getParameter("username");
        String password = request.getParameter("password");
        return new UsernamePasswordCredential(name == null ? "" : name, new Password(password == null ? "" : password));
    }
}
