package dev.latchkey.recovery;

import dev.latchkey.internal.web.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The subject, text and HTML of a message, from templates: {@code latchkey/mail/<kind>_<language>.txt}, then
 * {@code latchkey/mail/<kind>.txt} among the application's classes (WEB-INF/classes), then the jar's own
 * ({@code META-INF/latchkey/mail/}); the same for {@code .html}. A text template's first line is
 * {@code Subject: ...}, then an empty line, then the body. Placeholders: {@code {link}}, {@code {code}},
 * {@code {address}}, {@code {valid}} (such as "30 minutes"); in HTML they are escaped.
 */
final class MailTemplates {

    /** A template that cannot be used; its message names the template and never holds a link or code. */
    static final class TemplateProblem extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        TemplateProblem(String message) {
            super(message);
        }
    }

    /** A message ready to send. */
    record Rendered(String subject, String text, String html) {
    }

    private final ClassLoader application;

    MailTemplates(ClassLoader application) {
        this.application = application;
    }

    Rendered render(OutOfBandMessage message) {
        String name = message.kind().template();
        String text = fill(load(name, "txt", message.locale()), message, false);
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (!first.startsWith("Subject: ")) {
            throw new TemplateProblem("the mail template " + name + ".txt must begin with a line 'Subject: ...'");
        }
        String body = text.substring(end + 1).strip() + "\n";
        return new Rendered(first.substring("Subject: ".length()).strip(), body, fill(load(name, "html", message.locale()),
                message, true));
    }

    private String load(String name, String extension, Locale locale) {
        String[] candidates = {
            "latchkey/mail/" + name + "_" + locale.getLanguage() + "." + extension,
            "latchkey/mail/" + name + "." + extension,
            "META-INF/latchkey/mail/" + name + "." + extension};
        for (String candidate : candidates) {
            InputStream found = application == null ? null : application.getResourceAsStream(candidate);
            if (found == null && candidate.startsWith("META-INF/")) {
                found = MailTemplates.class.getClassLoader().getResourceAsStream(candidate);
            }
            if (found != null) {
                try (InputStream in = found) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new TemplateProblem("no mail template " + name + "." + extension);
    }

    private static String fill(String template, OutOfBandMessage message, boolean html) {
        UnaryOperator<String> escape = html ? Html::escape : UnaryOperator.identity();
        return template.replace("{link}", escape.apply(message.link() == null ? "" : message.link()))
                .replace("{code}", escape.apply(message.code() == null ? "" : message.code()))
                .replace("{address}", escape.apply(message.address()))
                .replace("{valid}", describe(message.validFor()));
    }

    /** "30 minutes", "24 hours", "1 hour". */
    static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes >= 60 && minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
