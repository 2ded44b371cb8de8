package dev.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latchkey.oauth.ProviderTokens;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Provider tokens sealed for the database: they open only with the key, for their own row, unaltered. */
class TokenSealTest {

    private static final ProviderTokens TOKENS = new ProviderTokens("gho_access", "ghr_refresh",
            Instant.parse("2026-11-23T11:00:00Z"), List.of("read:user", "user:email"));

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void sealedTokensOpenOnlyWithTheKeyForTheirOwnRow() {
        TokenSeal seal = TokenSeal.of(key());
        String sealed = seal.seal(TOKENS, "ada", "github");
        assertFalse(sealed.contains("gho_access") || sealed.contains("ghr_refresh"));
        assertNotEquals(sealed, seal.seal(TOKENS, "ada", "github"), "a fresh nonce each time");
        assertEquals(Optional.of(TOKENS), seal.open(sealed, "ada", "github"));
        assertEquals(Optional.empty(), seal.open(sealed, "eve", "github"), "copied to another account's row");
        assertEquals(Optional.empty(), seal.open(sealed, "ada", "google"), "copied to another provider's row");
        assertEquals(Optional.empty(), TokenSeal.of(key()).open(sealed, "ada", "github"), "another key");
        char flipped = sealed.charAt(20) == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), seal.open(sealed.substring(0, 20) + flipped + sealed.substring(21), "ada", "github"));
        assertEquals(Optional.empty(), seal.open("not base64 !", "ada", "github"));
        assertEquals(Optional.empty(), seal.open("", "ada", "github"));
        ProviderTokens bare = new ProviderTokens("t", null, null, List.of());
        assertEquals(Optional.of(bare), seal.open(seal.seal(bare, "ada", "x"), "ada", "x"));
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> TokenSeal.of(shortKey));
        assertEquals("latchkey.accounts.token-key must be 32 random bytes in base64 (openssl rand -base64 32); it is 16 bytes",
                tooShort.getMessage());
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class, () -> TokenSeal.of("my secret!"));
        assertFalse(notBase64.getMessage().contains("my secret"));
        byte[] urlSafe = new byte[32];
        urlSafe[0] = (byte) 0xfb;
        TokenSeal.of(Base64.getUrlEncoder().encodeToString(urlSafe));
    }
}
