package dev.latchkey.it;

import static dev.latchkey.it.support.ServerUnderTest.newUser;
import static dev.latchkey.it.support.ServerUnderTest.onlySetCookie;
import static dev.latchkey.it.support.ServerUnderTest.reason;
import static dev.latchkey.it.support.ServerUnderTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.RawHttp;
import dev.latchkey.it.support.ServerUnderTest;
import dev.latchkey.it.support.SetCookie;
import dev.latchkey.it.support.TestProviders;
import dev.latchkey.it.support.WebClient;
import dev.latchkey.testing.GitHubStandIn;
import dev.latchkey.testing.OidcStandIn;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with providers on a real server: the whole redirect dance against a real OpenID Connect
 * server (mock-oauth2-server, as {@code mock}, {@code google} and {@code corp}), GitHub's shape
 * against a stand-in of its endpoints, and every bad callback against a stand-in that forges ID
 * tokens. The application decides {@code corp} itself ({@code TestOAuthUsers}) and leaves the others
 * to the built-in accounts.
 */
interface OAuthSuite extends ServerUnderTest {

    String STATE_COOKIE = "latchkey-oauth";

    default TestProviders providers() {
        return TestProviders.get();
    }

    /** Starts a sign-in from a page of the application, as a click on a link does: the answer is the redirect to the provider. */
    default HttpResponse<String> startAt(WebClient browser, String provider, String query) {
        HttpResponse<String> start = browser.get("latchkey/oauth/" + provider + query, "Sec-Fetch-Site", "same-origin");
        assertEquals(302, start.statusCode(), start::body);
        return start;
    }

    /** The provider's answer to the browser: the redirect back to the application's callback. */
    default HttpResponse<String> atProvider(WebClient browser, HttpResponse<String> start) {
        HttpResponse<String> back = browser.follow(start);
        assertEquals(302, back.statusCode(), back::body);
        assertTrue(back.headers().firstValue("Location").orElseThrow().contains("/latchkey-it/latchkey/oauth/"), back::body);
        return back;
    }

    /** The whole dance: start, provider, callback. The answer is the callback's. */
    default HttpResponse<String> signInWith(WebClient browser, String provider, String query) {
        return browser.follow(atProvider(browser, startAt(browser, provider, query)), "Sec-Fetch-Site", "cross-site");
    }

    private static String email(String prefix) {
        return newUser(prefix) + "@example.com";
    }

    private static Map<String, Object> verified(String email) {
        return Map.of("email", email, "email_verified", true, "name", "Test Person");
    }

    private void assertSignedInAs(WebClient browser, String user, String groups) {
        HttpResponse<String> me = browser.get("me");
        assertEquals(200, me.statusCode(), me::body);
        assertTrue(me.body().contains("principal=" + user + "\n"), me.body());
        assertTrue(me.body().contains("current.groups=" + groups + "\n"), me.body());
        assertTrue(me.body().contains("current.authenticated=true"), me.body());
    }

