package dev.latchkey.it;

import static dev.latchkey.it.support.ServerUnderTest.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.DeployedApplication;
import dev.latchkey.it.support.ServerUnderTest;
import dev.latchkey.it.support.TestApp;
import dev.latchkey.it.support.WebClient;
import dev.latchkey.testing.PostgresDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The test application on a PostgreSQL database of its own (a {@code <data-source>} of its
 * {@code web.xml}), with that database stopped: a sign-in answers 503 with {@code Retry-After} at once
 * rather than after the JPA provider's retries, and an application call into Latchkey that meets the
 * store down ({@code Accounts.register}) reaches the client as 503 with {@code Retry-After} and
 * {@code LK-106} rather than as the server's 500. One subclass per server, in the server start of its
 * other container tests.
 *
 * <p>Whether service comes back once the database does is the server's pool's doing: a pool that does
 * not validate its connections keeps handing out the broken ones (Payara's, as this {@code <data-source>}
 * makes it). The two-node tests prove the recovery with the pool configuration {@code payara-config/}
 * ships; here only Latchkey's own answers are asked for.
 */
abstract class DatabaseOutageSuite extends DeployedApplication {

    /**
     * Longer than any answer without a retry, shorter than EclipseLink's retry delay (5 s between
     * tries): a sign-in took 10 s with it, a registration 20 s. Not a speed claim, the absence of a pause.
     */
    private static final Duration NO_RETRY = Duration.ofSeconds(4);

    @Deployment(testable = false)
    static WebArchive deployment() {
        PostgresDatabase database = PostgresDatabase.get();
        database.execute("DROP TABLE IF EXISTS latchkey_session", "DROP TABLE IF EXISTS latchkey_signin_attempt",
                "DROP TABLE IF EXISTS latchkey_account_link", "DROP TABLE IF EXISTS latchkey_account_token",
                "DROP TABLE IF EXISTS latchkey_account");
        return TestApp.onPostgres("latchkey-outage.war", database.port());
    }

    private record Timed(HttpResponse<String> response, Duration took) {
    }

    private static Timed timed(java.util.function.Supplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        HttpResponse<String> response = request.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private void assertUnavailableAtOnce(String what, Timed answer) {
        System.out.println(serverLogs() + ", database stopped: " + what + " answered " + answer.response().statusCode()
                + " after " + answer.took().toMillis() + " ms");
        assertEquals(503, answer.response().statusCode(), what + ": " + answer.response().body());
        assertEquals("5", answer.response().headers().firstValue("Retry-After").orElse(""), what);
        assertEquals("LK-106 STORE_UNAVAILABLE", ServerUnderTest.reason(answer.response()), what);
        assertTrue(answer.took().compareTo(NO_RETRY) < 0, what + " took " + answer.took().toMillis() + " ms");
        assertTrue(WebClient.setCookies(answer.response()).isEmpty(), what + ": no cookie");
    }

    @Test
    void withTheDatabaseStoppedSignInsAndTheApplicationsCallsAnswer503AtOnce() {
        String user = newUser("outage");
        register(user);
        WebClient signedIn = signedIn(user, true);
        assertEquals(200, signedIn.get("me").statusCode());
        PostgresDatabase.get().stop();
        try {
            Timed signIn = timed(() -> browser().postSameOrigin("signin", Map.of("username", user, "password", PASSWORD)));
            assertUnavailableAtOnce("a sign-in", signIn);
            Timed signUp = timed(() -> browser().postSameOrigin("signup", Map.of("username", newUser("later"),
                    "password", PASSWORD)));
            assertUnavailableAtOnce("Accounts.register in the application's servlet", signUp);
            assertTrue(signUp.response().body().contains("LK-106"), signUp.response().body());
            assertUnavailableAtOnce("a protected page", timed(() -> signedIn.get("me")));
            assertEquals(200, browser().get("public").statusCode(), "public pages keep working");
        } finally {
            PostgresDatabase.get().startAgain();
        }
    }
}
