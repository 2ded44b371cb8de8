package dev.latchkey.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.Message;
import dev.latchkey.core.NewSession;
import dev.latchkey.testing.WithoutLibrary;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Latchkey in an application whose WAR has no Jedis (an optional dependency): Latchkey's classes are
 * loaded again by a class loader that finds no {@code redis.clients} class. The JPA store and an
 * application's own store work and never ask for one; {@code latchkey.store=redis} stops the
 * deployment with {@code LK-401} naming the dependency to add, not with a {@link NoClassDefFoundError}.
 */
class WithoutJedisTest {

    /** Runs in the class loader without Jedis. */
    static final class Probe {
        private Probe() {
        }

        private static DeploymentSettings settings(Map<String, String> values) {
            return DeploymentSettings.read(new SettingValues(key -> Optional.ofNullable(values.get(key))));
        }

        static String jpa() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:without-jedis-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            h2.setUser("sa");
            Assembly assembly = Assembly.assemble(settings(Map.of()), null, null, () -> h2, Clock.systemUTC(),
                    new TransactionSuspender(), Set.of());
            try {
                String token = assembly.latchkey().createSession(NewSession.forUser("alice")).token();
                return assembly.latchkey().validateSession(token).isValid() + " " + assembly.summary();
            } finally {
                assembly.unit().close();
            }
        }

        static String applicationsOwnStore() {
            Assembly assembly = Assembly.assemble(settings(Map.of()), new InMemorySessionStore(), null, null,
                    Clock.systemUTC(), new TransactionSuspender(), Set.of());
            String token = assembly.latchkey().createSession(NewSession.forUser("alice")).token();
            return assembly.latchkey().validateSession(token).isValid() + " " + assembly.summary();
        }

        static String redis() {
            try {
                Assembly.assemble(settings(Map.of("latchkey.store", "redis", "latchkey.redis.uri", "redis://127.0.0.1:6379")),
                        null, null, null, Clock.systemUTC(), new TransactionSuspender(), Set.of());
                return "assembled";
            } catch (IllegalArgumentException e) {
                // as LatchkeyRuntime reports it
                return Message.INVALID_SETTING.error(e.getMessage());
            }
        }
    }

    private static WithoutLibrary withoutJedis() {
        return new WithoutLibrary("redis.", Assembly.class, WithoutJedisTest.class);
    }

    private static String run(WithoutLibrary loader, String probe) throws Exception {
        return loader.run(Probe.class, probe);
    }

    @Test
    void theJpaStoreAndTheApplicationsOwnStoreNeverAskForAJedisClass() throws Exception {
        try (WithoutLibrary loader = withoutJedis()) {
            String jpa = run(loader, "jpa");
            assertTrue(jpa.startsWith("true LK-001 Latchkey ready: JPA store on java:comp/DefaultDataSource (H2,"), jpa);
            String own = run(loader, "applicationsOwnStore");
            assertTrue(own.startsWith("true LK-001 Latchkey ready: store dev.latchkey.core.InMemorySessionStore"), own);
            assertEquals(List.of(), loader.asked, "Jedis classes asked for");
            assertTrue(loader.loadClass(Assembly.class.getName()) != Assembly.class, "Latchkey's classes were loaded again");
        }
    }

    @Test
    void theRedisStoreWithoutJedisStopsTheDeploymentNamingTheDependency() throws Exception {
        try (WithoutLibrary loader = withoutJedis()) {
            assertEquals("Latchkey LK-401: latchkey.store is redis, but the Redis store needs the Redis client Jedis in the"
                    + " application: add the Maven dependency redis.clients:jedis:6.2.0 to the WAR beside Latchkey (Latchkey"
                    + " declares it optional). Change the setting the message names, as it says.", run(loader, "redis"));
        }
    }
}
