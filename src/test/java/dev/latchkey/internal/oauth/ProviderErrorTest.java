package dev.latchkey.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a provider's error looks like in a log line: nothing it wrote starts a line or passes for a field. */
class ProviderErrorTest {

    @Test
    void theCodeAndTheDescriptionAreEscaped() {
        assertEquals("invalid_client (\"Client authentication failed\")",
                ProviderError.describe("invalid_client", "Client authentication failed"));
        String forged = ProviderError.describe("server_error", "oops\r\nLK-001 Latchkey ready: \"admin\" \\ ok\u2028");
        assertEquals("server_error (\"oops\\u000d\\u000aLK-001 Latchkey ready: \\\"admin\\\" \\\\ ok\\u2028\")", forged);
        assertFalse(forged.contains("\n") || forged.contains("\r"));
        assertEquals("an unreadable error", ProviderError.describe("<script>", null));
        assertEquals("an unreadable error (\"x\")", ProviderError.describe("bad\ncode", "x"));
        assertTrue(ProviderError.describe("e", "y".repeat(1000)).length() < 140, "cut short");
        assertTrue(ProviderError.userDeclined("access_denied"));
        assertFalse(ProviderError.userDeclined("server_error"));
        assertEquals("a?b?c", FlowFailure.printable("a\nb\u0000c", 10));
    }
}
