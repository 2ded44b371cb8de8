package dev.latchkey.it;

import static dev.latchkey.it.support.ServerUnderTest.assertBlank;
import static dev.latchkey.it.support.ServerUnderTest.newUser;
import static dev.latchkey.it.support.ServerUnderTest.onlySetCookie;
import static dev.latchkey.it.support.ServerUnderTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.DeployedApplication;
import dev.latchkey.it.support.SetCookie;
import dev.latchkey.it.support.TestApp;
import dev.latchkey.it.support.WebClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a user of Latchkey depends on, against a real server: the test WAR carries Latchkey's jar
 * in WEB-INF/lib, as an application would. One subclass per server supplies the deployment.
 * Requests go to {@code http://localhost}, so the session cookie is the loopback one: no
 * {@code Secure}, no {@code __Host-} prefix.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ContainerSuite extends DeployedApplication implements ReviewSuite, HostileInputSuite, OAuthSuite,
        SignInProtectionSuite, RecoverySuite {

    /** The login page configured for this server: MicroProfile Config's where the server has it, the context parameter's otherwise. */
    abstract String expectedLoginPage();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApp.withRecovery();
    }

    /**
     * Latchkey found its tables missing on the server's first deployment and created them, without a
     * failed statement that the JPA provider logs as an error (WildFly's Hibernate logged five, in red).
     * First of the suite: later tests take tables away on purpose.
     */
    @Test
    @Order(1)
    void theTablesWereCreatedWithoutAnErrorInTheServersLog() {
        List<String> errors = serverLogs().read().lines()
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("latchkey_"))
                .filter(line -> { String l = line.toLowerCase(java.util.Locale.ROOT);
                    return l.contains("not found") || l.contains("does not exist") || l.contains("doesn't exist")
                            || l.contains("no such table") || l.contains("sqlexception"); })
                .filter(line -> !line.contains("LK-"))
                .toList();
        assertEquals(List.of(), errors, "error lines about Latchkey's tables");
        assertTrue(serverLogs().read().contains("table latchkey_session checked"), "the tables were checked");
    }

    @Test
    void signUpSignInAndTheContainerKnowsTheCaller() {
        String user = newUser("alice");
        register(user);
        WebClient browser = browser();
        HttpResponse<String> in = browser.postSameOrigin("signin",
                Map.of("username", user, "password", PASSWORD, "remember", "on"));
        assertEquals(200, in.statusCode(), in::body);
        assertEquals("signed in as " + user, in.body());
        token(true, onlySetCookie(in));

        HttpResponse<String> me = browser.get("me");
        assertEquals(200, me.statusCode(), me::body);
        assertTrue(me.body().contains("principal=" + user + "\n"), me.body());
        assertTrue(me.body().contains("user-role=true\n"), me.body());
        assertTrue(me.body().contains("admin-role=false\n"), me.body());
        assertTrue(me.body().contains("current.id=" + user + "\n"), me.body());
        assertTrue(me.body().contains("current.groups=[user]\n"), me.body());
        assertTrue(me.body().contains("current.authenticated=true"), me.body());
        assertTrue(WebClient.setCookies(me).isEmpty(), "no cookie on an ordinary request");

        HttpResponse<String> rest = browser.get("api/whoami");
        assertEquals(200, rest.statusCode(), rest::body);
        assertTrue(rest.body().contains("principal=" + user + "\nadmin=false\ncurrent.id=" + user), rest.body());
        assertEquals(403, browser.get("api/admin").statusCode());

        HttpResponse<String> out = browser.postSameOrigin("signout", Map.of());
        assertEquals(200, out.statusCode(), out::body);
        assertBlank(onlySetCookie(out));
        assertEquals(401, browser.get("me").statusCode());
    }

    @Test
    void administratorsHaveTheAdminRoleInServletsAndRest() {
        String admin = newUser("admin");
        register(admin);
        WebClient browser = signedIn(admin, false);
        assertTrue(browser.get("me").body().contains("admin-role=true"));
        assertEquals("admin ok", browser.get("api/admin").body());
    }

    @Test
    void withoutRememberMeTheCookieIsABrowserSessionCookie() {
        String user = newUser("bea");
        register(user);
        HttpResponse<String> in = browser().postSameOrigin("signin", Map.of("username", user, "password", PASSWORD));
        assertEquals(200, in.statusCode());
        token(false, onlySetCookie(in));
    }

    @Test
    void signedOutSessionIsDeadEvenWithTheOldCookie() {
        String user = newUser("carl");
        register(user);
        WebClient browser = signedIn(user, true);
        String oldCookie = "latchkey=" + browser.cookies().get("latchkey");
        browser.postSameOrigin("signout", Map.of());
        HttpResponse<String> replay = browser().get("me", "Cookie", oldCookie);
        assertEquals(401, replay.statusCode());
        assertBlank(onlySetCookie(replay));
        assertEquals("LK-103 UNKNOWN_SESSION", replay.headers().firstValue("Latchkey-Reason").orElse(""));
    }

    @Test
    void wrongPasswordIs401AndSetsNoCookie() {
        String user = newUser("dan");
        register(user);
        HttpResponse<String> in = browser().postSameOrigin("signin", Map.of("username", user, "password", "wrong password"));
        assertEquals(401, in.statusCode());
        assertTrue(WebClient.setCookies(in).isEmpty());
        HttpResponse<String> unknown = browser().postSameOrigin("signin", Map.of("username", newUser("nobody"), "password", PASSWORD));
        assertEquals(401, unknown.statusCode());
    }

    @Test
    void signInReplacesAnExistingSession() {
        String user = newUser("erin");
        register(user);
        WebClient browser = signedIn(user, true);
        String first = browser.cookies().get("latchkey");
        HttpResponse<String> again = browser.postSameOrigin("signin",
                Map.of("username", user, "password", PASSWORD, "remember", "on", "via", "helper"));
        assertEquals(200, again.statusCode(), again::body);
        List<String> cookies = WebClient.setCookies(again);
        assertBlank(SetCookie.parse(cookies.get(0)));
        String second = token(true, SetCookie.parse(cookies.get(cookies.size() - 1)));
        assertNotEquals(first, second);
        assertEquals(401, browser().get("me", "Cookie", "latchkey=" + first).statusCode(), "the old session is gone");
        assertEquals(200, browser.get("me").statusCode());
    }

    @Test
    void bearerTokenAuthenticatesWithoutCookies() {
        String user = newUser("finn");
        register(user);
        HttpResponse<String> in = browser().postSameOrigin("signin",
                Map.of("username", user, "password", PASSWORD, "api", "token"));
        String token = in.body().substring(in.body().indexOf("token=") + 6).strip();
        assertTrue(token.matches("[a-z2-7]{32}\\.[a-z2-7]{52}"), "token issued to the API client");
        TOKENS.add(token);

        HttpResponse<String> me = browser().get("me", "Authorization", "Bearer " + token);
        assertEquals(200, me.statusCode(), me::body);
        assertTrue(me.body().contains("principal=" + user));
        assertTrue(WebClient.setCookies(me).isEmpty());
        assertEquals(200, browser().get("api/whoami", "Authorization", "bearer " + token).statusCode());
        // a cross-site POST with a bearer token carries no ambient credential: no CSRF check
        assertEquals(200, browser().post("me", Map.of(), "Authorization", "Bearer " + token,
                "Origin", "https://evil.test", "Sec-Fetch-Site", "cross-site").statusCode());
        assertEquals(401, browser().get("me", "Authorization", "Bearer " + token.substring(0, 40) + "x").statusCode());
    }

    @Test
    void crossSitePostIsRejectedAndSameOriginPostGoesThrough() {
        String user = newUser("gail");
        register(user);
        WebClient browser = signedIn(user, true);

        HttpResponse<String> crossSite = browser.post("me", Map.of(), "Origin", "https://evil.test",
                "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.body().contains("LK-201"), crossSite.body());
        assertEquals("LK-201 CSRF_CROSS_SITE", crossSite.headers().firstValue("Latchkey-Reason").orElse(""));

        HttpResponse<String> foreignOrigin = browser.post("me", Map.of(), "Origin", "https://evil.test");
        assertEquals(403, foreignOrigin.statusCode());
        HttpResponse<String> noOrigin = browser.post("me", Map.of());
        assertEquals(403, noOrigin.statusCode());

        HttpResponse<String> sameOrigin = browser.postSameOrigin("me", Map.of());
        assertEquals(200, sameOrigin.statusCode(), sameOrigin::body);
        assertEquals("posted by " + user, sameOrigin.body());
        HttpResponse<String> originOnly = browser.post("me", Map.of(), "Origin", browser.origin());
        assertEquals(200, originOnly.statusCode());
    }

    @Test
    void garbageCookiesGiveAnAnonymousRequestAndNeverAServerError() {
        String wellFormedUnknown = "a".repeat(32) + "." + "b".repeat(52);
        List<String> cookieHeaders = List.of(
                "latchkey=garbage",
                "latchkey=" + "x".repeat(7000),
                "latchkey=\"" + wellFormedUnknown + "\"",
                "latchkey=" + wellFormedUnknown,
                "latchkey=" + wellFormedUnknown.replace('.', '-'),
                "latchkey=%00%0d%0a; latchkey=..; latchkey=",
                "latchkey=" + "a".repeat(32) + ".' OR 1=1 --",
                "=; ;;; latchkey; latchkey==; a=b=c",
                "latchkey=" + wellFormedUnknown + "; latchkey=" + wellFormedUnknown.replace('a', 'c') + "; latchkey=x");
        for (String cookie : cookieHeaders) {
            HttpResponse<String> pub = browser().get("public", "Cookie", cookie);
            assertEquals(200, pub.statusCode(), () -> "public page with " + cookie.length() + " character cookie");
            assertEquals("anonymous", pub.body());
            HttpResponse<String> prot = browser().get("me", "Cookie", cookie);
            assertEquals(401, prot.statusCode());
            HttpResponse<String> post = browser().post("public", Map.of(), "Cookie", cookie, "Origin", "https://evil.test");
            assertTrue(post.statusCode() < 500, "POST gave " + post.statusCode());
        }
        for (String authorization : List.of("Bearer", "Bearer x y", "Basic Zm9vOmJhcg==", "Bearer " + "z".repeat(5000))) {
            HttpResponse<String> prot = browser().get("me", "Authorization", authorization);
            assertEquals(401, prot.statusCode());
        }
    }

    @Test
    void sessionAtItsRenewalPointGetsAFreshCookieEvenWhenTheResponseCommitsEarly() {
        String user = newUser("hugo");
        register(user);
        WebClient browser = signedIn(user, true);
        String token = browser.cookies().get("latchkey");

        moveClock(16L * 24 * 3600); // less than half of the 30-day idle window left
        HttpResponse<String> me = browser.get("me");
        assertEquals(200, me.statusCode());
        assertEquals(token, token(true, onlySetCookie(me)), "same token, new expiry");
        assertTrue(WebClient.setCookies(browser.get("me")).isEmpty(), "renewed once, then quiet");

        moveClock(16L * 24 * 3600);
        HttpResponse<String> big = browser.get("big");
        assertEquals(200, big.statusCode());
        assertEquals(16 * 64 * 1024, big.body().length());
        assertEquals(token, token(true, onlySetCookie(big)));
    }

    @Test
    void idleSessionExpires() {
        String user = newUser("ivy");
        register(user);
        WebClient browser = signedIn(user, false);
        moveClock(6L * 3600); // the application sets a 12-hour browser-session idle window in code
        assertEquals(200, browser.get("me").statusCode());
        moveClock(12L * 3600 + 5);
        HttpResponse<String> me = browser.get("me");
        assertEquals(401, me.statusCode());
        assertEquals("LK-104 SESSION_EXPIRED", me.headers().firstValue("Latchkey-Reason").orElse(""));
        assertBlank(onlySetCookie(me));
    }

    @Test
    void revokeOthersLeavesOnlyTheCurrentSessionWorking() {
        String user = newUser("jo");
        register(user);
        WebClient laptop = signedIn(user, true);
        WebClient phone = signedIn(user, true);
        WebClient tablet = signedIn(user, false);
        assertEquals(3, laptop.get("sessions").body().lines().count());

        HttpResponse<String> revoke = laptop.postSameOrigin("sessions", Map.of("action", "revoke-others"));
        assertEquals("revoked 2", revoke.body());
        assertEquals(200, laptop.get("me").statusCode());
        assertEquals(401, phone.get("me").statusCode());
        assertEquals(401, tablet.get("me").statusCode());
        List<String> left = laptop.get("sessions").body().lines().toList();
        assertEquals(1, left.size());
        assertTrue(left.get(0).endsWith(" current"));
    }

    @Test
    void signingOutAfterTheResponseIsCommittedStillEndsTheSessionAndSaysTheCookieWasNotSent() {
        String user = newUser("pat");
        register(user);
        WebClient browser = signedIn(user, true);
        Map<java.nio.file.Path, Long> mark = serverLogs().mark();
        HttpResponse<String> late = browser.postSameOrigin("late-signout", Map.of());
        assertEquals(200, late.statusCode());
        assertTrue(WebClient.setCookies(late).isEmpty(), "too late for a Set-Cookie");
        assertEquals(401, browser.get("me").statusCode(), "the session row is gone all the same");
        assertTrue(serverLogs().since(mark).contains("LK-107"), "COOKIE_NOT_WRITTEN is reported");
    }

    @Test
    void anAdministratorSignsAUserOutEverywhere() {
        String user = newUser("olga");
        String admin = newUser("admin");
        register(user);
        register(admin);
        WebClient first = signedIn(user, true);
        WebClient second = signedIn(user, false);
        assertEquals(403, signedIn(user, true).postSameOrigin("admin/revoke", Map.of("user", user)).statusCode(),
                "only administrators");
        HttpResponse<String> revoke = signedIn(admin, false).postSameOrigin("admin/revoke", Map.of("user", user));
        assertEquals("revoked 3", revoke.body());
        assertEquals(401, first.get("me").statusCode());
        assertEquals(401, second.get("me").statusCode());
    }

    @Test
    void aUserCannotRevokeAnotherUsersSession() {
        String victim = newUser("kim");
        String attacker = newUser("lou");
        register(victim);
        register(attacker);
        WebClient victimBrowser = signedIn(victim, true);
        String victimSession = victimBrowser.get("sessions").body().lines().findFirst().orElseThrow().split(" ")[0];
        WebClient attackerBrowser = signedIn(attacker, true);
        assertEquals("revoked false",
                attackerBrowser.postSameOrigin("sessions", Map.of("action", "revoke", "id", victimSession)).body());
        assertEquals(200, victimBrowser.get("me").statusCode());
    }

    @Test
    void changingThePasswordSignsOutTheOtherSessions() {
        String user = newUser("max");
        register(user);
        WebClient here = signedIn(user, true);
        WebClient elsewhere = signedIn(user, true);
        HttpResponse<String> change = here.postSameOrigin("password",
                Map.of("current", PASSWORD, "replacement", "a new long passphrase"));
        assertEquals("CHANGED", change.body());
        assertEquals(200, here.get("me").statusCode());
        assertEquals(401, elsewhere.get("me").statusCode());
        assertEquals(401, browser().postSameOrigin("signin", Map.of("username", user, "password", PASSWORD)).statusCode());
        assertEquals(200, browser().postSameOrigin("signin",
                Map.of("username", user, "password", "a new long passphrase")).statusCode());
        assertFalse(here.postSameOrigin("password", Map.of("current", "wrong", "replacement", "whatever else")).body()
                .equals("CHANGED"));
    }

    @Test
    void aCrossSiteRequestWithoutTheCookieIsExplained() {
        HttpResponse<String> pub = browser().get("public", "Sec-Fetch-Site", "cross-site");
        assertEquals(200, pub.statusCode());
        assertEquals("LK-109 NO_TOKEN_CROSS_SITE", pub.headers().firstValue("Latchkey-Reason").orElse(""));
        assertTrue(browser().get("public").headers().firstValue("Latchkey-Reason").isEmpty(),
                "an ordinary anonymous request is not a rejection");
    }

    @Test
    void browsersAreSentToTheLoginPageAndApiClientsGet401() {
        HttpResponse<String> page = browser().get("me", "Accept", "text/html,application/xhtml+xml");
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/latchkey-it" + expectedLoginPage()),
                page.headers().firstValue("Location").orElse("no Location"));
        assertEquals(401, browser().get("me", "Accept", "application/json").statusCode());
        assertEquals(401, browser().get("me").statusCode());
    }

    @Test
    void whenTheStoreIsDownProtectedPagesAnswer503PublicOnesWorkAndServiceResumes() {
        String user = newUser("nora");
        register(user);
        WebClient browser = signedIn(user, true);
        breakStore(true);
        try {
            HttpResponse<String> me = browser.get("me");
            assertEquals(503, me.statusCode(), "never anonymous access, never a stack trace");
            assertEquals("5", me.headers().firstValue("Retry-After").orElse(""));
            assertEquals("LK-106 STORE_UNAVAILABLE", me.headers().firstValue("Latchkey-Reason").orElse(""));
            assertTrue(WebClient.setCookies(me).isEmpty(), "the cookie is kept: the session may be fine");
            HttpResponse<String> pub = browser.get("public");
            assertEquals(200, pub.statusCode());
            assertEquals("anonymous", pub.body());
        } finally {
            breakStore(false);
        }
        HttpResponse<String> back = browser.get("me");
        assertEquals(200, back.statusCode(), "service resumes by itself");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noTokenOrSecretEverReachesTheServerLog() {
        assertFalse(TOKENS.isEmpty(), "the other tests ran first and collected tokens");
        assertFalse(serverLogs().files().isEmpty(), "the server writes its log where the build told it to");
        String text = serverLogs().read();
        assertTrue(text.contains("LK-001 Latchkey ready"), "the start-up summary line is logged");
        assertTrue(text.contains("LK-103") && text.contains("LK-201"), "debug lines with reason codes are logged, so the search means something");
        for (String token : TOKENS) {
            String secret = token.substring(33);
            assertFalse(text.contains(secret), "a token's secret appears in the server log");
        }
        assertFalse(text.contains(PASSWORD), "a password appears in the server log");
        for (String secret : providers().secrets()) {
            assertFalse(text.contains(secret), "a provider token or client secret appears in the server log");
        }
    }
}
