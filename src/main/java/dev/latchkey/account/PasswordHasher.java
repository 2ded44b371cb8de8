package dev.latchkey.account;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

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
 * <p><b>Same time for every answer.</b> Every check does the work of one bcrypt verification at the
 * <em>timing cost</em>: the configured cost, raised to the highest cost of any stored hash seen
 * ({@link #expectStoredCost}). {@link #verifyUnknownUser(char[])} verifies against a dummy hash of
 * that cost and always fails. A stored hash of a lower cost (made before the cost was raised) is
 * verified and then topped up with dummy verifications of its cost, its cost + 1, ... up to the timing
 * cost − 1, whose rounds add up to exactly the missing ones (2<sup>c</sup> + 2<sup>c</sup> + ... +
 * 2<sup>t−1</sup> = 2<sup>t</sup>). So a sign-in takes the same time whether or not the account exists
 * and whatever the cost its hash was made with.
 *
 * <p>Hashes use the {@code $2b$} version. Hashes of other versions ({@code $2a$}, {@code $2y$})
 * verify and report {@link PasswordCheck#needsRehash()}. Thread-safe.
 */
final class PasswordHasher {

    /** The default cost: 2^12 rounds, about a quarter second on a current server core. */
    public static final int DEFAULT_COST = 12;
    /** The most bytes of password bcrypt reads: its key is 72 bytes. */
    public static final int BCRYPT_INPUT_LIMIT = 72;

    static final String DUMMY_PASSWORD = "latchkey-dummy-password";
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.strict(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null, LongPasswordStrategies.strict(VERSION));
    private final AtomicInteger timingCost;
    private final Map<Integer, byte[]> dummyHashes = new ConcurrentHashMap<>();
    private final LongAdder rounds = new LongAdder();

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
        this.timingCost = new AtomicInteger(cost);
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
     * The cost every check costs: the configured one, or the highest stored cost seen if higher.
     */
    public int timingCost() {
        return timingCost.get();
    }

    /**
     * Tells the hasher that stored hashes of this cost exist (the highest one in the accounts table, at
     * start), so that checks of unknown names take as long as checks of those accounts.
     */
    public void expectStoredCost(int storedCost) {
        if (storedCost >= BCrypt.MIN_COST && storedCost <= BCrypt.MAX_COST) {
            timingCost.accumulateAndGet(storedCost, Math::max);
        }
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
     * Checks a password against a stored hash, in the time of one verification at
     * {@link #timingCost()}. Never throws for any password; a malformed stored hash fails the check.
     */
    public PasswordCheck verify(char[] password, String storedHash) {
        int storedCost = costOf(storedHash);
        expectStoredCost(storedCost);
        byte[] input = bcryptInput(password);
        if (input == null || password.length == 0 || storedCost < 0) {
            burn(BCrypt.MIN_COST - 1, input);
            return PasswordCheck.MISMATCH;
        }
        try {
            BCrypt.Result result = verifyer.verify(input, storedHash.getBytes(StandardCharsets.US_ASCII));
            rounds.add(1L << storedCost);
            burn(storedCost, input);
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
        burn(BCrypt.MIN_COST - 1, input);
        if (input != null) {
            Arrays.fill(input, (byte) 0);
        }
        return PasswordCheck.MISMATCH;
    }

    /**
     * Tops up work already done at {@code doneCost} to one verification at the timing cost: dummy
     * verifications of costs {@code doneCost} to timing cost − 1, or one of the timing cost when
     * nothing was done ({@code doneCost} below the minimum).
     */
    private void burn(int doneCost, byte[] input) {
        byte[] work = input == null || input.length == 0 ? new byte[] {'x'} : input;
        int target = timingCost.get();
        if (doneCost < BCrypt.MIN_COST) {
            dummyVerify(target, work);
            return;
        }
        for (int c = doneCost; c < target; c++) {
            dummyVerify(c, work);
        }
    }

    private void dummyVerify(int dummyCost, byte[] input) {
        verifyer.verify(input, dummyHash(dummyCost));
        rounds.add(1L << dummyCost);
    }

    /** The cost in a {@code $2x$NN$...} hash, or -1 when it is not one. */
    static int costOf(String hash) {
        if (hash == null || hash.length() != 60 || hash.charAt(0) != '$' || hash.charAt(3) != '$' || hash.charAt(6) != '$'
                || !Character.isDigit(hash.charAt(4)) || !Character.isDigit(hash.charAt(5))) {
            return -1;
        }
        int c = (hash.charAt(4) - '0') * 10 + (hash.charAt(5) - '0');
        return c >= BCrypt.MIN_COST && c <= BCrypt.MAX_COST ? c : -1;
    }

    /** The bcrypt rounds spent so far (2<sup>cost</sup> per verification): for tests that the work is equal. */
    long roundsSpent() {
        return rounds.sum();
    }

    /** A real hash of the dummy password at {@code dummyCost}; package-visible for a test. */
    byte[] dummyHash(int dummyCost) {
        return dummyHashes.computeIfAbsent(dummyCost,
                c -> hasher.hash(c, DUMMY_PASSWORD.getBytes(StandardCharsets.US_ASCII)));
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
