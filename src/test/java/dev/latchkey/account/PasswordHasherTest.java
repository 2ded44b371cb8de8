package dev.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    // Cost 4 keeps the suite fast; the behaviour does not depend on the cost.
    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void hashIsBcrypt2bWithTheConfiguredCostAndVerifies() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertTrue(hash.startsWith("$2b$04$"), hash);
        assertEquals(60, hash.length());
        assertEquals(new PasswordCheck(true, false), hasher.verify("correct horse".toCharArray(), hash));
        assertEquals(new PasswordCheck(false, false), hasher.verify("correct hors".toCharArray(), hash));
        assertNotEquals(hash, hasher.hash("correct horse".toCharArray()), "salted");
    }

    @Test
    void defaultCostIs12() {
        assertEquals(12, new PasswordHasher().cost());
        assertTrue(new PasswordHasher().hash("pw".toCharArray()).startsWith("$2b$12$"));
    }

    @Test
    void changedCostAsksForARehashOnlyWhenThePasswordMatches() {
        String old = new PasswordHasher(5).hash("secret".toCharArray());
        assertEquals(new PasswordCheck(true, true), hasher.verify("secret".toCharArray(), old));
        assertEquals(new PasswordCheck(false, false), hasher.verify("wrong".toCharArray(), old));
    }

    @Test
    void olderBcryptVersionsVerifyAndAskForARehash() {
        String legacy2a = BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(4, "secret".toCharArray());
        String legacy2y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "secret".toCharArray());
        assertEquals(new PasswordCheck(true, true), hasher.verify("secret".toCharArray(), legacy2a));
        assertEquals(new PasswordCheck(true, true), hasher.verify("secret".toCharArray(), legacy2y));
    }

    @Test
    void passwordsLongerThanBcryptReadsAreNotTruncated() {
        String prefix = "p".repeat(PasswordHasher.BCRYPT_INPUT_LIMIT + 10);
        String hash = hasher.hash((prefix + "A").toCharArray());
        assertTrue(hasher.verify((prefix + "A").toCharArray(), hash).matches());
        assertFalse(hasher.verify((prefix + "B").toCharArray(), hash).matches(), "the 83rd character counts");
        assertFalse(hasher.verify(prefix.toCharArray(), hash).matches());
        assertFalse(hasher.verify(prefix.substring(0, PasswordHasher.BCRYPT_INPUT_LIMIT).toCharArray(), hash).matches());
    }

    @Test
    void theLimitIsCountedInUtf8Bytes() {
        // 25 CJK characters are 75 UTF-8 bytes: over the limit, so the whole text counts.
        String cjk = "\u4e2d".repeat(24);
        String hash = hasher.hash((cjk + "\u6587").toCharArray());
        assertTrue(hasher.verify((cjk + "\u6587").toCharArray(), hash).matches());
        assertFalse(hasher.verify((cjk + "\u5b57").toCharArray(), hash).matches());
        assertEquals(75, (cjk + "\u6587").getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aPasswordAtExactlyTheLimitIsHashedAsIs() {
        String exact = "x".repeat(PasswordHasher.BCRYPT_INPUT_LIMIT);
        String hash = hasher.hash(exact.toCharArray());
        // interoperable with plain bcrypt: another implementation verifies it directly
        assertTrue(BCrypt.verifyer().verify(exact.toCharArray(), hash).verified);
        assertFalse(hasher.verify(("x".repeat(PasswordHasher.BCRYPT_INPUT_LIMIT - 1) + "y").toCharArray(), hash).matches());
    }

    @Test
    void unknownUserVerificationAlwaysFails() {
        assertEquals(new PasswordCheck(false, false), hasher.verifyUnknownUser("anything".toCharArray()));
        assertEquals(new PasswordCheck(false, false), hasher.verifyUnknownUser(new char[0]));
        assertEquals(new PasswordCheck(false, false), hasher.verifyUnknownUser(null));
    }

    @Test
    void unknownUserPathVerifiesAgainstADummyHashOfTheConfiguredCost() {
        PasswordHasher costly = new PasswordHasher(6);
        costly.verifyUnknownUser("guess".toCharArray());
        String dummy = new String(costly.dummyHash(6), StandardCharsets.US_ASCII);
        assertTrue(dummy.startsWith("$2b$06$"), dummy);
        // the same work as a real check: the dummy is a real hash that a real password would pass
        assertTrue(BCrypt.verifyer().verify(PasswordHasher.DUMMY_PASSWORD.toCharArray(), dummy).verified);
    }

    private static long rounds(PasswordHasher hasher, Runnable check) {
        long before = hasher.roundsSpent();
        check.run();
        return hasher.roundsSpent() - before;
    }

    @Test
    void everyCheckDoesTheWorkOfOneVerificationAtTheConfiguredCost() {
        String cost4 = new PasswordHasher(4).hash("pw".toCharArray());
        String cost5 = new PasswordHasher(5).hash("pw".toCharArray());
        PasswordHasher hasher = new PasswordHasher(8);
        String cost8 = hasher.hash("pw".toCharArray());
        char[] pw = "pw".toCharArray();
        assertEquals(256, rounds(hasher, () -> hasher.verifyUnknownUser(pw)), "unknown account");
        assertEquals(256, rounds(hasher, () -> hasher.verify(pw, cost8)), "current cost, right password");
        assertEquals(256, rounds(hasher, () -> hasher.verify("nope".toCharArray(), cost8)), "current cost, wrong password");
        assertEquals(256, rounds(hasher, () -> hasher.verify(pw, cost4)), "a hash made before the cost was raised");
        assertEquals(256, rounds(hasher, () -> hasher.verify("nope".toCharArray(), cost5)), "older hash, wrong password");
        assertEquals(256, rounds(hasher, () -> hasher.verify(pw, "not a bcrypt hash")), "malformed stored hash");
        assertEquals(256, rounds(hasher, () -> hasher.verify(new char[] {'\ud800'}, cost4)), "password that is not text");
        assertTrue(hasher.verify(pw, cost4).needsRehash(), "the old hash still verifies and asks to be replaced");
    }

    @Test
    void aStoredHashOfAHigherCostRaisesTheWorkOfEveryCheck() {
        PasswordHasher hasher = new PasswordHasher(4);
        String cost7 = new PasswordHasher(7).hash("pw".toCharArray());
        assertEquals(16, rounds(hasher, () -> hasher.verifyUnknownUser("x".toCharArray())));
        assertEquals(128, rounds(hasher, () -> hasher.verify("pw".toCharArray(), cost7)));
        assertEquals(7, hasher.timingCost());
        assertEquals(128, rounds(hasher, () -> hasher.verifyUnknownUser("x".toCharArray())), "unknown names now cost as much");
        PasswordHasher primed = new PasswordHasher(4);
        primed.expectStoredCost(6);
        assertEquals(64, rounds(primed, () -> primed.verifyUnknownUser("x".toCharArray())), "primed at start");
        primed.expectStoredCost(99);
        assertEquals(6, primed.timingCost(), "a cost bcrypt cannot have is ignored");
    }

    @Test
    void oddInputNeverThrowsOnVerify() {
        String hash = hasher.hash("pw".toCharArray());
        assertFalse(hasher.verify(new char[0], hash).matches());
        assertFalse(hasher.verify(null, hash).matches());
        assertFalse(hasher.verify(new char[] {'\ud800'}, hash).matches(), "lone surrogate");
        assertFalse(hasher.verify("pw".toCharArray(), null).matches());
        assertFalse(hasher.verify("pw".toCharArray(), "").matches());
        assertFalse(hasher.verify("pw".toCharArray(), "$2b$04$tooshort").matches());
        assertFalse(hasher.verify("pw".toCharArray(), "plaintext-password").matches());
        assertFalse(hasher.verify("pw".toCharArray(), "$2b$04$" + "\u00e9".repeat(53)).matches());
    }

    @Test
    void emptyOrInvalidNewPasswordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> hasher.hash(new char[0]));
        assertThrows(IllegalArgumentException.class, () -> hasher.hash(null));
        assertThrows(IllegalArgumentException.class, () -> hasher.hash(new char[] {'a', '\udc00'}));
    }

    @Test
    void costOutsideBcryptsRangeIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(3));
        assertEquals("latchkey.password.bcrypt-cost must be 4-31 but was 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(32));
    }
}
