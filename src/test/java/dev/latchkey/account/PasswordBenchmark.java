package dev.latchkey.account;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of a sign-in check at the default cost: a known user with a wrong password, a known user
 * with the right one, and an unknown user. The three should be equal (no account enumeration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class PasswordBenchmark {

    private final PasswordHasher hasher = new PasswordHasher();
    private String storedHash;

    @Setup
    public void setUp() {
        storedHash = hasher.hash("correct horse battery staple".toCharArray());
        hasher.verifyUnknownUser("warm".toCharArray());
    }

    @Benchmark
    public PasswordCheck knownUserRightPassword() {
        return hasher.verify("correct horse battery staple".toCharArray(), storedHash);
    }

    @Benchmark
    public PasswordCheck knownUserWrongPassword() {
        return hasher.verify("guess".toCharArray(), storedHash);
    }

    @Benchmark
    public PasswordCheck unknownUser() {
        return hasher.verifyUnknownUser("guess".toCharArray());
    }
}
