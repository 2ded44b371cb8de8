package dev.latchkey.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state cookie's value, and the page a sign-in returns to. */
class FlowStateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aFlowSurvivesTheCookieExactly() {
        FlowState flow = FlowState.start(new SecureRandom(), NOW, "github", true, false, "/account?tab=links");
        String value = flow.encode();
        assertTrue(value.matches("[A-Za-z0-9._-]+"), "only characters a cookie value may hold: " + value);
        assertEquals(Optional.of(flow), FlowState.decode(value));
        assertTrue(flow.verifier().matches("[A-Za-z0-9_-]{43}"), "a PKCE verifier of 256 random bits");
        FlowState other = FlowState.start(new SecureRandom(), NOW, "github", true, false, "/");
        assertNotEquals(flow.state(), other.state());
        assertNotEquals(flow.state(), flow.verifier());
        assertNotEquals(flow.verifier(), flow.nonce());
        assertTrue(!flow.toString().contains(flow.state()) && !flow.toString().contains(flow.verifier()),
                "toString shows no secret: " + flow);
    }

    @Test
    void anythingElseIsNoFlow() {
        String good = FlowState.start(new SecureRandom(), NOW, "corp", false, true, "/").encode();
        String[] parts = good.split("\\.");
        List<String> bad = List.of("", "garbage", good + ".x", good.replace('.', '-'), "a".repeat(2000),
                good.substring(1), parts[0] + "." + parts[1] + "." + parts[2] + ".-5." + parts[4] + "." + parts[5] + "." + parts[6],
                good.replace(".corp.", ".CORP."), good.replace(".sr.", ".xx."),
                parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3] + "." + parts[4] + "." + parts[5] + ".%%%");
        for (String value : bad) {
            assertEquals(Optional.empty(), FlowState.decode(value), value);
        }
        assertEquals(Optional.empty(), FlowState.decode(null));
    }

    @Test
    void onlyAPathInsideTheApplicationIsAPlaceToReturnTo() {
        for (String path : List.of("/", "/account", "/a/b?x=1&y=2", "/search?q=%20")) {
            assertEquals(path, ReturnPath.check(path));
        }
        for (String path : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil", "evil",
                "/a\r\nSet-Cookie: x=y", "/tab\there", "/" + "a".repeat(600), "/ünïcode", "")) {
            assertEquals("/", ReturnPath.check(path), path);
        }
        assertEquals("/", ReturnPath.check(null));
    }
}
