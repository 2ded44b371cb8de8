package dev.latchkey.oauth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Links that start a sign-in with a provider, for "Sign in with …" buttons: a plain {@code GET} of
 * {@code /latchkey/oauth/<name>} (inside the application) starts it, and the browser comes back to
 * {@code returnPath}. A signed-in user links another provider to the account with {@link #linkPath}.
 *
 * <pre>{@code
 * @Inject OAuthSignIn oauth;
 *
 * for (String provider : oauth.providers()) {
 *     html.append("<a href=\"" + request.getContextPath() + oauth.signInPath(provider, "/account") + "\">" ...);
 * }
 * }</pre>
 */
@ApplicationScoped
public class OAuthSignIn {

    /**
     * How recent a sign-in must be to link a provider to an account, or (with the built-in accounts) to
     * unlink one: a stolen session cookie must not add or remove a way in.
     */
    public static final Duration LINK_MAX_AGE = Duration.ofMinutes(10);

    @Inject
    OAuthModule module;

    /** The names of the providers configured, in the order of the settings. */
    public List<String> providers() {
        return module.providers().stream().map(OAuthProvider::name).toList();
    }

    /**
     * The path, inside the application, that signs in with {@code provider} and comes back to
     * {@code returnPath} (a path inside the application; anything else comes back to {@code /}).
     */
    public String signInPath(String provider, String returnPath) {
        return path(provider, returnPath, "");
    }

    /** The same with "remember me": a persistent cookie and the long idle timeout. */
    public String signInRememberedPath(String provider, String returnPath) {
        return path(provider, returnPath, "&remember");
    }

    /** The path that links {@code provider} to the signed-in user's account, then comes back to {@code returnPath}. */
    public String linkPath(String provider, String returnPath) {
        return path(provider, returnPath, "&link");
    }

    private static String path(String provider, String returnPath, String flag) {
        return OAuthFlow.START_PREFIX + URLEncoder.encode(provider, StandardCharsets.UTF_8) + "?return="
                + URLEncoder.encode(ReturnPath.check(returnPath), StandardCharsets.UTF_8) + flag;
    }
}
