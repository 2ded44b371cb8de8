package dev.latchkey.bench;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionValidation;
import dev.latchkey.internal.cache.CacheSettings;
import dev.latchkey.internal.cache.CachingSessionStore;
import dev.latchkey.jpa.JpaSessionStore;
import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validations per second of a live session that is not due for renewal: the hot path of every
 * authenticated request. Each thread validates its own session (state per thread), so the figure per
 * thread is the figure per core. Run with {@code mvn -Pbench verify} (see the README); add
 * {@code -Dbench.include=Validation -Djmh.threads=2} for two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class ValidationBenchmark {

    /**
     * {@code memory}; the JPA store (EclipseLink) on H2 or PostgreSQL, reading by id with plain JDBC as in a
     * container, or ({@code -jpql}) with the JPA query; and with the validation cache.
     */
    @Param({"memory", "jpa-h2", "jpa-postgres-jpql", "jpa-postgres", "jpa-postgres-cached"})
    public String store;

    private EntityManagerFactory unit;
    Latchkey latchkey;
    private final AtomicInteger users = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        SessionStore sessionStore;
        if (store.equals("memory")) {
            sessionStore = new InMemorySessionStore();
        } else {
            TestDatabase database = store.contains("postgres") ? PostgresDatabase.get() : H2MemDatabase.get();
            database.recreateSchema();
            unit = Provider.ECLIPSELINK.open(database.dataSource(), false);
            JpaSessionStore jpa = JpaSessionStore.resourceLocal(unit);
            sessionStore = store.endsWith("jpql") ? jpa : jpa.readingThrough(database.dataSource());
            if (store.endsWith("cached")) {
                sessionStore = new CachingSessionStore(sessionStore, new CacheSettings(10_000, Duration.ofSeconds(5)),
                        Clock.systemUTC());
            }
        }
        latchkey = new Latchkey(sessionStore, Clock.systemUTC(), LatchkeyConfig.defaults());
        // other users' sessions, so the lookup is not into a one-row table
        for (int i = 0; i < 1000; i++) {
            latchkey.createSession(NewSession.forUser("user-" + i).rememberMe(true));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (unit != null) {
            unit.close();
        }
    }

    /** One thread's own session and a forgery of it. */
    @State(Scope.Thread)
    public static class Caller {
        String validToken;
        String forgedToken;

        @Setup(Level.Trial)
        public void signIn(ValidationBenchmark bench) {
            validToken = bench.latchkey.createSession(NewSession.forUser("alice-" + bench.users.incrementAndGet())
                    .rememberMe(true).groups(List.of("user"))).token();
            forgedToken = validToken.substring(0, 33) + "a".repeat(52);
        }
    }

    @Benchmark
    public SessionValidation validate(Caller caller) {
        return latchkey.validateSession(caller.validToken);
    }

    @Benchmark
    public SessionValidation rejectForgedSecret(Caller caller) {
        return latchkey.validateSession(caller.forgedToken);
    }

    @Benchmark
    public SessionValidation rejectMalformed() {
        return latchkey.validateSession("not-a-token");
    }
}
