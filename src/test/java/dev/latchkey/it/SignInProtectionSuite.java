package dev.latchkey.it;

import static dev.latchkey.it.support.ServerUnderTest.newUser;
import static dev.latchkey.it.support.ServerUnderTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.RawHttp;
import dev.latchkey.it.support.ServerUnderTest;
import dev.latchkey.it.support.SetCookie;
import dev.latchkey.it.support.WebClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sign-in protection on a real server: throttling with 429 and {@code Retry-After} before any password
 * is checked (the test application's clock stands still, so "quick" attempts are quick), the client's
 * address through a trusted proxy only, failing closed, "sudo mode" for servlets' beans and Jakarta
 * REST, re-authentication without a new token, and the built-in accounts' password rules.
 */
interface SignInProtectionSuite extends ServerUnderTest {

    private HttpResponse<String> signIn(WebClient browser, String user, String password) {
        return browser.postSameOrigin("signin", Map.of("username", user, "password", password));
    }

    @Test
    default void theFourthQuickWrongAttemptIs429AndSignInWorksAgainAfterTheWait() {
        String user = newUser("thr");
        register(user);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = signIn(browser(), user, "wrong password " + i);
            assertEquals(401, wrong.statusCode(), wrong::body);
        }
        HttpResponse<String> fourth = signIn(browser(), user, "wrong password 4");
        assertEquals(429, fourth.statusCode(), fourth::body);
        assertEquals("10", fourth.headers().firstValue("Retry-After").orElse(""));
        assertEquals("LK-204 SIGN_IN_THROTTLED", reason(fourth));
        HttpResponse<String> right = signIn(browser(), user, PASSWORD);
        assertEquals(429, right.statusCode(), "the right password is refused too, unchecked, while throttled");
        assertTrue(WebClient.setCookies(right).isEmpty(), "and no session");
        HttpResponse<String> bearer = browser().postSameOrigin("signin", Map.of("username", user, "password", PASSWORD,
                "api", "token"));
        assertEquals(429, bearer.statusCode(), "the bearer sign-in is throttled alike");
        moveClock(11);
        assertEquals(200, signIn(browser(), user, PASSWORD).statusCode(), "after the wait");
        assertEquals(401, signIn(browser(), user, "wrong again").statusCode(), "the success cleared the counter");
    }

    @Test
    default void behindTheTrustedProxyEachClientHasItsOwnCountersAndNobodyElseCanChooseTheirs() {
        String user = newUser("prx");
        register(user);
        InetAddress proxy = address(dev.latchkey.it.app.SettingsInCode.TRUSTED_PROXY);
        for (int i = 0; i < 3; i++) {
            // The proxy writes X-Forwarded-For (declared); it passes on the Forwarded and X-Real-IP the client wrote.
            assertEquals(401, viaProxy(proxy, "203.0.113.250, 198.51.100.1", user, "wrong", "Forwarded: for=203.0.113." + i,
                    "X-Real-IP: 203.0.114." + i).status());
        }
        assertEquals(429, viaProxy(proxy, "203.0.113.250, ".repeat(40) + "198.51.100.1", user, PASSWORD,
                "Forwarded: for=203.0.113.9", "X-Real-IP: 203.0.114.9").status(),
                "this client waits, whatever other forwarding headers it writes and however many hops it puts before its own");
        RawHttp.Response other = viaProxy(proxy, "203.0.113.250, 198.51.100.2", user, PASSWORD);
        assertEquals(200, other.status(), "another client of the proxy does not: " + other.body());
        TOKENS.add(SetCookie.parse(other.header("Set-Cookie").orElseThrow()).value());

        String direct = newUser("spoof");
        register(direct);
        for (int i = 0; i < 3; i++) {
            signIn(browser(), direct, "wrong");
        }
        RawHttp.Response spoofed = RawHttp.send(loopback(), port(), null, RawHttp.request("POST", path("signin"), List.of(
                "Host: localhost:" + port(), "Origin: http://localhost:" + port(), "Sec-Fetch-Site: same-origin",
                "X-Forwarded-For: 203.0.113.77", "Content-Type: application/x-www-form-urlencoded"),
                "username=" + direct + "&password=" + PASSWORD.replace(' ', '+')));
        assertEquals(429, spoofed.status(), "a client's own X-Forwarded-For changes nothing");
    }

    /** A sign-in through the trusted proxy, whose X-Forwarded-For ends with the client it received the request from. */
    private RawHttp.Response viaProxy(InetAddress proxy, String forwardedFor, String user, String password, String... passedOn) {
        List<String> headers = new ArrayList<>(List.of("Host: app.example", "X-Forwarded-Proto: https",
                "X-Forwarded-Host: app.example", "X-Forwarded-For: " + forwardedFor, "Origin: https://app.example",
                "Sec-Fetch-Site: same-origin", "Content-Type: application/x-www-form-urlencoded"));
        headers.addAll(List.of(passedOn));
        return RawHttp.send(loopback(), port(), proxy, RawHttp.request("POST", path("signin"), headers,
                "username=" + user + "&password=" + password.replace(' ', '+')));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fifty wrong passwords for one account, sent at once: each attempt is counted before its password is
     * checked, so exactly three (the pair limit) are checked and answered 401, and every other one 429.
     */
    @Test
    default void fiftyWrongPasswordsAtOnceAreCheckedExactlyThreeTimes() throws Exception {
        String user = newUser("burst");
        register(user);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(50);
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String guess = "wrong guess " + i;
                WebClient browser = browser();
                statuses.add(pool.submit(() -> {
                    start.await();
                    return signIn(browser, user, guess).statusCode();
                }));
            }
            List<Integer> answers = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> status : statuses) {
                answers.add(status.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(3, answers.stream().filter(s -> s == 401).count(), "checked: " + answers);
            assertEquals(47, answers.stream().filter(s -> s == 429).count(), "refused unchecked: " + answers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void whenTheCountersCannotBeReadSignInFailsClosed() {
        String user = newUser("closed");
        register(user);
        assertEquals("done", browser().post("test-database", Map.of("action", "break-counters")).body());
        try {
            HttpResponse<String> in = signIn(browser(), user, PASSWORD);
            assertEquals(503, in.statusCode(), "never signed in unchecked, never a 500");
            assertTrue(WebClient.setCookies(in).isEmpty());
            assertEquals("5", in.headers().firstValue("Retry-After").orElse(""));
        } finally {
            assertEquals("done", browser().post("test-database", Map.of("action", "mend-counters")).body());
        }
        assertEquals(200, signIn(browser(), user, PASSWORD).statusCode());
    }

    @Test
    default void aSensitiveActionNeedsARecentSignInAndAReauthenticationKeepsTheToken() {
        WebClient browser = newSignedInUser("sudo");
        String token = browser.cookies().get("latchkey");
        assertEquals("deleted everything", browser.get("sensitive").body(), "just signed in");
        assertEquals("sensitive ok", browser.postSameOrigin("api/sensitive", Map.of()).body());
        moveClock(11 * 60);

        HttpResponse<String> api = browser.get("sensitive", "Accept", "application/json");
        assertEquals(401, api.statusCode(), api::body);
        assertEquals("LK-205 RECENT_SIGN_IN_REQUIRED", reason(api));
        assertEquals("Bearer realm=\"latchkey\", error=\"insufficient_user_authentication\", error_description=\"A more"
                + " recent sign-in is required\", max_age=600", api.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> page = browser.get("sensitive?x=1", "Accept", "text/html");
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/latchkey-it/sign-in?return=%2Fsensitive%3Fx%3D1"
                + "&reauth=600") || page.headers().firstValue("Location").orElse("").endsWith("/latchkey-it/login?return="
                + "%2Fsensitive%3Fx%3D1&reauth=600"), page.headers().firstValue("Location").orElse(""));
        HttpResponse<String> rest = browser.postSameOrigin("api/sensitive", Map.of());
        assertEquals(401, rest.statusCode(), rest::body);
        assertEquals("LK-205 RECENT_SIGN_IN_REQUIRED", reason(rest));
        assertTrue(rest.headers().firstValue("WWW-Authenticate").orElse("").contains("max_age=600"));

        HttpResponse<String> wrong = browser.postSameOrigin("sensitive", Map.of("password", "not it"));
        assertEquals(401, wrong.statusCode());
        assertEquals("INVALID_CREDENTIALS", wrong.body());
        HttpResponse<String> confirmed = browser.postSameOrigin("sensitive", Map.of("password", PASSWORD));
        assertEquals("confirmed", confirmed.body());
        assertTrue(WebClient.setCookies(confirmed).isEmpty(), "the same session and token, no new cookie");
        assertEquals(token, browser.cookies().get("latchkey"));
        assertEquals("deleted everything", browser.get("sensitive").body());
        assertEquals("sensitive ok", browser.postSameOrigin("api/sensitive", Map.of()).body());
    }

    @Test
    default void reauthenticationIsThrottledLikeASignIn() {
        WebClient browser = newSignedInUser("resudo");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, browser.postSameOrigin("sensitive", Map.of("password", "guess " + i)).statusCode());
        }
        HttpResponse<String> fourth = browser.postSameOrigin("sensitive", Map.of("password", PASSWORD));
        assertEquals(429, fourth.statusCode());
        assertEquals("SIGN_IN_THROTTLED", fourth.body());
        assertEquals("10", fourth.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    default void guessingTheCurrentPasswordInAPasswordChangeIsThrottled() {
        WebClient browser = newSignedInUser("chg");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = browser.postSameOrigin("password", Map.of("current", "guess " + i,
                    "replacement", "a new long password " + i));
            assertEquals("WRONG_PASSWORD", wrong.body());
        }
        HttpResponse<String> fourth = browser.postSameOrigin("password", Map.of("current", PASSWORD,
                "replacement", "a new long password"));
        assertEquals(429, fourth.statusCode(), fourth::body);
        assertEquals("THROTTLED", fourth.body(), "the right current password is not even checked");
        assertEquals("10", fourth.headers().firstValue("Retry-After").orElse(""));
        moveClock(11);
        assertEquals("CHANGED", browser.postSameOrigin("password", Map.of("current", PASSWORD,
                "replacement", "a new long password")).body());
    }

    @Test
    default void anApplicationWithItsOwnPasswordsEndsTheOtherSessionsAfterAChange() {
        String user = newUser("own");
        register(user);
        WebClient here = signedIn(user, true);
        WebClient there = signedIn(user, true);
        assertEquals("ended 1", here.postSameOrigin("sessions", Map.of("action", "password-changed")).body());
        assertEquals(200, here.get("me").statusCode());
        assertEquals(401, there.get("me").statusCode());
    }

    @Test
    default void commonPasswordsAndTheNameAreRefusedNamingTheRule() {
        String user = newUser("rules");
        HttpResponse<String> common = browser().postSameOrigin("signup", Map.of("username", user, "password", "iloveyou"));
        assertEquals(409, common.statusCode());
        assertEquals("PASSWORD_INVALID common", common.body());
        assertEquals("PASSWORD_INVALID same-as-name",
                browser().postSameOrigin("signup", Map.of("username", user, "password", user.toUpperCase())).body());
        assertEquals("PASSWORD_INVALID min-length",
                browser().postSameOrigin("signup", Map.of("username", user, "password", "x7y7z7q")).body());
        assertEquals(201, browser().postSameOrigin("signup", Map.of("username", user, "password", PASSWORD)).statusCode());
    }
}
