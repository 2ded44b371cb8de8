package dev.latchkey.it;

import static dev.latchkey.it.support.ServerUnderTest.newUser;
import static dev.latchkey.it.support.ServerUnderTest.onlySetCookie;
import static dev.latchkey.it.support.ServerUnderTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.DeployedApplication;
import dev.latchkey.it.support.ServerUnderTest;
import dev.latchkey.it.support.TestApp;
import dev.latchkey.it.support.WebClient;
import dev.latchkey.testing.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The test application on the Redis store ({@code latchkey.store=redis}), with Jedis in its WAR, on a
 * real Redis server started by the test JVM: sessions and counters live in Redis, keys expire with
 * their sessions, and an outage answers 503. One subclass per server; the same server start as the
 * server's other container tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RedisContainerSuite extends DeployedApplication {

    static final String PREFIX = "it:";
    /** A remembered session's idle window, and the grace its key outlives it by. */
    static final Duration IDLE = Duration.ofDays(30);
    static final Duration GRACE = Duration.ofMinutes(1);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApp.redis("latchkey-redis.war", RedisServer.get().uri(), Map.of("latchkey.redis.prefix", PREFIX));
    }

    private static String id(WebClient browser) {
        return browser.cookies().get("latchkey").substring(0, 32);
    }

    private static Map<String, String> row(String id) {
        return RedisServer.get().with(jedis -> jedis.hgetAll(PREFIX + "s:" + id));
    }

    private static long ttlMillis(String id) {
        return RedisServer.get().with(jedis -> jedis.pttl(PREFIX + "s:" + id));
    }

    private static void assertTtlNear(Duration expected, long actualMillis) {
        assertTrue(Math.abs(actualMillis - expected.toMillis()) < 60_000, "key expires in " + actualMillis + " ms, expected "
                + expected);
    }

    @Test
    @Order(1)
    void aSessionLivesInRedisAsTheSecretsHashAndExpiresWithIt() {
        String user = newUser("rita");
        register(user);
        WebClient browser = browser();
        HttpResponse<String> in = browser.postSameOrigin("signin", Map.of("username", user, "password", PASSWORD,
                "remember", "on"));
        assertEquals(200, in.statusCode(), in::body);
        String token = token(true, onlySetCookie(in));
        HttpResponse<String> me = browser.get("me");
        assertEquals(200, me.statusCode(), me::body);
        assertTrue(me.body().contains("principal=" + user + "\n"), me.body());
        assertTrue(me.body().contains("user-role=true\n"), me.body());

        String id = token.substring(0, 32);
        Map<String, String> row = row(id);
        assertEquals(user, row.get("userId"));
        assertEquals("user", row.get("groups"));
        assertTtlNear(IDLE.plus(GRACE), ttlMillis(id));
        assertEquals(Set.of(id), RedisServer.get().with(jedis -> jedis.smembers(PREFIX + "u:" + user)));
        String log = serverLogs().read();
        assertTrue(log.contains("Redis store at 127.0.0.1:" + RedisServer.get().port() + " (keys " + PREFIX + "*"),
                "LK-001 names the store, without the URI");
        String secret = token.substring(33);
        for (String key : RedisServer.get().with(jedis -> jedis.keys(PREFIX + "*"))) {
            assertFalse(key.contains(secret), key);
            String type = RedisServer.get().with(jedis -> jedis.type(key));
            if (type.equals("hash")) {
                for (String value : RedisServer.get().with(jedis -> jedis.hgetAll(key)).values()) {
                    assertFalse(value.contains(secret) || value.contains(token), "a token's secret in " + key);
                }
            }
        }
    }

    @Test
    @Order(2)
    void listRevokeOthersAndSignOutWorkThroughTheUsersIndex() {
        String user = newUser("ruth");
        register(user);
        WebClient laptop = signedIn(user, true);
        WebClient phone = signedIn(user, false);
        String sessions = laptop.get("sessions").body();
        assertEquals(2, sessions.lines().count(), sessions);
        assertTrue(sessions.contains(id(laptop) + " current"), sessions);
        assertTrue(sessions.contains(id(phone)), sessions);

        String phoneId = id(phone);
        assertEquals("revoked 1", laptop.postSameOrigin("sessions", Map.of("action", "revoke-others")).body());
        HttpResponse<String> refused = phone.get("me");
        ServerUnderTest.assertUnauthorized("LK-103 UNKNOWN_SESSION", refused);
        assertTrue(row(phoneId).isEmpty(), "the key is gone");

        String laptopId = id(laptop);
        assertEquals(200, laptop.postSameOrigin("signout", Map.of()).statusCode());
        assertTrue(row(laptopId).isEmpty(), "signed out: the key is gone");
        assertEquals(Set.of(), RedisServer.get().with(jedis -> jedis.smembers(PREFIX + "u:" + user)), "and so is the index");
    }

    @Test
    @Order(3)
    void wrongPasswordsAreCountedInRedis() {
        String user = newUser("rolf");
        register(user);
        for (int i = 0; i < 3; i++) {
            assertEquals(401, browser().postSameOrigin("signin", Map.of("username", user, "password", "wrong password"))
                    .statusCode());
        }
        HttpResponse<String> throttled = browser().postSameOrigin("signin", Map.of("username", user, "password", PASSWORD));
        assertEquals(429, throttled.statusCode(), throttled::body);
        assertTrue(Long.parseLong(throttled.headers().firstValue("Retry-After").orElse("0")) > 0);
        assertFalse(RedisServer.get().with(jedis -> jedis.keys(PREFIX + "a:*")).isEmpty(), "the counters are Redis keys");
    }

    @Test
    @Order(4)
    void atTheHalfwayPointTheSessionIsRenewedAndItsKeyLivesOn() {
        WebClient browser = newSignedInUser("rena");
        String id = id(browser);
        long before = Long.parseLong(row(id).get("expiresAt"));
        moveClock(Duration.ofDays(16).toSeconds());
        HttpResponse<String> me = browser.get("me");
        assertEquals(200, me.statusCode(), me::body);
        token(true, onlySetCookie(me));
        long after = Long.parseLong(row(id).get("expiresAt"));
        assertEquals(Duration.ofDays(16).toMillis(), after - before, 5_000, "the deadline moved by the time that passed");
        assertTtlNear(IDLE.plus(GRACE), ttlMillis(id));
        assertTrue(WebClient.setCookies(browser.get("me")).isEmpty(), "renewed once");
    }

    @Test
    @Order(5)
    void withRedisStoppedProtectedPagesAnswer503AndServiceResumesWhenItIsBack() {
        String user = newUser("rhea");
        register(user);
        WebClient browser = signedIn(user, true);
        RedisServer.get().stop();
        try {
            HttpResponse<String> me = browser.get("me");
            assertEquals(503, me.statusCode(), "never anonymous access, never a stack trace");
            assertTrue(Long.parseLong(me.headers().firstValue("Retry-After").orElse("0")) > 0);
            assertEquals("LK-106 STORE_UNAVAILABLE", ServerUnderTest.reason(me));
            assertTrue(WebClient.setCookies(me).isEmpty(), "the cookie is kept: the session may be fine");
            HttpResponse<String> pub = browser.get("public");
            assertEquals(200, pub.statusCode());
            assertEquals("anonymous", pub.body());
        } finally {
            RedisServer.get().start();
        }
        // A Redis without persistence comes back empty: the session is gone, and says so; signing in works again.
        HttpResponse<String> gone = browser.get("me");
        ServerUnderTest.assertUnauthorized("LK-103 UNKNOWN_SESSION", gone);
        WebClient again = signedIn(user, true);
        assertEquals(200, again.get("me").statusCode());
    }
}
