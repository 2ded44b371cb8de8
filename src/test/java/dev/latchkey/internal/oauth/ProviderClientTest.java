package dev.latchkey.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthReason;
import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.testing.GitHubStandIn;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.OidcStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each kind of provider client against a provider that answers on the wire: a real OpenID Connect
 * server (mock-oauth2-server) for the flow as it should be, a stand-in that forges every kind of bad
 * ID token, and a stand-in of GitHub's endpoints. What the browser would do between the two halves
 * is one GET of the authorization URL.
 */
class ProviderClientTest {

    private static final URI REDIRECT = URI.create("http://localhost:8080/app/latchkey/oauth/p/callback");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static MockOAuth2Server realProvider;
    private static OidcStandIn standIn;
    private static GitHubStandIn gitHub;

    private final MutableClock clock = MutableClock.startingAt("2026-11-23T10:00:00Z");

    @BeforeAll
    static void startProviders() {
        realProvider = new MockOAuth2Server();
        realProvider.start();
        standIn = new OidcStandIn();
        gitHub = new GitHubStandIn();
    }

    @AfterAll
    static void stopProviders() {
        realProvider.shutdown();
        standIn.close();
        gitHub.close();
    }

    private static FlowState flow() {
        return FlowState.start(new SecureRandom(), Instant.now(), "p", false, "/", null);
    }

    /** What the browser brings back from the provider: the query of the redirect to the callback. */
    private static Map<String, String> authorize(URI authorizationUri) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(authorizationUri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, answer.statusCode(), answer::body);
            URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
            assertTrue(back.toString().startsWith(REDIRECT + "?"), back.toString());
            Map<String, String> query = new HashMap<>();
            for (String pair : back.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            return query;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    // ---- OpenID Connect, against a real provider ----

    @Test
    void aRealProvidersIdTokenIsCheckedAndSaysWhoSignedIn() {
        OidcClient client = new OidcClient(OAuthProvider.oidc("p").clientId("latchkey-test").clientSecret("anything")
                .issuer(realProvider.issuerUrl("default").toString()).build(), clock);
        assertTrue(client.ready());
        realProvider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "user-42", "JWT", null,
                Map.of("email", "ada@example.com", "email_verified", true, "name", "Ada"), 3600));
        FlowState flow = flow();
        URI authorization = client.authorizationUri(REDIRECT, flow);
        Map<String, String> sent = query(authorization);
        assertEquals("code", sent.get("response_type"));
        assertEquals("S256", sent.get("code_challenge_method"));
        assertEquals(flow.state(), sent.get("state"));
        assertEquals(flow.nonce(), sent.get("nonce"));
        assertEquals("openid email profile", sent.get("scope"));
        assertFalse(authorization.toString().contains(flow.verifier()), "the verifier stays with the browser's cookie");

