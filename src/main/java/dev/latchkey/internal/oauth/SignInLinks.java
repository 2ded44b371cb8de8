package dev.latchkey.internal.oauth;

import dev.latchkey.internal.web.ReturnPath;
import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthSignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bean behind {@link OAuthSignIn}: the providers the module set up, and paths to their starts. */
@ApplicationScoped
class SignInLinks implements OAuthSignIn {

    @Inject
    OAuthModule module;

    @Override
    public List<String> providers() {
        return module.providers().stream().map(OAuthProvider::name).toList();
    }

    @Override
    public String signInPath(String provider, String returnPath) {
        return path(provider, returnPath, "");
    }

    @Override
    public String signInRememberedPath(String provider, String returnPath) {
        return path(provider, returnPath, "&remember");
    }

    @Override
    public String linkPath(String provider, String returnPath) {
        return path(provider, returnPath, "&link");
    }

    private static String path(String provider, String returnPath, String flag) {
        return OAuthFlow.START_PREFIX + URLEncoder.encode(provider, StandardCharsets.UTF_8) + "?return="
                + URLEncoder.encode(ReturnPath.check(returnPath), StandardCharsets.UTF_8) + flag;
    }
}
