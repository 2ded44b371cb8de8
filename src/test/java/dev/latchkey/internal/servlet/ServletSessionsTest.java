package dev.latchkey.internal.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.internal.web.OriginCheck;
import dev.latchkey.testing.FakeHttp;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.RecordingStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a servlet request's session is found and its cookie written: bearer before cookie, the cookie
 * values tried in turn, a blank cookie for a rejected one but not while the store is down, one
 * validation per request, the development cookie, and sign-out that never claims success falsely.
 */
class ServletSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T09:00:00Z"));
    private RecordingStore store;
    private Latchkey latchkey;
    private ServletSessions sessions;

    @BeforeEach
    void setUp() {
        store = new RecordingStore(new InMemorySessionStore());
        latchkey = new Latchkey(store, clock, LatchkeyConfig.defaults());
        sessions = new ServletSessions(latchkey, new OriginCheck(true),
                new Diagnostics(true, clock), "/login");
    }

    private String token(String user) {
        return latchkey.createSession(NewSession.forUser(user).rememberMe(true).groups(Set.of("user"))).token();
    }

    private static String unknownToken() {
        return "a".repeat(32) + "." + "b".repeat(52);
    }

    @Test
    void aValidCookieIsTheRequestsSessionAndNothingIsWritten() {
        String token = token("alice");
        FakeHttp.Response response = new FakeHttp.Response();
        RequestState state = sessions.resolve(new FakeHttp.Request().header("Cookie", "latchkey=" + token).build(),
                response.build());
        assertEquals("alice", state.session().userId());
        assertEquals(OriginCheck.Credential.SESSION_COOKIE, state.credential());
        assertTrue(response.headers("Set-Cookie").isEmpty());
    }

    @Test
    void theBearerHeaderWinsOverTheCookie() {
        String bearer = token("bob");
        RequestState state = sessions.resolve(new FakeHttp.Request().header("Authorization", "Bearer " + bearer)
                .header("Cookie", "latchkey=" + token("alice")).build(), new FakeHttp.Response().build());
        assertEquals("bob", state.session().userId());
        assertEquals(OriginCheck.Credential.BEARER_TOKEN, state.credential());
    }

    @Test
    void cookieValuesAreTriedInTurnAndTheValidOneCounts() {
        String token = token("alice");
        FakeHttp.Response response = new FakeHttp.Response();
        RequestState state = sessions.resolve(new FakeHttp.Request()
                .header("Cookie", "latchkey=garbage; latchkey=" + unknownToken() + "; latchkey=" + token).build(), response.build());
        assertEquals("alice", state.session().userId());
        assertTrue(response.headers("Set-Cookie").isEmpty(), "no blank cookie when one value was good");
    }

    @Test
    void onlyAFewWellFormedValuesAreLookedUp() {
        String cookies = "latchkey=" + unknownToken() + "; latchkey=" + unknownToken().replace('a', 'c') + "; latchkey="
                + unknownToken().replace('a', 'd') + "; latchkey=" + token("alice");
        int before = store.calls.get();
        RequestState state = sessions.resolve(new FakeHttp.Request().header("Cookie", cookies).build(),
                new FakeHttp.Response().build());
        assertEquals(TokenReader.MAX_COOKIES_TRIED, store.calls.get() - before);
        assertEquals(Reason.UNKNOWN_SESSION, state.rejection());
    }

    @Test
    void aRejectedCookieGetsTheBlankCookieAndTheReasonHeader() {
        FakeHttp.Response response = new FakeHttp.Response();
        RequestState state = sessions.resolve(new FakeHttp.Request().header("Cookie", "latchkey=" + unknownToken()).build(),
                response.build());
        assertNull(state.session());
        assertEquals(Reason.UNKNOWN_SESSION, state.rejection());
        assertEquals("latchkey=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax", response.header("Set-Cookie"));
        assertEquals("LK-103 UNKNOWN_SESSION", response.header(Diagnostics.HEADER));
    }

    @Test
    void whileTheStoreIsDownTheCookieIsKept() {
        String token = token("alice");
        store.setDown(true);
        FakeHttp.Response response = new FakeHttp.Response();
        RequestState state = sessions.resolve(new FakeHttp.Request().header("Cookie", "latchkey=" + token).build(),
                response.build());
        assertEquals(Reason.STORE_UNAVAILABLE, state.rejection());
        assertTrue(response.headers("Set-Cookie").isEmpty(), "the session may be fine: no blank cookie");
    }

    @Test
    void theSessionIsValidatedOncePerRequest() {
        HttpServletRequest request = new FakeHttp.Request().header("Cookie", "latchkey=" + token("alice")).build();
        int before = store.calls.get();
        for (int i = 0; i < 5; i++) {
            sessions.resolve(request, null);
        }
        assertEquals(1, store.calls.get() - before);
    }

    @Test
    void aRenewedSessionGetsItsCookieAgain() {
        String token = token("alice");
        clock.advance(Duration.ofDays(16));
        FakeHttp.Response response = new FakeHttp.Response();
        sessions.resolve(new FakeHttp.Request().header("Cookie", "latchkey=" + token).build(), response.build());
        assertTrue(response.header("Set-Cookie").startsWith("latchkey=" + token + "; Max-Age=2592000;"),
                response.header("Set-Cookie"));
    }

    @Test
    void aCookieThatCannotBeWrittenAnyMoreIsReported() {
        String token = token("alice");
        clock.advance(Duration.ofDays(16));
        FakeHttp.Response response = new FakeHttp.Response().committed();
        RequestState state = sessions.resolve(new FakeHttp.Request().header("Cookie", "latchkey=" + token).build(),
                response.build());
        assertEquals("alice", state.session().userId(), "still signed in for this request");
        assertTrue(response.headers("Set-Cookie").isEmpty());
    }

    @Test
    void onlyAConnectionFromThisMachineToItselfReadsAndGetsTheDevelopmentCookie() {
        String token = token("alice");
        FakeHttp.Request throughProxy = new FakeHttp.Request().remoteAddress("192.0.2.7").header("Host", "127.0.0.1:8080")
                .header("Cookie", "latchkey=" + token);
        assertEquals(Reason.NO_TOKEN, sessions.resolve(throughProxy.build(), null).rejection(), "the unprefixed name is not read");
        FakeHttp.Request prefixed = new FakeHttp.Request().remoteAddress("192.0.2.7").header("Host", "127.0.0.1:8080")
                .header("Cookie", "__Host-latchkey=" + token);
        assertEquals("alice", sessions.resolve(prefixed.build(), null).session().userId());
        FakeHttp.Response response = new FakeHttp.Response();
        sessions.signIn(new FakeHttp.Request().remoteAddress("192.0.2.7").header("Host", "127.0.0.1:8080").build(),
                response.build(), "bob", Set.of(), false);
        assertTrue(response.header("Set-Cookie").startsWith("__Host-latchkey="), response.header("Set-Cookie"));
        assertTrue(response.header("Set-Cookie").contains("; Secure"));
    }

    @Test
    void signInReplacesTheRequestsSessionAndTheRequestIsTheNewOne() {
        String old = token("alice");
        HttpServletRequest request = new FakeHttp.Request().header("Cookie", "latchkey=" + old).build();
        FakeHttp.Response response = new FakeHttp.Response();
        IssuedSession issued = sessions.signIn(request, response.build(), "alice", Set.of("user"), true);
        assertEquals(Reason.UNKNOWN_SESSION, latchkey.validateSession(old).rejection().orElseThrow(), "the old one is gone");
        assertEquals(issued.session().id(), sessions.resolve(request, null).session().id());
        assertTrue(response.header("Set-Cookie").startsWith("latchkey=" + issued.token() + ";"));
    }

    @Test
    void signOutClearsTheCookieFirstAndFailsLoudlyWhenTheStoreIsDown() {
        String token = token("alice");
        store.setDown(true);
        HttpServletRequest request = new FakeHttp.Request().header("Cookie", "latchkey=" + token).build();
        FakeHttp.Response response = new FakeHttp.Response();
        assertFalse(sessions.signOut(request, response.build()), "not signed out: the store is down");
        assertEquals("LK-106 STORE_UNAVAILABLE", response.header("Latchkey-Reason"));
        assertEquals("latchkey=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax", response.header("Set-Cookie"));
        assertNull(sessions.resolve(request, null).session(), "the request is anonymous from then on");
        store.setDown(false);
        assertTrue(latchkey.validateSession(token).isValid(), "the session could not be deleted: hence the failure");
    }

    @Test
    void aCrossSiteSignInIsRefusedAndAnAnonymousProgramMayPost() throws java.io.IOException {
        HttpServletRequest crossSite = new FakeHttp.Request().method("POST").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").build();
        assertEquals(Reason.CSRF_CROSS_SITE, sessions.crossSiteSignIn(crossSite).orElseThrow());
        HttpServletRequest program = new FakeHttp.Request().method("POST").build();
        assertEquals(Reason.CSRF_NO_ORIGIN, sessions.crossSiteSignIn(program).orElseThrow());
        FakeHttp.Response response = new FakeHttp.Response();
        assertTrue(sessions.admit(program, response.build(), sessions.resolve(program, null)), "no cookie, no browser");
        assertEquals(200, response.status());
    }
}
