package dev.latchkey.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Rejection;
import dev.latchkey.core.SameSite;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.servlet.Diagnostics;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.internal.web.OriginCheck;
import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthReason;
import dev.latchkey.oauth.OAuthRefusal;
import dev.latchkey.oauth.OAuthUser;
import dev.latchkey.oauth.OAuthUsers;
import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.oauth.ProviderTokens;
import dev.latchkey.testing.FakeHttp;
import dev.latchkey.testing.ForwardingStore;
import dev.latchkey.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two requests of a sign-in with a provider, with the provider's side replaced by a client that
 * answers as told (the clients themselves are tested against providers on the wire): the state
 * cookie, the redirect, every way a callback fails with its status and reason, the session created
 * as by a password sign-in, linking, and the page the browser returns to.
 */
class OAuthFlowTest {

    private static final String STATE_COOKIE = "latchkey-oauth";
    private static final ProviderTokens TOKENS = new ProviderTokens("access-1", null, null, List.of());
    private static final FlowSeal SEAL = FlowSeal.of(Optional.of("c2VjcmV0LXN0YXRlLWtleS1vZi10aGlydHktdHdvLWJ5dGVzIQ=="),
            new java.security.SecureRandom());

    private final MutableClock clock = MutableClock.startingAt("2026-11-23T10:00:00Z");
    private final Answering client = new Answering();
    private final List<String> linked = new ArrayList<>();
    private final List<String> kept = new ArrayList<>();
    private Function<ProviderIdentity, Optional<OAuthUser>> decide = identity ->
            Optional.of(new OAuthUser("user-" + identity.subject(), Set.of("user")));
    private Latchkey latchkey;
    private boolean storeDown;
    private boolean keepingFails;

    /** A provider's client that says what the test tells it to, and records what it was asked. */
    private static final class Answering implements ProviderClient {
        OAuthProvider provider = OAuthProvider.oidc("corp").clientId("app").clientSecret("s")
                .issuer("https://id.example").build();
        boolean ready = true;
        String subject = "s-1";
        int identified;
        FlowFailure failure;
        URI redirectUri;
        String code;

        @Override
        public OAuthProvider provider() {
            return provider;
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public long retryAfterSeconds() {
            return 7;
        }

        @Override
        public String lastFailure() {
            return "told by the test";
        }

        @Override
        public URI authorizationUri(URI redirectUri, FlowState flow) {
            this.redirectUri = redirectUri;
            return URI.create("https://id.example/authorize?state=" + flow.state());
        }

        @Override
        public Identified identify(String code, URI redirectUri, FlowState flow) {
            this.code = code;
            identified++;
            if (failure != null) {
                throw failure;
            }
            assertEquals(this.redirectUri, redirectUri, "the same redirect URI at both ends");
            return new Identified(new ProviderIdentity("corp", subject, "s1@example.com", true, "S One"), TOKENS);
        }
    }

    private OAuthFlow flow(CookieSettings cookie) {
        ForwardingStore store = new ForwardingStore(new InMemorySessionStore()) {
            @Override
            public void insert(dev.latchkey.core.StoredSession session) {
                if (storeDown) {
                    throw new SessionStoreException("down");
                }
                super.insert(session);
            }
        };
        latchkey = new Latchkey(store, clock, LatchkeyConfig.builder().cookie(cookie).build());
        ServletSessions sessions = new ServletSessions(latchkey, new OriginCheck(true),
                new Diagnostics(true, clock), "/login");
        OAuthUsers users = new OAuthUsers() {
            @Override
            public Optional<OAuthUser> signIn(ProviderIdentity identity) {
                return decide.apply(identity);
            }

            @Override
            public boolean link(ProviderIdentity identity, String userId) {
                linked.add(identity.subject() + "->" + userId);
                return true;
            }

            @Override
            public void keepTokens(ProviderIdentity identity, String userId, ProviderTokens tokens) {
                if (keepingFails) {
                    throw new SessionStoreException("the token table is down");
                }
                kept.add(userId + ":" + tokens.accessToken());
            }
        };
        return new OAuthFlow(List.of(client), sessions, users, clock, SEAL);
    }

