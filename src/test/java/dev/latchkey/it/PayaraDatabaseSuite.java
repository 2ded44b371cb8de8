package dev.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.PayaraCommandFile;
import dev.latchkey.it.support.WebClient;
import dev.latchkey.testing.TestDatabase;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A command file from payara-config/ as a user runs it: Payara Micro boots with the JDBC driver and
 * the file (its connection values swapped for the test database's), and Latchkey keeps its sessions
 * in that database. Subclasses start the database and write the file in a static initialiser, and
 * declare the deployment themselves: calling their deployment method is what runs that initialiser
 * before Arquillian starts Payara.
 */
@ExtendWith(ArquillianExtension.class)
abstract class PayaraDatabaseSuite {

    @ArquillianResource
    URL base;


    abstract TestDatabase database();

    /** Writes target/servers/{@code name}-test.asadmin from payara-config/{@code name}.asadmin. */
    static void prepare(String name, String shippedConnection, String testConnection) {
        PayaraCommandFile.write(name, shippedConnection, testConnection,
                Path.of(System.getProperty("servers.dir"), name + "-test.asadmin"));
    }

    @Test
    void sessionsLiveInTheConfiguredDatabase() throws SQLException {
        WebClient browser = new WebClient(base);
        assertEquals(201, browser.postSameOrigin("signup", Map.of("username", "db-user", "password", "long enough password"))
                .statusCode());
        HttpResponse<String> in = browser.postSameOrigin("signin",
                Map.of("username", "db-user", "password", "long enough password"));
        assertEquals(200, in.statusCode(), in::body);
        assertEquals(200, browser.get("me").statusCode());

        String id = browser.cookies().get("latchkey").substring(0, 32);
        try (Connection c = database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT user_id FROM latchkey_session WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the session row is in " + database());
                assertEquals("db-user", rs.getString(1));
            }
        }
        assertEquals(200, browser.postSameOrigin("signout", Map.of()).statusCode());
        assertEquals(401, browser.get("me").statusCode());
    }

    /**
     * MariaDB's utf8mb4_bin ignores trailing spaces, so "name " finds the account "name": the caller is
     * then the account as stored, and the user's own "revoke" reaches her sessions. PostgreSQL compares
     * exactly: no such sign-in.
     */
    @Test
    void aSignInWithTrailingSpaceIsTheStoredAccountOrNone() {
        WebClient laptop = new WebClient(base);
        String name = "spelled";
        assertEquals(201, laptop.postSameOrigin("signup", Map.of("username", name, "password", "long enough password"))
                .statusCode());
        HttpResponse<String> in = laptop.postSameOrigin("signin", Map.of("username", name + " ", "password", "long enough password"));
        if (!database().ignoresTrailingSpaces()) {
            assertEquals(401, in.statusCode());
            return;
        }
        assertEquals(200, in.statusCode(), in::body);
        assertEquals("signed in as " + name, in.body(), "named as stored, not as typed");
        WebClient phone = new WebClient(base);
        phone.postSameOrigin("signin", Map.of("username", name + " ", "password", "long enough password"));
        String phoneSession = phone.cookies().get("latchkey").substring(0, 32);
        assertEquals("revoked true", laptop.postSameOrigin("sessions", Map.of("action", "revoke", "id", phoneSession)).body());
        assertEquals(401, phone.get("me").statusCode());
    }
}
