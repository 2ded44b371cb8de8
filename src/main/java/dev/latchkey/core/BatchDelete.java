package dev.latchkey.core;

import java.time.Instant;

/** Deletes sessions in bounded batches, one short statement each, so that no long lock is ever held. */
final class BatchDelete {

    private static final int MAX_BATCHES = 10_000;
    /** Later than any session's deadline, and still a whole number of milliseconds for every store. */
    private static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    private BatchDelete() {
    }

    /** Every session whose idle deadline is at or before {@code now}. */
    static int expired(SessionStore store, int batch, Instant now) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int deleted = store.deleteExpired(now, batch);
            total += deleted;
            if (deleted < batch) {
                break;
            }
        }
        return total;
    }

    /** Every session. */
    static int all(SessionStore store, int batch) {
        return expired(store, batch, END_OF_TIME);
    }
}
