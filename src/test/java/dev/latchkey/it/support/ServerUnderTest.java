package dev.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test application deployed on one server, and what the flows do with it: new users, sign-in,
 * cookies as a browser reads them. The flows are interfaces with default test methods over this one,
 * so that every flow runs in the one deployment of {@code dev.latchkey.it.ContainerSuite} on each server.
 */
public interface ServerUnderTest {

    /** Every token the tests were given, to search the server's logs for. */
    Set<String> TOKENS = ConcurrentHashMap.newKeySet();
    String PASSWORD = "correct horse battery";
    /** The attributes of the loopback session cookie, whatever order and form the server writes them in. */
    Map<String, String> COOKIE_ATTRIBUTES = Map.of("path", "/", "httponly", "", "samesite", "Lax");
    long THIRTY_DAYS = 30L * 24 * 3600;
    String TOKEN_PATTERN = "[a-z2-7]{32}\\.[a-z2-7]{52}";

    /** The application's URL as the adapter reports it. */
    URL base();

    /** The server's log files, as this server writes them. */
    ServerLogs serverLogs();

    /**
     * Waits until the application answers: Payara Micro's Arquillian adapter reports a deployment once
     * the archive is deployed, and the web application may start a few seconds later.
     */
    default void awaitApplication() {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (browser().get("public").statusCode() == 404 && System.nanoTime() < end) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    default WebClient browser() {
        return new WebClient(base());
    }

    /** The context path with a trailing slash, for raw requests. */
    default String path(String relative) {
        String path = base().getPath();
        return (path.endsWith("/") ? path : path + "/") + relative;
    }

    default int port() {
        return base().getPort();
    }

    default InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static String newUser(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    default WebClient signedIn(String user, boolean rememberMe) {
        WebClient browser = browser();
        HttpResponse<String> in = browser.postSameOrigin("signin", rememberMe
                ? Map.of("username", user, "password", PASSWORD, "remember", "on")
                : Map.of("username", user, "password", PASSWORD));
        assertEquals(200, in.statusCode(), in::body);
        TOKENS.add(browser.cookies().get("latchkey"));
        return browser;
    }

    default void register(String user) {
        HttpResponse<String> up = browser().postSameOrigin("signup", Map.of("username", user, "password", PASSWORD));
        assertEquals(201, up.statusCode(), up::body);
    }

    /** A registered user, signed in in a new browser. */
    default WebClient newSignedInUser(String prefix) {
        String user = newUser(prefix);
        register(user);
        return signedIn(user, true);
    }

    default void moveClock(long seconds) {
        assertEquals(200, browser().post("test-clock", Map.of("seconds", Long.toString(seconds))).statusCode());
    }

    /** Takes the session table away (true) or brings it back (false), as a database outage would. */
    default void breakStore(boolean broken) {
        assertEquals("done", browser().post("test-database", Map.of("action", broken ? "break" : "mend")).body());
    }

    static SetCookie onlySetCookie(HttpResponse<?> response) {
        List<String> all = WebClient.setCookies(response);
        assertEquals(1, all.size(), () -> "Set-Cookie headers for: " + all.stream().map(c -> c.split("=", 2)[0]).toList());
        return SetCookie.parse(all.get(0));
    }

    /** Asserts a persistent (30 days) or browser-session session cookie with exactly the expected attributes. */
    static String token(boolean persistent, SetCookie cookie) {
        assertEquals("latchkey", cookie.name());
        assertTrue(cookie.value().matches(TOKEN_PATTERN), "a well-formed token");
        TOKENS.add(cookie.value());
        assertEquals(COOKIE_ATTRIBUTES, cookie.attributesBesidesLifetime(), "attributes: " + cookie.describe());
        if (persistent) {
            long lifetime = cookie.lifetimeSeconds().orElseThrow(() -> new AssertionError("no lifetime: " + cookie.describe()));
            assertTrue(Math.abs(lifetime - THIRTY_DAYS) <= 5, "lifetime " + lifetime + " s: " + cookie.describe());
        } else {
            assertTrue(cookie.lifetimeSeconds().isEmpty(), "a browser-session cookie has no lifetime: " + cookie.describe());
        }
        return cookie.value();
    }

    static void assertBlank(SetCookie cookie) {
        assertEquals("latchkey", cookie.name());
        assertEquals("", cookie.value());
        assertEquals(COOKIE_ATTRIBUTES, cookie.attributesBesidesLifetime(), cookie.describe());
        assertTrue(cookie.lifetimeSeconds().orElseThrow() <= 0, cookie.describe());
    }

    static String reason(HttpResponse<?> response) {
        return response.headers().firstValue("Latchkey-Reason").orElse("");
    }

    /** 401 with Latchkey's reason, {@code LK-103 UNKNOWN_SESSION} say. */
    static void assertUnauthorized(String reason, HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response::body);
        assertEquals(reason, reason(response));
    }
}
