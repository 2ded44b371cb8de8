package dev.latchkey.internal.oauth;

import dev.latchkey.internal.web.ReturnPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state cookie's value, sealed under the server's key, and the page a sign-in returns to. */
class FlowStateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final FlowSeal SEAL = FlowSeal.of(Optional.of(key()), RANDOM);

    private static String key() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static FlowState link(String returnPath) {
        return FlowState.start(RANDOM, NOW, "github", false, returnPath, FlowState.sessionHash("session-id-1"));
    }

    @Test
    void aFlowSurvivesTheCookieExactly() {
        FlowState flow = link("/account?tab=links");
        String value = SEAL.seal(flow);
        assertTrue(value.matches("[A-Za-z0-9._-]+"), "only characters a cookie value may hold: " + value);
        assertEquals(Optional.of(flow), SEAL.open(value));
        assertTrue(flow.link());
        assertFalse(value.contains("session-id-1"), "the session id itself is not in the cookie");
        assertTrue(flow.verifier().matches("[A-Za-z0-9_-]{43}"), "a PKCE verifier of 256 random bits");
        FlowState other = FlowState.start(RANDOM, NOW, "github", true, "/", null);
        assertFalse(other.link());
        assertEquals(Optional.of(other), SEAL.open(SEAL.seal(other)));
        assertNotEquals(flow.state(), other.state());
        assertNotEquals(flow.state(), flow.verifier());
        assertNotEquals(flow.verifier(), flow.nonce());
        assertTrue(!flow.toString().contains(flow.state()) && !flow.toString().contains(flow.verifier()),
                "toString shows no secret: " + flow);
    }

    /** Whatever a browser changes in the cookie, the seal no longer opens: not the link, not the page, not remember-me. */
    @Test
    void aFlowChangedInTheBrowserIsNoFlow() {
        FlowState signIn = FlowState.start(RANDOM, NOW, "corp", false, "/", null);
        String sealed = SEAL.seal(signIn);
        String text = sealed.substring(0, sealed.lastIndexOf('.'));
        String mac = sealed.substring(sealed.lastIndexOf('.') + 1);
        FlowState asLink = new FlowState(signIn.state(), signIn.verifier(), signIn.nonce(), NOW, "corp", false, "/",
                FlowState.sessionHash("victim-session"));
        List<String> forged = List.of(
                asLink.encode() + "." + mac,
                text.replace(".b.", ".r.") + "." + mac,
                text + "." + mac.substring(1) + "A",
                text,
                FlowSeal.of(Optional.of(key()), RANDOM).seal(signIn),
                FlowSeal.of(Optional.empty(), RANDOM).seal(signIn),
                "", "garbage", sealed + ".x", sealed.replace('.', '-'), "a".repeat(2000));
        for (String value : forged) {
            assertEquals(Optional.empty(), SEAL.open(value), value);
        }
        assertEquals(Optional.empty(), SEAL.open(null));
    }

    @Test
    void aNewKeyListedFirstSealsAndTheOldOneStillOpensFlowsUnderWay() {
        String oldKey = key();
        String newKey = key();
        FlowSeal before = FlowSeal.of(Optional.of(oldKey), RANDOM);
        FlowSeal rotating = FlowSeal.of(Optional.of(newKey + ", " + oldKey), RANDOM);
        FlowSeal after = FlowSeal.of(Optional.of(newKey), RANDOM);
        FlowState flow = FlowState.start(RANDOM, NOW, "corp", true, "/", null);
        String underWay = before.seal(flow);
        assertEquals(Optional.of(flow), rotating.open(underWay));
        assertEquals(Optional.of(flow), after.open(rotating.seal(flow)));
        assertEquals(Optional.empty(), after.open(underWay), "once the old key is dropped");
        assertTrue(rotating.configured());
        assertFalse(FlowSeal.of(Optional.empty(), RANDOM).configured());
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> FlowSeal.of(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), RANDOM));
        assertEquals("latchkey.oauth.state-key: each key must be base64 of at least 32 random bytes (openssl rand -base64 32),"
                + " but key 1 is not", shortKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlowSeal.of(Optional.of(newKey + ",not base64!"), RANDOM));
        String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[] {-5, -1, -2, -3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
            12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28});
        assertTrue(FlowSeal.of(Optional.of(urlSafe), RANDOM).configured(), "base64url too: " + urlSafe);
    }

    @Test
    void onlyAPathInsideTheApplicationIsAPlaceToReturnTo() {
        for (String path : List.of("/", "/account", "/a/b?x=1&y=2", "/search?q=%20", "/a/", "/a?next=/../x")) {
            assertEquals(path, ReturnPath.check(path));
        }
        for (String path : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil", "evil",
                "/a\r\nSet-Cookie: x=y", "/tab\there", "/" + "a".repeat(600), "/ünïcode", "", "/..", "/../admin",
                "/a/../../admin", "/%2e%2e/admin", "/.%2E/admin", "/%2E./x", "/./..//evil.example", "/.//evil.example")) {
            assertEquals("/", ReturnPath.check(path), path);
        }
        assertEquals("/", ReturnPath.check(null));
        assertEquals("/b", ReturnPath.check("/a/../b"), "dot segments resolved as a browser does");
        assertEquals("/a/b", ReturnPath.check("/a/./b"));
        assertEquals("/a/", ReturnPath.check("/a/b/%2e%2e"));
        assertEquals("/x?y=../z", ReturnPath.check("/a/../x?y=../z"), "the query is not a path");
    }

    @Test
    void aReturnPathWithTheContextPathInFrontIsToldApart() {
        assertTrue(ReturnPath.startsWithContextPath("/shop/account", "/shop"));
        assertTrue(ReturnPath.startsWithContextPath("/shop", "/shop"));
        assertTrue(ReturnPath.startsWithContextPath("/shop?x", "/shop"));
        assertFalse(ReturnPath.startsWithContextPath("/shopping", "/shop"));
        assertFalse(ReturnPath.startsWithContextPath("/account", "/shop"));
        assertFalse(ReturnPath.startsWithContextPath("/account", ""), "the root application has no context path");
    }
}
