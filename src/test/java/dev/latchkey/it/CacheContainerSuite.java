package dev.latchkey.it;

import static dev.latchkey.it.support.ServerUnderTest.newUser;
import static dev.latchkey.it.support.ServerUnderTest.onlySetCookie;
import static dev.latchkey.it.support.ServerUnderTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.DeployedApplication;
import dev.latchkey.it.support.ServerUnderTest;
import dev.latchkey.it.support.TestApp;
import dev.latchkey.it.support.WebClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The test application with the validation cache on ({@code latchkey.cache.max-size}, a five-minute
 * {@code max-age}, so that only the cache's own rules can explain what is seen): every change made
 * through this node is seen at once, the secret is still compared, renewal still happens once. One
 * subclass per server; the same server start as the server's other container tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CacheContainerSuite extends DeployedApplication {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The address limit off: the failure counters' table is shared with the server's other test
        // applications, whose wrong passwords from 127.0.0.1 would otherwise throttle this one's sign-ins.
        return TestApp.withSettings("latchkey-cached.war", Map.of("latchkey.cache.max-size", "1000",
                "latchkey.cache.max-age", "5m", "latchkey.throttle.address.failures", "0"));
    }

    @Test
    @Order(1)
    void theStartUpLineStatesTheBound() {
        assertTrue(serverLogs().read().contains("validation cache of 1000 sessions: a session revoked on another node stays"
                + " usable here for up to PT5M"), "LK-001 states the cache and its bound");
    }

    @Test
    @Order(2)
    void signOutAndRevocationOnThisNodeAreRefusedAtOnce() {
        String user = newUser("cora");
        register(user);
        WebClient laptop = signedIn(user, true);
        WebClient phone = signedIn(user, true);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, laptop.get("me").statusCode());
            assertEquals(200, phone.get("me").statusCode());
        }
        String phoneToken = phone.cookies().get("latchkey");
        assertEquals("revoked 1", laptop.postSameOrigin("sessions", Map.of("action", "revoke-others")).body());
        HttpResponse<String> revoked = browser().get("me", "Cookie", "latchkey=" + phoneToken);
        ServerUnderTest.assertUnauthorized("LK-103 UNKNOWN_SESSION", revoked);

        String laptopToken = laptop.cookies().get("latchkey");
        assertEquals(200, laptop.postSameOrigin("signout", Map.of()).statusCode());
        HttpResponse<String> signedOut = browser().get("me", "Cookie", "latchkey=" + laptopToken);
        ServerUnderTest.assertUnauthorized("LK-103 UNKNOWN_SESSION", signedOut);
    }

    @Test
    @Order(3)
    void theSecretIsComparedOnEveryRequestOfACachedSession() {
        WebClient browser = newSignedInUser("cleo");
        assertEquals(200, browser.get("me").statusCode());
        String token = browser.cookies().get("latchkey");
        String forged = token.substring(0, 33) + (token.charAt(33) == 'a' ? 'b' : 'a') + token.substring(34);
        HttpResponse<String> refused = browser().get("me", "Cookie", "latchkey=" + forged);
        ServerUnderTest.assertUnauthorized("LK-105 SECRET_MISMATCH", refused);
        assertEquals(200, browser.get("me").statusCode(), "the real token still works");
    }

    @Test
    @Order(4)
    void atTheHalfwayPointACachedSessionIsRenewedOnce() {
        WebClient browser = newSignedInUser("cass");
        assertEquals(200, browser.get("me").statusCode());
        moveClock(Duration.ofDays(16).toSeconds());
        HttpResponse<String> renewed = browser.get("me");
        assertEquals(200, renewed.statusCode(), renewed::body);
        token(true, onlySetCookie(renewed));
        assertTrue(WebClient.setCookies(browser.get("me")).isEmpty(), "renewed once");
    }
}
