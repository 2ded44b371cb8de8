package dev.latchkey.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages' templates: every kind from the jar with its placeholders filled (escaped in HTML), the
 * lifetimes in words, an application's template (and its language's) in place of the jar's, and a template
 * without its subject line refused.
 */
class MailTemplatesTest {

    private static final String LINK = "https://app.example/latchkey/recovery/reset?token=abc.def&from=mail";
    private static final String CODE = "042917";
    private static final String ADDRESS = "ann@example.com";

    @TempDir
    Path application;

    private static OutOfBandMessage message(MessageKind kind, String address, Locale locale) {
        boolean code = kind == MessageKind.SIGN_IN_CODE;
        boolean link = kind.purpose() != null && !code;
        Duration valid = kind.purpose() == null ? Duration.ZERO : Duration.ofMinutes(30);
        return new OutOfBandMessage(kind, address, link ? LINK : null, code ? CODE : null, valid, locale);
    }

    @Test
    void everyKindRendersFromTheJarWithItsPlaceholdersFilled() {
        MailTemplates templates = new MailTemplates(null);
        for (MessageKind kind : MessageKind.values()) {
            MailTemplates.Rendered rendered = templates.render(message(kind, ADDRESS, Locale.ENGLISH));
            String all = rendered.subject() + rendered.text() + rendered.html();
            assertFalse(rendered.subject().isBlank() || rendered.subject().contains("\n"), kind + ": " + rendered.subject());
            assertFalse(rendered.text().startsWith("Subject:") || rendered.text().startsWith("\n"), kind + ": the body only");
            assertTrue(rendered.text().endsWith("\n"), kind.toString());
            assertTrue(rendered.html().startsWith("<!DOCTYPE html>"), kind.toString());
            for (String placeholder : new String[] {"{link}", "{code}", "{address}", "{valid}"}) {
                assertFalse(all.contains(placeholder), kind + " left " + placeholder);
            }
            if (kind.purpose() == null) {
                assertTrue(rendered.text().contains(ADDRESS) && rendered.html().contains(ADDRESS), kind + ": the notice names it");
            } else {
                assertTrue(rendered.text().contains("30 minutes") && rendered.html().contains("30 minutes"), kind.toString());
            }
            if (kind == MessageKind.SIGN_IN_CODE) {
                assertTrue(rendered.subject().contains(CODE) && rendered.text().contains(CODE) && rendered.html().contains(CODE));
            } else if (kind.purpose() != null) {
                assertTrue(rendered.text().contains(LINK), kind + ": the link as it is, in text");
                assertTrue(rendered.html().contains("href=\"" + LINK.replace("&", "&amp;") + "\""), kind + ": escaped in HTML");
                assertFalse(rendered.html().contains(LINK), kind.toString());
            }
        }
    }

    @Test
    void theAddressIsEscapedInHtmlOnly() {
        String address = "o'neil<script>\"&\"@example.com";
        MailTemplates.Rendered rendered = new MailTemplates(null).render(message(MessageKind.RESET_PASSWORD, address,
                Locale.ENGLISH));
        assertTrue(rendered.text().contains(address));
        assertTrue(rendered.html().contains("o&#39;neil&lt;script&gt;&quot;&amp;&quot;@example.com"), rendered.html());
        assertFalse(rendered.html().contains("<script>"));
    }

    @Test
    void lifetimesAreWrittenInWords() {
        assertEquals("30 minutes", MailTemplates.describe(Duration.ofMinutes(30)));
        assertEquals("24 hours", MailTemplates.describe(Duration.ofHours(24)));
        assertEquals("1 hour", MailTemplates.describe(Duration.ofHours(1)));
        assertEquals("1 minute", MailTemplates.describe(Duration.ofMinutes(1)));
        assertEquals("90 minutes", MailTemplates.describe(Duration.ofMinutes(90)));
        assertEquals("10 minutes", MailTemplates.describe(Duration.ofMinutes(10)));
    }

    @Test
    void anApplicationsTemplateAndItsLanguagesReplaceTheJars() throws IOException {
        write("reset-password.txt", "Subject: Reset at Example\n\nOpen {link} within {valid}, {address}.\n");
        write("reset-password_de.txt", "Subject: Neues Passwort\n\nÖffnen Sie {link} innerhalb von {valid}.\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {application.toUri().toURL()}, null)) {
            MailTemplates templates = new MailTemplates(loader);
            MailTemplates.Rendered english = templates.render(message(MessageKind.RESET_PASSWORD, ADDRESS, Locale.ENGLISH));
            assertEquals("Reset at Example", english.subject());
            assertEquals("Open " + LINK + " within 30 minutes, " + ADDRESS + ".\n", english.text());
            assertTrue(english.html().contains("Set a new password"), "no HTML of the application's: the jar's");

            MailTemplates.Rendered german = templates.render(message(MessageKind.RESET_PASSWORD, ADDRESS, Locale.GERMANY));
            assertEquals("Neues Passwort", german.subject());
            assertEquals("Öffnen Sie " + LINK + " innerhalb von 30 minutes.\n", german.text());

            MailTemplates.Rendered french = templates.render(message(MessageKind.RESET_PASSWORD, ADDRESS, Locale.FRENCH));
            assertEquals("Reset at Example", french.subject(), "no French one: the application's default");
            assertEquals("Confirm your e-mail address",
                    templates.render(message(MessageKind.VERIFY_ADDRESS, ADDRESS, Locale.GERMAN)).subject(), "the jar's");
        }
    }

    @Test
    void aTemplateWithoutItsSubjectLineIsRefusedNamingIt() throws IOException {
        write("sign-in-link.txt", "Sign in: {link}\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {application.toUri().toURL()}, null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new MailTemplates(loader).render(message(MessageKind.SIGN_IN_LINK, ADDRESS, Locale.ENGLISH)));
            assertTrue(e.getMessage().contains("sign-in-link.txt must begin with a line 'Subject: ...'"), e.getMessage());
            assertFalse(e.getMessage().contains(LINK), "the link is not shown");
        }
    }

    private void write(String name, String text) throws IOException {
        Path file = application.resolve("latchkey/mail/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
