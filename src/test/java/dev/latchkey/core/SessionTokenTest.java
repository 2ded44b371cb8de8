package dev.latchkey.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionTokenTest {

    private static final String ID = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String SECRET = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst";

    @Test
    void generatedTokensHaveTheDocumentedShapeAndEntropy() {
        SecureRandom random = new SecureRandom();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String value = SessionToken.generate(random).value();
            assertEquals(85, value.length());
            assertTrue(value.matches("[a-z2-7]{32}\\.[a-z2-7]{52}"), value);
            assertTrue(SessionToken.isWellFormed(value));
            ids.add(value.substring(0, 32));
        }
        assertEquals(1000, ids.size());
        // 32 base32 characters carry 160 bits (>= 120 required); 52 carry 260 bits, holding the 256 random ones.
        assertTrue(SessionToken.ID_LENGTH * 5 >= 120);
        assertTrue(SessionToken.SECRET_LENGTH * 5 >= 256);
    }

    @Test
    void everyCharacterOfTheAlphabetAppearsInGeneratedTokens() {
        SecureRandom random = new SecureRandom();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            for (char c : SessionToken.generate(random).value().toCharArray()) {
                seen.add(c);
            }
        }
        assertEquals(33, seen.size(), "32 base32 letters and the dot");
    }

    @Test
    void aWellFormedTokenParsesIntoIdAndSecretHash() throws Exception {
        SessionToken token = SessionToken.parse(ID + "." + SECRET).orElseThrow();
        assertEquals(ID, token.id());
        assertEquals(32, token.secretHash().length);
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256")
                .digest(SECRET.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), token.secretHash(), "SHA-256 of the secret");
    }

    static Stream<String> malformed() {
        return Stream.of(
                "",
                ".",
                ID,
                ID + SECRET + "x",                       // right length, no dot
                ID + "." + SECRET + ".",                  // two dots
                ID + ".." + SECRET.substring(1),          // two dots, right length
                "." + ID + SECRET,                        // empty id
                ID + SECRET + ".",                        // empty secret
                ID.substring(1) + "." + SECRET + "a",     // dot in the wrong place
                ID + "." + SECRET.substring(1),           // too short
                ID + "." + SECRET + "a",                  // too long
                ID.toUpperCase() + "." + SECRET,          // wrong case
                ID.replace('a', '0') + "." + SECRET,      // digit outside base32
                ID.replace('a', '8') + "." + SECRET,
                ID.replace('a', '-') + "." + SECRET,      // base64url character
                ID.replace('a', '\u00e9') + "." + SECRET, // non-ASCII
                ID.replace('a', '\u0430') + "." + SECRET, // Cyrillic look-alike
                ID.replace('a', '\n') + "." + SECRET,     // control character
                ID.replace('a', '\u0000') + "." + SECRET,
                ID.replace('a', ' ') + "." + SECRET,
                " " + ID + "." + SECRET.substring(1),
                "x".repeat(4097),
                (ID + "." + SECRET).repeat(60),
                "\"" + ID + "." + SECRET.substring(2) + "\"");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedTokensAreRejected(String value) {
        assertTrue(SessionToken.parse(value).isEmpty());
        assertFalse(SessionToken.isWellFormed(value));
    }

    @Test
    void nullIsRejected() {
        assertTrue(SessionToken.parse(null).isEmpty());
        assertFalse(SessionToken.isWellFormedId(null));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        SessionToken token = SessionToken.parse(ID + "." + SECRET).orElseThrow();
        assertFalse(token.toString().contains(SECRET));
        assertTrue(token.toString().contains(ID));
    }
}
