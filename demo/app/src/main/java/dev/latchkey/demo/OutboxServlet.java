package dev.latchkey.demo;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.recovery.OutOfBandMessage;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The development outbox: the messages {@link DevOutbox} kept instead of e-mailing them, newest first, each
 * with its link (to click) or code (to type). Open to everyone, as a mailbox would be to the one it belongs to:
 * a demo's page, never an application's.
 */
@WebServlet("/outbox")
public class OutboxServlet extends HttpServlet {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    CurrentUser user;

    @Inject
    DevOutbox outbox;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (DevOutbox.Entry entry : outbox.newestFirst()) {
            OutOfBandMessage message = entry.message();
            String content;
            if (message.link() != null) {
                content = "<a class=\"link\" href=\"" + Page.escape(message.link()) + "\">" + Page.escape(message.link()) + "</a>";
            } else if (message.code() != null) {
                content = "code <b class=\"code\">" + Page.escape(message.code()) + "</b>";
            } else {
                content = "<span class=\"note\">a notice: no link, no code</span>";
            }
            rows.append("<tr class=\"message\"><td>").append(TIME.format(entry.at())).append("</td><td class=\"kind\">")
                    .append(Page.escape(message.kind().name())).append("</td><td class=\"to\">")
                    .append(Page.escape(message.address())).append("</td><td>").append(content).append("</td><td>")
                    .append(message.validFor().isZero() ? "" : Page.escape(describe(message.validFor())))
                    .append("</td></tr>\n");
        }
        Page.render(response, user, "Development outbox", """
                <p class="note"><b>For development only.</b> The messages Latchkey would e-mail — confirming an address,
                setting a new password, signing in by link or code — are kept here instead (the last %d, in memory, lost
                when the server stops), by the demo's own sender (<code>DevOutbox</code>, an <code>OutOfBandSender</code>
                bean). A real application sends them by mail (<code>latchkey.mail.session</code>) or its own sender, and
                never shows them on a page. They are sent a moment after the request: reload if yours is not here yet.</p>
                <table><tr><th>Time</th><th>Kind</th><th>To</th><th>Link or code</th><th>Valid for</th></tr>
                %s</table>
                %s""".formatted(DevOutbox.KEPT, rows, rows.isEmpty() ? "<p>No messages yet.</p>" : ""));
    }

    /** "30 minutes", "24 hours". */
    private static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes >= 60 && minutes % 60 == 0 ? minutes / 60 + (minutes == 60 ? " hour" : " hours")
                : minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
