package dev.latchkey.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Latchkey's rules for new passwords (OWASP ASVS 5.0 V6.2): text (no unpaired surrogate, which no
 * keyboard types and UTF-8 cannot hold), at least the minimum length and at most {@value #MAX_LENGTH}
 * characters (counted as Unicode code points, any of them, no composition rules, never truncated), not
 * one of the common passwords shipped in the jar, not the account name.
 */
final class PasswordRules {

    static final int DEFAULT_MIN_LENGTH = 8;
    static final int MAX_LENGTH = 1024;
    private static final String COMMON = "META-INF/latchkey/common-passwords.txt";

    private final int minLength;

    PasswordRules(int minLength) {
        if (minLength < DEFAULT_MIN_LENGTH || minLength > 128) {
            throw new IllegalArgumentException("latchkey.password.min-length must be from 8 to 128 but was " + minLength);
        }
        this.minLength = minLength;
    }

    int minLength() {
        return minLength;
    }

    /** The first of Latchkey's rules the password breaks, or empty. */
    Optional<PasswordRefusal> check(String account, char[] password) {
        if (password != null && !wellFormed(password)) {
            return Optional.of(new PasswordRefusal("not-text", "The password holds something that is not a character"
                    + " (half of a pair that must come together); type it again."));
        }
        int length = password == null ? 0 : Character.codePointCount(password, 0, password.length);
        if (length < minLength) {
            return Optional.of(new PasswordRefusal("min-length", "Use at least " + minLength + " characters."));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new PasswordRefusal("max-length", "Use at most " + MAX_LENGTH + " characters."));
        }
        String lower = CharBuffer.wrap(password).toString().toLowerCase(Locale.ROOT);
        if (Common.PASSWORDS.contains(lower)) {
            return Optional.of(new PasswordRefusal("common", "This is one of the most common passwords; choose another."));
        }
        if (account != null && lower.equals(account.toLowerCase(Locale.ROOT))) {
            return Optional.of(new PasswordRefusal("same-as-name", "The password must not be the account name."));
        }
        return Optional.empty();
    }

    /** Whether the text is well-formed UTF-16: every surrogate in a pair, as UTF-8 (and so bcrypt's input) needs. */
    private static boolean wellFormed(char[] text) {
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            if (Character.isHighSurrogate(c) && i + 1 < text.length && Character.isLowSurrogate(text[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The shipped list, read on first use. */
    static final class Common {
        static final Set<String> PASSWORDS = read();

        private Common() {
        }

        private static Set<String> read() {
            Set<String> passwords = new HashSet<>(16_384);
            try (InputStream in = PasswordRules.class.getClassLoader().getResourceAsStream(COMMON)) {
                if (in == null) {
                    throw new IllegalStateException("Latchkey: " + COMMON + " is missing from the jar");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        passwords.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(passwords);
        }
    }
}
