package dev.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the recovery pages take for an e-mail address: one plain address, never a list or a header in disguise. */
class RecoveryLinksTest {

    @Test
    void plainAddressesAreAccepted() {
        String longest = "a".repeat(64) + "@" + "b".repeat(185) + ".com";
        for (String address : List.of("ann@example.com", "a@b.co", "first.last+tag@mail.example.org", "o'neil@example.ie",
                "x_y-z@sub.domain.example", longest)) {
            assertTrue(RecoveryLinks.isAddress(address), address);
        }
    }

    @Test
    void anythingElseIsRefused() {
        String tooLong = "a".repeat(64) + "@" + "b".repeat(186) + ".com";
        for (String text : Arrays.asList(null, "", "   ", "ann.example.com", "ann@", "@example.com", "ann@example",
                "ann@@example.com", "ann@x@example.com", "ann @example.com", " ann@example.com", "ann@example.com ",
                "ann@example.com\r\nBcc: eve@example.com", "ann@example.com\n", "ann\r@example.com", "ann\t@example.com",
                "<ann@example.com>", "Ann <ann@example.com>", "ann@example.com,eve@example.com",
                "ann@example.com;eve@example.com", "ann@example.com.", "ann@.example.com", "\"ann\"@example.com",
                "ann@[127.0.0.1]", "ann\u0000@example.com", tooLong)) {
            assertFalse(RecoveryLinks.isAddress(text), String.valueOf(text));
        }
    }
}
