package dev.latchkey.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The text of a one-time token, {@code <id>.<secret>}: a 128-bit id (26 characters) the row is found by, and a
 * 160-bit secret (32 characters) of which only a SHA-256 is stored, both in lowercase base32 ({@code a-z2-7}),
 * safe in links, cookies and form fields. {@link #parse} accepts that shape only, so anything else is turned
 * away before the database is asked. {@link #toString()} never shows the secret.
 */
record TokenText(String id, String secret) {

    static final int ID_LENGTH = 26;
    static final int SECRET_LENGTH = 32;
    static final int LENGTH = ID_LENGTH + 1 + SECRET_LENGTH;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    static TokenText generate(SecureRandom random) {
        return new TokenText(base32(random, 16, ID_LENGTH), base32(random, 20, SECRET_LENGTH));
    }

    static Optional<TokenText> parse(String value) {
        if (value == null || value.length() != LENGTH || value.charAt(ID_LENGTH) != '.') {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (i != ID_LENGTH && !((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                return Optional.empty();
            }
        }
        return Optional.of(new TokenText(value.substring(0, ID_LENGTH), value.substring(ID_LENGTH + 1)));
    }

    /** The whole token, to send. */
    String value() {
        return id + "." + secret;
    }

    /** The stored form of the secret. */
    String secretHash() {
        return sha256(secret);
    }

    /** The stored form of a code typed for this challenge: bound to the secret, so a code alone is nothing. */
    String codeHash(String code) {
        return sha256(secret + ":" + code);
    }

    /** Whether two stored forms are equal, in a time that does not depend on where they differ. */
    static boolean sameHash(String stored, String computed) {
        return stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                computed.getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String base32(SecureRandom random, int bytes, int length) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        StringBuilder text = new StringBuilder(length);
        int buffer = 0;
        int bits = 0;
        for (byte b : raw) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "TokenText[" + id + ".<secret>]";
    }
}
