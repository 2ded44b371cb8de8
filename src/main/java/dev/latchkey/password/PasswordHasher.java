package dev.latchkey.password;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * bcrypt password hashing with a configurable cost.
 *
 * <pre>{@code
 * PasswordHasher hasher = new PasswordHasher(12);
 * String stored = hasher.hash(password);                       // at sign-up
 * PasswordCheck check = user == null
 *         ? hasher.verifyUnknownUser(password)                 // same time as a real check
 *         : hasher.verify(password, user.passwordHash());
 * if (check.needsRehash()) { user.setPasswordHash(hasher.hash(password)); }
 * }</pre>
 *
 * <p><b>Long passwords.</b> bcrypt reads at most {@value #BCRYPT_INPUT_LIMIT} bytes of input and
 * silently ignores the rest, so two long passwords sharing a prefix would be the same password.
 * Latchkey never truncates: a password whose UTF-8 form is longer than that is first reduced with
 * SHA-256 to 44 Base64 characters, which bcrypt then hashes whole. The rule depends only on the
 * password, so verification applies it the same way; every byte of a long password counts.
 * Passwords are encoded as UTF-8 without normalisation.
 *
 * <p><b>Unknown users.</b> {@link #verifyUnknownUser(char[])} runs a full bcrypt verification
 * against a fixed dummy hash of the configured cost and always fails, so a sign-in form answers in the
 * same time whether or not the account exists.
 *
 * <p>Hashes use the {@code $2b$} version. Hashes of other versions ({@code $2a$}, {@code $2y$})
 * verify and report {@link PasswordCheck#needsRehash()}. Thread-safe.
 */
public final class PasswordHasher {

    /** The default cost: 2^12 rounds, about a quarter second on a current server core. */
    public static final int DEFAULT_COST = 12;
    /** The most bytes of password bcrypt reads: its key is 72 bytes. */
    public static final int BCRYPT_INPUT_LIMIT = 72;

    static final String DUMMY_PASSWORD = "latchkey-dummy-password";
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.strict(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null, LongPasswordStrategies.strict(VERSION));
    private volatile byte[] dummyHash;

    /**
     * @param cost bcrypt's log2 rounds, 4–31
     */
    public PasswordHasher(int cost) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("latchkey.password.bcrypt-cost must be " + BCrypt.MIN_COST + "-"
                    + BCrypt.MAX_COST + " but was " + cost);
        }
        if (VERSION.allowedMaxPwLength != BCRYPT_INPUT_LIMIT) {
            throw new IllegalStateException("the bcrypt library's input limit changed to " + VERSION.allowedMaxPwLength);
        }
        this.cost = cost;
    }

    /** With {@link #DEFAULT_COST}. */
    public PasswordHasher() {
        this(DEFAULT_COST);
    }

    /** The configured cost. */
    public int cost() {
        return cost;
    }

    /**
     * Hashes a new password.
     *
     * @param password the password; not kept, and the caller may clear it afterwards
     * @return the bcrypt hash, 60 characters, {@code $2b$<cost>$...}
     * @throws IllegalArgumentException if the password is empty or not valid UTF-16 text
     */
    public String hash(char[] password) {
        byte[] input = bcryptInput(password);
        if (input == null || password.length == 0) {
            throw new IllegalArgumentException("a password must be non-empty text");
        }
        try {
            return new String(hasher.hash(cost, input), StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    /**
     * Checks a password against a stored hash. Never throws for any password; a malformed stored hash
     * fails the check.
     */
    public PasswordCheck verify(char[] password, String storedHash) {
        byte[] input = bcryptInput(password);
        if (input == null || password.length == 0 || storedHash == null) {
            burnDummyVerification();
            return PasswordCheck.MISMATCH;
        }
        try {
            BCrypt.Result result = verifyer.verify(input, storedHash.getBytes(StandardCharsets.US_ASCII));
            if (!result.validFormat || !result.verified) {
                return PasswordCheck.MISMATCH;
            }
            boolean outdated = result.details.cost != cost || !result.details.version.equals(VERSION);
            return new PasswordCheck(true, outdated);
        } catch (RuntimeException e) {
            return PasswordCheck.MISMATCH;
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    /** Spends the time of a real verification and fails: for sign-in attempts naming no known account. */
    public PasswordCheck verifyUnknownUser(char[] password) {
        byte[] input = bcryptInput(password);
        byte[] work = input == null || input.length == 0 ? new byte[] {'x'} : input;
        try {
            verifyer.verify(work, dummyHash());
        } finally {
            Arrays.fill(work, (byte) 0);
        }
        return PasswordCheck.MISMATCH;
    }

    private void burnDummyVerification() {
        verifyer.verify(new byte[] {'x'}, dummyHash());
    }

    /** Package-visible so that a test can see the dummy is a real hash of the configured cost. */
    byte[] dummyHash() {
        byte[] hash = dummyHash;
        if (hash == null) {
            hash = hasher.hash(cost, DUMMY_PASSWORD.getBytes(StandardCharsets.US_ASCII));
            dummyHash = hash;
        }
        return hash;
    }

    /** The bytes bcrypt hashes: UTF-8, or the SHA-256 reduction when longer than bcrypt reads; null for invalid text. */
    static byte[] bcryptInput(char[] password) {
        if (password == null) {
            return null;
        }
        byte[] utf8;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(password));
            utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        } catch (CharacterCodingException e) {
            return null;
        }
        if (utf8.length <= BCRYPT_INPUT_LIMIT) {
            return utf8;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(utf8);
            return Base64.getEncoder().encode(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform but is missing", e);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }
}
