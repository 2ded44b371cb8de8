package dev.latchkey.bench;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.SessionValidation;
import dev.latchkey.jpa.JpaSessionStore;
import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.SessionStore;
import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * authenticated request. Run with {@code mvn -Pbench verify} (see the README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class ValidationBenchmark {

    @Param({"memory", "jpa-h2"})
    public String store;

    private EntityManagerFactory unit;
    private Latchkey latchkey;
    private String validToken;
    private String forgedToken;

    @Setup(Level.Trial)
    public void setUp() {
        SessionStore sessionStore;
        if (store.equals("memory")) {
            sessionStore = new InMemorySessionStore();
        } else {
            H2MemDatabase.get().recreateSchema();
            unit = Provider.ECLIPSELINK.open(H2MemDatabase.get().dataSource(), false);
            sessionStore = JpaSessionStore.resourceLocal(unit);
        }
        latchkey = new Latchkey(sessionStore, Clock.systemUTC(), LatchkeyConfig.defaults());
        // other users' sessions, so the lookup is not into a one-row table
        for (int i = 0; i < 1000; i++) {
            latchkey.createSession(NewSession.forUser("user-" + i).rememberMe(true));
        }
        validToken = latchkey.createSession(NewSession.forUser("alice").rememberMe(true).groups(List.of("user"))).token();
        forgedToken = validToken.substring(0, 33) + "a".repeat(52);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (unit != null) {
            unit.close();
        }
    }

    @Benchmark
    public SessionValidation validate() {
        return latchkey.validateSession(validToken);
    }

    @Benchmark
    public SessionValidation rejectForgedSecret() {
        return latchkey.validateSession(forgedToken);
    }

    @Benchmark
    public SessionValidation rejectMalformed() {
        return latchkey.validateSession("not-a-token");
    }
}
