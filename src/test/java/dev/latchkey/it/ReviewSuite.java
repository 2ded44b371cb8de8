package dev.latchkey.it;

import static dev.latchkey.it.support.ServerUnderTest.assertBlank;
import static dev.latchkey.it.support.ServerUnderTest.newUser;
import static dev.latchkey.it.support.ServerUnderTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.RawHttp;
import dev.latchkey.it.support.ServerLogs;
import dev.latchkey.it.support.ServerUnderTest;
import dev.latchkey.it.support.SetCookie;
import dev.latchkey.it.support.WebClient;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The defects of the security review, each shown fixed against the real server: login CSRF, the
 * development cookie, odd names, roles and disabled accounts on live sessions, fail-safe sign-out,
 * the current user after a sign-in, bearer-only sign-in, and the same answers on every server.
 */
interface ReviewSuite extends ServerUnderTest {

    // ---- login CSRF: a request that can create a session passes the origin rule of a signed-in one ----

    @Test
    default void aSignInFromAnotherSiteIsRefusedAndCreatesNoSession() {
        String user = newUser("csrf");
        register(user);
        for (String via : new String[] {"standard", "helper"}) {
            HttpResponse<String> forged = browser().post("signin", Map.of("username", user, "password", PASSWORD, "via", via),
                    "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
            assertEquals(403, forged.statusCode(), via);
            assertEquals("LK-201 CSRF_CROSS_SITE", reason(forged), via);
            assertTrue(WebClient.setCookies(forged).isEmpty(), "no session cookie for the other site's account");
        }
        HttpResponse<String> olderBrowser = browser().post("signin", Map.of("username", user, "password", PASSWORD),
                "Origin", "https://evil.example");
        assertEquals(403, olderBrowser.statusCode());
        assertEquals("LK-202 CSRF_ORIGIN_MISMATCH", reason(olderBrowser));
        HttpResponse<String> noOrigin = browser().post("signin", Map.of("username", user, "password", PASSWORD));
        assertEquals(403, noOrigin.statusCode(), "a cookie sign-in must show where it comes from");
        assertEquals("LK-203 CSRF_NO_ORIGIN", reason(noOrigin));
        assertTrue(WebClient.setCookies(noOrigin).isEmpty());

        WebClient own = signedIn(user, true);
        assertEquals(1, own.get("sessions").body().lines().count(), "the refused sign-ins created no session");
    }

    @Test
    default void aSignUpFromAnotherSiteIsRefusedAndCreatesNoAccount() {
        String user = newUser("forged");
        HttpResponse<String> forged = browser().post("signup", Map.of("username", user, "password", PASSWORD),
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, forged.statusCode());
        assertEquals("LK-201 CSRF_CROSS_SITE", reason(forged));
        register(user); // 201: the name was still free
    }

    @Test
    default void anApiClientSignsInForABearerTokenWithoutOriginAndGetsNoCookie() {
        String user = newUser("api");
        register(user);
        HttpResponse<String> in = browser().post("signin", Map.of("username", user, "password", PASSWORD, "api", "token"));
        assertEquals(200, in.statusCode(), in::body);
        assertTrue(WebClient.setCookies(in).isEmpty(), "the token leaves in the body only");
        String token = in.body().substring("token=".length());
        assertTrue(token.matches(TOKEN_PATTERN), in.body());
        TOKENS.add(token);
        HttpResponse<String> me = browser().get("me", "Authorization", "Bearer " + token);
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("principal=" + user + "\n"));
        assertEquals(401, browser().post("signin", Map.of("username", user, "password", "wrong", "api", "token"))
                .statusCode());
    }

    @Test
    default void aCookieSignInNeverExposesTheTokenToTheApplication() {
        String user = newUser("hidden");
        register(user);
        WebClient browser = browser();
        HttpResponse<String> in = browser.postSameOrigin("signin",
                Map.of("username", user, "password", PASSWORD, "show", "attributes"));
        assertEquals(200, in.statusCode(), in::body);
        String token = browser.cookies().get("latchkey");
        TOKENS.add(token);
        assertFalse(in.body().contains(token.substring(33)), "no request attribute holds the token: " + in.body());
    }

    // ---- the development cookie: only for a connection from this machine to itself ----

