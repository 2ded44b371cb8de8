package dev.latchkey.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.servlet.Diagnostics;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.internal.web.OriginCheck;
import dev.latchkey.testing.FakeHttp;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.RecordingStore;
import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.throttle.ThrottleSettings;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mechanism's answers to the container, request by request: the caller handed over, 401 with the
 * challenge, 503 while the store is down, the login page for browsers, and a sign-in that checks the
 * origin first, never asks an identity store about an impossible name, and creates a new session.
 */
class LatchkeyAuthenticationMechanismTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T09:00:00Z"));
    private final AtomicInteger storeChecks = new AtomicInteger();
    private RecordingStore store;
    private Latchkey latchkey;
    private LatchkeyAuthenticationMechanism mechanism;

    /** What the mechanism told the container. */
    private static final class Context {
        final Map<String, Object> messageInfo = new HashMap<>();
        String notifiedCaller;
        Set<String> notifiedGroups;
        String redirect;
        boolean unauthorized;
        boolean cleaned;

        HttpMessageContext build(boolean isProtected, AuthenticationParameters parameters, HttpServletResponse response) {
            MessageInfo info = (MessageInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MessageInfo.class},
                    (p, m, a) -> m.getName().equals("getMap") ? messageInfo : null);
            return (HttpMessageContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpMessageContext.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "getMessageInfo" -> info;
                        case "getAuthParameters" -> parameters;
                        case "isAuthenticationRequest" -> parameters != null;
                        case "isProtected" -> isProtected;
                        case "notifyContainerAboutLogin" -> {
                            notifiedCaller = a[0] instanceof Principal principal ? principal.getName() : (String) a[0];
                            @SuppressWarnings("unchecked")
                            Set<String> groups = (Set<String>) a[1];
                            notifiedGroups = groups;
                            yield AuthenticationStatus.SUCCESS;
                        }
                        case "doNothing" -> AuthenticationStatus.NOT_DONE;
                        case "redirect" -> {
                            redirect = (String) a[0];
                            yield AuthenticationStatus.SEND_CONTINUE;
                        }
                        case "responseUnauthorized" -> {
                            unauthorized = true;
                            response.sendError(401);
                            yield AuthenticationStatus.SEND_FAILURE;
                        }
                        case "cleanClientSubject" -> {
                            cleaned = true;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    @BeforeEach
    void setUp() {
        store = new RecordingStore(new InMemorySessionStore());
        latchkey = new Latchkey(store, clock, LatchkeyConfig.defaults());
        ServletSessions sessions = new ServletSessions(latchkey, new OriginCheck(true),
                new Diagnostics(true, clock), "/login");
        mechanism = new LatchkeyAuthenticationMechanism();
        mechanism.servletSessions = () -> sessions;
        mechanism.identityStores = credential -> {
            storeChecks.incrementAndGet();
            UsernamePasswordCredential password = (UsernamePasswordCredential) credential;
            return password.compareTo("alice", "right password")
                    ? new CredentialValidationResult("alice", Set.of("user")) : CredentialValidationResult.INVALID_RESULT;
        };
    }

    private AuthenticationStatus validate(HttpServletRequest request, FakeHttp.Response response, Context context,
            boolean isProtected, AuthenticationParameters parameters) {
        HttpServletResponse http = response.build();
        return mechanism.validateRequest(request, http, context.build(isProtected, parameters, http));
    }

    @Test
    void aValidSessionIsHandedToTheContainerWithItsGroups() {
        String token = latchkey.createSession(NewSession.forUser("alice").groups(Set.of("user", "admin"))).token();
        Context context = new Context();
        AuthenticationStatus status = validate(new FakeHttp.Request().header("Cookie", "latchkey=" + token).build(),
                new FakeHttp.Response(), context, true, null);
        assertEquals(AuthenticationStatus.SUCCESS, status);
        assertEquals("alice", context.notifiedCaller);
        assertEquals(Set.of("admin", "user"), context.notifiedGroups);
        assertEquals(LatchkeyAuthenticationMechanism.AUTH_TYPE, context.messageInfo.get("jakarta.servlet.http.authType"));
    }

    @Test
    void anAnonymousRequestToAPublicResourceIsLeftAlone() {
        Context context = new Context();
        assertEquals(AuthenticationStatus.NOT_DONE, validate(new FakeHttp.Request().build(), new FakeHttp.Response(),
                context, false, null));
        assertFalse(context.unauthorized);
    }

    @Test
    void anAnonymousRequestToAProtectedResourceIs401WithTheChallenge() {
        FakeHttp.Response response = new FakeHttp.Response();
        Context context = new Context();
        assertEquals(AuthenticationStatus.SEND_FAILURE, validate(new FakeHttp.Request().build(), response, context, true, null));
        assertEquals(401, response.status());
        assertEquals("Bearer realm=\"latchkey\"", response.header("WWW-Authenticate"));
    }

    @Test
    void aRefusedBearerTokenIsAnInvalidToken() {
        FakeHttp.Response response = new FakeHttp.Response();
        validate(new FakeHttp.Request().header("Authorization", "Bearer " + "a".repeat(32) + "." + "b".repeat(52)).build(),
                response, new Context(), true, null);
        assertEquals("Bearer realm=\"latchkey\", error=\"invalid_token\"", response.header("WWW-Authenticate"));
    }

    @Test
    void browsersAreSentToTheLoginPage() {
        Context context = new Context();
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(new FakeHttp.Request().header("Accept", "text/html").build(),
                new FakeHttp.Response(), context, true, null));
        assertEquals("/app/login", context.redirect);
    }

    @Test
    void whileTheStoreIsDownAProtectedResourceIs503NeverAnonymous() {
        String token = latchkey.createSession(NewSession.forUser("alice")).token();
        store.setDown(true);
        FakeHttp.Response response = new FakeHttp.Response();
        assertEquals(AuthenticationStatus.SEND_FAILURE, validate(new FakeHttp.Request().header("Cookie", "latchkey=" + token)
                .build(), response, new Context(), true, null));
        assertEquals(503, response.status());
        assertEquals("5", response.header("Retry-After"));
    }

    private static AuthenticationParameters signIn(String name, String password) {
        return AuthenticationParameters.withParams().credential(new UsernamePasswordCredential(name, new Password(password)));
    }

    @Test
    void aSignInCreatesANewSessionWithItsCookie() {
        FakeHttp.Response response = new FakeHttp.Response();
        Context context = new Context();
        HttpServletRequest request = new FakeHttp.Request().method("POST").header("Origin", "http://localhost:8080")
                .header("Sec-Fetch-Site", "same-origin").build();
        assertEquals(AuthenticationStatus.SUCCESS, validate(request, response, context, false, signIn("alice", "right password")));
        assertEquals("alice", context.notifiedCaller);
        assertTrue(response.header("Set-Cookie").startsWith("latchkey="), response.header("Set-Cookie"));
        assertEquals(1, latchkey.listUserSessions("alice").size());
    }

    @Test
    void aSignInFromAnotherSiteIsRefusedBeforeAnyIdentityStoreIsAsked() {
        FakeHttp.Response response = new FakeHttp.Response();
        HttpServletRequest request = new FakeHttp.Request().method("POST").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").build();
        assertEquals(AuthenticationStatus.SEND_FAILURE, validate(request, response, new Context(), false,
                signIn("alice", "right password")));
        assertEquals(403, response.status());
        assertTrue(response.isCommitted(), "the application cannot turn it into something else");
        assertTrue(response.errorMessage().contains("LK-201"), response.errorMessage());
        assertEquals(0, storeChecks.get());
        assertTrue(latchkey.listUserSessions("alice").isEmpty());
    }

    @Test
    void aWrongPasswordIs401ThatTheApplicationMayStillAnswer() {
        FakeHttp.Response response = new FakeHttp.Response();
        HttpServletRequest request = new FakeHttp.Request().method("POST").header("Sec-Fetch-Site", "same-origin").build();
        assertEquals(AuthenticationStatus.SEND_FAILURE, validate(request, response, new Context(), false, signIn("alice", "wrong")));
        assertEquals(401, response.status());
        assertFalse(response.isCommitted(), "the sign-in form can be shown again");
        assertNull(response.header("Set-Cookie"));
    }

    @Test
    void aNameNoAccountCanHaveIsNeverAskedAbout() {
        FakeHttp.Response response = new FakeHttp.Response();
        HttpServletRequest request = new FakeHttp.Request().method("POST").header("Sec-Fetch-Site", "same-origin").build();
        validate(request, response, new Context(), false, signIn("al\u0000ice", "right password"));
        assertEquals(401, response.status());
        assertEquals(0, storeChecks.get());
    }

    @Test
    void signingOutWhileTheStoreIsDownIs503AndStillClearsTheCookie() {
        String token = latchkey.createSession(NewSession.forUser("alice")).token();
        store.setDown(true);
        HttpServletRequest request = new FakeHttp.Request().method("POST").header("Cookie", "latchkey=" + token).build();
        FakeHttp.Response response = new FakeHttp.Response();
        HttpServletResponse http = response.build();
        Context context = new Context();
        mechanism.cleanSubject(request, http, context.build(false, null, http));
        assertEquals(503, response.status());
        assertTrue(response.header("Set-Cookie").startsWith("latchkey=;"));
        assertTrue(context.cleaned, "the container's subject is cleared all the same");
    }

    // ---- sign-in throttling ----

    private void throttledBy(AttemptStore attempts) {
        ServletSessions sessions = new ServletSessions(latchkey, new OriginCheck(true),
                new Diagnostics(true, clock), "/login", new SignInThrottle(attempts, clock, ThrottleSettings.defaults()));
        mechanism.servletSessions = () -> sessions;
    }

    private FakeHttp.Response attempt(String password) {
        FakeHttp.Response response = new FakeHttp.Response();
        HttpServletRequest request = new FakeHttp.Request().method("POST").header("Sec-Fetch-Site", "same-origin").build();
        validate(request, response, new Context(), false, signIn("alice", password));
        return response;
    }

    @Test
    void theFourthQuickWrongAttemptIs429BeforeAnyPasswordIsChecked() {
        throttledBy(new InMemoryAttemptStore());
        for (int i = 0; i < 3; i++) {
            assertEquals(401, attempt("wrong " + i).status());
        }
        assertEquals(3, storeChecks.get());
        FakeHttp.Response throttled = attempt("right password");
        assertEquals(429, throttled.status(), "even with the right password");
        assertEquals("10", throttled.header("Retry-After"));
        assertEquals("LK-204 SIGN_IN_THROTTLED", throttled.header("Latchkey-Reason"));
        assertFalse(throttled.isCommitted(), "the application may show its page");
        assertEquals(3, storeChecks.get(), "no password was checked");
        assertTrue(latchkey.listUserSessions("alice").isEmpty());
        clock.advance(java.time.Duration.ofSeconds(10));
        assertNull(attempt("right password").header("Retry-After"));
        assertEquals(1, latchkey.listUserSessions("alice").size(), "signed in after the wait");
    }

    @Test
    void whenTheCountersCannotBeReadASignInIs503AndNothingIsChecked() {
        throttledBy((AttemptStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AttemptStore.class}, (proxy, method, args) -> {
                    throw new SessionStoreException("down");
                }));
        FakeHttp.Response response = attempt("right password");
        assertEquals(503, response.status(), "fails closed");
        assertEquals("5", response.header("Retry-After"));
        assertEquals(0, storeChecks.get());
        assertTrue(latchkey.listUserSessions("alice").isEmpty());
    }
}
