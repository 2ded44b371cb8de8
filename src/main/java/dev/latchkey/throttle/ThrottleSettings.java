package dev.latchkey.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of sign-in throttling, one per kind of counter, and how long a counter is kept after
 * its last failure.
 *
 * <p>The defaults follow the OWASP Authentication Cheat Sheet (slow guessing down with growing
 * delays rather than lock accounts) and ASVS 5.0 V6.3.1, within NIST SP 800-63B's ceiling of 100
 * consecutive failures per account:
 * <ul>
 * <li>{@code pair} (one account from one address): 3 failures, then 10 s, doubling up to 15 min — a
 *     guesser gets about a hundred tries a day per account and address;</li>
 * <li>{@code address} (one client address, any accounts — credential stuffing): 30 failures, then
 *     1 s, doubling up to 5 min, high enough for many users behind one NAT;</li>
 * <li>{@code account} (one account, any addresses — a distributed guesser): 10 failures, then 5 s,
 *     doubling up to 5 min, so that a stranger can delay the real user by at most 5 minutes, never
 *     lock the account.</li>
 * </ul>
 *
 * @param pair        the limit per account and client address
 * @param address     the limit per client address
 * @param account     the limit per account
 * @param forgetAfter a counter without a failure for this long starts again from zero
 */
public record ThrottleSettings(ThrottleLimit pair, ThrottleLimit address, ThrottleLimit account, Duration forgetAfter) {

    /** Checks that a counter lives at least as long as its longest wait. */
    public ThrottleSettings {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        for (ThrottleLimit limit : new ThrottleLimit[] {pair, address, account}) {
            if (limit.isOn() && forgetAfter.compareTo(limit.maxDelay()) < 0) {
                throw new IllegalArgumentException("latchkey.throttle.forget-after (" + forgetAfter
                        + ") must be at least the longest max-delay (" + limit.maxDelay() + ")");
            }
        }
    }

    /** The defaults described above, counters forgotten an hour after their last failure. */
    public static ThrottleSettings defaults() {
        return new ThrottleSettings(new ThrottleLimit(3, Duration.ofSeconds(10), Duration.ofMinutes(15)),
                new ThrottleLimit(30, Duration.ofSeconds(1), Duration.ofMinutes(5)),
                new ThrottleLimit(10, Duration.ofSeconds(5), Duration.ofMinutes(5)), Duration.ofHours(1));
    }

    /** No throttling at all. */
    public static ThrottleSettings off() {
        return new ThrottleSettings(ThrottleLimit.OFF, ThrottleLimit.OFF, ThrottleLimit.OFF, Duration.ofHours(1));
    }

    /** Whether any limit applies. */
    public boolean isOn() {
        return pair.isOn() || address.isOn() || account.isOn();
    }
}
