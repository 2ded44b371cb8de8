package dev.latchkey.demo;

import dev.latchkey.recovery.OutOfBandMessage;
import dev.latchkey.recovery.OutOfBandSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The demo's development outbox: Latchkey's messages (address verification, password reset, sign-in links and
 * codes) are kept here instead of being e-mailed, the last {@value #KEPT} in memory, and shown at
 * {@code /outbox} ({@link OutboxServlet}). Being an {@link OutOfBandSender} bean, it replaces Latchkey's mail
 * sender, so the demo needs no mail session. For development only: a real application sends the messages by
 * mail ({@code latchkey.mail.session}) or through a sender of its own, and never shows them on a page.
 */
@ApplicationScoped
public class DevOutbox implements OutOfBandSender {

    static final int KEPT = 50;

    private static final System.Logger LOG = System.getLogger("dev.latchkey.demo");

    /** A message as the outbox keeps it, with the time it arrived. */
    public record Entry(Instant at, OutOfBandMessage message) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    @Override
    public void send(OutOfBandMessage message) {
        synchronized (entries) {
            entries.addFirst(new Entry(Instant.now(), message));
            while (entries.size() > KEPT) {
                entries.removeLast();
            }
        }
        // One line per message, never with its link or code (they are secrets, as in real mail).
        LOG.log(System.Logger.Level.INFO, "development outbox: " + message.kind() + " to " + message.address()
                + " (read it at /outbox)");
    }

    /** The messages kept, newest first. */
    public List<Entry> newestFirst() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
