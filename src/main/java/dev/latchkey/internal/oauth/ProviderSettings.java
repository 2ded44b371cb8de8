package dev.latchkey.internal.oauth;

import dev.latchkey.internal.cdi.LatchkeyDeployment;
import dev.latchkey.oauth.OAuthProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The providers of the settings: every {@code latchkey.oauth.<name>.<key>} names one. A key Latchkey
 * does not know stops the deployment, so that a typo is not silently ignored.
 */
final class ProviderSettings {

    private static final String PREFIX = "latchkey.oauth.";
    private static final Set<String> KEYS = Set.of("kind", "client-id", "client-secret", "issuer", "scopes",
            "callback-path", "redirect-uri", "authorization-endpoint", "token-endpoint", "api-url", "keep-tokens");

    private ProviderSettings() {
    }

    static List<OAuthProvider> read(LatchkeyDeployment deployment) {
        return read(deployment.keysStartingWith(PREFIX), deployment::text);
    }

    /** The providers of these keys, read with {@code text}. */
    static List<OAuthProvider> read(Set<String> keys, Function<String, Optional<String>> text) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : keys) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            if (key.equals(FlowSeal.SETTING)) {
                continue; // the module's own, not a provider's
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || !KEYS.contains(rest.substring(dot + 1))) {
                throw new IllegalArgumentException(key + " is not a Latchkey setting; a provider takes latchkey.oauth.<name>."
                        + String.join(", .", KEYS.stream().sorted().toList()));
            }
            names.add(rest.substring(0, dot));
        }
        List<OAuthProvider> providers = new ArrayList<>();
        for (String name : names) {
            String key = PREFIX + name + ".";
            String kind = text.apply(key + "kind").orElse(text.apply(key + "issuer").isPresent() ? "oidc" : null);
            if (kind == null) {
                throw new IllegalArgumentException(key + "kind is missing: oidc (with " + key + "issuer), github or google");
            }
            OAuthProvider.Builder builder = OAuthProvider.of(name, kind);
            text.apply(key + "client-id").ifPresent(builder::clientId);
            text.apply(key + "client-secret").ifPresent(builder::clientSecret);
            text.apply(key + "issuer").ifPresent(builder::issuer);
            text.apply(key + "scopes").ifPresent(builder::scopes);
            text.apply(key + "callback-path").ifPresent(builder::callbackPath);
            text.apply(key + "redirect-uri").ifPresent(builder::redirectUri);
            text.apply(key + "authorization-endpoint").ifPresent(builder::authorizationEndpoint);
            text.apply(key + "token-endpoint").ifPresent(builder::tokenEndpoint);
            text.apply(key + "api-url").ifPresent(builder::apiUrl);
            text.apply(key + "keep-tokens").ifPresent(value -> builder.keepTokens(flag(key + "keep-tokens", value)));
            providers.add(builder.build());
        }
        return providers;
    }

    private static boolean flag(String key, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false but was: " + value);
        };
    }
}
