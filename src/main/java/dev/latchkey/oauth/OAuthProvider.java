package dev.latchkey.oauth;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A provider to sign in with: its kind, the client Latchkey is registered as, and where it lives.
 * Declared in settings ({@code latchkey.oauth.<name>.*}, see the guide) or in code by producing
 * beans of this type:
 *
 * <pre>{@code
 * @Produces
 * OAuthProvider github() {
 *     return OAuthProvider.github("github").clientId(id).clientSecret(secret).build();
 * }
 * }</pre>
 *
 * <p>Every value is checked when built; a wrong one is an {@link IllegalArgumentException} naming its
 * settings key, which stops the deployment. {@link #toString()} never shows the client secret.
 */
public final class OAuthProvider {

    /** What protocol a provider speaks. */
    public enum Kind {
        /** Any OpenID Connect provider, found by discovery from its issuer. */
        OIDC,
        /** GitHub: OAuth 2.0 and its REST API (user, primary verified e-mail); no OpenID Connect. */
        GITHUB,
        /** Google: OpenID Connect at {@code https://accounts.google.com}. */
        GOOGLE
    }

    private final String name;
    private final Kind kind;
    private final String clientId;
    private final String clientSecret;
    private final URI issuer;
    private final List<String> scopes;
    private final String callbackPath;
    private final URI redirectUri;
    private final URI authorizationEndpoint;
    private final URI tokenEndpoint;
    private final URI apiUrl;
    private final boolean keepTokens;

    private OAuthProvider(Builder b) {
        String key = "latchkey.oauth." + b.name + ".";
        name = b.name;
        kind = b.kind;
        clientId = required(b.clientId, key + "client-id");
        clientSecret = required(b.clientSecret, key + "client-secret");
        issuer = switch (kind) {
            case OIDC -> url(required(b.issuer, key + "issuer"), key + "issuer");
            case GOOGLE -> url(b.issuer == null ? "https://accounts.google.com" : b.issuer, key + "issuer");
            case GITHUB -> null;
        };
        scopes = b.scopes != null ? b.scopes : kind == Kind.GITHUB ? List.of("read:user", "user:email")
                : List.of("openid", "email", "profile");
        if (kind != Kind.GITHUB && !scopes.contains("openid")) {
            throw new IllegalArgumentException(key + "scopes must include openid for an OpenID Connect provider but was: "
                    + String.join(" ", scopes));
        }
        callbackPath = b.callbackPath != null ? path(b.callbackPath, key + "callback-path")
                : "/latchkey/oauth/" + name + "/callback";
        redirectUri = b.redirectUri == null ? null : url(b.redirectUri, key + "redirect-uri");
        authorizationEndpoint = kind != Kind.GITHUB ? null : url(b.authorizationEndpoint != null ? b.authorizationEndpoint
                : "https://github.com/login/oauth/authorize", key + "authorization-endpoint");
        tokenEndpoint = kind != Kind.GITHUB ? null : url(b.tokenEndpoint != null ? b.tokenEndpoint
                : "https://github.com/login/oauth/access_token", key + "token-endpoint");
        apiUrl = kind != Kind.GITHUB ? null : url(b.apiUrl != null ? b.apiUrl : "https://api.github.com", key + "api-url");
        keepTokens = b.keepTokens;
    }

    /** An OpenID Connect provider found by discovery from {@code issuer}. */
    public static Builder oidc(String name) {
        return new Builder(name, Kind.OIDC);
    }

    /** GitHub (or GitHub Enterprise, with its endpoints set). */
    public static Builder github(String name) {
        return new Builder(name, Kind.GITHUB);
    }

    /** Google. */
    public static Builder google(String name) {
        return new Builder(name, Kind.GOOGLE);
    }

    /** A builder of that kind ({@code oidc}, {@code github} or {@code google}). */
    public static Builder of(String name, String kind) {
        String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        Kind known;
        try {
            known = Kind.valueOf(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latchkey.oauth." + name + ".kind must be oidc, github or google but was: " + kind);
        }
        return new Builder(name, known);
    }

    /** The provider's name: in settings keys and in its paths. */
    public String name() {
        return name;
    }

    /** Its kind. */
    public Kind kind() {
        return kind;
    }

    /** The client id Latchkey is registered with at the provider. */
    public String clientId() {
        return clientId;
    }

    /** The client secret. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The issuer, for OpenID Connect providers; {@code null} for GitHub. */
    public URI issuer() {
        return issuer;
    }

    /** The scopes asked for. */
    public List<String> scopes() {
        return scopes;
    }

    /** Where the provider sends the browser back, inside the application: {@code /latchkey/oauth/<name>/callback}. */
    public String callbackPath() {
        return callbackPath;
    }

    /** The whole redirect URI to register and send, when set; otherwise built from the request. */
    public URI redirectUri() {
        return redirectUri;
    }

    /** GitHub's authorization endpoint. */
    public URI authorizationEndpoint() {
        return authorizationEndpoint;
    }

    /** GitHub's token endpoint. */
    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /** GitHub's REST API. */
    public URI apiUrl() {
        return apiUrl;
    }

    /** Whether the provider's tokens are kept (encrypted) for the application, see {@link ProviderTokens}. */
    public boolean keepTokens() {
        return keepTokens;
    }

    /** Where a sign-in with this provider starts, inside the application. */
    public String startPath() {
        return "/latchkey/oauth/" + name;
    }

    @Override
    public String toString() {
        return "OAuthProvider[" + name + ", " + kind + ", client " + clientId + (issuer == null ? "" : ", " + issuer) + "]";
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value.strip();
    }

    private static String path(String value, String key) {
        String v = value.strip();
        if (!v.matches("/[A-Za-z0-9._~/-]*") || v.contains("//") || v.contains("/../") || v.endsWith("/..")) {
            throw new IllegalArgumentException(key + " must be a path inside the application, such as"
                    + " /latchkey/oauth/github/callback, but was: " + value);
        }
        return v;
    }

    /** An absolute https URL, or http to a loopback host (a provider on this machine, in development and tests). */
    private static URI url(String value, String key) {
        try {
            URI uri = new URI(value.strip());
            boolean loopback = uri.getHost() != null && (uri.getHost().equals("localhost")
                    || uri.getHost().startsWith("127.") || uri.getHost().equals("[::1]"));
            if (uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null
                    && ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be an https URL (http only to localhost) but was: " + value);
    }

    /** Builds an {@link OAuthProvider}; {@link #build()} checks every value. */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private String clientId;
        private String clientSecret;
        private String issuer;
        private List<String> scopes;
        private String callbackPath;
        private String redirectUri;
        private String authorizationEndpoint;
        private String tokenEndpoint;
        private String apiUrl;
        private boolean keepTokens;

        private Builder(String name, Kind kind) {
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new IllegalArgumentException("an OAuth provider's name must be 1-40 of a-z, 0-9 and '-' (it appears"
                        + " in latchkey.oauth.<name>.* and in paths) but was: " + name);
            }
            this.name = name;
            this.kind = kind;
        }

        /** The client id registered at the provider ({@code latchkey.oauth.<name>.client-id}). */
        public Builder clientId(String value) {
            clientId = value;
            return this;
        }

        /** The client secret ({@code latchkey.oauth.<name>.client-secret}). */
        public Builder clientSecret(String value) {
            clientSecret = value;
            return this;
        }

        /** The issuer URL, for discovery ({@code latchkey.oauth.<name>.issuer}). */
        public Builder issuer(String value) {
            issuer = value;
            return this;
        }

        /** The scopes, separated by spaces or commas ({@code latchkey.oauth.<name>.scopes}). */
        public Builder scopes(String value) {
            scopes = Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
            return this;
        }

        /** Where the provider sends the browser back ({@code latchkey.oauth.<name>.callback-path}). */
        public Builder callbackPath(String value) {
            callbackPath = value;
            return this;
        }

        /** The whole redirect URI, when it cannot be built from the request ({@code latchkey.oauth.<name>.redirect-uri}). */
        public Builder redirectUri(String value) {
            redirectUri = value;
            return this;
        }

        /** GitHub Enterprise's authorization endpoint ({@code latchkey.oauth.<name>.authorization-endpoint}). */
        public Builder authorizationEndpoint(String value) {
            authorizationEndpoint = value;
            return this;
        }

        /** GitHub Enterprise's token endpoint ({@code latchkey.oauth.<name>.token-endpoint}). */
        public Builder tokenEndpoint(String value) {
            tokenEndpoint = value;
            return this;
        }

        /** GitHub Enterprise's REST API ({@code latchkey.oauth.<name>.api-url}). */
        public Builder apiUrl(String value) {
            apiUrl = value;
            return this;
        }

        /** Whether to keep the provider's tokens, encrypted ({@code latchkey.oauth.<name>.keep-tokens}, default false). */
        public Builder keepTokens(boolean value) {
            keepTokens = value;
            return this;
        }

        /**
         * The provider, checked.
         *
         * @throws IllegalArgumentException naming the settings key of a missing or wrong value
         */
        public OAuthProvider build() {
            return new OAuthProvider(this);
        }
    }
}
