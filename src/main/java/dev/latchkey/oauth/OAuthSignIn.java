package dev.latchkey.oauth;

import java.time.Duration;
import java.util.List;

/**
 * Links that start a sign-in with a provider, for "Sign in with …" buttons: a plain {@code GET} of
 * {@code /latchkey/oauth/<name>} (inside the application) starts it, and the browser comes back to
 * {@code returnPath}. A signed-in user links another provider to the account with {@link #linkPath}.
 * Inject it; Latchkey provides the bean.
 *
 * <pre>{@code
 * @Inject OAuthSignIn oauth;
 *
 * for (String provider : oauth.providers()) {
 *     html.append("<a href=\"" + request.getContextPath() + oauth.signInPath(provider, "/account") + "\">" ...);
 * }
 * }</pre>
 */
public interface OAuthSignIn {

    /**
     * How recent a sign-in must be to link a provider to an account, or (with the built-in accounts) to
     * unlink one: a stolen session cookie must not add or remove a way in.
     */
    Duration LINK_MAX_AGE = Duration.ofMinutes(10);

    /** The names of the providers configured, in the order of the settings. */
    List<String> providers();

    /**
     * The path, inside the application, that signs in with {@code provider} and comes back to
     * {@code returnPath} (a path inside the application, without its context path; anything else comes
     * back to {@code /}).
     */
    String signInPath(String provider, String returnPath);

    /** The same with "remember me": a persistent cookie and the long idle timeout. */
    String signInRememberedPath(String provider, String returnPath);

    /** The path that links {@code provider} to the signed-in user's account, then comes back to {@code returnPath}. */
    String linkPath(String provider, String returnPath);
}
