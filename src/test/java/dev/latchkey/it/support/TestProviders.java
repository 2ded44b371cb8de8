package dev.latchkey.it.support;

import dev.latchkey.testing.GitHubStandIn;
import dev.latchkey.testing.OidcStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The providers the test application signs in with, started in the test JVM before the first
 * deployment and reached by the servers over loopback: a real OpenID Connect server
 * (mock-oauth2-server) with the issuers {@code mock}, {@code google} and {@code corp}, a stand-in
 * that forges bad ID tokens, a stand-in of GitHub, and an issuer nobody listens on.
 */
public final class TestProviders {

    public static final String CLIENT_ID = "latchkey-it";
    public static final String CLIENT_SECRET = "mock-client-secret";

    private static TestProviders instance;

    public final MockOAuth2Server real = new MockOAuth2Server();
    public final OidcStandIn forged = new OidcStandIn();
    public final GitHubStandIn gitHub = new GitHubStandIn();
    public final int offlinePort;
    /** The key the test application seals kept provider tokens with. */
    public final String tokenKey = java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    private TestProviders() {
        real.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            offlinePort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            real.shutdown();
            forged.close();
            gitHub.close();
        }));
    }

    public static synchronized TestProviders get() {
        if (instance == null) {
            instance = new TestProviders();
        }
        return instance;
    }

    /** The next sign-in at the real provider's {@code issuer} is {@code subject} with these claims. */
    public void next(String issuer, String subject, Map<String, Object> claims) {
        real.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, subject, "JWT", null, claims, 3600));
    }

    /** The test application's settings for its providers. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String issuer : List.of("mock", "corp")) {
            settings.put("latchkey.oauth." + issuer + ".issuer", real.issuerUrl(issuer).toString());
            settings.put("latchkey.oauth." + issuer + ".client-id", CLIENT_ID);
            settings.put("latchkey.oauth." + issuer + ".client-secret", CLIENT_SECRET);
        }
        settings.put("latchkey.oauth.google.kind", "google");
        settings.put("latchkey.oauth.google.issuer", real.issuerUrl("google").toString());
        settings.put("latchkey.oauth.google.client-id", CLIENT_ID + ".apps.googleusercontent.com");
        settings.put("latchkey.oauth.google.client-secret", CLIENT_SECRET);
        settings.put("latchkey.oauth.github.kind", "github");
        settings.put("latchkey.oauth.github.client-id", GitHubStandIn.CLIENT_ID);
        settings.put("latchkey.oauth.github.client-secret", GitHubStandIn.CLIENT_SECRET);
        settings.put("latchkey.oauth.github.authorization-endpoint", gitHub.base() + "/login/oauth/authorize");
        settings.put("latchkey.oauth.github.token-endpoint", gitHub.base() + "/login/oauth/access_token");
        settings.put("latchkey.oauth.github.api-url", gitHub.base() + "/api");
        settings.put("latchkey.oauth.github.keep-tokens", "true");
        settings.put("latchkey.accounts.token-key", tokenKey);
        settings.put("latchkey.oauth.forged.issuer", forged.issuer());
        settings.put("latchkey.oauth.forged.client-id", OidcStandIn.CLIENT_ID);
        settings.put("latchkey.oauth.forged.client-secret", OidcStandIn.CLIENT_SECRET);
        settings.put("latchkey.oauth.offline.issuer", "http://localhost:" + offlinePort + "/nobody");
        settings.put("latchkey.oauth.offline.client-id", CLIENT_ID);
        settings.put("latchkey.oauth.offline.client-secret", CLIENT_SECRET);
        return settings;
    }

    /** Every provider token handed out so far, and the client secrets: none may reach a browser or a log. */
    public List<String> secrets() {
        List<String> secrets = new java.util.ArrayList<>(forged.issuedTokens());
        secrets.addAll(gitHub.issuedTokens());
        secrets.addAll(List.of(CLIENT_SECRET, OidcStandIn.CLIENT_SECRET, GitHubStandIn.CLIENT_SECRET, tokenKey));
        return secrets;
    }
}