    @Test
    default void theDevelopmentCookieIsOnlyForAConnectionFromThisMachineToItself() {
        String user = newUser("host");
        register(user);
        InetAddress publicAddress = RawHttp.nonLoopbackAddress();
        String loopbackHost = "127.0.0.1:" + port();
        // A proxy (here: a client on another address) forwards Host: 127.0.0.1, nginx's default.
        RawHttp.Response viaProxy = signInRaw(publicAddress, publicAddress, loopbackHost, user, List.of());
        assertEquals(200, viaProxy.status(), viaProxy.body());
        SetCookie secure = SetCookie.parse(viaProxy.header("Set-Cookie").orElseThrow());
        assertEquals("__Host-latchkey", secure.name());
        assertTrue(secure.attributes().containsKey("secure"), secure.describe());
        TOKENS.add(secure.value());

        // The unprefixed name is not read from such a connection (a sibling subdomain could plant it).
        assertEquals(401, getRaw(publicAddress, loopbackHost, "latchkey=" + secure.value()).status());
        assertEquals(200, getRaw(publicAddress, loopbackHost, "__Host-latchkey=" + secure.value()).status());

        // A local proxy that says it is one gets the secure cookie as well.
        RawHttp.Response localProxy = signInRaw(loopback(), null, loopbackHost, user, List.of("X-Forwarded-For: 203.0.113.9"));
        assertEquals("__Host-latchkey", SetCookie.parse(localProxy.header("Set-Cookie").orElseThrow()).name());
        TOKENS.add(SetCookie.parse(localProxy.header("Set-Cookie").orElseThrow()).value());

        // The developer's own browser on this machine gets the development cookie.
        RawHttp.Response local = signInRaw(loopback(), null, loopbackHost, user, List.of());
        SetCookie development = SetCookie.parse(local.header("Set-Cookie").orElseThrow());
        assertEquals("latchkey", development.name());
        assertFalse(development.attributes().containsKey("secure"));
        TOKENS.add(development.value());
        assertEquals(200, getRaw(loopback(), loopbackHost, "latchkey=" + development.value()).status());
    }

    private RawHttp.Response signInRaw(InetAddress to, InetAddress from, String host, String user, List<String> extra) {
        List<String> headers = new ArrayList<>(List.of("Host: " + host, "Origin: http://" + host,
                "Sec-Fetch-Site: same-origin", "Content-Type: application/x-www-form-urlencoded"));
        headers.addAll(extra);
        return RawHttp.send(to, port(), from, RawHttp.request("POST", path("signin"), headers,
                "username=" + user + "&password=" + PASSWORD.replace(' ', '+') + "&remember=on"));
    }

    private RawHttp.Response getRaw(InetAddress to, String host, String cookie) {
        return RawHttp.send(to, port(), to.isLoopbackAddress() ? null : to,
                RawHttp.request("GET", path("me"), List.of("Host: " + host, "Cookie: " + cookie), null));
    }

    // ---- odd names: a clear answer, never a 500 ----

    @Test
    default void namesWithControlCharactersGetAClearAnswerNeverA500() {
        String user = newUser("nul");
        register(user);
        HttpResponse<String> nulName = browser().postSameOrigin("signin", Map.of("username", user + "\u0000", "password", PASSWORD));
        assertEquals(401, nulName.statusCode(), nulName::body);
        HttpResponse<String> controlName = browser().postSameOrigin("signin", Map.of("username", "a\u0001b", "password", PASSWORD));
        assertEquals(401, controlName.statusCode());
        HttpResponse<String> signUp = browser().postSameOrigin("signup", Map.of("username", "al\u0000ice", "password", PASSWORD));
        assertEquals(409, signUp.statusCode());
        assertEquals("NAME_INVALID", signUp.body());
        WebClient admin = newSignedInUser("admin");
        HttpResponse<String> revoke = admin.postSameOrigin("admin/revoke", Map.of("user", "a\u0000b"));
        assertEquals(200, revoke.statusCode(), revoke::body);
        assertEquals("revoked 0", revoke.body());
        HttpResponse<String> bearer = browser().post("signin", Map.of("username", "x\u0000", "password", PASSWORD, "api", "token"));
        assertEquals(401, bearer.statusCode());
    }

