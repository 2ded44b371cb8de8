package dev.latchkey.recovery;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a typed code.
 *
 * @param redeemed   what the code was for, when it was right (and is now used up); {@code null} otherwise
 * @param retryAfter how long to wait, when too many codes were tried (nothing was checked); {@code null} otherwise
 */
public record CodeResult(Redeemed redeemed, Duration retryAfter) {

    static final CodeResult REFUSED = new CodeResult(null, null);

    /** What the code was for, when it was right. */
    public Optional<Redeemed> accepted() {
        return Optional.ofNullable(redeemed);
    }

    /** How long to wait, when the attempt was throttled. */
    public Optional<Duration> throttled() {
        return Optional.ofNullable(retryAfter);
    }
}
