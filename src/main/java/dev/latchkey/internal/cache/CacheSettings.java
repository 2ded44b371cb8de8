package dev.latchkey.internal.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The validation cache's bounds: how many sessions it holds at most, and how old a cached row may be
 * before it is read again — the longest a session revoked on another node stays usable on this one.
 *
 * @param maxSize the most sessions kept; 0 switches the cache off
 * @param maxAge  how long a row read from the store is used before it is read again
 */
public record CacheSettings(int maxSize, Duration maxAge) {

    /** No cache: every validation reads the store (the default). */
    public static final CacheSettings OFF = new CacheSettings(0, Duration.ofSeconds(5));

    /** Checks the bounds. */
    public CacheSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxSize < 0) {
            throw new IllegalArgumentException("latchkey.cache.max-size must be 0 (off) or more but was " + maxSize);
        }
        if (maxSize > 0 && (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(Duration.ofMinutes(5)) > 0)) {
            throw new IllegalArgumentException("latchkey.cache.max-age must be more than 0 and at most 5m (how long a"
                    + " session revoked on another node stays usable here) but was " + maxAge);
        }
    }

    /** Whether the cache is on. */
    public boolean isOn() {
        return maxSize > 0;
    }
}
