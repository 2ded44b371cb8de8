package dev.latchkey.internal.cdi;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Message;
import dev.latchkey.internal.throttle.SignInThrottle;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Deletes expired sessions and forgotten sign-in failure counters on the server's managed scheduler, every cleanup interval. */
final class CleanupSchedule {

    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    /**
     * A run deletes counters while their batches come back full, as it does sessions: a table filled faster than
     * one batch an interval still empties. This bound only stops a store that never answers a short batch.
     */
    private static final int MAX_COUNTER_BATCHES = 10_000;

    /**
     * More to delete at every run, which an optional module adds when it starts (the one-time tokens).
     *
     * @param what what is deleted, for the log line, such as {@code expired one-time tokens}
     * @param run  deletes, and says how many
     */
    record Task(String what, IntSupplier run) {
    }

    private CleanupSchedule() {
    }

    /** Schedules the cleanup; empty when the server offers no managed scheduler ({@code LK-004}). */
    static ScheduledFuture<?> start(Latchkey latchkey, SignInThrottle throttle, Duration interval, List<Task> more) {
        try {
            ManagedScheduledExecutorService executor = (ManagedScheduledExecutorService)
                    new InitialContext().lookup("java:comp/DefaultManagedScheduledExecutorService");
            long millis = interval.toMillis();
            return executor.scheduleWithFixedDelay(() -> run(latchkey, throttle, interval, more), millis, millis,
                    TimeUnit.MILLISECONDS);
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            LOG.log(System.Logger.Level.WARNING, Message.NO_SCHEDULER.line(Message.NO_SCHEDULER.summary()
                    + ": expired sessions are deleted when read only. " + Message.NO_SCHEDULER.fix()));
            return null;
        }
    }

    /** Deletes forgotten attempt counters in batches of {@code batch}, while batches come back full. */
    static int deleteForgottenCounters(SignInThrottle throttle, int batch) {
        int counters = 0;
        for (int round = 0, n = batch; n == batch && round < MAX_COUNTER_BATCHES; round++) {
            n = throttle.deleteForgotten(batch);
            counters += n;
        }
        return counters;
    }

    private static void run(Latchkey latchkey, SignInThrottle throttle, Duration interval, List<Task> more) {
        try {
            int deleted = latchkey.deleteExpiredSessions();
            int counters = deleteForgottenCounters(throttle, latchkey.config().cleanupBatchSize());
            StringBuilder others = new StringBuilder();
            for (Task task : more) {
                others.append(", ").append(task.run().getAsInt()).append(' ').append(task.what());
            }
            LOG.log(System.Logger.Level.DEBUG, Message.CLEANUP_DONE.line("deleted " + deleted + " expired sessions, "
                    + counters + " forgotten sign-in failure counters" + others));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, Message.CLEANUP_FAILED.line("cleanup of expired sessions failed; it"
                    + " runs again in " + interval + ": " + e.getClass().getName()));
        }
    }
}