    @Test
    default void concurrentRegistrationsOfOneNameGiveOneAccountAndNoServerError() throws Exception {
        String user = newUser("race");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> browser().postSameOrigin("signup", Map.of("username", user, "password", PASSWORD))));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                outcomes.add(answer.get().statusCode() + " " + answer.get().body());
            }
            assertEquals(1, outcomes.stream().filter("201 CREATED"::equals).count(), outcomes::toString);
            assertEquals(5, outcomes.stream().filter("409 NAME_TAKEN"::equals).count(), outcomes::toString);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- roles and disabled accounts reach live sessions ----

    @Test
    default void aDemotedAdministratorLosesTheRoleOnTheNextRequest() {
        String demoted = newUser("admin");
        register(demoted);
        WebClient demotedBrowser = signedIn(demoted, true);
        assertEquals(200, demotedBrowser.get("api/admin").statusCode());
        WebClient admin = newSignedInUser("admin");
        assertEquals("done true", admin.postSameOrigin("admin/account",
                Map.of("user", demoted, "action", "set-groups", "groups", "user")).body());
        assertEquals(403, demotedBrowser.get("api/admin").statusCode(), "the role is gone from the live session");
        assertTrue(demotedBrowser.get("me").body().contains("admin-role=false\n"));
    }

    /** A row of the guide's "What differs between servers": a group that nothing declares is a role on WildFly only. */
    @Test
    default void aGroupNoRoleDeclarationNamesIsARoleOnWildFlyOnly() {
        String user = newUser("reader");
        register(user);
        WebClient reader = signedIn(user, true);
        WebClient admin = newSignedInUser("admin");
        assertEquals("done true", admin.postSameOrigin("admin/account",
                Map.of("user", user, "action", "set-groups", "groups", "user,undeclared-reader")).body());
        String me = reader.get("me?role=undeclared-reader").body();
        assertTrue(me.contains("current.groups=[undeclared-reader, user]\n"), me);
        assertTrue(me.contains("asked-role=" + (serverLogs() == ServerLogs.WILDFLY) + "\n"), me);
    }

    @Test
    default void aDisabledAccountLosesEverySessionAndCannotSignInUntilEnabled() {
        String user = newUser("dora");
        register(user);
        WebClient laptop = signedIn(user, true);
        WebClient admin = newSignedInUser("admin");
        assertEquals("done true", admin.postSameOrigin("admin/account", Map.of("user", user, "action", "disable")).body());
        assertEquals(401, laptop.get("me").statusCode());
        assertEquals(401, browser().postSameOrigin("signin", Map.of("username", user, "password", PASSWORD)).statusCode());
        assertEquals("done true", admin.postSameOrigin("admin/account", Map.of("user", user, "action", "enable")).body());
        signedIn(user, false);
    }

    @Test
    default void aDeletedAccountLosesEverySession() {
        String user = newUser("ed");
        register(user);
        WebClient laptop = signedIn(user, true);
        WebClient admin = newSignedInUser("admin");
        assertEquals("done true", admin.postSameOrigin("admin/account", Map.of("user", user, "action", "delete")).body());
        assertEquals(401, laptop.get("me").statusCode());
        register(user); // the name is free again
    }

    // ---- sign-out never looks successful while the session still works ----

    @Test
    default void signingOutWhileTheStoreIsDownAnswers503AndClearsTheCookie() {
        WebClient browser = newSignedInUser("out");
        String token = browser.cookies().get("latchkey");
        breakStore(true);
        HttpResponse<String> out;
        try {
            out = browser.postSameOrigin("signout", Map.of());
        } finally {
            breakStore(false);
        }
        assertEquals(503, out.statusCode(), out::body);
        assertEquals("5", out.headers().firstValue("Retry-After").orElse(""));
        assertEquals("LK-106 STORE_UNAVAILABLE", reason(out));
        assertBlank(ServerUnderTest.onlySetCookie(out));
        assertEquals(200, browser().get("me", "Cookie", "latchkey=" + token).statusCode(),
                "the row could not be deleted, and the client was not told otherwise");
    }

    // ---- the current user after a sign-in in the same request ----

    @Test
    default void afterASignInTheRequestsCurrentUserIsTheNewSession() {
        String user = newUser("fresh");
        register(user);
        WebClient phone = signedIn(user, true);
        WebClient laptop = signedIn(user, true);
        String oldLaptopToken = laptop.cookies().get("latchkey");
        HttpResponse<String> again = laptop.postSameOrigin("signin",
                Map.of("username", user, "password", PASSWORD, "via", "helper", "then", "revoke-others"));
        assertEquals(200, again.statusCode(), again::body);
        String newToken = laptop.cookies().get("latchkey");
        TOKENS.add(newToken);
        assertNotEquals(oldLaptopToken, newToken);
        assertTrue(again.body().endsWith("current=" + user + " session=" + newToken.substring(0, 32) + " revoked=1"),
                again.body());
        assertEquals(200, laptop.get("me").statusCode(), "the new session survived");
        assertEquals(401, phone.get("me").statusCode(), "the other one was revoked");
    }

    // ---- every server answers alike ----

    @Test
    default void aClientCanTellSignInFromNotAllowedOnEveryResource() {
        String challenge = "Bearer realm=\"latchkey\"";
        for (String resource : new String[] {"me", "api/whoami", "api/admin"}) {
            HttpResponse<String> anonymous = browser().get(resource);
            assertEquals(401, anonymous.statusCode(), resource);
            assertEquals(challenge, anonymous.headers().firstValue("WWW-Authenticate").orElse(""), resource);
            HttpResponse<String> garbage = browser().get(resource, "Cookie", "latchkey=garbage");
            assertEquals(401, garbage.statusCode(), resource);
            assertEquals(challenge, garbage.headers().firstValue("WWW-Authenticate").orElse(""), resource);
        }
        String user = newUser("tell");
        register(user);
        HttpResponse<String> in = browser().post("signin", Map.of("username", user, "password", PASSWORD, "api", "token"));
        String token = in.body().substring("token=".length());
        TOKENS.add(token);
        WebClient signedIn = signedIn(user, false);
        assertEquals(403, signedIn.get("api/admin").statusCode(), "signed in, but not allowed");
        assertEquals(200, browser().get("api/whoami", "Authorization", "Bearer " + token).statusCode());
        signedIn.postSameOrigin("signout", Map.of());
        assertEquals(200, browser().post("signout", Map.of(), "Authorization", "Bearer " + token).statusCode());
        for (String resource : new String[] {"me", "api/whoami"}) {
            HttpResponse<String> signedOut = browser().get(resource, "Authorization", "Bearer " + token);
            assertEquals(401, signedOut.statusCode(), resource);
            assertEquals(challenge + ", error=\"invalid_token\"", signedOut.headers().firstValue("WWW-Authenticate")
                    .orElse(""), resource);
        }
    }

    @Test
    default void aRoleNamedOnlyInRolesAllowedWorksWithoutDeclareRoles() {
        WebClient auditor = newSignedInUser("auditor");
        HttpResponse<String> audit = auditor.get("api/audit");
        assertEquals(200, audit.statusCode(), audit::body);
        assertEquals("auditor ok", audit.body());
        assertTrue(auditor.get("me").body().contains("auditor-role=true\n"));
        assertEquals(403, newSignedInUser("plain").get("api/audit").statusCode());
    }

    @Test
    default void aRestMethodThatNeedsARoleAnswers503WhenTheStoreIsDown() {
        WebClient browser = newSignedInUser("rest");
        breakStore(true);
        try {
            HttpResponse<String> whoami = browser.get("api/whoami");
            assertEquals(503, whoami.statusCode(), whoami::body);
            assertEquals("5", whoami.headers().firstValue("Retry-After").orElse(""));
        } finally {
            breakStore(false);
        }
        assertEquals(200, browser.get("api/whoami").statusCode());
    }

    @Test
    default void theCallerHasLatchkeysAuthenticationType() {
        assertTrue(newSignedInUser("type").get("me").body().contains("auth-type=LATCHKEY\n"));
    }

    /** Whether the server's HTTP layer itself answers 400 to any byte from 0x80 up in a header (Payara). */
    default boolean refusesNonAsciiHeaderBytes() {
        return false;
    }

    @Test
    default void aCookieWithNonAsciiBytesBesideTheSessionCookieIsNeverA500() {
        WebClient browser = newSignedInUser("latin");
        String token = browser.cookies().get("latchkey");
        for (String odd : new String[] {"a=caf\u00e9", "a=caf\u00c3\u00a9", "b=x\u0001y", "JSESSIONID=\u001f\u000bx"}) {
            RawHttp.Response response = RawHttp.send(loopback(), port(), null, RawHttp.request("GET", path("me"),
                    List.of("Host: localhost:" + port(), "Cookie: " + odd + "; latchkey=" + token), null));
            if (refusesNonAsciiHeaderBytes()) {
                assertEquals(400, response.status(), odd);
            } else {
                assertEquals(200, response.status(), odd);
                assertTrue(response.body().contains("principal="), "the session cookie beside it still counts");
            }
        }
    }

    @Test
    default void malformedBasicHeadersAreNeverA500() {
        for (String header : new String[] {"Basic", "Basic ", "Basic  ", "Basic !!!", "Basic Zm9v", "Basic Zm9vOg",
            "Basic ====", "Basic A", "Basic " + "Q".repeat(5000)}) {
            HttpResponse<String> pub = browser().get("public", "Authorization", header);
            assertEquals(200, pub.statusCode(), header);
            assertEquals("anonymous", pub.body());
            HttpResponse<String> prot = browser().get("me", "Authorization", header);
            assertEquals(401, prot.statusCode(), header);
        }
    }
}
