package dev.latchkey.throttle;

import java.time.Duration;

/**
 * The limit of one kind of failure counter: after {@code failures} failed sign-ins, each further
 * attempt waits — {@code firstDelay} after the last of them, doubling with every further failure, at
 * most {@code maxDelay}. {@code failures = 0} switches the limit off.
 *
 * @param failures   failures allowed without a wait; 0 for no limit
 * @param firstDelay the wait after the {@code failures}-th failure
 * @param maxDelay   the longest wait
 */
public record ThrottleLimit(int failures, Duration firstDelay, Duration maxDelay) {

    /** No limit. */
    public static final ThrottleLimit OFF = new ThrottleLimit(0, Duration.ZERO, Duration.ZERO);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a value is negative, or the delays are not positive and ordered
     */
    public ThrottleLimit {
        if (failures < 0) {
            throw new IllegalArgumentException("a throttle limit's failures must be 0 (off) or more but was " + failures);
        }
        if (failures > 0 && (firstDelay == null || maxDelay == null || firstDelay.isNegative() || firstDelay.isZero()
                || maxDelay.compareTo(firstDelay) < 0)) {
            throw new IllegalArgumentException("a throttle limit needs a positive delay and a max-delay at least as long,"
                    + " but was " + firstDelay + " and " + maxDelay);
        }
    }

    /** Whether the limit applies. */
    public boolean isOn() {
        return failures > 0;
    }

    /** The wait after the {@code count}-th failure in a row: none before the limit, then doubling up to the maximum. */
    public Duration delayAfter(int count) {
        if (!isOn() || count < failures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - failures, 40);
        Duration delay = firstDelay.multipliedBy(1L << Math.min(doublings, 30));
        return delay.compareTo(maxDelay) > 0 || doublings >= 30 ? maxDelay : delay;
    }
}
