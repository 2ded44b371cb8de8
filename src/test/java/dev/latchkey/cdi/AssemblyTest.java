package dev.latchkey.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.testing.FakeHttp;
import dev.latchkey.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Latchkey assembled from settings, a DataSource and a clock in plain Java, as the container integration does it. */
class AssemblyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T08:00:00Z"));

    private static DataSource emptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:assembly-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private static DeploymentSettings settings(Map<String, String> values) {
        return DeploymentSettings.read(new SettingValues(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void onAnEmptyDatabaseTheTableIsCreatedAndSessionsWork() {
        Assembly assembly = Assembly.assemble(settings(Map.of("latchkey.diagnostics", "true")), null, null, AssemblyTest::emptyDatabase,
                clock, new TransactionSuspender(), Set.of("admin", "user"));
        try {
            IssuedSession issued = assembly.latchkey().createSession(NewSession.forUser("alice").groups(Set.of("user")));
            assertEquals("alice", assembly.sessions().resolve(new FakeHttp.Request()
                    .header("Cookie", "latchkey=" + issued.token()).build(), null).session().userId());
            assertTrue(assembly.summary().startsWith("LK-001 Latchkey ready: JPA store on java:comp/DefaultDataSource (H2,"
                    + " table latchkey_session checked: columns and timestamp round trip ok, database clock "), assembly.summary());
            assertTrue(assembly.summary().contains("; roles declared from @RolesAllowed [admin, user]; diagnostics header on"),
                    assembly.summary());
            assertTrue(assembly.summary().contains("development cookie over plain HTTP on. Only a plain-HTTP connection"),
                    assembly.summary());
        } finally {
            assembly.unit().close();
        }
    }

    @Test
    void withoutCreatingTablesAMissingTableStopsItNamingTheScript() {
        SessionStoreException e = assertThrows(SessionStoreException.class, () -> Assembly.assemble(
                settings(Map.of("latchkey.schema.create-missing", "false")), null, null, AssemblyTest::emptyDatabase, clock,
                new TransactionSuspender(), Set.of()));
        assertTrue(e.getMessage().startsWith("Latchkey LK-403: table latchkey_session is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("META-INF/latchkey/schema/h2/V1__create_latchkey_session.sql"), e.getMessage());
    }

    @Test
    void theApplicationsOwnStoreNeedsNoDataSource() {
        Assembly assembly = Assembly.assemble(settings(Map.of()), new InMemorySessionStore(), null, () -> {
            throw new AssertionError("no DataSource is looked up for the application's own store");
        }, clock, new TransactionSuspender(), Set.of());
        assertNull(assembly.unit());
        assertTrue(assembly.summary().contains("store dev.latchkey.core.InMemorySessionStore (provided by the application)"));
        assertTrue(assembly.latchkey().validateSession(assembly.latchkey().createSession(NewSession.forUser("bob")).token()).isValid());
    }

    @Test
    void theValidationCacheIsAroundTheStoreWhenAskedForAndTheStartUpLineStatesItsBound() {
        Assembly assembly = Assembly.assemble(settings(Map.of("latchkey.cache.max-size", "1000", "latchkey.cache.max-age", "3s")),
                new InMemorySessionStore(), null, null, clock, new TransactionSuspender(), Set.of());
        assertTrue(assembly.summary().contains("; validation cache of 1000 sessions: a session revoked on another node stays"
                + " usable here for up to PT3S"), assembly.summary());
        assertTrue(assembly.latchkey().validateSession(assembly.latchkey().createSession(NewSession.forUser("bob")).token()).isValid());
        assertFalse(Assembly.assemble(settings(Map.of()), new InMemorySessionStore(), null, null, clock,
                new TransactionSuspender(), Set.of()).summary().contains("validation cache"));
    }

    @Test
    void aTrustedOriginThatIsNoOriginNamesItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Assembly.assemble(
                settings(Map.of("latchkey.csrf.trusted-origins", "example.com")), new InMemorySessionStore(), null, null, clock,
                new TransactionSuspender(), Set.of()));
        assertEquals("latchkey.csrf.trusted-origins: 'example.com' is not an origin such as https://app.example.com,"
                + " http://localhost:3000 or https://*.example.com", e.getMessage());
        IllegalArgumentException proxy = assertThrows(IllegalArgumentException.class, () -> Assembly.assemble(
                settings(Map.of("latchkey.proxy.trusted", "proxy.local")), new InMemorySessionStore(), null, null, clock,
                new TransactionSuspender(), Set.of()));
        assertEquals("latchkey.proxy.trusted: 'proxy.local' is not an IP address or CIDR range such as 10.0.0.0/8 or ::1",
                proxy.getMessage());
    }
}
