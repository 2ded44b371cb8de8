package dev.latchkey.internal.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.internal.web.OriginCheck;
import dev.latchkey.testing.FakeHttp;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.RecordingAttemptStore;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.throttle.ThrottleSettings;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The guard in front of every credential check, with many guesses at once: an attempt is counted
 * before its password is checked, so however many arrive together, at most the limit's number reach
 * the identity stores; a success gives back what it counted.
 */
class SignInGuardTest {

    private final MutableClock clock = MutableClock.startingAt("2026-12-02T10:00:00Z");
    private final InMemoryAttemptStore attempts = new InMemoryAttemptStore();
    private final SignInGuard guard = new SignInGuard(new SignInThrottle(attempts, clock, ThrottleSettings.defaults()),
            new OriginCheck(true), new Diagnostics(false, clock));

    /** An identity store that holds every check until all the attempts have either reached it or been refused. */
    private static final class SlowStore implements IdentityStoreHandler {
        final AtomicInteger checked = new AtomicInteger();
        final AtomicInteger settled = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public CredentialValidationResult validate(Credential credential) {
            checked.incrementAndGet();
            settled.incrementAndGet();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CredentialValidationResult.INVALID_RESULT;
        }
    }

    private static UsernamePasswordCredential guess(int i) {
        return new UsernamePasswordCredential("victim", new Password(("guess-" + i).toCharArray()));
    }

    @Test
    void fiftyGuessesAtOnceFromOneAddressReachThePasswordCheckAtMostThreeTimes() throws Exception {
        SlowStore stores = new SlowStore();
        ExecutorService threads = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                statuses.add(threads.submit(() -> {
                    start.await();
                    FakeHttp.Response response = new FakeHttp.Response();
                    boolean valid = guard.validate(new FakeHttp.Request().method("POST").build(), response.build(), guess(n),
                            stores).isPresent();
                    if (response.status() == 429) {
                        stores.settled.incrementAndGet();
                    }
                    return valid ? 200 : response.status();
                }));
            }
            start.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (stores.settled.get() < 50 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            stores.release.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(20, TimeUnit.SECONDS));
            }
            assertEquals(3, stores.checked.get(), "password checks of 50 guesses at once (the pair limit is 3)");
            assertEquals(47, answers.stream().filter(s -> s == 429).count(), "answers: " + answers);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSuccessGivesBackTheAddressesCountSoThatSignInsFromOneNetworkAreNeverThrottled() {
        IdentityStoreHandler right = credential -> new CredentialValidationResult("member-" + System.nanoTime());
        for (int i = 0; i < 100; i++) {
            FakeHttp.Response response = new FakeHttp.Response();
            assertTrue(guard.validate(new FakeHttp.Request().method("POST").remoteAddress("198.51.100.7").build(),
                    response.build(), new UsernamePasswordCredential("member-" + i, new Password("pw".toCharArray())), right)
                    .isPresent(), "sign-in " + i + " from one address: " + response.status());
        }
    }

    @Test
    void aNameNoAccountCanHaveIsCountedOnTheAddressAloneAndFillsNoTable() {
        RecordingAttemptStore counted = new RecordingAttemptStore();
        List<String> keys = counted.keysSeen;
        SignInGuard recording = new SignInGuard(new SignInThrottle(counted, clock, ThrottleSettings.defaults()),
                new OriginCheck(true), new Diagnostics(false, clock));
        AtomicInteger asked = new AtomicInteger();
        IdentityStoreHandler stores = credential -> {
            asked.incrementAndGet();
            return CredentialValidationResult.INVALID_RESULT;
        };
        for (String impossible : List.of("nul\u0000name", "x".repeat(300), "\ud800", "")) {
            assertTrue(guard(recording, impossible, stores).isEmpty());
        }
        assertEquals(0, asked.get(), "no identity store is asked about an impossible name");
        assertEquals(List.of("a:", "a:", "a:", "a:"), kinds(keys), "only the address is counted");
        keys.clear();
        guard(recording, "possible", stores);
        assertEquals(List.of("p:", "a:", "u:"), kinds(keys));
    }

    private static List<String> kinds(List<String> keys) {
        return keys.stream().map(key -> key.substring(0, 2)).toList();
    }

    private static java.util.Optional<CredentialValidationResult> guard(SignInGuard guard, String name,
            IdentityStoreHandler stores) {
        return guard.validate(new FakeHttp.Request().method("POST").build(), new FakeHttp.Response().build(),
                new UsernamePasswordCredential(name, new Password("pw".toCharArray())), stores);
    }
}
