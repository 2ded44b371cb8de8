package dev.latchkey.recovery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The default {@link OutOfBandSender}: e-mail with Jakarta Mail through the mail session the server provides
 * ({@code latchkey.mail.session}), text and HTML from {@link MailTemplates}. The only class of Latchkey that
 * names a Jakarta Mail type, loaded only when that setting is given.
 */
final class MailSender implements OutOfBandSender {

    private final Session session;
    private final String from;
    private final MailTemplates templates;

    private MailSender(Session session, String from, MailTemplates templates) {
        this.session = session;
        this.from = from;
        this.templates = templates;
    }

    /**
     * Looks the mail session up.
     *
     * @param from the sender's address, or {@code null} for the session's {@code mail.from}
     * @throws IllegalStateException ({@code LK-602}) when there is no mail session of that name
     */
    static MailSender lookUp(String jndiName, String from, MailTemplates templates) {
        Object found;
        try {
            found = new InitialContext().lookup(jndiName);
        } catch (NamingException | RuntimeException e) {
            throw new IllegalStateException(RecoveryMessage.MAIL_SESSION_MISSING.error("latchkey.mail.session=" + jndiName
                    + " is not bound (" + e.getClass().getSimpleName() + ")"), e);
        }
        if (!(found instanceof Session session)) {
            throw new IllegalStateException(RecoveryMessage.MAIL_SESSION_MISSING.error("latchkey.mail.session=" + jndiName
                    + " is a " + (found == null ? "null" : found.getClass().getName()) + ", not a jakarta.mail.Session"));
        }
        return new MailSender(session, from, templates);
    }

    /** Where mail comes from, for the start-up line. */
    String describe() {
        String host = session.getProperty("mail.smtp.host");
        return "e-mail through its mail session" + (host == null ? "" : " (SMTP " + host + ")");
    }

    @Override
    public void send(OutOfBandMessage message) throws MessagingException {
        MailTemplates.Rendered rendered = templates.render(message);
        MimeMessage mail = new MimeMessage(session);
        if (from != null) {
            mail.setFrom(new InternetAddress(from));
        } else {
            mail.setFrom();
        }
        mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.address(), true));
        mail.setSubject(rendered.subject(), "UTF-8");
        mail.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(rendered.html(), "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mail.setContent(alternative);
        mail.setHeader("Auto-Submitted", "auto-generated");
        Transport.send(mail);
    }
}