    /** A refused callback: the status, the reason, a plain page, no session cookie, the state cookie spent. */
    private void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals(reason, reason(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), response::body);
        assertTrue(response.body().contains("(" + reason + ")"), response.body());
        for (String cookie : WebClient.setCookies(response)) {
            SetCookie set = SetCookie.parse(cookie);
            assertTrue(set.name().equals(STATE_COOKIE) && set.value().isEmpty(), "only the spent state cookie: " + cookie);
        }
    }

    // ---- the dance ----

    @Test
    default void theFirstSignInWithAProviderCreatesTheAccountAndTheSecondFindsIt() {
        String subject = newUser("sub");
        String email = email("nia");
        providers().next("mock", subject, verified(email));
        WebClient browser = browser();
        HttpResponse<String> start = startAt(browser, "mock", "?return=%2Fme");
        SetCookie state = onlySetCookie(start);
        assertEquals(STATE_COOKIE, state.name());
        assertEquals(Map.of("path", "/", "httponly", "", "samesite", "Lax"), state.attributesBesidesLifetime(), state.describe());
        assertEquals(600L, state.lifetimeSeconds().orElseThrow());
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.toString().startsWith(providers().real.issuerUrl("mock") + "/authorize?"), authorize.toString());
        Map<String, String> sent = query(authorize);
        assertEquals("S256", sent.get("code_challenge_method"));
        assertEquals(TestProviders.CLIENT_ID, sent.get("client_id"));
        assertEquals("http://localhost:" + port() + "/latchkey-it/latchkey/oauth/mock/callback", sent.get("redirect_uri"));
        assertTrue(sent.containsKey("state") && sent.containsKey("nonce") && sent.containsKey("code_challenge"));

        HttpResponse<String> back = browser.follow(atProvider(browser, start), "Sec-Fetch-Site", "cross-site");
        assertEquals(303, back.statusCode(), back::body);
        assertEquals("/latchkey-it/me", back.headers().firstValue("Location").orElseThrow());
        List<String> cookies = WebClient.setCookies(back);
        assertEquals(2, cookies.size(), cookies::toString);
        SetCookie spent = SetCookie.parse(cookies.get(0));
        assertEquals(STATE_COOKIE, spent.name());
        assertEquals("", spent.value());
        token(false, SetCookie.parse(cookies.get(1)));
        assertSignedInAs(browser, email, "[user]");
        assertTrue(browser.get("providers").body().contains("linked mock " + subject + "\n"));

        providers().next("mock", subject, verified(email("changed")));
        WebClient again = browser();
        HttpResponse<String> second = signInWith(again, "mock", "?remember");
        assertEquals(303, second.statusCode(), second::body);
        token(true, SetCookie.parse(WebClient.setCookies(second).get(1)));
        assertSignedInAs(again, email, "[user]");
        assertFalse(again.transcript().contains(TestProviders.CLIENT_SECRET));
    }

    @Test
    default void googlesDiscoveryBasedSignInWorksTheSameWay() {
        String email = email("gia");
        providers().next("google", newUser("1098"), Map.of("email", email, "email_verified", true, "hd", "example.com"));
        WebClient browser = browser();
        HttpResponse<String> back = signInWith(browser, "google", "");
        assertEquals(303, back.statusCode(), back::body);
        assertEquals("/latchkey-it/", back.headers().firstValue("Location").orElseThrow());
        assertSignedInAs(browser, email, "[user]");
    }

    @Test
    default void gitHubsUserWithAPrimaryVerifiedAddressSignsInAndOneWithoutDoesNot() {
        String email = email("octo");
        providers().gitHub.nextUser(new GitHubStandIn.User(Math.abs(new Random().nextLong() % 1_000_000_000L), "octo", "Octo",
                null, List.of(new GitHubStandIn.Email("other@example.com", false, true), new GitHubStandIn.Email(email, true, true))));
        WebClient browser = browser();
        HttpResponse<String> back = signInWith(browser, "github", "?return=%2Fme");
        assertEquals(303, back.statusCode(), back::body);
        assertSignedInAs(browser, email, "[user]");
        assertEquals("github says 200 login=octo with scopes [read:user, user:email]",
                browser.get("providers?call=github").body(), "the kept token works at the provider's API");
        String gitHubToken = providers().gitHub.issuedTokens().get(providers().gitHub.issuedTokens().size() - 1);
        String rows = browser().get("test-database").body();
        assertTrue(rows.contains(email + " github "), "a row of sealed tokens for the account: " + rows);
        assertFalse(rows.contains(gitHubToken), "the token is sealed, not stored as it is");

        providers().gitHub.nextUser(new GitHubStandIn.User(Math.abs(new Random().nextLong() % 1_000_000_000L), "unv", null,
                email("public"), List.of(new GitHubStandIn.Email(email("unverified"), true, false))));
        WebClient unverified = browser();
        assertRefused(signInWith(unverified, "github", ""), 403, "LK-507 OAUTH_EMAIL_NOT_VERIFIED");
        assertEquals(401, unverified.get("me").statusCode());
        String transcript = browser.transcript() + unverified.transcript();
        for (String secret : providers().secrets()) {
            assertFalse(transcript.contains(secret), "a provider token or client secret reached the browser");
        }
    }

    @Test
    default void theApplicationsOwnHookDecidesItsProviderWithGroupsTheContainerSees() {
        String subject = newUser("staff");
        providers().next("corp", subject, Map.of("role", "admin"));
        WebClient browser = browser();
        assertEquals(303, signInWith(browser, "corp", "").statusCode());
        assertSignedInAs(browser, "corp-" + subject, "[admin, user]");
        assertTrue(browser.get("me").body().contains("admin-role=true\n"));
        assertEquals("admin ok", browser.get("api/admin").body());

        providers().next("corp", "blocked-" + subject, Map.of());
        WebClient blocked = browser();
        assertRefused(signInWith(blocked, "corp", ""), 403, "LK-508 OAUTH_IDENTITY_REFUSED");
        String log = serverLogs().read();
        assertTrue(log.contains("LK-500") && log.contains("identities decided by dev.latchkey.it.app.TestOAuthUsers"),
                "the start-up line names the providers and who decides");
    }

    @Test
    default void anAccountWithTheSameAddressIsNotMergedButItsOwnerLinksAndUnlinksTheProvider() {
        String owner = email("owner");
        register(owner);
        String subject = newUser("sub");
        providers().next("mock", subject, verified(owner));
        assertRefused(signInWith(browser(), "mock", ""), 403, "LK-512 OAUTH_LINK_REQUIRED");

        HttpResponse<String> anonymousLink = browser().get("latchkey/oauth/mock?link", "Sec-Fetch-Site", "same-origin");
        assertEquals(401, anonymousLink.statusCode(), "linking needs a signed-in user");
        WebClient signedIn = signedIn(owner, true);
        providers().next("mock", subject, verified(owner));
        HttpResponse<String> linked = signInWith(signedIn, "mock", "?link&return=%2Fproviders");
        assertEquals(303, linked.statusCode(), linked::body);
        assertEquals("/latchkey-it/providers", linked.headers().firstValue("Location").orElseThrow());
        assertTrue(signedIn.get("providers").body().contains("linked mock " + subject + "\n"));

        providers().next("mock", subject, verified(owner));
        WebClient elsewhere = browser();
        assertEquals(303, signInWith(elsewhere, "mock", "").statusCode());
        assertSignedInAs(elsewhere, owner, "[user]");

        moveClock(601);
        HttpResponse<String> stale = signedIn.postSameOrigin("providers", Map.of("unlink", "mock"));
        assertEquals(401, stale.statusCode(), "unlinking, as linking, needs a recent sign-in: " + stale.body());
        assertEquals("LK-205 RECENT_SIGN_IN_REQUIRED", reason(stale));
        assertTrue(signedIn.get("providers").body().contains("linked mock " + subject + "\n"), "still linked");
        assertEquals("unlinked true", signedIn(owner, true).postSameOrigin("providers", Map.of("unlink", "mock")).body());
        providers().next("mock", subject, verified(owner));
        assertRefused(signInWith(browser(), "mock", ""), 403, "LK-512 OAUTH_LINK_REQUIRED");
    }

    // ---- every bad callback: a plain 4xx with its reason, never a session ----

    /** The callback's query the forged provider sends back, and the state cookie of the browser that started. */
    private Map<String, String> startedAtForged(WebClient browser) {
        HttpResponse<String> back = atProvider(browser, startAt(browser, "forged", ""));
        return query(URI.create(back.headers().firstValue("Location").orElseThrow()));
    }

    private HttpResponse<String> callback(WebClient browser, String provider, String query, String... headers) {
        List<String> all = new ArrayList<>(List.of("Sec-Fetch-Site", "cross-site"));
        all.addAll(List.of(headers));
        return browser.get("latchkey/oauth/" + provider + "/callback" + query, all.toArray(String[]::new));
    }

    private static String q(Map<String, String> values) {
        StringBuilder query = new StringBuilder();
        values.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return query.toString();
    }

    @Test
    default void aCallbackWithoutTheBrowsersStateIsRefusedWithTheLikelyCause() {
        WebClient victim = browser();
        Map<String, String> attackers = startedAtForged(browser());
        assertRefused(callback(victim, "forged", q(attackers)), 400, "LK-501 OAUTH_STATE_MISSING");

        WebClient browser = browser();
        Map<String, String> mine = startedAtForged(browser);
        assertRefused(callback(browser, "forged", q(Map.of("code", attackers.get("code"), "state", attackers.get("state")))),
                400, "LK-502 OAUTH_STATE_MISMATCH");
        assertRefused(callback(browser, "forged", q(mine)), 400, "LK-501 OAUTH_STATE_MISSING");

        WebClient garbage = browser();
        Map<String, String> started = startedAtForged(garbage);
        assertRefused(callback(garbage, "forged", q(started), "Cookie", STATE_COOKIE + "=garbage"), 400,
                "LK-503 OAUTH_VERIFIER_MISSING");
        assertEquals(401, victim.get("me").statusCode());
    }

    @Test
    default void aStateCookieOlderThanTenMinutesHasExpired() {
        WebClient browser = browser();
        Map<String, String> back = startedAtForged(browser);
        moveClock(601);
        assertRefused(callback(browser, "forged", q(back)), 400, "LK-501 OAUTH_STATE_MISSING");
    }

    @Test
    default void aReplayedCallbackFails() {
        WebClient browser = browser();
        HttpResponse<String> start = startAt(browser, "forged", "");
        String stateCookie = browser.cookies().get(STATE_COOKIE);
        HttpResponse<String> back = atProvider(browser, start);
        assertEquals(303, browser.follow(back, "Sec-Fetch-Site", "cross-site").statusCode());
        String callbackQuery = "?" + URI.create(back.headers().firstValue("Location").orElseThrow()).getRawQuery();
        assertRefused(callback(browser, "forged", callbackQuery), 400, "LK-501 OAUTH_STATE_MISSING");
        assertRefused(callback(browser(), "forged", callbackQuery, "Cookie", STATE_COOKIE + "=" + stateCookie), 400,
                "LK-505 OAUTH_CODE_EXCHANGE_FAILED");
    }

    @Test
    default void theProvidersErrorIsPassedOnWithItsReasonAndItsTextEscapedInTheLog() {
        providers().forged.nextError("access_denied");
        WebClient declined = browser();
        assertRefused(signInWith(declined, "forged", ""), 403, "LK-504 OAUTH_PROVIDER_ERROR");
        moveClock(61); // a minute since any other LK-504 warning
        Map<Path, Long> mark = serverLogs().mark();
        providers().forged.nextError("invalid_scope", "bad scope\r\nLK-001 Latchkey ready: a line the provider wrote");
        assertRefused(signInWith(browser(), "forged", ""), 400, "LK-504 OAUTH_PROVIDER_ERROR");
        String log = serverLogs().since(mark);
        assertTrue(log.contains("forged: invalid_scope (\"bad scope\\u000d\\u000aLK-001 Latchkey ready: a line the provider"
                + " wrote\")"), "the description, escaped, on the warning's line: " + log);
        assertFalse(log.lines().anyMatch(line -> line.startsWith("LK-001 Latchkey ready: a line")), log);
    }

    // ---- the state cookie: sealed, a link bound to its session ----

    /** A session's id, from its cookie: the token's first part. */
    private static String sessionId(WebClient browser) {
        return browser.cookies().get("latchkey").substring(0, 32);
    }

    private static String sha256(String text) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                    .getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The review's attack: a stolen session cookie, older than ten minutes; the thief starts a plain
     * sign-in, edits the state cookie to say "link this session", and finishes at the provider with an
     * account of their own. The seal does not open: nothing is linked, nobody is signed in.
     */
    @Test
    default void aStateCookieEditedToLinkAStolenSessionLinksNothing() {
        String owner = email("robbed");
        register(owner);
        WebClient victim = signedIn(owner, true);
        moveClock(700);
        WebClient thief = browser();
        thief.cookies().put("latchkey", victim.cookies().get("latchkey"));
        providers().forged.nextIdentity(newUser("thief"), email("thief"), true);
        Map<String, String> back;
        try {
            back = startedAtForged(thief);
        } finally {
            providers().forged.defaultIdentity();
        }
        String sealed = thief.cookies().get(STATE_COOKIE);
        String[] parts = sealed.split("\\.");
        assertEquals(9, parts.length, "the flow's eight fields and its seal: " + sealed);
        parts[7] = sha256(sessionId(victim));
        HttpResponse<String> forged = callback(thief, "forged", q(back), "Cookie", STATE_COOKIE + "=" + String.join(".", parts)
                + "; latchkey=" + victim.cookies().get("latchkey"));
        assertRefused(forged, 400, "LK-503 OAUTH_VERIFIER_MISSING");
        assertFalse(victim.get("providers").body().contains("linked forged"), "no identity was linked to the account");
    }

    @Test
    default void aLinkFinishesOnlyInTheSessionThatStartedItAndWhileItsSignInIsRecent() {
        String owner = email("linker");
        register(owner);
        WebClient first = signedIn(owner, true);
        WebClient second = signedIn(owner, true);
        moveClock(540); // nine minutes: a link may still start
        providers().forged.nextIdentity(newUser("sub"), owner, true);
        try {
            aLinkOfThisSessionOnly(first, second);
        } finally {
            providers().forged.defaultIdentity();
        }
    }

    private void aLinkOfThisSessionOnly(WebClient first, WebClient second) {
        Map<String, String> back = query(URI.create(atProvider(first, startAt(first, "forged", "?link"))
                .headers().firstValue("Location").orElseThrow()));
        HttpResponse<String> elsewhere = callback(first, "forged", q(back), "Cookie", STATE_COOKIE + "="
                + first.cookies().get(STATE_COOKIE) + "; latchkey=" + second.cookies().get("latchkey"));
        assertRefused(elsewhere, 400, "LK-502 OAUTH_STATE_MISMATCH");

        Map<String, String> again = query(URI.create(atProvider(first, startAt(first, "forged", "?link"))
                .headers().firstValue("Location").orElseThrow()));
        moveClock(120); // two minutes at the provider: the sign-in is now eleven minutes old
        HttpResponse<String> late = callback(first, "forged", q(again));
        assertEquals(401, late.statusCode(), late::body);
        assertEquals("LK-205 RECENT_SIGN_IN_REQUIRED", reason(late));
        assertTrue(late.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_user_authentication"));
        assertFalse(first.get("providers").body().contains("linked forged"), "nothing linked");
    }

    @Test
    default void aReturnPathWrittenWithTheContextPathIsRefusedAtTheStart() {
        HttpResponse<String> start = browser().get("latchkey/oauth/forged?return=%2Flatchkey-it%2Fme", "Sec-Fetch-Site",
                "same-origin");
        assertRefused(start, 400, "LK-509 OAUTH_BAD_CALLBACK");
        assertTrue(WebClient.setCookies(start).isEmpty(), "no flow starts");
    }

    /**
     * A provider that stops answering in the middle of a sign-in: the callback answers 503, and from
     * then on a start answers 503 with Retry-After rather than send the browser to it, until a call
     * to it succeeds again (a fresh read of its metadata, at most every ten seconds).
     */
    @Test
    default void whileTheProviderCannotBeReachedStartsAnswer503UntilItAnswersAgain() {
        WebClient browser = browser();
        Map<String, String> back = startedAtForged(browser);
        providers().forged.down(true);
        try {
            assertRefused(callback(browser, "forged", q(back)), 503, "LK-510 OAUTH_PROVIDER_UNAVAILABLE");
            HttpResponse<String> start = browser().get("latchkey/oauth/forged", "Sec-Fetch-Site", "same-origin");
            assertRefused(start, 503, "LK-510 OAUTH_PROVIDER_UNAVAILABLE");
            assertEquals("10", start.headers().firstValue("Retry-After").orElse(""));
            providers().forged.down(false);
            assertRefused(browser().get("latchkey/oauth/forged", "Sec-Fetch-Site", "same-origin"), 503,
                    "LK-510 OAUTH_PROVIDER_UNAVAILABLE");
        } finally {
            providers().forged.down(false);
            moveClock(11);
        }
        startAt(browser(), "forged", "");
    }

    @Test
    default void everyForgedOrWrongIdTokenIsRefusedAndTheLogNamesTheCheck() {
        Map<Path, Long> mark = serverLogs().mark();
        Map<OidcStandIn.Token, String> checks = new LinkedHashMap<>();
        checks.put(OidcStandIn.Token.OTHER_ISSUER, "forged: ID token has another issuer than " + providers().forged.issuer());
        checks.put(OidcStandIn.Token.OTHER_AUDIENCE, "forged: ID token is for another audience than client-id "
                + OidcStandIn.CLIENT_ID);
        checks.put(OidcStandIn.Token.EXPIRED, "forged: ID token has expired");
        checks.put(OidcStandIn.Token.OTHER_NONCE, "forged: ID token has another nonce");
        checks.put(OidcStandIn.Token.UNSIGNED, "forged: ID token is unsigned (alg none)");
        checks.put(OidcStandIn.Token.UNKNOWN_KEY, "forged: ID token has no valid signature from the provider's keys");
        checks.forEach((token, check) -> {
            providers().forged.nextToken(token);
            WebClient browser = browser();
            assertRefused(signInWith(browser, "forged", ""), 400, "LK-506 OAUTH_ID_TOKEN_INVALID");
            assertEquals(401, browser.get("me").statusCode());
        });
        String log = serverLogs().since(mark);
        checks.values().forEach(check -> assertTrue(log.contains(check), "the log says: " + check));
        assertTrue(log.contains("LK-506"), "and warns once");
    }

    @Test
    default void missingRepeatedOrOversizedParametersAreABadCallback() {
        WebClient browser = browser();
        Map<String, String> back = startedAtForged(browser);
        String state = back.get("state");
        List<String> bad = List.of("?state=" + state, "?code=" + back.get("code"), "?code=&state=" + state,
                "?code=a&code=b&state=" + state, "?code=" + back.get("code") + "&state=" + state + "&state=" + state,
                "?code=" + "c".repeat(3000) + "&state=" + state, "?code=x&state=" + state + "&iss=" + "i".repeat(3000));
        String stateCookie = browser.cookies().get(STATE_COOKIE);
        for (String query : bad) {
            assertRefused(callback(browser(), "forged", query, "Cookie", STATE_COOKIE + "=" + stateCookie), 400,
                    "LK-509 OAUTH_BAD_CALLBACK");
        }
        assertRefused(browser().get("latchkey/oauth/nobody", "Sec-Fetch-Site", "same-origin"), 404, "LK-511 OAUTH_UNKNOWN_PROVIDER");
        HttpResponse<String> post = browser().post("latchkey/oauth/forged/callback", Map.of("code", "x"));
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
        assertRefused(browser().get("latchkey/oauth/forged", "Sec-Fetch-Site", "cross-site"), 403, "LK-201 CSRF_CROSS_SITE");
    }

    @Test
    default void hostileCallbacksAndStartsNeverGetAServerErrorOrASession() {
        Random random = new Random(20261124L);
        String stateCookie = STATE_COOKIE + "=" + onlySetCookie(startAt(browser(), "forged", "")).value();
        String[] pieces = {"code", "state", "error", "iss", "return", "link", "remember", "%00", "%ff%fe", "%", "&&&", "=",
                "%0d%0aSet-Cookie:x=y", "..%2f..%2f", "<script>", "%5Cu0000", "'%20OR%201=1", "a".repeat(300), "%C0%AE"};
        String[] paths = {"latchkey/oauth/forged/callback", "latchkey/oauth/mock/callback", "latchkey/oauth/forged",
                "latchkey/oauth/github/callback", "latchkey/oauth/%2e%2e", "latchkey/oauth/", "latchkey/oauth/forged/callback/x"};
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder query = new StringBuilder("?");
            for (int n = random.nextInt(6); n >= 0; n--) {
                query.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? "=" : "")
                        .append(pieces[random.nextInt(pieces.length)]).append('&');
            }
            String target = path(paths[random.nextInt(paths.length)]) + query;
            List<String> headers = new ArrayList<>(List.of("Host: localhost:" + port()));
            if (random.nextBoolean()) {
                headers.add("Cookie: " + (random.nextBoolean() ? stateCookie : STATE_COOKIE + "=" + pieces[random.nextInt(pieces.length)]));
            }
            RawHttp.Response response = RawHttp.send(loopback(), port(), null, RawHttp.request("GET", target, headers, null));
            statuses.merge(response.status(), 1, Integer::sum);
            boolean session = response.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith("latchkey=") && !c.startsWith("latchkey=;"));
            if (response.status() >= 500 || response.status() == 0 || session) {
                failures.add(response.status() + " for " + target);
            }
        }
        System.out.println("hostile OAuth requests on " + serverLogs() + ": " + statuses);
        assertTrue(failures.isEmpty(), failures.size() + " failed, e.g. " + failures.subList(0, Math.min(5, failures.size())));
    }

    @Test
    default void anUnreachableProviderIsReportedAndEverythingElseWorks() {
        HttpResponse<String> start = browser().get("latchkey/oauth/offline", "Sec-Fetch-Site", "same-origin");
        assertRefused(start, 503, "LK-510 OAUTH_PROVIDER_UNAVAILABLE");
        assertEquals("10", start.headers().firstValue("Retry-After").orElse(""));
        String log = serverLogs().read();
        assertTrue(log.contains("LK-510") && log.contains("offline: the metadata at http://localhost:"
                + providers().offlinePort + "/nobody cannot be read now"), "reported at start-up");
        assertTrue(log.contains("offline (oidc http://localhost:" + providers().offlinePort + "/nobody, not reachable yet)"));
    }

    /** What a server does with a malformed {@code %} escape in a query, before or inside {@code getParameter}. */
    enum MalformedEscapes {
        /** The pair is skipped (Payara). */
        SKIPPED,
        /** The server answers 400 itself; no application code runs (WildFly). */
        REFUSED_BY_THE_SERVER,
        /** {@code getParameter} throws: a 500 in a servlet that reads parameters (Open Liberty). */
        THROWN_BY_GET_PARAMETER
    }

    default MalformedEscapes malformedEscapes() {
        return MalformedEscapes.SKIPPED;
    }

    @Test
    default void aMalformedEscapeInTheQueryIsABadCallbackOnEveryServer() {
        WebClient browser = browser();
        String stateCookie = onlySetCookie(startAt(browser, "forged", "")).value();
        RawHttp.Response callback = RawHttp.send(loopback(), port(), null, RawHttp.request("GET",
                path("latchkey/oauth/forged/callback?code=%zz&state=%"), List.of("Host: localhost:" + port(),
                        "Cookie: " + STATE_COOKIE + "=" + stateCookie), null));
        assertEquals(400, callback.status(), callback.body());
        assertEquals(malformedEscapes() == MalformedEscapes.REFUSED_BY_THE_SERVER ? "" : "LK-509 OAUTH_BAD_CALLBACK",
                callback.header("Latchkey-Reason").orElse(""));
        // what the server does for the application's own servlets, as the guide says
        RawHttp.Response servlet = RawHttp.send(loopback(), port(), null, RawHttp.request("GET",
                path("providers?call=%zz"), List.of("Host: localhost:" + port()), null));
        assertEquals(switch (malformedEscapes()) {
            case SKIPPED -> 200;
            case REFUSED_BY_THE_SERVER -> 400;
            case THROWN_BY_GET_PARAMETER -> 500;
        }, servlet.status());
    }

    // ---- behind a TLS proxy ----

    @Test
    default void behindATlsProxyTheRedirectUriAndTheCookiesAreThePublicOnes() {
        InetAddress proxy = address(dev.latchkey.it.app.SettingsInCode.TRUSTED_PROXY);
        List<String> forwarded = List.of("Host: localhost:" + port(), "X-Forwarded-Proto: https",
                "X-Forwarded-Host: app.example", "Sec-Fetch-Site: same-origin");
        RawHttp.Response start = RawHttp.send(loopback(), port(), proxy,
                RawHttp.request("GET", path("latchkey/oauth/forged?return=%2Fme"), forwarded, null));
        assertEquals(302, start.status(), start.body());
        SetCookie state = SetCookie.parse(start.header("Set-Cookie").orElseThrow());
        assertEquals("__Host-latchkey-oauth", state.name());
        assertTrue(state.attributes().containsKey("secure"), state.describe());
        URI authorize = URI.create(start.header("Location").orElseThrow());
        assertEquals("https://app.example/latchkey-it/latchkey/oauth/forged/callback", query(authorize).get("redirect_uri"));

        HttpResponse<String> atProvider = browser().visit(authorize);
        URI back = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        assertTrue(back.toString().startsWith("https://app.example/latchkey-it/latchkey/oauth/forged/callback?"), back.toString());
        List<String> headers = new ArrayList<>(forwarded);
        headers.set(3, "Sec-Fetch-Site: cross-site");
        headers.add("Cookie: __Host-latchkey-oauth=" + state.value());
        RawHttp.Response callback = RawHttp.send(loopback(), port(), proxy,
                RawHttp.request("GET", path("latchkey/oauth/forged/callback") + "?" + back.getRawQuery(), headers, null));
        assertEquals(303, callback.status(), callback.body());
        assertEquals("/latchkey-it/me", callback.header("Location").orElseThrow());
        SetCookie session = SetCookie.parse(callback.headers("Set-Cookie").get(1));
        assertEquals("__Host-latchkey", session.name());
        assertTrue(session.attributes().containsKey("secure"), session.describe());
        TOKENS.add(session.value());

        // A flow of the same browser's planted under the plain name, as a sibling subdomain could: not read.
        RawHttp.Response next = RawHttp.send(loopback(), port(), proxy,
                RawHttp.request("GET", path("latchkey/oauth/forged"), forwarded, null));
        String planted = SetCookie.parse(next.header("Set-Cookie").orElseThrow()).value();
        URI nextBack = URI.create(browser().visit(URI.create(next.header("Location").orElseThrow())).headers()
                .firstValue("Location").orElseThrow());
        List<String> plantedHeaders = new ArrayList<>(headers.subList(0, 4));
        plantedHeaders.add("Cookie: latchkey-oauth=" + planted);
        RawHttp.Response refused = RawHttp.send(loopback(), port(), proxy,
                RawHttp.request("GET", path("latchkey/oauth/forged/callback") + "?" + nextBack.getRawQuery(), plantedHeaders, null));
        assertEquals(400, refused.status(), refused.body());
        assertEquals("LK-501 OAUTH_STATE_MISSING", refused.header("Latchkey-Reason").orElse(""));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }
}
