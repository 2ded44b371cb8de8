package dev.latchkey.core;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One renewal write per session and deadline on this node. Requests carrying the same cookie reach the
 * renewal point together (a page and its scripts, a client's parallel calls); the first claims the
 * renewal and writes it, the others leave the row alone and go on with the session they read, as the
 * losers of the conditional write would. So does a request that read the row just before the winner
 * wrote it. A renewal that failed or was won by another node gives its claim back, so the next request
 * tries again; across nodes the conditional write still decides.
 *
 * <p>A claim is kept after its write: it is what stops the requests that read the old row. Claims are
 * forgotten in bulk beyond {@value #MAX_CLAIMS}; a forgotten claim costs at most one conditional write
 * that changes nothing.
 */
final class RenewalClaims {

    static final int MAX_CLAIMS = 10_000;

    /** Session id → the deadline whose renewal was claimed. */
    private final ConcurrentHashMap<String, Instant> claimed = new ConcurrentHashMap<>();

    /** Whether this request writes the renewal of session {@code id} away from {@code deadline}. */
    boolean claim(String id, Instant deadline) {
        if (claimed.size() >= MAX_CLAIMS) {
            claimed.clear();
        }
        return !deadline.equals(claimed.put(id, deadline));
    }

    /** Gives a claim back: its write did not happen here. */
    void release(String id, Instant deadline) {
        claimed.remove(id, deadline);
    }
}
