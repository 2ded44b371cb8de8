package dev.latchkey.it.support;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP server the application servers' mail sessions send to: GreenMail, one per JVM, started on
 * first use on 127.0.0.1 at the port of the system property {@value #PORT_PROPERTY} (the build passes
 * it to Failsafe and writes it into each server's mail session; {@value #DEFAULT_PORT} without it),
 * stopped when the JVM exits. It accepts every recipient, without authentication.
 *
 * <p>A test takes the mails sent to an address in turn: {@link #awaitMessageTo} answers the newest mail
 * to that address not taken yet, and takes it.
 */
public final class TestMail {

    public static final String PORT_PROPERTY = "latchkey.test.smtp.port";
    public static final int DEFAULT_PORT = 13025;

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"'`]+");
    /** 6 to 8 digits with no letter, digit or underscore on either side. */
    private static final Pattern CODE = Pattern.compile("(?<![\\w])\\d{6,8}(?![\\w])");
    private static final long POLL_MILLIS = 50;

    private static TestMail instance;

    private final GreenMail greenMail;
    /** Per address (lower case), the UIDs in its inbox of the mails already taken. */
    private final Map<String, Set<Long>> taken = new HashMap<>();

    /** A received mail: its sender, subject, and its text/plain and text/html parts ({@code null} when absent). */
    public record Mail(String from, String subject, String text, String html) {
    }

    TestMail(ServerSetup setup) {
        greenMail = new GreenMail(setup);
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("GreenMail could not listen for SMTP on " + setup.getBindAddress() + ":"
                    + setup.getPort() + " (another build's test SMTP server? -D" + PORT_PROPERTY + " moves it)", e);
        }
    }

    /** The JVM's SMTP server, started on first use. */
    public static synchronized TestMail server() {
        if (instance == null) {
            int port = Integer.getInteger(PORT_PROPERTY, DEFAULT_PORT);
            TestMail started = new TestMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "TestMail stop"));
            instance = started;
        }
        return instance;
    }

    /** The port it listens on. */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    void stop() {
        greenMail.stop();
    }

    /**
     * The text/plain body of the newest mail to {@code address} not taken yet, waiting up to {@code timeout}
     * for one; the mail is taken.
     *
     * @throws AssertionError when none arrives in time, or the mail has no text/plain part
     */
    public String awaitMessageTo(String address, Duration timeout) {
        Mail mail = awaitMailTo(address, timeout);
        if (mail.text() == null) {
            throw new AssertionError("The mail to " + address + " (\"" + mail.subject() + "\") has no text/plain part");
        }
        return mail.text();
    }

    /**
     * The newest mail to {@code address} not taken yet, waiting up to {@code timeout} for one; the mail is taken.
     *
     * @throws AssertionError when none arrives in time
     */
    public Mail awaitMailTo(String address, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            StoredMessage message = takeNewest(address);
            if (message != null) {
                return read(message.getMimeMessage());
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("No mail to " + address + " within " + timeout.toMillis() + " ms ("
                        + countTo(address) + " received for it, all taken already); the test SMTP server on port "
                        + port() + " received: " + summary());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for a mail to " + address, e);
            }
        }
    }

    /** How many mails to {@code address} have arrived, taken or not. */
    public int countTo(String address) {
        return inbox(address).size();
    }

    /**
     * The first http(s) URL in {@code body} that contains {@code pathPart}, without a trailing full stop,
     * comma, colon, semicolon, question or exclamation mark, or closing bracket.
     *
     * @throws AssertionError when there is none
     */
    public static String linkIn(String body, String pathPart) {
        Matcher links = LINK.matcher(body);
        while (links.find()) {
            String link = links.group().replaceFirst("[.,;:!?)\\]]+$", "");
            if (link.contains(pathPart)) {
                return link;
            }
        }
        throw new AssertionError("No http(s) link containing \"" + pathPart + "\" in the mail:\n" + body);
    }

    /**
     * The first run of 6 to 8 digits in {@code body} standing alone (no letter, digit or underscore next to
     * it), outside links.
     *
     * @throws AssertionError when there is none
     */
    public static String codeIn(String body) {
        Matcher code = CODE.matcher(LINK.matcher(body).replaceAll(" "));
        if (!code.find()) {
            throw new AssertionError("No code of 6 to 8 digits in the mail:\n" + body);
        }
        return code.group();
    }

    private StoredMessage takeNewest(String address) {
        synchronized (taken) {
            Set<Long> done = taken.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new HashSet<>());
            StoredMessage newest = inbox(address).stream()
                    .filter(m -> !done.contains(m.getUid()))
                    .max(Comparator.comparingLong(StoredMessage::getUid))
                    .orElse(null);
            if (newest != null) {
                done.add(newest.getUid());
            }
            return newest;
        }
    }

    private List<StoredMessage> inbox(String address) {
        GreenMailUser user = greenMail.getUserManager().findUsers(u -> address.equalsIgnoreCase(u.getEmail()))
                .findFirst().orElse(null);
        if (user == null) {
            return List.of();
        }
        try {
            return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private String summary() {
        List<String> lines = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                lines.add(Arrays.toString(message.getAllRecipients()) + " \"" + message.getSubject() + "\"");
            } catch (MessagingException e) {
                lines.add(e.toString());
            }
        }
        return lines.isEmpty() ? "nothing" : String.join(", ", lines);
    }

    private static Mail read(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            String[] parts = new String[2];
            collect(message, parts);
            return new Mail(from == null || from.length == 0 ? null : from[0].toString(), message.getSubject(), parts[0], parts[1]);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }

    /** The first text/plain part into {@code parts[0]}, the first text/html part into {@code parts[1]}; attachments skipped. */
    private static void collect(Part part, String[] parts) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), parts);
            }
        }
    }
}
