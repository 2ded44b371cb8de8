package dev.latchkey.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A one-time token's text: its shape, read back as written, and never shown whole, nor a message's link or code. */
class TokenTextTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aTokenIsAnIdADotAndASecretInLowercaseBase32() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            TokenText token = TokenText.generate(random);
            String value = token.value();
            assertEquals(59, value.length(), value);
            assertEquals(TokenText.LENGTH, value.length());
            assertTrue(value.matches("[a-z2-7]{26}\\.[a-z2-7]{32}"), value);
            assertEquals(26, token.id().length());
            assertEquals(32, token.secret().length());
            assertTrue(seen.add(value), "no two alike");
        }
    }

    @Test
    void whatIsWrittenIsReadBackAndNothingElse() {
        TokenText token = TokenText.generate(random);
        assertEquals(Optional.of(token), TokenText.parse(token.value()));
        String value = token.value();
        for (String bad : Arrays.asList(null, "", value + "a", value.substring(1), value.toUpperCase(Locale.ROOT),
                value.replace('.', 'a'), token.id() + "a" + "." + token.secret().substring(1), value.substring(0, 58) + "1",
                value.substring(0, 58) + "8", value.substring(0, 58) + "=", value.substring(0, 58) + "\u00e9",
                "." + value.substring(1),
                value.substring(0, 26) + "." + value.substring(27, 58) + ".")) {
            assertEquals(Optional.empty(), TokenText.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void onlyHashesAreStoredAndACodeIsBoundToItsSecret() {
        TokenText one = TokenText.generate(random);
        TokenText two = TokenText.generate(random);
        assertNotEquals(one.secret(), one.secretHash());
        assertFalse(one.secretHash().contains(one.secret()));
        assertNotEquals(one.codeHash("123456"), two.codeHash("123456"), "the same code of two challenges");
        assertTrue(TokenText.sameHash(one.codeHash("123456"), one.codeHash("123456")));
        assertFalse(TokenText.sameHash(one.codeHash("123456"), one.codeHash("123457")));
        assertFalse(TokenText.sameHash(null, one.secretHash()), "a row without a code hash matches no code");
    }

    @Test
    void nothingShowsASecretLinkOrCode() {
        TokenText token = TokenText.generate(random);
        assertFalse(token.toString().contains(token.secret()), token.toString());
        assertTrue(token.toString().contains(token.id()), "the id may be shown, to follow a token in a log");

        String link = "https://app.example/latchkey/recovery/sign-in?token=" + token.value();
        OutOfBandMessage withLink = new OutOfBandMessage(MessageKind.SIGN_IN_LINK, "ann@example.com", link, null,
                Duration.ofMinutes(10), null);
        assertFalse(withLink.toString().contains(token.value()) || withLink.toString().contains("token="), withLink.toString());
        assertTrue(withLink.toString().contains("ann@example.com") && withLink.toString().contains("SIGN_IN_LINK"));
        assertEquals(Locale.ENGLISH, withLink.locale(), "English when the request said nothing");

        OutOfBandMessage withCode = new OutOfBandMessage(MessageKind.SIGN_IN_CODE, "ann@example.com", null, "042917",
                Duration.ofMinutes(10), Locale.GERMAN);
        assertFalse(withCode.toString().contains("042917"), withCode.toString());

        CodeChallenge challenge = new CodeChallenge(token.value(), "042917");
        assertFalse(challenge.toString().contains(token.secret()) || challenge.toString().contains(token.id())
                || challenge.toString().contains("042917"), challenge.toString());
    }
}
