package dev.latchkey.cdi;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Message;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Deletes expired sessions on the server's managed scheduler, every cleanup interval. */
final class CleanupSchedule {

    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    private CleanupSchedule() {
    }

    /** Schedules the cleanup; empty when the server offers no managed scheduler ({@code LK-004}). */
    static ScheduledFuture<?> start(Latchkey latchkey, Duration interval) {
        try {
            ManagedScheduledExecutorService executor = (ManagedScheduledExecutorService)
                    new InitialContext().lookup("java:comp/DefaultManagedScheduledExecutorService");
            long millis = interval.toMillis();
            return executor.scheduleWithFixedDelay(() -> run(latchkey, interval), millis, millis, TimeUnit.MILLISECONDS);
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            LOG.log(System.Logger.Level.WARNING, Message.NO_SCHEDULER.line(Message.NO_SCHEDULER.summary()
                    + ": expired sessions are deleted when read only. " + Message.NO_SCHEDULER.fix()));
            return null;
        }
    }

    private static void run(Latchkey latchkey, Duration interval) {
        try {
            int deleted = latchkey.deleteExpiredSessions();
            LOG.log(System.Logger.Level.DEBUG, Message.CLEANUP_DONE.line("deleted " + deleted + " expired sessions"));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, Message.CLEANUP_FAILED.line("cleanup of expired sessions failed; it"
                    + " runs again in " + interval + ": " + e.getClass().getName()));
        }
    }
}
