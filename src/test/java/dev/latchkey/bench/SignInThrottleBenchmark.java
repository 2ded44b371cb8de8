package dev.latchkey.bench;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.jpa.JpaAttemptStore;
import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.throttle.ThrottleSettings;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
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
 * Wrong sign-ins one client can make per second, one thread (so the time per attempt is the CPU it
 * costs the server, the database included when it runs in-process): without throttling every attempt
 * is a bcrypt verification at the default cost; with it, after the third failure every attempt is
 * refused by the reservation's read of the counters, before any hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class SignInThrottleBenchmark {

    /** {@code off}: no throttling; {@code memory}: in-memory counters; {@code jpa-h2}: counters in H2. */
    @Param({"off", "memory", "jpa-h2"})
    public String throttling;

    /** The built-in accounts' cost ({@code PasswordHasher.DEFAULT_COST}). */
    private static final int COST = 12;

    private EntityManagerFactory unit;
    private SignInThrottle throttle;
    private String storedHash;

    @Setup(Level.Trial)
    public void setUp() {
        storedHash = BCrypt.withDefaults().hashToString(COST, "correct horse battery staple".toCharArray());
        throttle = switch (throttling) {
            case "off" -> new SignInThrottle(new InMemoryAttemptStore(), Clock.systemUTC(), ThrottleSettings.off());
            case "memory" -> new SignInThrottle(new InMemoryAttemptStore(), Clock.systemUTC(), ThrottleSettings.defaults());
            default -> {
                H2MemDatabase.get().recreateSchema();
                unit = Provider.ECLIPSELINK.open(H2MemDatabase.get().dataSource(), false);
                yield new SignInThrottle(JpaAttemptStore.open(unit, true, H2MemDatabase.get().dataSource()), Clock.systemUTC(),
                        ThrottleSettings.defaults());
            }
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (unit != null) {
            unit.close();
        }
    }

    /** What the mechanism does with a wrong password: count the attempt (or refuse it), then verify. */
    @Benchmark
    public boolean wrongSignIn() {
        if (throttle.reserve("alice", "198.51.100.7").isPresent()) {
            return false;
        }
        return BCrypt.verifyer().verify("a wrong guess".toCharArray(), storedHash).verified;
    }
}
