package dev.latchkey.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthUsers;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Providers declared in settings or code: what each kind needs, and a wrong value named by its key. */
class OAuthProviderTest {

    private static List<OAuthProvider> read(Map<String, String> settings) {
        return ProviderSettings.read(settings.keySet(), key -> Optional.ofNullable(settings.get(key)));
    }

    private static String refusal(Map<String, String> settings) {
        return assertThrows(IllegalArgumentException.class, () -> read(settings)).getMessage();
    }

    @Test
    void eachKindHasItsDefaults() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("latchkey.oauth.corp.issuer", "https://login.corp.example/realms/staff");
        settings.put("latchkey.oauth.corp.client-id", "app");
        settings.put("latchkey.oauth.corp.client-secret", "s3cret");
        settings.put("latchkey.oauth.github.kind", "github");
        settings.put("latchkey.oauth.github.client-id", "Iv1.abc");
        settings.put("latchkey.oauth.github.client-secret", "gh-secret");
        settings.put("latchkey.oauth.google.kind", "Google");
        settings.put("latchkey.oauth.google.client-id", "123.apps.googleusercontent.com");
        settings.put("latchkey.oauth.google.client-secret", "g-secret");
        List<OAuthProvider> providers = read(settings);
        assertEquals(List.of("corp", "github", "google"), providers.stream().map(OAuthProvider::name).toList());

        OAuthProvider corp = providers.get(0);
        assertEquals(OAuthProvider.Kind.OIDC, corp.kind(), "an issuer without a kind is OpenID Connect");
        assertEquals(URI.create("https://login.corp.example/realms/staff"), corp.issuer());
        assertEquals(List.of("openid", "email", "profile"), corp.scopes());
        assertEquals("/latchkey/oauth/corp/callback", corp.callbackPath());
        assertEquals("/latchkey/oauth/corp", corp.startPath());
        assertNull(corp.redirectUri(), "built from each request unless set");

        OAuthProvider github = providers.get(1);
        assertEquals(OAuthProvider.Kind.GITHUB, github.kind());
        assertNull(github.issuer());
        assertEquals(List.of("read:user", "user:email"), github.scopes());
        assertEquals(URI.create("https://github.com/login/oauth/authorize"), github.authorizationEndpoint());
        assertEquals(URI.create("https://github.com/login/oauth/access_token"), github.tokenEndpoint());
        assertEquals(URI.create("https://api.github.com"), github.apiUrl());

