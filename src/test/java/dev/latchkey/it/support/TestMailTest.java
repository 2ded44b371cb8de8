package dev.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TestMail} on a port of its own: mails taken in turn, bodies decoded, links and codes found. */
class TestMailTest {

    private static TestMail mail;

    @BeforeAll
    static void start() {
        mail = new TestMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @AfterAll
    static void stop() {
        mail.stop();
    }

    @Test
    void mailsToOneAddressAreTakenNewestFirstAndOnlyOnce() throws MessagingException {
        send("ann@example.com", "first", "one");
        send("ann@example.com", "second", "two");
        send("bob@example.com", "other", "three");

        assertEquals(2, mail.countTo("Ann@Example.com"));
        assertEquals("two", mail.awaitMessageTo("ann@example.com", Duration.ofSeconds(5)).strip());
        assertEquals("one", mail.awaitMessageTo("ann@example.com", Duration.ofSeconds(5)).strip());
        AssertionError none = assertThrows(AssertionError.class,
                () -> mail.awaitMessageTo("ann@example.com", Duration.ofMillis(200)));
        assertTrue(none.getMessage().contains("2 received for it, all taken"), none.getMessage());
        assertEquals(2, mail.countTo("ann@example.com"));
        assertEquals("three", mail.awaitMessageTo("bob@example.com", Duration.ofSeconds(5)).strip());
    }

    @Test
    void aLongLinkSurvivesQuotedPrintableAndTheHtmlPartIsKept() throws MessagingException {
        String link = "https://app.example/reset?token=" + "abc=DEF-".repeat(20) + "&step=2";
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello,\r\n\r\nopen " + link + ". Or enter 0427731.\r\n", "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p><a href=\"" + link + "\">Reset</a></p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeMessage message = message("carol@example.com", "Reset");
        message.setContent(alternative);
        Transport.send(message);

        TestMail.Mail received = mail.awaitMailTo("carol@example.com", Duration.ofSeconds(5));
        assertEquals("no-reply@latchkey.test", received.from());
        assertEquals(link, TestMail.linkIn(received.text(), "/reset"));
        assertEquals("0427731", TestMail.codeIn(received.text()));
        assertTrue(received.html().contains("href=\"" + link + "\""), received.html());
    }

    @Test
    void aMailWithoutTextFailsClearly() throws MessagingException {
        MimeMessage message = message("dan@example.com", "Only HTML");
        message.setContent("<p>hi</p>", "text/html; charset=UTF-8");
        Transport.send(message);

        assertNull(mail.awaitMailTo("dan@example.com", Duration.ofSeconds(5)).text());
        message = message("dan@example.com", "Only HTML");
        message.setContent("<p>hi</p>", "text/html; charset=UTF-8");
        Transport.send(message);
        AssertionError error = assertThrows(AssertionError.class,
                () -> mail.awaitMessageTo("dan@example.com", Duration.ofSeconds(5)));
        assertTrue(error.getMessage().contains("no text/plain part"), error.getMessage());
    }

    @Test
    void linksAndCodes() {
        String body = "Sign in at https://a.example/x/confirm?t=1234567, then (https://a.example/y/done). Code: 88442211.";
        assertEquals("https://a.example/x/confirm?t=1234567", TestMail.linkIn(body, "confirm"));
        assertEquals("https://a.example/y/done", TestMail.linkIn(body, "/y/"));
        assertEquals("88442211", TestMail.codeIn(body));
        assertEquals("123456", TestMail.codeIn("Your code\n123456\n"));
        assertEquals("654321", TestMail.codeIn("ref A1234567 and order 12345 and 123456789, code 654321"));
        assertThrows(AssertionError.class, () -> TestMail.linkIn(body, "/missing"));
        assertThrows(AssertionError.class, () -> TestMail.codeIn("no 12345 nor 123456789 nor x1234567"));
    }

    private static void send(String to, String subject, String text) throws MessagingException {
        MimeMessage message = message(to, subject);
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private static MimeMessage message(String to, String subject) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(mail.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("no-reply@latchkey.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        return message;
    }
}
