package dev.latchkey.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * A parsed session token, {@code <id>.<secret>}.
 *
 * <p>The id (160 random bits, 32 characters) is the key the store looks the session up by. The
 * secret (256 random bits, 52 characters) is never stored: the store keeps only its SHA-256 hash.
 * Both parts use the lowercase base32 alphabet {@code a-z2-7}, which is safe in cookies, headers
 * and URLs and immune to case-insensitive database collations.
 *
 * <p>{@link #parse(String)} accepts exactly that shape and nothing else, so garbage is turned away
 * before any database is asked. {@link #toString()} never shows the secret.
 */
final class SessionToken {

    /** Never used itself: only copied ({@link #newSha256}). */
    private static final MessageDigest SHA_256 = sha256Instance();

    /** Characters in the id part. */
    public static final int ID_LENGTH = 32;
    /** Characters in the secret part. */
    public static final int SECRET_LENGTH = 52;
    /** Characters in a whole token: id, dot, secret. */
    public static final int LENGTH = ID_LENGTH + 1 + SECRET_LENGTH;

    private static final int ID_BYTES = 20;
    private static final int SECRET_BYTES = 32;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final String id;
    private final String secret;

    private SessionToken(String id, String secret) {
        this.id = id;
        this.secret = secret;
    }

    /**
     * Parses a token as a client sent it.
     *
     * @param value anything, including {@code null}
     * @return the token, or empty if the value is not exactly a well-formed Latchkey token
     */
    public static Optional<SessionToken> parse(String value) {
        if (value == null || value.length() != LENGTH || value.charAt(ID_LENGTH) != '.') {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            if (i != ID_LENGTH && !isAlphabet(value.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new SessionToken(value.substring(0, ID_LENGTH), value.substring(ID_LENGTH + 1)));
    }

    /** Whether {@link #parse(String)} would accept the value. */
    public static boolean isWellFormed(String value) {
        return parse(value).isPresent();
    }

    /** Whether a string has the shape of a session id (the part before the dot). */
    public static boolean isWellFormedId(String value) {
        if (value == null || value.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
            if (!isAlphabet(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static SessionToken generate(SecureRandom random) {
        return new SessionToken(randomString(random, ID_BYTES), randomString(random, SECRET_BYTES));
    }

    /** The session id: the lookup key, not a secret on its own. */
    public String id() {
        return id;
    }

    /** SHA-256 of the secret: the only form of it a store ever sees. */
    byte[] secretHash() {
        return sha256(secret);
    }

    /** The token as it travels in a cookie or header. Only the code that hands it to the client calls this. */
    String value() {
        return id + '.' + secret;
    }

    static byte[] sha256(String secret) {
        return newSha256().digest(secret.getBytes(StandardCharsets.US_ASCII));
    }

    /** A fresh digest: a copy of one made once, cheaper per request than a provider look-up. */
    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256Instance();
        }
    }

    private static MessageDigest sha256Instance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform but is missing", e);
        }
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
    }

    private static String randomString(SecureRandom random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return base32(raw);
    }

    private static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** Shows the id only; the secret never appears in logs or messages. */
    @Override
    public String toString() {
        return "SessionToken[id=" + id + ", secret=<redacted>]";
    }
}