        Map<String, String> back = authorize(authorization);
        assertEquals(flow.state(), back.get("state"));
        Identified identified = client.identify(back.get("code"), REDIRECT, flow);
        ProviderIdentity identity = identified.identity();
        assertEquals(new ProviderIdentity("p", "user-42", "ada@example.com", true, "Ada", identity.claims()), identity);
        assertEquals(realProvider.issuerUrl("default").toString(), identity.claims().get("iss"));
        assertTrue(identified.tokens().refreshToken().isPresent(), "the provider's tokens are at hand, for keep-tokens");
        assertFalse(identified.tokens().toString().contains(identified.tokens().accessToken()), "toString shows no token");
    }

    @Test
    void theRealProviderRefusesAWrongVerifier() {
        OidcClient client = new OidcClient(OAuthProvider.oidc("p").clientId("latchkey-test").clientSecret("anything")
                .issuer(realProvider.issuerUrl("default").toString()).build(), clock);
        FlowState flow = flow();
        Map<String, String> back = authorize(client.authorizationUri(REDIRECT, flow));
        FlowState other = flow();
        FlowFailure failure = assertThrows(FlowFailure.class, () -> client.identify(back.get("code"), REDIRECT,
                new FlowState(flow.state(), other.verifier(), flow.nonce(), flow.startedAt(), "p", false, "/", null)));
        assertEquals(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, failure.reason());
    }

    // ---- OpenID Connect, every bad ID token ----

    private OidcClient standInClient() {
        return new OidcClient(OAuthProvider.oidc("p").clientId(OidcStandIn.CLIENT_ID).clientSecret(OidcStandIn.CLIENT_SECRET)
                .issuer(standIn.issuer()).build(), clock);
    }

    @Test
    void everyForgedOrWrongIdTokenIsRefusedNamingTheCheck() {
        OidcClient client = standInClient();
        Map<OidcStandIn.Token, String> checks = Map.of(
                OidcStandIn.Token.OTHER_ISSUER, "has another issuer",
                OidcStandIn.Token.OTHER_AUDIENCE, "is for another audience",
                OidcStandIn.Token.EXPIRED, "has expired",
                OidcStandIn.Token.OTHER_NONCE, "has another nonce",
                OidcStandIn.Token.UNSIGNED, "is unsigned (alg none)",
                OidcStandIn.Token.UNKNOWN_KEY, "has no valid signature from the provider's keys",
                OidcStandIn.Token.SEVERAL_AUDIENCES, "is for several audiences and names no authorized party (azp)",
                OidcStandIn.Token.OTHER_AUTHORIZED_PARTY, "names another authorized party (azp) than client-id latchkey-it");
        checks.forEach((token, check) -> {
            standIn.nextToken(token);
            FlowState flow = flow();
            Map<String, String> back = authorize(client.authorizationUri(REDIRECT, flow));
            FlowFailure failure = assertThrows(FlowFailure.class, () -> client.identify(back.get("code"), REDIRECT, flow),
                    token.name());
            assertEquals(OAuthReason.OAUTH_ID_TOKEN_INVALID, failure.reason(), token.name());
            assertTrue(failure.detail().startsWith("p: ID token " + check), token + ": " + failure.detail());
        });
    }

    @Test
    void aTokenForSeveralAudiencesIsTakenWhenThisClientIsItsAuthorizedParty() {
        OidcClient client = standInClient();
        standIn.nextToken(OidcStandIn.Token.SEVERAL_AUDIENCES_FOR_THIS_CLIENT);
        FlowState flow = flow();
        Map<String, String> back = authorize(client.authorizationUri(REDIRECT, flow));
        assertEquals("subject-1", client.identify(back.get("code"), REDIRECT, flow).identity().subject());
    }

    /**
     * A provider that stops answering: the failed call makes it unreachable, so that no sign-in starts
     * (no browser is sent to it) until a call succeeds again — a fresh read of its metadata, tried at
     * most every ten seconds.
     */
    @Test
    void afterAFailedCallSignInsWaitUntilTheProviderAnswersAgain() {
        OidcClient client = standInClient();
        assertTrue(client.ready());
        FlowState flow = flow();
        Map<String, String> back = authorize(client.authorizationUri(REDIRECT, flow));
        standIn.down(true);
        try {
            FlowFailure failure = assertThrows(FlowFailure.class, () -> client.identify(back.get("code"), REDIRECT, flow));
            assertEquals(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, failure.reason());
            assertEquals(503, failure.status());
            assertFalse(client.ready(), "the metadata read before no longer counts");
            assertEquals(10, client.retryAfterSeconds());
            clock.advance(Duration.ofSeconds(4));
            assertEquals(6, client.retryAfterSeconds());
            clock.advance(Duration.ofSeconds(7));
            assertFalse(client.ready(), "tried again: still down");
            standIn.down(false);
            assertFalse(client.ready(), "not tried again within ten seconds");
            clock.advance(Duration.ofSeconds(10));
            assertTrue(client.ready(), "answered again");
        } finally {
            standIn.down(false);
        }
        FlowState again = flow();
        Map<String, String> answered = authorize(client.authorizationUri(REDIRECT, again));
        assertEquals("subject-1", client.identify(answered.get("code"), REDIRECT, again).identity().subject());
    }

    @Test
    void aCodeIsGoodOnceAndOnlyWithItsRedirectUri() {
        OidcClient client = standInClient();
        FlowState flow = flow();
        Map<String, String> back = authorize(client.authorizationUri(REDIRECT, flow));
        assertThrows(FlowFailure.class, () -> client.identify(back.get("code"), URI.create("http://localhost:8080/other"), flow));
        FlowState second = flow();
        Map<String, String> again = authorize(client.authorizationUri(REDIRECT, second));
        assertEquals("subject-1", client.identify(again.get("code"), REDIRECT, second).identity().subject());
        FlowFailure replay = assertThrows(FlowFailure.class, () -> client.identify(again.get("code"), REDIRECT, second));
        assertEquals(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, replay.reason());
        assertEquals("p: token endpoint answered invalid_grant", replay.detail());
    }

    @Test
    void aWrongClientSecretIsACodeExchangeFailure() {
        OidcClient client = new OidcClient(OAuthProvider.oidc("p").clientId(OidcStandIn.CLIENT_ID).clientSecret("wrong")
                .issuer(standIn.issuer()).build(), clock);
        FlowState flow = flow();
        Map<String, String> back = authorize(client.authorizationUri(REDIRECT, flow));
        FlowFailure failure = assertThrows(FlowFailure.class, () -> client.identify(back.get("code"), REDIRECT, flow));
        assertEquals(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, failure.reason());
        assertFalse(failure.detail().contains("wrong"), "the secret is not in the detail");
    }

    @Test
    void anAddressOnlyTheUserInfoEndpointGivesIsRead() {
        OidcClient client = standInClient();
        standIn.emailOnlyInUserInfo(true);
        try {
            FlowState flow = flow();
            Map<String, String> back = authorize(client.authorizationUri(REDIRECT, flow));
            Identified identified = client.identify(back.get("code"), REDIRECT, flow);
            ProviderIdentity identity = identified.identity();
            assertEquals("someone@example.com", identity.email());
            assertEquals(clock.instant().plusSeconds(300), identified.tokens().expiresAt().orElseThrow());
            assertTrue(standIn.issuedTokens().contains(identified.tokens().accessToken()));
            assertTrue(standIn.issuedTokens().contains(identified.tokens().refreshToken().orElseThrow()));
            assertTrue(identity.emailVerified());
        } finally {
            standIn.emailOnlyInUserInfo(false);
        }
    }

    /** A port nothing listens on. */
    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableProviderIsTriedAgainAfterTenSeconds() throws IOException {
        int port = closedPort();
        OidcClient client = new OidcClient(OAuthProvider.oidc("p").clientId("a").clientSecret("b")
                .issuer("http://localhost:" + port).build(), clock);
        assertFalse(client.ready());
        FlowFailure failure = assertThrows(FlowFailure.class, () -> client.identify("code", REDIRECT, flow()));
        assertEquals(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, failure.reason());
        assertEquals(503, failure.status());
        clock.advance(Duration.ofSeconds(11));
        assertFalse(client.ready(), "tried again, still down");
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        standIn.announceIssuer("https://accounts.google.com");
        try {
            OidcClient client = standInClient();
            assertFalse(client.ready(), "metadata of an impersonated provider is not used");
            assertTrue(client.lastFailure().contains("issuer"), client.lastFailure());
            FlowFailure failure = assertThrows(FlowFailure.class, () -> client.authorizationUri(REDIRECT, flow()));
            assertEquals(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, failure.reason());
        } finally {
            standIn.announceIssuer(null);
        }
    }

    @Test
    void anIssParameterMustNameTheProvider() {
        OidcClient client = standInClient();
        client.checkIssuer(null);
        client.checkIssuer(standIn.issuer());
        FlowFailure mixUp = assertThrows(FlowFailure.class, () -> client.checkIssuer("https://accounts.google.com"));
        assertEquals(OAuthReason.OAUTH_BAD_CALLBACK, mixUp.reason());
        assertTrue(mixUp.detail().contains("mix-up"), mixUp.detail());
        GitHubClient gitHubClient = gitHubClient(GitHubStandIn.CLIENT_SECRET);
        gitHubClient.checkIssuer(null);
        assertThrows(FlowFailure.class, () -> gitHubClient.checkIssuer("https://github.com"));
    }

    // ---- GitHub ----

    private GitHubClient gitHubClient(String secret) {
        return new GitHubClient(OAuthProvider.github("gh").clientId(GitHubStandIn.CLIENT_ID).clientSecret(secret)
                .authorizationEndpoint(gitHub.base() + "/login/oauth/authorize")
                .tokenEndpoint(gitHub.base() + "/login/oauth/access_token").apiUrl(gitHub.base() + "/api").build(), clock);
    }

    private ProviderIdentity gitHubSignIn(GitHubStandIn.User user) {
        gitHub.nextUser(user);
        GitHubClient client = gitHubClient(GitHubStandIn.CLIENT_SECRET);
        FlowState flow = flow();
        URI authorization = client.authorizationUri(REDIRECT, flow);
        assertEquals("S256", query(authorization).get("code_challenge_method"));
        assertEquals("read:user user:email", query(authorization).get("scope"));
        Map<String, String> back = authorize(authorization);
        Identified identified = client.identify(back.get("code"), REDIRECT, flow);
        assertTrue(gitHub.issuedTokens().contains(identified.tokens().accessToken()));
        assertEquals(List.of("read:user", "user:email"), identified.tokens().scopes());
        return identified.identity();
    }

    @Test
    void gitHubsUserIsTheNumericIdWithThePrimaryVerifiedAddress() {
        ProviderIdentity identity = gitHubSignIn(new GitHubStandIn.User(583231, "octocat", "The Octocat", "public@example.com",
                List.of(new GitHubStandIn.Email("old@example.com", false, true),
                        new GitHubStandIn.Email("octo@example.com", true, true))));
        assertEquals(new ProviderIdentity("gh", "583231", "octo@example.com", true, "The Octocat", identity.claims()), identity);
        assertEquals(Map.of("login", "octocat", "id", 583231L, "name", "The Octocat", "email", "public@example.com"),
                Map.of("login", identity.claims().get("login"), "id", ((Number) identity.claims().get("id")).longValue(),
                        "name", identity.claims().get("name"), "email", identity.claims().get("email")));
    }

    @Test
    void aGitHubAddressThatIsNotPrimaryAndVerifiedIsNotVerified() {
        ProviderIdentity unverifiedPrimary = gitHubSignIn(new GitHubStandIn.User(7, "u", null, null,
                List.of(new GitHubStandIn.Email("u@example.com", true, false), new GitHubStandIn.Email("v@example.com", false, true))));
        assertFalse(unverifiedPrimary.emailVerified());
        assertEquals("u", unverifiedPrimary.name(), "the login when there is no name");
        ProviderIdentity publicOnly = gitHubSignIn(new GitHubStandIn.User(8, "w", "W", "w@example.com", List.of()));
        assertEquals("w@example.com", publicOnly.email());
        assertFalse(publicOnly.emailVerified(), "the public profile address is not a verified one");
    }

    @Test
    void gitHubsErrorsAreCodeExchangeFailures() {
        GitHubClient wrongSecret = gitHubClient("wrong");
        FlowState flow = flow();
        Map<String, String> back = authorize(wrongSecret.authorizationUri(REDIRECT, flow));
        FlowFailure failure = assertThrows(FlowFailure.class, () -> wrongSecret.identify(back.get("code"), REDIRECT, flow));
        assertEquals(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, failure.reason());
        assertEquals("gh: token endpoint answered incorrect_client_credentials", failure.detail());

        GitHubClient client = gitHubClient(GitHubStandIn.CLIENT_SECRET);
        FlowFailure badCode = assertThrows(FlowFailure.class, () -> client.identify("not-a-code", REDIRECT, flow()));
        assertEquals("gh: token endpoint answered bad_verification_code", badCode.detail());
    }

    @Test
    void anUnreachableGitHubIsReportedAsUnavailableUntilItsAuthorizationPageAnswers() throws IOException {
        int port = closedPort();
        GitHubClient client = new GitHubClient(OAuthProvider.github("gh").clientId("a").clientSecret("b")
                .authorizationEndpoint("http://localhost:" + port + "/login/oauth/authorize")
                .tokenEndpoint("http://localhost:" + port + "/token").build(), clock);
        assertTrue(client.ready(), "GitHub has no metadata to read first");
        FlowFailure failure = assertThrows(FlowFailure.class, () -> client.identify("code", REDIRECT, flow()));
        assertEquals(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, failure.reason());
        assertEquals(503, failure.status());
        assertFalse(client.ready());
        clock.advance(Duration.ofSeconds(10));
        assertFalse(client.ready(), "its authorization page does not answer either");
        GitHubClient reachable = gitHubClient(GitHubStandIn.CLIENT_SECRET);
        assertThrows(FlowFailure.class, () -> reachable.identify("not-a-code", REDIRECT, flow()));
        assertTrue(reachable.ready(), "a refused code is an answer: GitHub is reachable");
    }
}