        OAuthProvider google = providers.get(2);
        assertEquals(OAuthProvider.Kind.GOOGLE, google.kind());
        assertEquals(URI.create("https://accounts.google.com"), google.issuer());
    }

    @Test
    void aMissingOrWrongValueStopsTheStartNamingItsKey() {
        Map<String, String> base = Map.of("latchkey.oauth.corp.issuer", "https://id.example",
                "latchkey.oauth.corp.client-id", "app", "latchkey.oauth.corp.client-secret", "s");
        assertEquals("latchkey.oauth.corp.client-secret is missing", refusal(without(base, "latchkey.oauth.corp.client-secret")));
        assertEquals("latchkey.oauth.corp.client-id is missing", refusal(with(base, "latchkey.oauth.corp.client-id", " ")));
        assertTrue(refusal(with(base, "latchkey.oauth.corp.issuer", "http://id.example")).startsWith(
                "latchkey.oauth.corp.issuer must be an https URL (http only to localhost) but was: http://id.example"));
        assertTrue(refusal(with(base, "latchkey.oauth.corp.issuer", "https://user@id.example")).startsWith(
                "latchkey.oauth.corp.issuer must be an https URL"), "no credentials in the URL");
        assertTrue(refusal(with(base, "latchkey.oauth.corp.scopes", "email profile")).startsWith(
                "latchkey.oauth.corp.scopes must include openid"));
        assertTrue(refusal(with(base, "latchkey.oauth.corp.callback-path", "https://evil.example/cb")).startsWith(
                "latchkey.oauth.corp.callback-path must be a path inside the application"));
        assertTrue(refusal(with(base, "latchkey.oauth.corp.callback-path", "/a/../b")).startsWith(
                "latchkey.oauth.corp.callback-path must be a path inside the application"));
        assertTrue(refusal(with(base, "latchkey.oauth.corp.kind", "saml")).startsWith(
                "latchkey.oauth.corp.kind must be oidc, github or google but was: saml"));
        assertTrue(refusal(with(base, "latchkey.oauth.corp.clientid", "typo")).startsWith(
                "latchkey.oauth.corp.clientid is not a Latchkey setting"), "a typo is not ignored");
        assertTrue(refusal(Map.of("latchkey.oauth.x.client-id", "a")).startsWith("latchkey.oauth.x.kind is missing"));
        assertTrue(refusal(Map.of("latchkey.oauth.Bad_Name.kind", "github")).contains("an OAuth provider's name must be"));
        assertTrue(refusal(Map.of("latchkey.oauth.nokey", "x")).startsWith("latchkey.oauth.nokey is not a Latchkey setting"));
    }

    @Test
    void httpIsAllowedOnlyToThisMachine() {
        for (String local : List.of("http://localhost:8090/default", "http://127.0.0.1:9000", "http://[::1]:9000/x")) {
            assertEquals(URI.create(local), OAuthProvider.oidc("local").clientId("a").clientSecret("b").issuer(local).build().issuer());
        }
        assertThrows(IllegalArgumentException.class, () -> OAuthProvider.github("gh").clientId("a").clientSecret("b")
                .tokenEndpoint("http://github.example/token").build());
    }

    @Test
    void twoProvidersAnswerAtTheirOwnPathsAndTheSecretIsNeverShown() {
        OAuthProvider provider = OAuthProvider.github("gh-enterprise").clientId("Iv1.x").clientSecret("very-secret")
                .authorizationEndpoint("https://git.corp.example/login/oauth/authorize")
                .tokenEndpoint("https://git.corp.example/login/oauth/access_token")
                .apiUrl("https://git.corp.example/api/v3").scopes("read:user, user:email")
                .callbackPath("/auth/github/back").redirectUri("https://app.corp.example/auth/github/back").build();
        assertEquals("/auth/github/back", provider.callbackPath());
        assertEquals(URI.create("https://app.corp.example/auth/github/back"), provider.redirectUri());
        assertEquals(List.of("read:user", "user:email"), provider.scopes());
        assertFalse(provider.toString().contains("very-secret"), provider.toString());
        assertTrue(provider.toString().contains("gh-enterprise"));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> base, String key) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.remove(key);
        return copy;
    }

    @Test
    void theSetUpRefusesWhatCannotWork() {
        OAuthProvider github = OAuthProvider.github("github").clientId("a").clientSecret("b").build();
        OAuthUsers decides = identity -> Optional.empty();
        java.time.Clock clock = java.time.Clock.systemUTC();
        assertEquals(Optional.empty(), OAuthModule.start(List.of(), List.of(), Optional::empty, () -> null, clock, Optional.empty()),
                "no provider: nothing to set up, nobody needed to decide");
        assertEquals("latchkey.oauth: sign-in with providers needs a CDI bean implementing dev.latchkey.oauth.OAuthUsers,"
                + " or the built-in accounts (latchkey.accounts.enabled=true)", assertThrows(IllegalArgumentException.class,
                () -> OAuthModule.start(List.of(github), List.of(), Optional::empty, () -> null, clock, Optional.empty())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OAuthModule.start(List.of(github), List.of(github),
                () -> Optional.of(decides), () -> null, clock, Optional.empty())).getMessage()
                .startsWith("latchkey.oauth.github: the provider is declared both in the settings and in code"));
        OAuthProvider keeping = OAuthProvider.github("github").clientId("a").clientSecret("b").keepTokens(true).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OAuthModule.start(List.of(keeping), List.of(),
                () -> Optional.of(decides), () -> null, clock, Optional.empty())).getMessage()
                .startsWith("latchkey.oauth.github.keep-tokens=true needs somewhere to keep them encrypted"));
        assertEquals(List.of("github"), OAuthModule.start(List.of(github), List.of(), () -> Optional.of(decides), () -> null,
                clock, Optional.empty()).orElseThrow().providers().stream().map(OAuthProvider::name).toList());
        assertTrue(read(Map.of("latchkey.oauth.g.kind", "github", "latchkey.oauth.g.client-id", "a",
                "latchkey.oauth.g.client-secret", "b", "latchkey.oauth.g.keep-tokens", "TRUE")).get(0).keepTokens());
        assertTrue(refusal(Map.of("latchkey.oauth.g.kind", "github", "latchkey.oauth.g.client-id", "a",
                "latchkey.oauth.g.client-secret", "b", "latchkey.oauth.g.keep-tokens", "yes")).startsWith(
                "latchkey.oauth.g.keep-tokens must be true or false but was: yes"));
    }
}