    private OAuthFlow flow;

    @BeforeEach
    void setUp() {
        flow = flow(CookieSettings.defaults());
    }

    private FakeHttp.Response send(FakeHttp.Request request) {
        FakeHttp.Response response = new FakeHttp.Response();
        try {
            var built = request.build();
            assertTrue(flow.handles(built), "the flow answers " + built);
            flow.handle(built, response.build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static FakeHttp.Request start(String query) {
        return new FakeHttp.Request().target("/app/latchkey/oauth/corp" + query).header("Sec-Fetch-Site", "same-origin");
    }

    private static FakeHttp.Request callback(String query, String stateCookie) {
        FakeHttp.Request request = new FakeHttp.Request().target("/app/latchkey/oauth/corp/callback" + query)
                .header("Sec-Fetch-Site", "cross-site");
        return stateCookie == null ? request : request.header("Cookie", STATE_COOKIE + "=" + stateCookie);
    }

    private static String cookieValue(FakeHttp.Response response, String name) {
        return response.headers("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).reduce((a, b) -> b).orElse(null);
    }

    /** Starts a sign-in and answers the state cookie's value. */
    private String started(String query) {
        FakeHttp.Response response = send(start(query));
        assertEquals(302, response.status());
        return cookieValue(response, STATE_COOKIE);
    }

    private static FlowState opened(String cookie) {
        return SEAL.open(cookie).orElseThrow();
    }

    private static String state(String cookie) {
        return opened(cookie).state();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void assertRefused(FakeHttp.Response response, int status, Rejection reason) {
        assertEquals(status, response.status(), response::body);
        assertEquals(reason.messageId() + " " + reason.name(), response.header("Latchkey-Reason"));
        assertTrue(response.body().startsWith("Sign-in with corp did not work (" + reason.messageId() + " " + reason.name()
                + ")") || response.body().startsWith("Sign-in did not work (" + reason.messageId()), response.body());
        assertNull(cookieValue(response, "latchkey"), "no session cookie");
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("no-referrer", response.header("Referrer-Policy"));
    }

    // ---- the start ----

    @Test
    void theStartSetsTheStateCookieAndSendsTheBrowserToTheProvider() {
        FakeHttp.Response response = send(start("?return=%2Faccount%3Ftab%3D1&remember"));
        assertEquals(302, response.status());
        String setCookie = response.headers("Set-Cookie").get(0);
        String value = cookieValue(response, STATE_COOKIE);
        assertEquals(STATE_COOKIE + "=" + value + "; Max-Age=600; Path=/; HttpOnly; SameSite=Lax", setCookie,
                "ten minutes, the whole site, not for scripts, sent on the provider's redirect back");
        FlowState state = opened(value);
        assertEquals("corp", state.provider());
        assertEquals("/account?tab=1", state.returnPath());
        assertTrue(state.rememberMe());
        assertFalse(state.link());
        assertEquals(clock.instant(), state.startedAt());
        assertEquals("https://id.example/authorize?state=" + state.state(), response.header("Location"));
        assertEquals(URI.create("http://localhost:8080/app/latchkey/oauth/corp/callback"), client.redirectUri);
        assertEquals("no-store", response.header("Cache-Control"));
    }

    @Test
    void theStateCookieIsSecureWhenTheSessionCookieIs() {
        FakeHttp.Response response = send(start("").scheme("https").header("Host", "app.example"));
        assertTrue(response.headers("Set-Cookie").get(0).matches("__Host-latchkey-oauth=[^;]+; Max-Age=600; Path=/; Secure;"
                + " HttpOnly; SameSite=Lax"), response.headers("Set-Cookie").toString());
        assertEquals(URI.create("https://app.example/app/latchkey/oauth/corp/callback"), client.redirectUri);
    }

    @Test
    void aStartFromAnotherSiteIsRefused() {
        FakeHttp.Response response = send(start("").header("Sec-Fetch-Site", "cross-site"));
        assertRefused(response, 403, Reason.CSRF_CROSS_SITE);
        assertTrue(response.headers("Set-Cookie").isEmpty());
        FakeHttp.Response post = send(new FakeHttp.Request().target("/app/latchkey/oauth/corp").method("POST")
                .header("Origin", "https://evil.example"));
        assertRefused(post, 403, Reason.CSRF_ORIGIN_MISMATCH);
        FakeHttp.Response noOrigin = send(new FakeHttp.Request().target("/app/latchkey/oauth/corp").method("POST"));
        assertRefused(noOrigin, 403, Reason.CSRF_NO_ORIGIN);
    }

    @Test
    void aFormPostFromTheApplicationStartsToo() {
        FakeHttp.Response response = send(start("").method("POST").header("Origin", "http://localhost:8080"));
        assertEquals(302, response.status(), response::body);
    }

    @Test
    void anUnknownProviderAWrongMethodOrAnUnreachableProviderIsSaidSo() {
        FakeHttp.Response unknown = send(new FakeHttp.Request().target("/app/latchkey/oauth/nope"));
        assertRefused(unknown, 404, OAuthReason.OAUTH_UNKNOWN_PROVIDER);
        FakeHttp.Response put = send(start("").method("PUT"));
        assertEquals(405, put.status());
        assertEquals("GET, POST", put.header("Allow"));
        FakeHttp.Response postCallback = send(callback("?code=c&state=s", null).method("POST"));
        assertEquals(405, postCallback.status());
        assertEquals("GET", postCallback.header("Allow"));
        client.ready = false;
        FakeHttp.Response down = send(start(""));
        assertRefused(down, 503, OAuthReason.OAUTH_PROVIDER_UNAVAILABLE);
        assertEquals("7", down.header("Retry-After"), "when the provider is tried again");
        assertTrue(down.headers("Set-Cookie").isEmpty(), "no flow starts");
    }

    @Test
    void onlyAPathInsideTheApplicationIsReturnedTo() {
        for (String hostile : List.of("https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)")) {
            String cookie = started("?return=" + enc(hostile));
            FakeHttp.Response back = send(callback("?code=c&state=" + state(cookie), cookie));
            assertEquals(303, back.status());
            assertEquals("/app/", back.header("Location"), hostile);
        }
    }

    // ---- the callback ----

    @Test
    void theCallbackSignsInAsAPasswordSignInDoesAndSendsTheBrowserBack() {
        String cookie = started("?return=%2Faccount&remember");
        FakeHttp.Response back = send(callback("?code=the-code&state=" + state(cookie) + "&scope=openid", cookie));
        assertEquals(303, back.status(), back::body);
        assertEquals("/app/account", back.header("Location"));
        assertEquals("the-code", client.code);
        List<String> cookies = back.headers("Set-Cookie");
        assertEquals(STATE_COOKIE + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax", cookies.get(0), "the state is good once");
        String token = cookieValue(back, "latchkey");
        assertTrue(cookies.get(1).matches("latchkey=[a-z2-7.]+; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax"),
                "remember me: a persistent session cookie: " + cookies.get(1));
        Session session = latchkey.validateSession(token).session().orElseThrow();
        assertEquals("user-s-1", session.userId());
        assertEquals(Set.of("user"), session.groups());
        assertEquals(clock.instant(), session.authenticatedAt());

        FakeHttp.Response again = send(callback("?code=the-code&state=" + state(cookie), null));
        assertRefused(again, 400, OAuthReason.OAUTH_STATE_MISSING);
    }

    @Test
    void signingInReplacesTheSessionTheBrowserHad() {
        String old = latchkey.createSession(NewSession.forUser("someone")).token();
        String cookie = started("");
        FakeHttp.Response back = send(callback("?code=c&state=" + state(cookie), null)
                .header("Cookie", STATE_COOKIE + "=" + cookie + "; latchkey=" + old));
        assertEquals(303, back.status());
        assertFalse(latchkey.validateSession(old).isValid(), "no fixation: the old session is gone");
        assertTrue(cookieValue(back, "latchkey").length() > 0);
    }

    @Test
    void everyBadCallbackIsA4xxWithItsReason() {
        String cookie = started("");
        String state = state(cookie);
        String otherProvider = SEAL.seal(new FlowState(state, opened(cookie).verifier(), opened(cookie).nonce(),
                clock.instant(), "other", false, "/", null));
        Map<FakeHttp.Request, Rejection> cases = new java.util.LinkedHashMap<>();
        cases.put(callback("?code=c&state=" + state, null), OAuthReason.OAUTH_STATE_MISSING);
        cases.put(callback("?code=c&state=" + state.replace(state.charAt(0), state.charAt(0) == 'A' ? 'B' : 'A'), cookie),
                OAuthReason.OAUTH_STATE_MISMATCH);
        cases.put(callback("?code=c&state=" + state, otherProvider), OAuthReason.OAUTH_STATE_MISMATCH);
        cases.put(callback("?code=c&state=" + state, "garbage"), OAuthReason.OAUTH_VERIFIER_MISSING);
        cases.put(callback("?code=c", cookie), OAuthReason.OAUTH_BAD_CALLBACK);
        cases.put(callback("?state=" + state, cookie), OAuthReason.OAUTH_BAD_CALLBACK);
        cases.put(callback("?code=&state=" + state, cookie), OAuthReason.OAUTH_BAD_CALLBACK);
        cases.put(callback("?code=a&code=b&state=" + state, cookie), OAuthReason.OAUTH_BAD_CALLBACK);
        cases.put(callback("?code=c&state=" + state + "&state=" + state, cookie), OAuthReason.OAUTH_BAD_CALLBACK);
        cases.put(callback("?code=" + "c".repeat(5000) + "&state=" + state, cookie), OAuthReason.OAUTH_BAD_CALLBACK);
        cases.put(callback("?code=c&state=" + state + "&iss=https%3A%2F%2Fother.example", cookie), OAuthReason.OAUTH_BAD_CALLBACK);
        cases.put(callback("?error=server_error&state=" + state, cookie), OAuthReason.OAUTH_PROVIDER_ERROR);
        cases.put(callback("?error=%3Cscript%3E&state=" + state, cookie), OAuthReason.OAUTH_PROVIDER_ERROR);
        cases.forEach((request, reason) -> {
            FakeHttp.Response response = send(request);
            assertRefused(response, 400, reason);
            assertEquals(STATE_COOKIE + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax", response.headers("Set-Cookie").get(0),
                    "the state cookie is spent by any callback");
            assertFalse(response.body().contains("<script>"), "nothing the caller sent is echoed");
        });
        assertNull(client.code, "the provider was never asked");
        assertRefused(send(callback("?error=access_denied&error_description=no&state=" + state, cookie)), 403,
                OAuthReason.OAUTH_PROVIDER_ERROR);
    }

    @Test
    void aStateCookieOlderThanTenMinutesHasExpired() {
        String cookie = started("");
        clock.advance(Duration.ofMinutes(10));
        FakeHttp.Response late = send(callback("?code=c&state=" + state(cookie), cookie));
        assertRefused(late, 400, OAuthReason.OAUTH_STATE_MISSING);
        assertNull(client.code);
    }

    @Test
    void whatTheProviderOrTheApplicationRefusesIsRefused() {
        String cookie = started("");
        client.failure = new FlowFailure(OAuthReason.OAUTH_ID_TOKEN_INVALID, 400, "corp: ID token has expired");
        assertRefused(send(callback("?code=c&state=" + state(cookie), cookie)), 400, OAuthReason.OAUTH_ID_TOKEN_INVALID);
        client.failure = null;

        decide = identity -> Optional.empty();
        assertRefused(send(callback("?code=c&state=" + state(cookie), cookie)), 403, OAuthReason.OAUTH_IDENTITY_REFUSED);
        decide = identity -> {
            throw new OAuthRefusal(OAuthReason.OAUTH_EMAIL_NOT_VERIFIED);
        };
        assertRefused(send(callback("?code=c&state=" + state(cookie), cookie)), 403, OAuthReason.OAUTH_EMAIL_NOT_VERIFIED);
        decide = identity -> {
            throw new OAuthRefusal(OAuthReason.OAUTH_LINK_REQUIRED);
        };
        assertRefused(send(callback("?code=c&state=" + state(cookie), cookie)), 403, OAuthReason.OAUTH_LINK_REQUIRED);
        decide = identity -> Optional.of(new OAuthUser("x", Set.of()));
        storeDown = true;
        assertRefused(send(callback("?code=c&state=" + state(cookie), cookie)), 503, Reason.STORE_UNAVAILABLE);
    }

    // ---- linking ----

    @Test
    void aSignedInUserLinksAProviderWithoutANewSession() {
        String token = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user"))).token();
        FakeHttp.Response anonymous = send(start("?link"));
        assertRefused(anonymous, 401, Reason.NO_TOKEN);

        FakeHttp.Response started = send(start("?link&return=%2Fsettings").header("Cookie", "latchkey=" + token));
        assertEquals(302, started.status());
        String cookie = cookieValue(started, STATE_COOKIE);
        assertTrue(opened(cookie).link());
        FakeHttp.Response back = send(callback("?code=c&state=" + state(cookie), null)
                .header("Cookie", STATE_COOKIE + "=" + cookie + "; latchkey=" + token));
        assertEquals(303, back.status(), back::body);
        assertEquals("/app/settings", back.header("Location"));
        assertEquals(List.of("s-1->ann"), linked);
        assertNull(cookieValue(back, "latchkey"), "the session stays as it was");
        assertTrue(latchkey.validateSession(token).isValid());

        FakeHttp.Response signedOut = send(callback("?code=c&state=" + state(cookie), cookie));
        assertRefused(signedOut, 401, Reason.NO_TOKEN);
    }

    @Test
    void linkingNeedsARecentSignInAndSendsABrowserToConfirmItsPassword() {
        String token = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user"))).token();
        clock.advance(Duration.ofMinutes(11));
        FakeHttp.Response page = send(start("?link&return=%2Fsettings").header("Cookie", "latchkey=" + token)
                .header("Accept", "text/html"));
        assertEquals(302, page.status(), page::body);
        assertEquals("/app/login?return=%2Flatchkey%2Foauth%2Fcorp%3Flink%26return%3D%252Fsettings&reauth=600",
                page.header("Location"));
        assertNull(cookieValue(page, STATE_COOKIE), "no flow started");
        FakeHttp.Response api = send(start("?link").header("Cookie", "latchkey=" + token));
        assertEquals(401, api.status());
        assertEquals("LK-205 RECENT_SIGN_IN_REQUIRED", api.header("Latchkey-Reason"));
        assertTrue(api.header("WWW-Authenticate").contains("error=\"insufficient_user_authentication\""));
        assertNull(cookieValue(api, STATE_COOKIE));

        latchkey.markAuthenticated(latchkey.validateSession(token).session().orElseThrow());
        assertEquals(302, send(start("?link").header("Cookie", "latchkey=" + token)).status(), "after re-authentication");
    }

    /**
     * A thief with a session cookie older than ten minutes starts a plain sign-in, makes the state
     * cookie say "link", and finishes with their own provider account: the seal does not open, nothing
     * is linked and the provider is never asked.
     */
    @Test
    void aSignInCookieChangedToLinkIsRefusedAndLinksNothing() {
        String stolen = latchkey.createSession(NewSession.forUser("victim").groups(Set.of("user"))).token();
        clock.advance(Duration.ofMinutes(30));
        String cookie = cookieValue(send(start("").header("Cookie", "latchkey=" + stolen)), STATE_COOKIE);
        FlowState signIn = opened(cookie);
        String mac = cookie.substring(cookie.lastIndexOf('.') + 1);
        String edited = new FlowState(signIn.state(), signIn.verifier(), signIn.nonce(), signIn.startedAt(), "corp", false,
                "/", FlowState.sessionHash(latchkey.validateSession(stolen).session().orElseThrow().id())).encode() + "." + mac;
        FakeHttp.Response back = send(callback("?code=c&state=" + signIn.state(), null)
                .header("Cookie", STATE_COOKIE + "=" + edited + "; latchkey=" + stolen));
        assertRefused(back, 400, OAuthReason.OAUTH_VERIFIER_MISSING);
        assertEquals(List.of(), linked);
        assertEquals(0, client.identified, "the provider was never asked");
    }

    @Test
    void aLinkFinishesOnlyInTheSessionThatStartedIt() {
        String ann = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user"))).token();
        String other = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user"))).token();
        String cookie = cookieValue(send(start("?link").header("Cookie", "latchkey=" + ann)), STATE_COOKIE);
        FakeHttp.Response back = send(callback("?code=c&state=" + state(cookie), null)
                .header("Cookie", STATE_COOKIE + "=" + cookie + "; latchkey=" + other));
        assertRefused(back, 400, OAuthReason.OAUTH_STATE_MISMATCH);
        assertEquals(List.of(), linked);
        assertEquals(0, client.identified);
    }

    @Test
    void aLinkWhoseSignInGrewOldAtTheProviderAsksForItAgainBeforeTheProviderIsAsked() {
        String ann = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user"))).token();
        clock.advance(Duration.ofMinutes(9));
        String cookie = cookieValue(send(start("?link&return=%2Fsettings").header("Cookie", "latchkey=" + ann)), STATE_COOKIE);
        clock.advance(Duration.ofMinutes(2));
        FakeHttp.Response page = send(callback("?code=c&state=" + state(cookie), null).header("Accept", "text/html")
                .header("Cookie", STATE_COOKIE + "=" + cookie + "; latchkey=" + ann));
        assertEquals(302, page.status(), page::body);
        assertEquals("/app/login?return=%2Flatchkey%2Foauth%2Fcorp%3Flink%26return%3D%252Fsettings&reauth=600",
                page.header("Location"), "confirm, then the link starts again: the code is not carried along");
        assertEquals("LK-205 RECENT_SIGN_IN_REQUIRED", page.header("Latchkey-Reason"));
        assertEquals(List.of(), linked);
        assertEquals(0, client.identified);
    }

    /**
     * With a session cookie that has no {@code __Host-} prefix (here: a {@code Domain} for every
     * subdomain), the state cookie still has it over HTTPS, so a sibling subdomain cannot plant a flow
     * of its author's for the callback to finish (login CSRF): a cookie under the plain name is not read.
     */
    @Test
    void theStateCookieCannotBePlantedFromASiblingSubdomain() {
        flow = flow(new CookieSettings("sid", true, SameSite.LAX, "/", "example.com"));
        FakeHttp.Response started = send(start("").scheme("https").header("Host", "app.example.com"));
        String setCookie = started.headers("Set-Cookie").get(0);
        assertTrue(setCookie.matches("__Host-sid-oauth=[^;]+; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=Lax"), setCookie);
        String attackers = setCookie.substring("__Host-sid-oauth=".length(), setCookie.indexOf(';'));
        FakeHttp.Response planted = send(callback("?code=c&state=" + state(attackers), null).scheme("https")
                .header("Host", "app.example.com").header("Cookie", "sid-oauth=" + attackers));
        assertRefused(planted, 400, OAuthReason.OAUTH_STATE_MISSING);
        assertEquals(0, client.identified);
        FakeHttp.Response own = send(callback("?code=c&state=" + state(attackers), null).scheme("https")
                .header("Host", "app.example.com").header("Cookie", "__Host-sid-oauth=" + attackers));
        assertEquals(303, own.status(), "the browser's own flow finishes: " + own.body());
    }

    @Test
    void aReturnPathWrittenWithTheContextPathIsRefusedAtTheStart() {
        FakeHttp.Response response = send(start("?return=%2Fapp%2Faccount"));
        assertRefused(response, 400, OAuthReason.OAUTH_BAD_CALLBACK);
        assertTrue(response.headers("Set-Cookie").isEmpty());
        String cookie = started("?return=%2Faccount%2F..%2F..%2Fadmin");
        assertEquals("/", opened(cookie).returnPath(), "a .. that climbs out of the application");
    }

    @Test
    void aSubjectNoOneCanKeepIsRefusedBeforeAnyHookIsAsked() {
        for (String subject : List.of("x".repeat(256), "", "a\u0000b", "\ud800")) {
            client.subject = subject;
            String cookie = started("");
            FakeHttp.Response back = send(callback("?code=c&state=" + state(cookie), cookie));
            assertRefused(back, 403, OAuthReason.OAUTH_IDENTITY_REFUSED);
        }
        assertEquals(List.of(), linked);
    }

    // ---- SameSite=Strict ----

    @Test
    void withAStrictSessionCookieAPageOfTheSiteTakesTheBrowserBack() {
        flow = flow(new CookieSettings("__Host-latchkey", true, SameSite.STRICT, "/", null));
        String cookie = started("?return=%2Fa%3Fb%3D1%26c%3D%22");
        FakeHttp.Response back = send(callback("?code=c&state=" + state(cookie), cookie));
        assertEquals(200, back.status());
        assertTrue(back.body().contains("<meta http-equiv=\"refresh\" content=\"0;url=/app/a?b=1&amp;c=&quot;\">"), back.body());
        assertTrue(cookieValue(back, "latchkey").length() > 0);
    }

    // ---- provider tokens ----

    @Test
    void theProvidersTokensAreHandedOnOnlyWhenTheProviderKeepsThem() {
        String cookie = started("");
        assertEquals(303, send(callback("?code=c&state=" + state(cookie), cookie)).status());
        assertEquals(List.of(), kept, "dropped by default");

        client.provider = OAuthProvider.oidc("corp").clientId("app").clientSecret("s").issuer("https://id.example")
                .keepTokens(true).build();
        flow = flow(CookieSettings.defaults());
        String again = started("");
        FakeHttp.Response back = send(callback("?code=c&state=" + state(again), again));
        assertEquals(303, back.status());
        assertEquals(List.of("user-s-1:access-1"), kept);
        assertFalse(back.headers("Set-Cookie").toString().contains("access-1"), "never to the browser");
        assertFalse(back.body().contains("access-1"));
    }

    @Test
    void aSignInWhoseTokensCannotBeKeptMakesNoSession() {
        client.provider = OAuthProvider.oidc("corp").clientId("app").clientSecret("s").issuer("https://id.example")
                .keepTokens(true).build();
        flow = flow(CookieSettings.defaults());
        keepingFails = true;
        String cookie = started("");
        FakeHttp.Response back = send(callback("?code=c&state=" + state(cookie), cookie));
        assertRefused(back, 503, Reason.STORE_UNAVAILABLE);
        assertEquals(List.of(), latchkey.listUserSessions("user-s-1"), "no session was made");
        keepingFails = false;
        String again = started("");
        assertEquals(303, send(callback("?code=c&state=" + state(again), again)).status(), "once the tokens can be kept");
        assertEquals(1, latchkey.listUserSessions("user-s-1").size());
    }
}
