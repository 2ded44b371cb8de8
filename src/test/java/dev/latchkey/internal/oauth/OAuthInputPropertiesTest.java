package dev.latchkey.internal.oauth;

import dev.latchkey.internal.web.ReturnPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.oauth.OAuthSignIn;
import java.security.SecureRandom;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Return paths, provider names, cookie values, tokens and a provider's error text of any kind — unpaired
 * surrogates, NUL, dot segments, schemes, thousands of characters: every public (and every internal)
 * method that takes them answers with a safe value or a refusal, never an exception.
 */
class OAuthInputPropertiesTest {

    private static final FlowSeal SEAL = FlowSeal.of(Optional.empty(), new SecureRandom());
    private static final Latchkey LATCHKEY = new Latchkey(new InMemorySessionStore(), java.time.Clock.systemUTC(),
            LatchkeyConfig.defaults());

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().all().ofMinLength(300).ofMaxLength(3000),
                Arbitraries.strings().withChars('/', '.', '%', '2', 'e', 'E', '\\', '?', '#', 'a', ':', '\u0000', '\ud800')
                        .ofMaxLength(24).map(s -> "/" + s),
                Arbitraries.of("", "/", "//evil.example", "/..", "/%2e%2e/x", "https://evil.example", "/a/../../b", "\ud800",
                        "/\u0000", "javascript:alert(1)"));
    }

    @Property(tries = 1000)
    void aReturnPathIsAlwaysAPathInsideTheApplication(@ForAll("text") String path) {
        String checked = ReturnPath.check(path);
        assertTrue(checked.startsWith("/") && !checked.startsWith("//") && !checked.startsWith("/\\"), checked);
        assertEquals(checked, ReturnPath.check(checked), "a checked path is its own check");
        String onlyPath = checked.split("[?#]", 2)[0];
        for (String segment : onlyPath.split("/")) {
            assertFalse(segment.equals("..") || segment.equalsIgnoreCase("%2e%2e") || segment.equalsIgnoreCase(".%2e")
                    || segment.equalsIgnoreCase("%2e."), checked);
        }
    }

    @Property(tries = 300)
    void signInLinksAreBuiltForAnyNameAndPath(@ForAll("text") String provider, @ForAll("text") String path) {
        OAuthSignIn links = new SignInLinks();
        for (String link : new String[] {links.signInPath(provider, path), links.signInRememberedPath(provider, path),
            links.linkPath(provider, path)}) {
            assertTrue(link.startsWith("/latchkey/oauth/") && link.chars().allMatch(c -> c > 0x20 && c < 0x7f), link);
        }
    }

    @Property(tries = 1000)
    void anyCookieValueOpensToNothingButASealedFlow(@ForAll("text") String value) {
        assertEquals(Optional.empty(), SEAL.open(value));
        assertEquals(Optional.empty(), FlowState.decode(value));
    }

    @Property(tries = 300)
    void aProvidersErrorOfAnyTextIsOneLine(@ForAll("text") String code, @ForAll("text") String description) {
        String described = ProviderError.describe(code, description);
        assertTrue(described.chars().allMatch(c -> c >= 0x20 && c < 0x7f), described);
        assertTrue(FlowFailure.printable(description, 200).chars().allMatch(c -> c >= 0x20 && c < 0x7f));
    }

    @Property(tries = 1000)
    void anyTokenOrHeaderIsRefusedWithAReason(@ForAll("text") String token) {
        assertTrue(LATCHKEY.validateSession(token).rejection().isPresent());
        LATCHKEY.readBearerToken(token).ifPresent(read -> assertTrue(LATCHKEY.validateSession(read).rejection().isPresent()));
    }
}
